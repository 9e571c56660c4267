// Server-side sessions in PostgreSQL. The cookie carries a random token; the table holds only its hash.
// A session ends after 30 idle minutes, 12 hours after login, at logout, or when its user is disabled.
import { isSessionAlive } from '@civgrid/domain';
import { type Actor, userActor } from './actor.ts';
import type { Context } from './context.ts';
import { randomToken, sha256 } from './crypto.ts';
import { listenerOf, type PgListener } from './listener.ts';

export const SESSION_COOKIE = 'civgrid_session';
// Writing last_seen_at on every request would turn each read into a write; a minute's slack is harmless
// against a 30-minute idle limit.
const TOUCH_INTERVAL_MS = 60_000;

// Resolved sessions are kept in memory, so a request costs no query for its session. Triggers announce
// every end of a session and every change of a user (NOTIFY civgrid_session, migration 0018); each
// process drops what it heard of at once. While the announcements cannot be heard (the listening
// connection is down) nothing is served from memory; the age limit bounds what a lost one could leave.
const CACHE_MS = 30_000;
const CACHE_SIZE = 20_000;

type SessionRow = NonNullable<Awaited<ReturnType<typeof readSession>>>;

class SessionCache {
  private readonly entries = new Map<string, { row: SessionRow; at: number }>();
  /** Counts what was forgotten, so a read that raced an announcement is not kept. */
  forgotten = 0;
  listening = false;

  constructor(private readonly listener: PgListener) {}

  private get hearing() {
    return this.listening && this.listener.connected;
  }

  get(key: string): SessionRow | undefined {
    const entry = this.hearing ? this.entries.get(key) : undefined;
    return entry && performance.now() - entry.at < CACHE_MS ? entry.row : undefined;
  }

  set(key: string, row: SessionRow, forgottenBefore: number) {
    if (!this.hearing || this.forgotten !== forgottenBefore) return;
    if (this.entries.size >= CACHE_SIZE) this.entries.clear();
    this.entries.set(key, { row, at: performance.now() });
  }

  /** A token hash (hex) or `user:<id>`: drops that session, or every session of that user. */
  forget(payload: string) {
    this.forgotten++;
    if (!payload.startsWith('user:')) this.entries.delete(payload);
    else
      for (const [key, { row }] of this.entries) if (`user:${row.id}` === payload) this.entries.delete(key);
  }

  clear() {
    this.forgotten++;
    this.entries.clear();
  }
}

const caches = new WeakMap<Context, SessionCache>();

function cacheOf(ctx: Context): SessionCache {
  const cache = caches.get(ctx);
  if (cache) return cache;
  const listener = listenerOf(ctx);
  const created = new SessionCache(listener);
  caches.set(ctx, created);
  listener
    .listen(
      'civgrid_session',
      (payload) => created.forget(payload),
      () => created.clear(),
    )
    .then(
      () => {
        created.listening = true;
        listener.onClose(() => {
          created.listening = false;
          created.clear();
        });
      },
      () => {},
    );
  return created;
}

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
  const key = tokenHash.toString('hex');
  const cache = cacheOf(ctx);
  let row = cache.get(key);
  if (!row) {
    const forgottenBefore = cache.forgotten;
    row = await readSession(ctx, tokenHash);
    if (!row) return null;
    cache.set(key, row, forgottenBefore);
  }
  const now = ctx.now();
  if (row.disabled_at || !isSessionAlive(row.created_at, row.last_seen_at, now)) {
    await ctx.db.deleteFrom('user_session').where('token_hash', '=', tokenHash).execute();
    cache.forget(key);
    return { expired: true };
  }
  if (now.getTime() - row.last_seen_at.getTime() > TOUCH_INTERVAL_MS) {
    await ctx.db
      .updateTable('user_session')
      .set({ last_seen_at: now })
      .where('token_hash', '=', tokenHash)
      .execute();
    row.last_seen_at = now;
  }
  return {
    actor: userActor(row, ip),
  };
}

function readSession(ctx: Context, tokenHash: Buffer) {
  return ctx.db
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
}

/** Drops a user's sessions from this process's memory at once (after their rows were deleted or the user
 *  changed; other processes hear of it). */
export function forgetSessionsOf(ctx: Context, userId: string): void {
  cacheOf(ctx).forget(`user:${userId}`);
}

export async function deleteSession(ctx: Context, token: string): Promise<void> {
  const tokenHash = sha256(token);
  await ctx.db.deleteFrom('user_session').where('token_hash', '=', tokenHash).execute();
  // Heard by every process a moment after the commit; this one drops it before it answers.
  cacheOf(ctx).forget(tokenHash.toString('hex'));
}
