// The live push's queries: the alert event log (numbered in commit order by migration 0013's trigger),
// what a resuming client missed in its jurisdiction, pruning, and whether a stream's session still holds.
import { isSessionAlive } from '@civgrid/domain';
import { sql } from 'kysely';
import { sha256 } from '../../platform/crypto.ts';
import type { Db } from '../../platform/db.ts';
import { pathWithin } from '../../platform/scope.ts';

export interface AlertEventRow {
  seq: bigint;
  alertId: string;
  orgPath: string;
}

const PRUNED_KEY = 'live.alert-events-pruned-through';

/** The highest event number so far (0 before the first). */
export async function latestSeq(db: Db): Promise<bigint> {
  const { rows } = await sql<{ seq: string | null }>`select max(seq)::text as seq from alert_event`.execute(
    db,
  );
  return BigInt(rows[0]?.seq ?? '0');
}

/** The events after `after`, in order, at most `limit`. Unscoped: the hub reads every event once and
 *  decides per client. */
export async function eventsAfter(db: Db, after: bigint, limit: number): Promise<AlertEventRow[]> {
  const { rows } = await sql<{ seq: string; alert_id: string; org_path: string }>`
    select e.seq::text, e.alert_id, e.org_path::text from alert_event e where e.seq > ${after.toString()}::bigint
    order by e.seq limit ${limit}`.execute(db);
  return rows.map((r) => ({ seq: BigInt(r.seq), alertId: r.alert_id, orgPath: r.org_path }));
}

/** What a client resuming after `after` missed inside `scopePath`: the latest event of each alert (its
 *  current state is what is sent), in order; at most `limit` + 1, so the caller can tell "too many". */
export async function missedInScope(
  db: Db,
  scopePath: string,
  after: bigint,
  limit: number,
): Promise<AlertEventRow[]> {
  const { rows } = await sql<{ seq: string; alert_id: string; org_path: string }>`
    select latest.seq::text, latest.alert_id, latest.org_path from (
      select distinct on (alert_id) seq, alert_id, org_path::text from alert_event
      where seq > ${after.toString()}::bigint and ${pathWithin('org_path', scopePath)}
      order by alert_id, seq desc
    ) latest order by latest.seq limit ${limit + 1}`.execute(db);
  return rows.map((r) => ({ seq: BigInt(r.seq), alertId: r.alert_id, orgPath: r.org_path }));
}

/** The number up to which events were pruned (a client behind it must reload instead of resuming). */
export async function prunedThrough(db: Db): Promise<bigint> {
  const row = await db
    .selectFrom('app_setting')
    .select('value')
    .where('key', '=', PRUNED_KEY)
    .executeTakeFirst();
  return BigInt(typeof row?.value === 'string' || typeof row?.value === 'number' ? row.value : 0);
}

/** Drops events older than `keepHours` and records the highest number dropped. */
export async function pruneEvents(db: Db, keepHours: number): Promise<void> {
  await sql`
    with dropped as (
      delete from alert_event where at < now() - make_interval(hours => ${keepHours}) returning seq
    )
    insert into app_setting (key, value, updated_at)
    select ${PRUNED_KEY}, to_jsonb(max(seq)::text), now() from dropped having count(*) > 0
    on conflict (key) do update set value = to_jsonb(greatest((app_setting.value #>> '{}')::bigint,
                                                              (excluded.value #>> '{}')::bigint)::text),
                                    updated_at = excluded.updated_at`.execute(db);
}

/** Whether the session behind a stream is still alive (without touching it: an open stream is not a
 *  user at work, so it must not keep an idle session from expiring). */
export async function isStreamSessionAlive(db: Db, token: string, now: Date): Promise<boolean> {
  const row = await db
    .selectFrom('user_session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .select(['s.created_at', 's.last_seen_at', 'u.disabled_at'])
    .where('s.token_hash', '=', sha256(token))
    .executeTakeFirst();
  return (
    row !== undefined && row.disabled_at === null && isSessionAlive(row.created_at, row.last_seen_at, now)
  );
}
