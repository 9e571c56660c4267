// Unacknowledged alerts climb: an alert nobody acknowledged by its deadline (the rule's `ackMinutes`
// after it was raised) goes to the township centre of its grid. Runs every few minutes in every process;
// an advisory lock lets one do the work, and the update's own conditions make a race with a person's
// acknowledgement harmless (an acknowledged alert is simply not escalated).
import { dueAlertEscalations } from '@civgrid/domain';
import { sql } from 'kysely';
import { type Actor, systemActor } from '../../platform/actor.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { Context } from '../../platform/context.ts';
import type { AlertStatus } from '../../platform/db-types.ts';
import { cityRoot } from '../org/service.ts';

const LOCK = `hashtext('civgrid alert escalation')`;
export const ALERT_ESCALATION_INTERVAL_MS = 5 * 60_000;
const BATCH = 1000;

/** Escalates every overdue unacknowledged alert once; `null` when another process is already at it. */
export async function escalateUnacknowledged(ctx: Context): Promise<{ escalated: number } | null> {
  const client = await ctx.pool.connect();
  try {
    const { rows } = await client.query<{ locked: boolean }>(
      `select pg_try_advisory_lock(${LOCK}) as locked`,
    );
    if (!rows[0]!.locked) return null;
    try {
      let escalated = 0;
      for (;;) {
        const batch = await escalateBatch(ctx);
        escalated += batch.escalated;
        if (!batch.isFull) break;
      }
      return { escalated };
    } finally {
      await client.query(`select pg_advisory_unlock(${LOCK})`);
    }
  } finally {
    client.release();
  }
}

async function escalateBatch(ctx: Context): Promise<{ escalated: number; isFull: boolean }> {
  const root = await cityRoot(ctx.db);
  if (!root) return { escalated: 0, isFull: false };
  const actor: Actor = systemActor(root, 'alert-escalation');
  const now = ctx.now();
  // Unscoped on purpose: the system works for the whole city and no row leaves this function.
  const candidates = await ctx.db
    .selectFrom('alert')
    .select(['id', 'status', 'level', 'ack_due_at'])
    .where('status', 'in', ['new', 'dispatched'])
    .where('escalated_at', 'is', null)
    .where('ack_due_at', '<', now)
    .orderBy('ack_due_at')
    .limit(BATCH)
    .execute();
  const due = dueAlertEscalations(
    candidates.map((c) => ({
      id: c.id,
      status: c.status as AlertStatus,
      level: c.level,
      ackDueAt: c.ack_due_at,
    })),
    now,
  );
  const isFull = candidates.length === BATCH;
  if (due.length === 0) return { escalated: 0, isFull };
  const escalated = await ctx.db.transaction().execute(async (tx) => {
    // The township centre's first active operator, when the township has one; the alert is the
    // township's either way (level), so its centre sees it in its queue.
    const { rows } = await sql<{ id: string; org_path: string; assignee_id: string | null }>`
      update alert a set level = 'township', escalated_at = ${now}, version = a.version + 1,
        assignee_id = coalesce(t.id, a.assignee_id),
        status = case when coalesce(t.id, a.assignee_id) is null then 'new' else 'dispatched' end,
        dispatched_at = case when t.id is null then a.dispatched_at else ${now}::timestamptz end
      from alert x
      left join lateral (
        select u.id from app_user u
        where u.role = 'township-centre' and u.disabled_at is null
          and u.org_path = subpath(x.org_path, 0, 3)
        order by u.id limit 1
      ) t on nlevel(x.org_path) >= 3
      where a.id = x.id and x.id = any(${due}::bigint[])
        and a.status in ('new', 'dispatched') and a.escalated_at is null
      returning a.id, a.org_path::text, a.assignee_id`.execute(tx);
    if (rows.length === 0) return 0;
    await sql`
      insert into alert_action (alert_id, at, action, actor, details)
      select r.id, ${now}::timestamptz, 'escalate', ${actor.name}::text,
        jsonb_build_object('to', 'township', 'assignee', r.assignee::text)
      from unnest(${rows.map((r) => r.id)}::bigint[], ${rows.map((r) => r.assignee_id)}::bigint[]) as r(id, assignee)`.execute(
      tx,
    );
    const byGrid = new Map<string, string[]>();
    for (const r of rows) byGrid.set(r.org_path, [...(byGrid.get(r.org_path) ?? []), r.id]);
    for (const [orgPath, ids] of byGrid)
      await appendAudit(
        tx,
        actor,
        { action: 'alert.escalate', targetType: 'alert', orgPath, details: { to: 'township', ids } },
        now,
      );
    return rows.length;
  });
  return { escalated, isFull };
}

/** Runs the escalation now and then every few minutes; returns the function that stops it. */
export function startAlertEscalation(ctx: Context, log: (line: string) => void): () => void {
  const run = async () => {
    try {
      const summary = await escalateUnacknowledged(ctx);
      if (summary && summary.escalated > 0)
        log(`alerts: ${summary.escalated} unacknowledged alerts escalated to the township`);
    } catch (error) {
      log(`alert escalation failed: ${(error as Error).message}`);
    }
  };
  void run();
  const timer = setInterval(run, ALERT_ESCALATION_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
