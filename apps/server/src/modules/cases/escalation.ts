// Overdue escalation: a case whose step is past its deadline by more than the grace time climbs to the
// level above by itself (`escalate` taken by the system actor). Runs every few minutes in every process;
// an advisory lock lets one do the work, and each case's version guard makes a race with a person harmless.
import { dueEscalations, SYSTEM_ACTOR, transition } from '@civgrid/domain';
import { type Actor, systemActor } from '../../platform/actor.ts';
import type { Context } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { cityRoot } from '../org/service.ts';
import { loadState } from './service.ts';
import { commitStep } from './writer.ts';

const LOCK = `hashtext('civgrid case escalation')`;
/** How often the scheduler looks: far below any step limit, and the query reads a partial index. */
export const ESCALATION_INTERVAL_MS = 5 * 60_000;
const BATCH = 500;

export interface EscalationSummary {
  escalated: number;
  /** Cases a person stepped on meanwhile (their version moved): looked at again next time. */
  skipped: number;
}

/** Escalates every overdue case once; `null` when another process is already at it. */
export async function escalateOverdue(ctx: Context): Promise<EscalationSummary | null> {
  const client = await ctx.pool.connect();
  try {
    const { rows } = await client.query<{ locked: boolean }>(
      `select pg_try_advisory_lock(${LOCK}) as locked`,
    );
    if (!rows[0]!.locked) return null;
    try {
      return await escalateAll(ctx);
    } finally {
      await client.query(`select pg_advisory_unlock(${LOCK})`);
    }
  } finally {
    client.release();
  }
}

async function escalateAll(ctx: Context): Promise<EscalationSummary> {
  const summary = { escalated: 0, skipped: 0 };
  const root = await cityRoot(ctx.db);
  if (!root) return summary;
  const actor: Actor = systemActor(root, 'escalation');
  const now = ctx.now();
  const grace = ctx.config.escalationGraceMinutes;
  const cutoff = new Date(now.getTime() - grace * 60_000);
  // Unscoped on purpose: the system works for the whole city and no row leaves this function.
  const candidates = await ctx.db
    .selectFrom('case_file')
    .selectAll()
    .where('is_open', '=', true)
    .where('holder_level', '<>', 'city')
    .where('step_due_at', '<', cutoff)
    .orderBy('step_due_at')
    .limit(BATCH)
    .execute();
  const rows = new Map(candidates.map((r) => [r.id, r]));
  const due = dueEscalations(
    candidates.map((r) => ({
      id: r.id,
      status: r.status as never,
      holderLevel: r.holder_level as never,
      stepDueAt: r.step_due_at,
    })),
    now,
    grace,
  );
  for (const { caseId } of due) {
    const row = rows.get(caseId)!;
    const before = await loadState(ctx.db, row);
    const result = transition(before, { step: 'escalate' }, SYSTEM_ACTOR, now);
    if (!result.ok) {
      summary.skipped++;
      continue;
    }
    try {
      await commitStep(ctx.db, actor, row, before, result);
      summary.escalated++;
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'CASE_VERSION_CONFLICT')) throw error;
      summary.skipped++;
    }
  }
  return summary;
}

/** Runs the escalation now and then every few minutes; returns the function that stops it. */
export function startCaseEscalation(ctx: Context, log: (line: string) => void): () => void {
  const run = async () => {
    try {
      const summary = await escalateOverdue(ctx);
      if (summary && summary.escalated > 0) log(`cases: ${summary.escalated} overdue cases escalated`);
    } catch (error) {
      log(`case escalation failed: ${(error as Error).message}`);
    }
  };
  void run();
  const timer = setInterval(run, ESCALATION_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
