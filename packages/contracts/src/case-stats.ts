// Case statistics (`GET /api/v1/cases/stats`) as the console's statistics page draws them (ECharts, and
// an Excel sheet of the same table). The population is the cohort of cases *opened* in [from, to) that
// the caller may see (a department: the cases it was given a task on); every figure describes that
// cohort as it stands now, so the rates of one row always share one denominator.
import { CASE_LEVELS, CASE_STATUSES } from '@civgrid/domain';
import { z } from 'zod';

const ZWhen = z.iso.datetime({ offset: true });
const ZMessage = z.object({ zh: z.string(), en: z.string() });

/** What the rows are grouped by: the status now, the top-level category, the grid, the department given a
 *  task on the case (a case with tasks for two departments counts in both), the level holding it now. */
export const CASE_STATS_DIMENSIONS = ['status', 'category', 'grid', 'department', 'level'] as const;
export type TCaseStatsDimension = (typeof CASE_STATS_DIMENSIONS)[number];

export const ZCaseStatsQuery = z
  .object({
    /** Opened at or after; by default 30 days before `to`. */
    from: ZWhen.optional(),
    /** Opened before; by default now. */
    to: ZWhen.optional(),
    by: z.enum(CASE_STATS_DIMENSIONS).default('status'),
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), {
    message: 'from must be before to',
    path: ['from'],
  });
export type TCaseStatsQuery = z.infer<typeof ZCaseStatsQuery>;

/** The figures of one group (or of all of them). Minutes and rates are null when nothing was measured. */
export const ZCaseStatsFigures = z.object({
  /** Cases opened in the window. */
  opened: z.number().int(),
  /** Of those, closed now (resolved, closed-unfixed or declined). */
  closed: z.number().int(),
  /** Still open. */
  open: z.number().int(),
  /** Still open and past their overall deadline (`dueAt`). */
  overdueOpen: z.number().int(),
  /** Closed as solved. */
  resolved: z.number().int(),
  /** Closed, not fixed (结案未解决) — never counted as resolved. */
  closedUnfixed: z.number().int(),
  /** Not taken on (不予受理). */
  declined: z.number().int(),
  /** Opened → closed, of the closed ones, in minutes. */
  handlingMinutes: z.object({
    mean: z.number().nullable(),
    p50: z.number().nullable(),
    p90: z.number().nullable(),
  }),
  /** Share (0–1) of the closed ones closed by their deadline. */
  onTimeRate: z.number().nullable(),
  /** The ratings (1–5) residents or call-backs gave. */
  satisfaction: z.object({
    rated: z.number().int(),
    mean: z.number().nullable(),
    /** Share (0–1) of the rated ones rated 4 or 5. */
    goodShare: z.number().nullable(),
  }),
  /** Times cases were reopened after a poor rating, and how many cases that happened to. */
  reopens: z.number().int(),
  reopenedCases: z.number().int(),
});
export type TCaseStatsFigures = z.infer<typeof ZCaseStatsFigures>;

export const ZCaseStatsGroup = ZCaseStatsFigures.extend({
  /** The status, category code, grid code, department user id or level; null for unplaced reports (by
   *  grid). */
  key: z.string().nullable(),
  label: ZMessage,
});
export type TCaseStatsGroup = z.infer<typeof ZCaseStatsGroup>;

export const ZCaseStats = z.object({
  by: z.enum(CASE_STATS_DIMENSIONS),
  from: z.string(),
  to: z.string(),
  generatedAt: z.string(),
  /** Largest first (by `opened`). */
  groups: z.array(ZCaseStatsGroup),
  /** All cases of the window once each (by department: not the sum of the groups). */
  totals: ZCaseStatsFigures,
});
export type TCaseStats = z.infer<typeof ZCaseStats>;

/** The statuses and levels a group key may name (for the console's legends). */
export const CASE_STATS_KEYS = { status: CASE_STATUSES, level: CASE_LEVELS } as const;
