import { sql } from 'kysely';
import type { Actor } from '../../platform/actor.ts';
import type { Queryable } from '../../platform/db.ts';
import { scopedFrom } from '../../platform/scope.ts';

const columns = [
  'app_user.id',
  'app_user.username',
  'app_user.display_name',
  'app_user.role',
  'app_user.disabled_at',
  'app_user.locked_until',
  'app_user.last_login_at',
  'app_user.created_at',
  'o.code as scope_code',
  'o.name as scope_name',
  'o.level as scope_level',
] as const;

function scopedUsers(db: Queryable, actor: Actor) {
  return scopedFrom(db, actor, 'app_user').innerJoin('org_unit as o', 'o.id', 'app_user.scope_id');
}

export type UserRow = NonNullable<Awaited<ReturnType<typeof findUser>>>;

export function findUser(db: Queryable, actor: Actor, id: string) {
  return scopedUsers(db, actor).select(columns).where('app_user.id', '=', id).executeTakeFirst();
}

export function listUsers(
  db: Queryable,
  actor: Actor,
  filter: { q?: string; role?: string; limit: number; offset: number },
) {
  let query = scopedUsers(db, actor);
  if (filter.role) query = query.where('app_user.role', '=', filter.role);
  if (filter.q) {
    const like = `%${filter.q.replace(/[%_\\]/g, '\\$&')}%`;
    query = query.where((eb) =>
      eb.or([eb('app_user.username', 'ilike', like), eb('app_user.display_name', 'ilike', like)]),
    );
  }
  return Promise.all([
    query.select(columns).orderBy('app_user.username').limit(filter.limit).offset(filter.offset).execute(),
    query.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow(),
  ]);
}

export function findUnitInScope(db: Queryable, actor: Actor, code: string) {
  return scopedFrom(db, actor, 'org_unit')
    .select(['org_unit.id', 'org_unit.level', 'org_unit.org_path'])
    .where('org_unit.code', '=', code)
    .executeTakeFirst();
}

export async function endSessions(db: Queryable, userId: string): Promise<number> {
  const result = await db.deleteFrom('user_session').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}
