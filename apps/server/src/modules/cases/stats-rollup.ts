// The statistics rollup (migration 0012): case_file summed by the UTC day and month cases were opened in,
// per dimension and unit. A refresh recomputes the days whose cases a step touched since the last one
// (and those whose open cases became overdue meanwhile), then their months from the days; it runs every
// half minute in every process under an advisory lock, so one works. The statistics read whole months
// and days from here and the rest — part-days at the window's edges, and what was opened since the last
// refresh — live, with the same sums, so both add up.
import { type AliasedRawBuilder, sql } from 'kysely';
import type { Context } from '../../platform/context.ts';

/** Handling-time histogram: bucket k holds 2^(k/2) ≤ minutes < 2^((k+1)/2); the last is open-ended. */
export const HIST_BUCKETS = 36;
export const REFRESH_INTERVAL_MS = 30_000;
const DAY_MS = 86_400_000;
const LOCK = `hashtext('civgrid case stats refresh')`;
const MARK = 'cases.stats.refreshed_at';
/** A step's transaction may commit a while after its clock read: rows this much older than the mark are
 *  looked at again, so none slips between two refreshes. */
const MARGIN_MS = 5 * 60_000;

/** The figures the rollup keeps, in order: what both the rollup and the live queries answer per key. */
export const FIGURES = [
  'opened',
  'closed',
  'open',
  'overdue_open',
  'resolved',
  'closed_unfixed',
  'declined',
  'handling_minutes',
  'on_time',
  'rated',
  'rating_sum',
  'rated_good',
  'reopens',
  'reopened_cases',
] as const;
export type Figure = (typeof FIGURES)[number];

/** The bucket of a case's handling time; null while it is open. */
export const bucketOf = sql<number | null>`case when not case_file.is_open and case_file.closed_at is not null
  then least(${sql.lit(HIST_BUCKETS - 1)}, greatest(0, floor(2 * ln(greatest(
    extract(epoch from case_file.closed_at - case_file.opened_at) / 60, 1)) / ln(2))))::int end`;

/** Per-case-group sums over case_file (grouped with the bucket); `now` decides what is overdue. */
export function caseSums(now: Date): AliasedRawBuilder<unknown, string>[] {
  const closed = sql`not case_file.is_open`;
  return [
    sql`count(*)::int`.as('opened'),
    sql`count(*) filter (where ${closed})::int`.as('closed'),
    sql`count(*) filter (where case_file.is_open)::int`.as('open'),
    sql`count(*) filter (where case_file.is_open and case_file.due_at < ${now})::int`.as('overdue_open'),
    sql`count(*) filter (where case_file.status = 'resolved')::int`.as('resolved'),
    sql`count(*) filter (where case_file.status = 'closed-unfixed')::int`.as('closed_unfixed'),
    sql`count(*) filter (where case_file.status = 'declined')::int`.as('declined'),
    sql`coalesce(sum(extract(epoch from case_file.closed_at - case_file.opened_at) / 60)
      filter (where ${closed}), 0)::float8`.as('handling_minutes'),
    sql`count(*) filter (where ${closed} and case_file.closed_at <= case_file.due_at)::int`.as('on_time'),
    sql`count(case_file.rating)::int`.as('rated'),
    sql`coalesce(sum(case_file.rating), 0)::int`.as('rating_sum'),
    sql`count(*) filter (where case_file.rating >= 4)::int`.as('rated_good'),
    sql`coalesce(sum(case_file.reopen_count), 0)::int`.as('reopens'),
    sql`count(*) filter (where case_file.reopen_count > 0)::int`.as('reopened_cases'),
  ];
}

/** Sums of per-bucket sums (an inner query grouped by key and bucket `b`, or rollup rows with `hist`):
 *  the figures and the histogram per key. */
export function outerSums(source: 'buckets' | 'rollup'): AliasedRawBuilder<unknown, string>[] {
  const figures = FIGURES.map((f) =>
    f === 'handling_minutes' ? sql`sum(${sql.ref(f)})::float8`.as(f) : sql`sum(${sql.ref(f)})::int`.as(f),
  );
  const cells = Array.from({ length: HIST_BUCKETS }, (_, k) =>
    source === 'buckets'
      ? `coalesce(sum(closed) filter (where b = ${k}), 0)`
      : `coalesce(sum(hist[${k + 1}]), 0)`,
  );
  return [...figures, sql.raw(`array[${cells.join(', ')}]::int[]`).as('hist')];
}

