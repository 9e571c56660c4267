// Case statistics: the cohort of cases opened in a window that the caller may see (`visibleCases`, so a
// department counts only the cases it was given a task on), grouped by status, top-level category, grid,
// department or holding level, in one aggregate scan (grouping sets give the groups and the totals at
// once). Measured in bench/cases.ts over a million cases.
import type { TCaseStats, TCaseStatsDimension, TCaseStatsFigures, TCaseStatsQuery } from '@civgrid/contracts';
import {
  CASE_LEVEL_LABELS,
  CASE_STATUS_INFO,
  type CaseLevel,
  type CaseStatus,
  type Message,
} from '@civgrid/domain';
import { type RawBuilder, sql } from 'kysely';
import type { Actor } from '../../platform/actor.ts';
import type { Context } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db.ts';
import { categoryTree } from './categories.ts';
import { visibleCases } from './repository.ts';

const DAY_MS = 86_400_000;

/** One aggregate row as PostgreSQL answers it (numerics arrive as strings or null). */
interface FigureRow {
  key: string | null;
  is_total: number;
  opened: number;
  closed: number;
  open: number;
  overdue_open: number;
  resolved: number;
  closed_unfixed: number;
  declined: number;
  mean_minutes: number | null;
  pct: number[] | null;
  on_time: number;
  rated: number;
  mean_rating: number | null;
  rated_good: number;
  reopens: number;
  reopened_cases: number;
}

/** The figures of a set of case_file rows. Handling time is whole-case: opened → closed. */
function figureColumns(now: Date) {
  const minutes = sql`extract(epoch from case_file.closed_at - case_file.opened_at) / 60`;
  return [
    sql<number>`count(*)::int`.as('opened'),
    sql<number>`count(*) filter (where not case_file.is_open)::int`.as('closed'),
    sql<number>`count(*) filter (where case_file.is_open)::int`.as('open'),
    sql<number>`count(*) filter (where case_file.is_open and case_file.due_at < ${now})::int`.as(
      'overdue_open',
    ),
    sql<number>`count(*) filter (where case_file.status = 'resolved')::int`.as('resolved'),
    sql<number>`count(*) filter (where case_file.status = 'closed-unfixed')::int`.as('closed_unfixed'),
    sql<number>`count(*) filter (where case_file.status = 'declined')::int`.as('declined'),
    sql<number | null>`(avg(${minutes}) filter (where not case_file.is_open))::float8`.as('mean_minutes'),
    sql<number[] | null>`percentile_cont(array[0.5, 0.9]::float8[]) within group (order by ${minutes})
      filter (where not case_file.is_open)`.as('pct'),
    sql<number>`count(*) filter (where not case_file.is_open and case_file.closed_at <= case_file.due_at)::int`.as(
      'on_time',
    ),
    sql<number>`count(case_file.rating)::int`.as('rated'),
    sql<number | null>`avg(case_file.rating)::float8`.as('mean_rating'),
    sql<number>`count(*) filter (where case_file.rating >= 4)::int`.as('rated_good'),
    sql<number>`coalesce(sum(case_file.reopen_count), 0)::int`.as('reopens'),
    sql<number>`count(*) filter (where case_file.reopen_count > 0)::int`.as('reopened_cases'),
  ];
}

/** The group key of each dimension, over case_file (department: over the joined `dept` rows). */
const KEYS: Record<Exclude<TCaseStatsDimension, 'department'>, RawBuilder<string | null>> = {
  status: sql`case_file.status`,
  category: sql`split_part(case_file.category_code, '.', 1)`,
  grid: sql`case_file.grid_id::text`,
  level: sql`case_file.holder_level`,
};

function cohort(db: Queryable, actor: Actor, from: Date, to: Date) {
  return visibleCases(db, actor)
    .where('case_file.opened_at', '>=', from)
    .where('case_file.opened_at', '<', to);
}

/** Groups and totals of the cohort in one scan; by department, the groups come from a join with the
 *  departments' tasks (one row per case and department) and the totals from the cases alone. */
