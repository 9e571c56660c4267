// Roster and field-work queries. Workers are reached through their account (`app_user`, a scoped table);
// check-ins and patrols carry the org path of their worker's scope when they were made.
import { sql } from 'kysely';
import type { Actor } from '../../platform/actor.ts';
import type { Queryable } from '../../platform/db.ts';
import { pathWithin, scopedFrom } from '../../platform/scope.ts';

export interface GridRef {
  id: string;
  code: string;
  name: string;
  path: string;
}

/** The grids a worker covers: its assigned grids, or without any, its scope unit. */
const gridsOf = sql<GridRef[]>`coalesce(
  (select json_agg(json_build_object('id', g.id::text, 'code', g.code, 'name', g.name, 'path', g.org_path::text)
     order by g.code)
   from field_worker_grid fg join org_unit g on g.id = fg.grid_id where fg.user_id = app_user.id),
  json_build_array(json_build_object('id', o.id::text, 'code', o.code, 'name', o.name, 'path', o.org_path::text))
)`.as('grids');

export const workerColumns = [
  'app_user.id',
  'app_user.username',
  'app_user.display_name',
  'app_user.disabled_at',
  'app_user.org_path',
  'o.code as unit_code',
  'o.name as unit_name',
  'o.level as unit_level',
  'w.title',
  'w.badge_no',
  'w.id_number_mask',
  'w.recruited_on',
  'w.left_on',
  'w.equipment',
  'w.duties',
  'w.registration_file',
  'w.updated_at',
  gridsOf,
] as const;

export function workersQuery(
  db: Queryable,
  actor: Actor,
  filter: { q?: string; underPath?: string; status?: 'active' | 'left' | 'all' },
) {
  let query = scopedFrom(db, actor, 'app_user')
    .innerJoin('org_unit as o', 'o.id', 'app_user.scope_id')
    .leftJoin('field_worker as w', 'w.user_id', 'app_user.id')
    .where('app_user.role', '=', 'grid-worker');
  if (filter.underPath) query = query.where(pathWithin('app_user.org_path', filter.underPath));
  if (filter.status === 'active') query = query.where('app_user.disabled_at', 'is', null);
  if (filter.status === 'left') query = query.where('app_user.disabled_at', 'is not', null);
  if (filter.q) {
    const prefix = `${filter.q.replace(/[%_\\]/g, '\\$&')}%`;
    query = query.where((eb) =>
      eb.or([
        eb('app_user.display_name', 'like', prefix),
        eb('app_user.username', 'like', prefix),
        eb('w.badge_no', 'like', prefix),
      ]),
    );
  }
  return query;
}