/** The township's path (units of the rollup for every dimension but grid). */
const townshipPath = sql`subpath(case_file.org_path, 0, least(nlevel(case_file.org_path), 3))::text`;

const columns = sql.join([...FIGURES.map((f) => sql.ref(f)), sql.ref('hist')]);

/** The day rows of the cases opened on `days` (every day when null). */
function dayRows(days: string[] | null, now: Date) {
  const onDays =
    days === null
      ? sql``
      : sql`join unnest(${days}::date[]) as dirty (day)
          on case_file.opened_at >= dirty.day::timestamp at time zone 'UTC'
         and case_file.opened_at < (dirty.day + 1)::timestamp at time zone 'UTC'`;
  return sql`
    select 'day' as period, day as start, dim, unit_path, key, ${sql.join(outerSums('buckets'))}
    from (
      select (case_file.opened_at at time zone 'UTC')::date as day, v.dim, v.unit_path, v.key,
             ${bucketOf} as b, ${sql.join(caseSums(now))}
      from case_file ${onDays}
      cross join lateral (
        select 'status' as dim, ${townshipPath} as unit_path, case_file.status as key
        union all select 'category', ${townshipPath}, split_part(case_file.category_code, '.', 1)
        union all select 'level', ${townshipPath}, case_file.holder_level
        union all select 'grid', case_file.org_path::text, coalesce(case_file.grid_id::text, '')
        union all select distinct 'department', ${townshipPath}, t.assignee_user_id::text
          from case_task t where t.case_id = case_file.id and t.assignee_kind = 'department'
      ) v
      group by 1, 2, 3, 4, 5
    ) x
    group by day, dim, unit_path, key`;
}

/** Month rows of the day rows in `source` (a table expression with the rollup's columns). */
const monthsOf = (source: string) => sql`
  select 'month', date_trunc('month', start)::date, dim, unit_path, key, ${sql.join(outerSums('rollup'))}
  from ${sql.raw(source)} group by 2, 3, 4, 5`;

/** Rebuilds the whole rollup from case_file. */
async function rebuild(tx: Context['db'], now: Date): Promise<void> {
  await sql`delete from case_stats_rollup`.execute(tx);
  await sql`insert into case_stats_rollup (period, start, dim, unit_path, key, ${columns})
    ${dayRows(null, now)}`.execute(tx);
  await sql`insert into case_stats_rollup (period, start, dim, unit_path, key, ${columns})
    ${monthsOf("(select * from case_stats_rollup where period = 'day') as d")}`.execute(tx);
}

/** Recomputes the day rows of `days` and moves their months by the difference: the old day rows come
 *  off, the new ones go on, so a refresh costs what its days hold, not what their months hold. */
async function refreshDays(tx: Context['db'], days: string[], now: Date): Promise<void> {
  const set = sql.join(FIGURES.map((f) => sql`${sql.ref(f)} = m.${sql.ref(f)} + excluded.${sql.ref(f)}`));
  await sql`
    with old as (
      delete from case_stats_rollup where period = 'day' and start = any(${days}::date[]) returning *),
    gone as (${monthsOf('old')})
    update case_stats_rollup m
    set ${sql.join(FIGURES.map((f) => sql`${sql.ref(f)} = m.${sql.ref(f)} - g.${sql.ref(f)}`))},
        hist = case_stats_hist_add(m.hist, g.hist, -1)
    from gone as g ("period", start, dim, unit_path, key, ${columns})
    where m.period = 'month' and m.start = g.start and m.dim = g.dim and m.unit_path = g.unit_path
      and m.key = g.key`.execute(tx);
  await sql`
    with fresh as (
      insert into case_stats_rollup (period, start, dim, unit_path, key, ${columns})
      ${dayRows(days, now)}
      returning *)
    insert into case_stats_rollup as m (period, start, dim, unit_path, key, ${columns})
    ${monthsOf('fresh')}
    on conflict (period, start, dim, unit_path, key) do update
    set ${set}, hist = case_stats_hist_add(m.hist, excluded.hist, 1)`.execute(tx);
  await sql`delete from case_stats_rollup where period = 'month' and opened = 0
    and start = any(${[...new Set(days.map((d) => `${d.slice(0, 7)}-01`))]}::date[])`.execute(tx);
}

export interface RefreshSummary {
  days: number | 'all';
  refreshedAt: Date;
}

/** Brings the rollup up to now; null when another process is at it. The first refresh rebuilds it all,
 *  as does `rebuild` (for cases written other than through steps, such as a bulk load). */
