// Server-side sessions in PostgreSQL. The cookie carries a random token; the table holds only its hash.
// A session ends after 30 idle minutes, 12 hours after login, at logout, or when its user is disabled.
import { isSessionAlive } from '@civgrid/domain';
import { type Actor, userActor } from './actor.ts';
import type { Context } from './context.ts';
import { randomToken, sha256 } from './crypto.ts';

export const SESSION_COOKIE = 'civgrid_session';
// Writing last_seen_at on every request would turn each read into a write; a minute's slack is harmless
// against a 30-minute idle limit.
const TOUCH_INTERVAL_MS = 60_000;

export async function createSession(
  ctx: Context,
  userId: string,
  ip: string | null,
  userAgent: string | null,
) {
  const token = randomToken();
  const now = ctx.now();
  await ctx.db
    .insertInto('user_session')
    .values({
      token_hash: sha256(token),
      user_id: userId,
      created_at: now,
      last_seen_at: now,
      ip,
      user_agent: userAgent,
    })
    .execute();
  return token;
}

export type SessionLookup = { actor: Actor } | { expired: true } | null;

/** The actor behind a session token; `expired` when the session existed but is over (and is now deleted). */
export async function resolveSession(ctx: Context, token: string, ip: string | null): Promise<SessionLookup> {
  const tokenHash = sha256(token);
  const row = await ctx.db
    .selectFrom('user_session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .innerJoin('org_unit as o', 'o.id', 'u.scope_id')
    .select([
      's.created_at',
      's.last_seen_at',
      'u.id',
      'u.username',
      'u.role',
      'u.disabled_at',
      'u.org_path',
      'o.code as scope_code',
      'o.name as scope_name',
      'o.level as scope_level',
    ])
    .where('s.token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row) return null;
  const now = ctx.now();
  if (row.disabled_at || !isSessionAlive(row.created_at, row.last_seen_at, now)) {
    await ctx.db.deleteFrom('user_session').where('token_hash', '=', tokenHash).execute();
    return { expired: true };
  }
  if (now.getTime() - row.last_seen_at.getTime() > TOUCH_INTERVAL_MS) {
    await ctx.db
      .updateTable('user_session')
      .set({ last_seen_at: now })
      .where('token_hash', '=', tokenHash)
      .execute();
  }
  return {
    actor: userActor(row, ip),
  };
}

export async function deleteSession(ctx: Context, token: string): Promise<void> {
  await ctx.db.deleteFrom('user_session').where('token_hash', '=', sha256(token)).execute();
}
