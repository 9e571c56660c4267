// Case statistics: the cohort of cases opened in a window that the caller may see, grouped by status,
// top-level category, grid, department or holding level. Centres from the township up read whole days
// and months from the rollup (stats-rollup.ts) and the rest of the window live; a department (which counts
// only the cases it was given a task on, through `visibleCases`) and units below the township read it
// all live — their share of the city is small. Both answer the same sums, so they add up; p50 and p90
// come from the handling-time histogram (√2-wide buckets, interpolated: within a few per cent).
import type { TCaseStats, TCaseStatsDimension, TCaseStatsFigures, TCaseStatsQuery } from '@civgrid/contracts';
import {
  CASE_LEVEL_LABELS,
  CASE_STATUS_INFO,
  type CaseLevel,
  type CaseStatus,
  type Message,
} from '@civgrid/domain';
import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Actor } from '../../platform/actor.ts';
import type { Context } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db.ts';
import { categoryTree } from './categories.ts';
import { visibleCases } from './repository.ts';
import {
  bucketOf,
  caseSums,
  FIGURES,
  type Figure,
  HIST_BUCKETS,
  lastRefresh,
  outerSums,
  planWindow,
  type WindowPlan,
} from './stats-rollup.ts';

const DAY_MS = 86_400_000;

/** Sums of one group, from the rollup or live. */
type Sums = Record<Figure, number> & { key: string | null; hist: number[] };

/** The group key of each dimension over case_file (department: over the joined `dept` rows). */
const KEYS: Record<Exclude<TCaseStatsDimension, 'department'>, RawBuilder<string | null>> = {
  status: sql`case_file.status`,
  category: sql`split_part(case_file.category_code, '.', 1)`,
  grid: sql`case_file.grid_id::text`,
  level: sql`case_file.holder_level`,
};

/** Sums per group of the cases the actor sees that were opened in `ranges`. */
async function liveSums(
  db: Queryable,
  actor: Actor,
  by: TCaseStatsDimension,
  ranges: Array<[Date, Date]>,
  now: Date,
): Promise<Sums[]> {
  if (ranges.length === 0) return [];
  const cases = visibleCases(db, actor).where((eb) =>
    eb.or(
      ranges.map(
        ([a, b]) => sql<SqlBool>`(case_file.opened_at >= ${a} and case_file.opened_at < ${b})`,
      ) as Expression<SqlBool>[],
    ),
  );
  const figures = [bucketOf.as('b'), ...caseSums(now)];
  const buckets =
    by === 'department'
      ? cases
          .innerJoin(
            (eb) => {
              let tasks = eb
                .selectFrom('case_task')
                .select(['case_task.case_id', 'case_task.assignee_user_id'])
                .distinct()
                .where('case_task.assignee_kind', '=', 'department');
              // A department compares itself with no one: it sees its own group only.
              if (actor.role === 'department')
                tasks = tasks.where('case_task.assignee_user_id', '=', actor.id ?? '0');
              return tasks.as('dept');
            },
            (join) => join.onRef('dept.case_id', '=', 'case_file.id'),
          )
          .select([sql<string>`dept.assignee_user_id::text`.as('key'), ...figures])
          .groupBy([sql`1`, sql`2`])
      : cases.select([KEYS[by].as('key'), ...figures]).groupBy([sql`1`, sql`2`]);
  const rows = await sql<Sums>`select key, ${sql.join(outerSums('buckets'))}
    from (${buckets}) as x group by key`.execute(db);
  return rows.rows;
}

/** Sums per group from the rollup's whole months and days of the plan, within the actor's scope. */
async function rollupSums(
  db: Queryable,
  actor: Actor,
  by: TCaseStatsDimension,
  plan: WindowPlan,
): Promise<Sums[]> {
  if (plan.months.length + plan.days.length === 0) return [];
  const descendants = `${actor.scopePath.replace(/[\\_%]/g, '\\$&')}.%`;
  const rows = await sql<Sums>`
    select nullif(key, '') as key, ${sql.join(outerSums('rollup'))}
    from case_stats_rollup
    where dim = ${by}
      and ((period = 'month' and start = any(${plan.months}::date[]))
        or (period = 'day' and start = any(${plan.days}::date[])))
      and (unit_path = ${actor.scopePath} or unit_path like ${descendants})
    group by key`.execute(db);
  return rows.rows;
}

/** Adds up sums of the same key (live and rollup parts of one group; or every group for totals). */
function addUp(parts: readonly Sums[], keyOf: (s: Sums) => string | null = (s) => s.key): Sums[] {
  const byKey = new Map<string | null, Sums>();
  for (const part of parts) {
    const key = keyOf(part);
    const sum = byKey.get(key);
    if (!sum) {
      byKey.set(key, { ...part, key, hist: [...part.hist] });
      continue;
    }
    for (const f of FIGURES) sum[f] += part[f];
    for (let k = 0; k < HIST_BUCKETS; k++) sum.hist[k]! += part.hist[k] ?? 0;
  }
  return [...byKey.values()];
}

/** The handling time below which a share `q` of the closed cases lie, read from the histogram: bucket k
 *  spans 2^(k/2)…2^((k+1)/2) minutes, and within it the cases are taken as spread evenly on a log scale. */
