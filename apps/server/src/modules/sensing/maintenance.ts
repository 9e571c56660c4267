// The event store's upkeep: today's and tomorrow's partitions made ahead, and everything past the
// retention period purged — whole days of events with their partitions, the identities only they
// mentioned, and dead letters. Runs hourly in every process; an advisory lock lets one do the work.
import { oldestKeptDay, startOfLocalDay } from '@civgrid/domain';
import { systemActor } from '../../platform/actor.ts';
import { auditAlone } from '../../platform/audit.ts';
import type { Context } from '../../platform/context.ts';
import { cityRoot } from '../org/service.ts';
import { ingestState } from './ingest.ts';
import { dropExpiredPartitions } from './partitions.ts';
import { SUBJECT_CACHE_HORIZON_MS } from './subjects.ts';

export interface PurgeSummary {
  days: string[];
  subjects: number;
  deadLetters: number;
}

/** Purges what the retention period no longer keeps; `null` when another process is already at it. */
export async function purgeExpired(ctx: Context): Promise<PurgeSummary | null> {
  const client = await ctx.pool.connect();
  try {
    const { rows } = await client.query<{ locked: boolean }>(
      `select pg_try_advisory_lock(hashtext('civgrid sensing maintenance')) as locked`,
    );
    if (!rows[0]!.locked) return null;
    try {
      return await purge(ctx);
    } finally {
      await client.query(`select pg_advisory_unlock(hashtext('civgrid sensing maintenance'))`);
    }
  } finally {
    client.release();
  }
}

async function purge(ctx: Context): Promise<PurgeSummary> {
  const { retentionDays, timezone } = ctx.config;
  const now = ctx.now();
  const oldest = startOfLocalDay(oldestKeptDay(now, retentionDays, timezone), timezone);
  const days = await dropExpiredPartitions(ctx);
  // A subject may still gain events until its cache entries expire, so one is purged only when even
  // that horizon lies before the oldest event kept.
  const subjects = await ctx.db
    .deleteFrom('sensing_subject')
    .where('last_seen', '<', new Date(oldest.getTime() - SUBJECT_CACHE_HORIZON_MS))
    .executeTakeFirst();
  const deadLetters = await ctx.db
    .deleteFrom('sensing_dead_letter')
    .where('received_at', '<', oldest)
    .executeTakeFirst();
  const state = ingestState(ctx);
  state.partitions.reset();
  state.subjects.clear();
  const summary = {
    days,
    subjects: Number(subjects.numDeletedRows),
    deadLetters: Number(deadLetters.numDeletedRows),
  };
  if (days.length > 0 || summary.subjects > 0 || summary.deadLetters > 0) {
    const root = await cityRoot(ctx.db);
    if (root)
      await auditAlone(
        ctx.db,
        systemActor(root, 'retention'),
        { action: 'sensing.purge', details: { ...summary, retentionDays } },
        now,
      );
  }
  return summary;
}

/** Makes today's and tomorrow's partitions, so the first events of a day never wait for DDL. */
export async function prepareDays(ctx: Context): Promise<void> {
  const now = ctx.now();
  await ingestState(ctx).partitions.ensure(now, new Date(now.getTime() + 86_400_000));
}

/** Runs the upkeep now and then every hour; returns the function that stops it. */
export function startMaintenance(ctx: Context, log: (line: string) => void): () => void {
  const run = async () => {
    try {
      await prepareDays(ctx);
      const summary = await purgeExpired(ctx);
      if (summary && summary.days.length > 0)
        log(`retention: dropped events of ${summary.days.join(', ')}; ${summary.subjects} identities purged`);
    } catch (error) {
      log(`sensing maintenance failed: ${(error as Error).message}`);
    }
  };
  void run();
  const timer = setInterval(run, 3_600_000);
  timer.unref();
  return () => clearInterval(timer);
}