async function aggregate(
  db: Queryable,
  actor: Actor,
  by: TCaseStatsDimension,
  window: { from: Date; to: Date; now: Date },
): Promise<{ groups: FigureRow[]; totals: FigureRow }> {
  const columns = figureColumns(window.now);
  const base = cohort(db, actor, window.from, window.to);
  if (by !== 'department') {
    const key = KEYS[by];
    const rows = (await base
      .select([key.as('key'), sql<number>`grouping(${key})`.as('is_total'), ...columns])
      .groupBy(sql`grouping sets ((${key}), ())`)
      .execute()) as FigureRow[];
    return { groups: rows.filter((r) => r.is_total === 0), totals: rows.find((r) => r.is_total === 1)! };
  }
  const departments = base
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
    .select([sql<string>`dept.assignee_user_id::text`.as('key'), sql<number>`0`.as('is_total'), ...columns])
    .groupBy('dept.assignee_user_id')
    .execute() as Promise<FigureRow[]>;
  const totals = base
    .select([sql<null>`null`.as('key'), sql<number>`1`.as('is_total'), ...columns])
    .executeTakeFirstOrThrow() as Promise<FigureRow>;
  const [groups, total] = await Promise.all([departments, totals]);
  return { groups, totals: total };
}

const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);

function presentFigures(row: FigureRow): TCaseStatsFigures {
  return {
    opened: row.opened,
    closed: row.closed,
    open: row.open,
    overdueOpen: row.overdue_open,
    resolved: row.resolved,
    closedUnfixed: row.closed_unfixed,
    declined: row.declined,
    handlingMinutes: {
      mean: row.mean_minutes,
      p50: row.pct?.[0] ?? null,
      p90: row.pct?.[1] ?? null,
    },
    onTimeRate: share(row.on_time, row.closed),
    satisfaction: {
      rated: row.rated,
      mean: row.mean_rating,
      goodShare: share(row.rated_good, row.rated),
    },
    reopens: row.reopens,
    reopenedCases: row.reopened_cases,
  };
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
      .where('id', 'in', keys)
      .execute();
    for (const g of grids) labels.set(String(g.id), { key: g.code, label: same(`${g.name} (${g.code})`) });
  }
  if (keys.length > 0 && by === 'department') {
    const users = await db
      .selectFrom('app_user')
      .select(['id', 'display_name'])
      .where('id', 'in', keys)
      .execute();
    for (const u of users) labels.set(String(u.id), { key: String(u.id), label: same(u.display_name) });
  }
  return labels;
}

const same = (text: string): Message => ({ zh: text, en: text });
const UNPLACED: Message = { zh: '未定位（待落图）', en: 'not yet placed' };

/** The statistics the console draws: per group and in total, over the window's cohort. */
export async function caseStats(ctx: Context, actor: Actor, query: TCaseStatsQuery): Promise<TCaseStats> {
  const now = ctx.now();
  const to = query.to ? new Date(query.to) : now;
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - 30 * DAY_MS);
  const { groups, totals } = await aggregate(ctx.db, actor, query.by, { from, to, now });
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
      .map((g) => {
        const named = g.key === null ? null : labels.get(g.key);
        return {
          key: named?.key ?? g.key,
          label: named?.label ?? (g.key === null ? UNPLACED : same(g.key)),
          ...presentFigures(g),
        };
      })
      .sort((a, b) => b.opened - a.opened || String(a.key).localeCompare(String(b.key))),
    totals: presentFigures(totals ?? emptyRow()),
  };
}

function emptyRow(): FigureRow {
  return {
    key: null,
    is_total: 1,
    opened: 0,
    closed: 0,
    open: 0,
    overdue_open: 0,
    resolved: 0,
    closed_unfixed: 0,
    declined: 0,
    mean_minutes: null,
    pct: null,
    on_time: 0,
    rated: 0,
    mean_rating: null,
    rated_good: 0,
    reopens: 0,
    reopened_cases: 0,
  };
}