export function histogramQuantile(hist: readonly number[], q: number): number | null {
  const total = hist.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const target = q * total;
  let below = 0;
  for (let k = 0; k < hist.length; k++) {
    const n = hist[k]!;
    if (n > 0 && below + n >= target) return 2 ** ((k + (target - below) / n) / 2);
    below += n;
  }
  return 2 ** (hist.length / 2);
}

const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);

function presentFigures(s: Sums): TCaseStatsFigures {
  const timed = s.hist.reduce((a, b) => a + b, 0);
  return {
    opened: s.opened,
    closed: s.closed,
    open: s.open,
    overdueOpen: s.overdue_open,
    resolved: s.resolved,
    closedUnfixed: s.closed_unfixed,
    declined: s.declined,
    handlingMinutes: {
      mean: timed > 0 ? s.handling_minutes / timed : null,
      p50: histogramQuantile(s.hist, 0.5),
      p90: histogramQuantile(s.hist, 0.9),
    },
    onTimeRate: share(s.on_time, s.closed),
    satisfaction: {
      rated: s.rated,
      mean: s.rated > 0 ? s.rating_sum / s.rated : null,
      goodShare: share(s.rated_good, s.rated),
    },
    reopens: s.reopens,
    reopenedCases: s.reopened_cases,
  };
}

function emptySums(): Sums {
  const sums = Object.fromEntries(FIGURES.map((f) => [f, 0])) as Record<Figure, number>;
  return { ...sums, key: null, hist: Array(HIST_BUCKETS).fill(0) };
}

/** Names of the groups' keys: domain labels for statuses and levels, the category tree, grid and
 *  department names (grid ids leave as codes; the names of units and users are not personal data). */
async function groupLabels(
  db: Queryable,
  by: TCaseStatsDimension,
  keys: readonly string[],
): Promise<Map<string, { key: string; label: Message }>> {
  const labels = new Map<string, { key: string; label: Message }>();
  if (by === 'status')
    for (const k of keys)
      labels.set(k, { key: k, label: CASE_STATUS_INFO[k as CaseStatus]?.label ?? same(k) });
  if (by === 'level')
    for (const k of keys) labels.set(k, { key: k, label: CASE_LEVEL_LABELS[k as CaseLevel] ?? same(k) });
  if (by === 'category') {
    const names = new Map((await categoryTree(db)).map((c) => [c.code, c.name]));
    for (const k of keys) labels.set(k, { key: k, label: names.get(k) ?? same(k) });
  }
  if (keys.length > 0 && by === 'grid') {
    const grids = await db
      .selectFrom('org_unit')
      .select(['id', 'code', 'name'])
      .where(sql<SqlBool>`id = any(${keys}::bigint[])`)
      .execute();
    for (const g of grids) labels.set(String(g.id), { key: g.code, label: same(`${g.name} (${g.code})`) });
  }
  if (keys.length > 0 && by === 'department') {
    const users = await db
      .selectFrom('app_user')
      .select(['id', 'display_name'])
      .where(sql<SqlBool>`id = any(${keys}::bigint[])`)
      .execute();
    for (const u of users) labels.set(String(u.id), { key: String(u.id), label: same(u.display_name) });
  }
  return labels;
}

const same = (text: string): Message => ({ zh: text, en: text });
const UNPLACED: Message = { zh: '未定位（待落图）', en: 'not yet placed' };

/** Sums per group of the window: from the rollup where it holds the actor's cases, live for the rest. */
async function windowSums(
  ctx: Context,
  actor: Actor,
  by: TCaseStatsDimension,
  window: { from: Date; to: Date; now: Date },
): Promise<Sums[]> {
  const byRollup = actor.role !== 'department' && ['city', 'county', 'township'].includes(actor.scopeLevel);
  const plan = byRollup
    ? planWindow(window.from, window.to, await lastRefresh(ctx))
    : { months: [], days: [], live: [[window.from, window.to] as [Date, Date]] };
  const [stored, live] = await Promise.all([
    rollupSums(ctx.db, actor, by, plan),
    liveSums(ctx.db, actor, by, plan.live, window.now),
  ]);
  return addUp([...stored, ...live]);
}

/** The statistics the console draws: per group and in total, over the window's cohort. */
export async function caseStats(ctx: Context, actor: Actor, query: TCaseStatsQuery): Promise<TCaseStats> {
  const now = ctx.now();
  const to = query.to ? new Date(query.to) : now;
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - 30 * DAY_MS);
  const window = { from, to, now };
  // Every case is in exactly one status group; by department a case may be in several, or in none.
  const [groups, all] = await Promise.all([
    windowSums(ctx, actor, query.by, window),
    query.by === 'department' ? windowSums(ctx, actor, 'status', window) : null,
  ]);
  const totals = addUp([emptySums(), ...(all ?? groups)], () => null)[0]!;
  const labels = await groupLabels(
    ctx.db,
    query.by,
    groups.flatMap((g) => (g.key === null ? [] : [g.key])),
  );
  return {
    by: query.by,
    from: from.toISOString(),
    to: to.toISOString(),
    generatedAt: now.toISOString(),
    groups: groups
      .filter((g) => g.opened > 0)
      .map((g) => {
        const named = g.key === null ? null : labels.get(g.key);
        return {
          key: named?.key ?? g.key,
          label: named?.label ?? (g.key === null ? UNPLACED : same(g.key)),
          ...presentFigures(g),
        };
      })
      .sort((a, b) => b.opened - a.opened || String(a.key).localeCompare(String(b.key))),
    totals: presentFigures(totals),
  };
}