export async function refreshCaseStats(
  ctx: Context,
  options: { rebuild?: boolean } = {},
): Promise<RefreshSummary | null> {
  const client = await ctx.pool.connect();
  try {
    const { rows } = await client.query<{ locked: boolean }>(
      `select pg_try_advisory_lock(${LOCK}) as locked`,
    );
    if (!rows[0]!.locked) return null;
    try {
      const now = ctx.now();
      const mark = options.rebuild ? null : await lastRefresh(ctx);
      let days: string[] | null = null;
      if (mark) {
        const since = new Date(mark.getTime() - MARGIN_MS);
        const dirty = await sql<{ day: string }>`
          select distinct to_char((opened_at at time zone 'UTC')::date, 'YYYY-MM-DD') as day from case_file
          where updated_at > ${since}
          union
          select distinct to_char((opened_at at time zone 'UTC')::date, 'YYYY-MM-DD') from case_file
          where is_open and due_at > ${since} and due_at <= ${now}`.execute(ctx.db);
        days = dirty.rows.map((r) => r.day);
      }
      await ctx.db.transaction().execute(async (tx) => {
        if (days === null) await rebuild(tx, now);
        else if (days.length > 0) await refreshDays(tx, days, now);
        await sql`insert into app_setting (key, value, updated_at) values (${MARK}, ${JSON.stringify(now.toISOString())}, ${now})
          on conflict (key) do update set value = excluded.value, updated_at = excluded.updated_at`.execute(
          tx,
        );
      });
      // A rebuilt table has new statistics for the planner.
      if (days === null) await sql`analyze case_stats_rollup`.execute(ctx.db);
      return { days: days === null ? 'all' : days.length, refreshedAt: now };
    } finally {
      await client.query(`select pg_advisory_unlock(${LOCK})`);
    }
  } finally {
    client.release();
  }
}

/** When the rollup was last brought up to date; null before the first refresh. */
export async function lastRefresh(ctx: Context): Promise<Date | null> {
  const row = await sql<{ value: string }>`select value from app_setting where key = ${MARK}`.execute(ctx.db);
  return row.rows[0] ? new Date(row.rows[0].value) : null;
}

/** Runs the refresh now and then every half minute; returns the function that stops it. */
export function startCaseStatsRefresh(ctx: Context, log: (line: string) => void): () => void {
  let isRunning = false;
  const run = async () => {
    if (isRunning) return;
    isRunning = true;
    try {
      await refreshCaseStats(ctx);
    } catch (error) {
      log(`case statistics refresh failed: ${(error as Error).message}`);
    } finally {
      isRunning = false;
    }
  };
  void run();
  const timer = setInterval(run, REFRESH_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}

/** How a window [from, to) is read: whole UTC months and days from the rollup (as of `refreshedAt`),
 *  the rest live — part-days at the edges and whatever was opened after the refresh. */
export interface WindowPlan {
  months: string[];
  days: string[];
  live: Array<[Date, Date]>;
}

const utcDay = (t: number) => new Date(t).toISOString().slice(0, 10);

export function planWindow(from: Date, to: Date, refreshedAt: Date | null): WindowPlan {
  const plan: WindowPlan = { months: [], days: [], live: [] };
  const end = to.getTime();
  const fresh = refreshedAt?.getTime() ?? Number.NEGATIVE_INFINITY;
  const addLive = (a: number, b: number) => {
    const last = plan.live.at(-1);
    if (last && last[1].getTime() === a) last[1] = new Date(b);
    else plan.live.push([new Date(a), new Date(b)]);
  };
  // A unit [s, e) is read from the rollup when the window holds all of it, or all of it up to the refresh
  // (the window reaches past the refresh; what came after is read live).
  const usable = (s: number, e: number) => s < fresh && (e <= end || fresh <= end);
  let cursor = from.getTime();
  while (cursor < end) {
    if (cursor >= fresh) {
      addLive(cursor, end);
      break;
    }
    const date = new Date(cursor);
    const dayStart = cursor % DAY_MS === 0;
    const monthEnd = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
    if (dayStart && date.getUTCDate() === 1 && usable(cursor, monthEnd)) {
      plan.months.push(utcDay(cursor));
      cursor = Math.min(monthEnd, fresh);
      continue;
    }
    const dayEnd = cursor - (cursor % DAY_MS) + DAY_MS;
    if (dayStart && usable(cursor, dayEnd)) {
      plan.days.push(utcDay(cursor));
      cursor = Math.min(dayEnd, fresh);
      continue;
    }
    const next = Math.min(dayEnd, end);
    addLive(cursor, next);
    cursor = next;
  }
  return plan;
}
