// The event store's daily partitions: created before the first event of a day is written, dropped when
// the whole day has passed the retention period.
import { addDays, daysFrom, localDay, oldestKeptDay, startOfLocalDay } from '@civgrid/domain';
import { sql } from 'kysely';
import type { Context } from '../../platform/context.ts';

const PARTITION = /^sensing_event_p(\d{4})(\d\d)(\d\d)$/;
export const partitionName = (day: string) => `sensing_event_p${day.replaceAll('-', '')}`;

/** The days the store has a partition for, oldest first. */
export async function listPartitionDays(ctx: Context): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
    where i.inhparent = 'sensing_event'::regclass`.execute(ctx.db);
  return rows
    .map((r) => PARTITION.exec(r.name))
    .filter((m) => m !== null)
    .map((m) => `${m[1]}-${m[2]}-${m[3]}`)
    .sort();
}

/** Remembers, per process and database, which days already have their partition. */
export class PartitionKeeper {
  private known: Set<string> | null = null;

  constructor(private readonly ctx: Context) {}

  /** Makes sure every local day from `from` to `to` has its partition. */
  async ensure(from: Date, to: Date): Promise<void> {
    const tz = this.ctx.config.timezone;
    const days = daysFrom(localDay(from, tz), localDay(to, tz));
    this.known ??= new Set(await listPartitionDays(this.ctx));
    const missing = days.filter((d) => !this.known!.has(d));
    if (missing.length === 0) return;
    await this.ctx.db.transaction().execute(async (tx) => {
      // One creator at a time across processes; the others wait here and then find the tables made.
      await sql`select pg_advisory_xact_lock(hashtext('sensing_event partitions'))`.execute(tx);
      for (const day of missing) {
        const start = startOfLocalDay(day, tz).toISOString();
        const end = startOfLocalDay(addDays(day, 1), tz).toISOString();
        await sql`create table if not exists ${sql.table(partitionName(day))} partition of sensing_event
                  for values from (${sql.lit(start)}) to (${sql.lit(end)})`.execute(tx);
      }
    });
    for (const day of missing) this.known.add(day);
  }

  /** Forgets what it knew (after partitions were dropped). */
  reset() {
    this.known = null;
  }
}

/** Drops the partitions of days before the oldest kept day; returns the days dropped. */
export async function dropExpiredPartitions(ctx: Context): Promise<string[]> {
  const oldest = oldestKeptDay(ctx.now(), ctx.config.retentionDays, ctx.config.timezone);
  const expired = (await listPartitionDays(ctx)).filter((day) => day < oldest);
  for (const day of expired) await sql`drop table if exists ${sql.table(partitionName(day))}`.execute(ctx.db);
  return expired;
}