export function listWorkers(
  db: Queryable,
  actor: Actor,
  filter: Parameters<typeof workersQuery>[2],
  page: { limit: number; offset: number },
) {
  const query = workersQuery(db, actor, filter);
  return Promise.all([
    query
      .select(workerColumns)
      .orderBy('o.code')
      .orderBy('app_user.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    query.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow(),
  ]);
}

export function findWorker(db: Queryable, actor: Actor, id: string) {
  return workersQuery(db, actor, { status: 'all' })
    .select(workerColumns)
    .where('app_user.id', '=', id)
    .executeTakeFirst();
}
export type WorkerRow = NonNullable<Awaited<ReturnType<typeof findWorker>>>;

export function decisionsOf(db: Queryable, userIds: readonly string[], months?: readonly string[]) {
  if (userIds.length === 0) return Promise.resolve([]);
  let query = db
    .selectFrom('field_assessment as a')
    .innerJoin('app_user as d', 'd.id', 'a.decided_by')
    .select([
      'a.user_id',
      'a.month',
      'a.score',
      'a.grade',
      'a.pay_coefficient',
      'a.reward_penalty',
      'a.deployment',
      'a.note',
      'a.decided_at',
      'd.display_name as decided_by',
    ])
    .where('a.user_id', 'in', userIds);
  if (months)
    query = query.where(
      'a.month',
      'in',
      months.map((m) => `${m}-01`),
    );
  return query.orderBy('a.month', 'desc').execute();
}
export type DecisionRow = Awaited<ReturnType<typeof decisionsOf>>[number];

/** Grid units by code in the actor's jurisdiction. */
export function gridsByCode(db: Queryable, actor: Actor, codes: readonly string[]) {
  return scopedFrom(db, actor, 'org_unit')
    .select(['org_unit.id', 'org_unit.code', 'org_unit.name', 'org_unit.org_path', 'org_unit.level'])
    .where('org_unit.code', 'in', codes)
    .execute();
}

/** The grids (level `grid`) at or under `path`. */
export function gridsUnder(db: Queryable, path: string) {
  return db
    .selectFrom('org_unit')
    .select(['id', 'code', 'name', 'org_path'])
    .where('level', '=', 'grid')
    .where(pathWithin('org_unit.org_path', path))
    .orderBy('code')
    .execute();
}

export function checkinByClientId(db: Queryable, userId: string, clientId: string) {
  return db
    .selectFrom('field_checkin')
    .selectAll()
    .where('user_id', '=', userId)
    .where('client_id', '=', clientId)
    .executeTakeFirst();
}

export function patrolByClientId(db: Queryable, userId: string, clientId: string, lock = false) {
  const query = db
    .selectFrom('field_patrol')
    .selectAll()
    .select(
      sql<number>`(select count(*)::int from field_patrol_point p where p.patrol_id = field_patrol.id)`.as(
        'points',
      ),
    )
    .where('user_id', '=', userId)
    .where('client_id', '=', clientId);
  return (lock ? query.forUpdate() : query).executeTakeFirst();
}
export type PatrolRow = NonNullable<Awaited<ReturnType<typeof patrolByClientId>>>;

export function checkinsOf(db: Queryable, userIds: readonly string[], from: Date, to: Date) {
  if (userIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('field_checkin')
    .selectAll()
    .where('user_id', 'in', userIds)
    .where('at', '>=', from)
    .where('at', '<', to)
    .orderBy('at')
    .execute();
}

/** The patrols of `userIds` that may touch [from, to), with their points inside it. */
export async function patrolsOf(db: Queryable, userIds: readonly string[], from: Date, to: Date) {
  if (userIds.length === 0) return [];
  const patrols = await db
    .selectFrom('field_patrol')
    .select(['id', 'user_id', 'started_at', 'ended_at'])
    .where('user_id', 'in', userIds)
    .where('started_at', '<', to)
    // an open patrol may have fixes long after its start; a closed one ends before `from` or not
    .where((eb) => eb.or([eb('ended_at', 'is', null), eb('ended_at', '>=', from)]))
    .orderBy('started_at')
    .execute();
  if (patrols.length === 0) return [];
  const points = await db
    .selectFrom('field_patrol_point')
    .select(['patrol_id', 'at', 'lng', 'lat', 'accuracy'])
    .where(
      'patrol_id',
      'in',
      patrols.map((p) => p.id),
    )
    .where('at', '>=', from)
    .where('at', '<', to)
    .orderBy('patrol_id')
    .orderBy('at')
    .execute();
  const byPatrol = new Map<string, typeof points>();
  for (const p of points) {
    const list = byPatrol.get(p.patrol_id);
    if (list) list.push(p);
    else byPatrol.set(p.patrol_id, [p]);
  }
  return patrols.map((p) => ({ ...p, points: byPatrol.get(p.id) ?? [] }));
}

/** Buildings of the given grids, placed. */
export function buildingsOfGrids(db: Queryable, gridIds: readonly string[]) {
  if (gridIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('building')
    .select(['id', 'code', 'grid_id', 'lng', 'lat'])
    .where('grid_id', 'in', gridIds)
    .orderBy('code')
    .execute();
}

/** The county units (second label of a path) by code. */
export function countiesByCode(db: Queryable, codes: readonly string[]) {
  if (codes.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('org_unit as c')
    .leftJoin('field_assessment_setting as s', 's.county_id', 'c.id')
    .select(['c.id', 'c.code', 'c.org_path', 's.settings', 's.updated_at'])
    .where('c.level', '=', 'county')
    .where('c.code', 'in', codes)
    .execute();
}
