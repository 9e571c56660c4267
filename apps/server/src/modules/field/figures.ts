// The record an assessment reads from the other modules' tables, one set-based statement per kind for a
// page of workers: cases reported, task reports against their deadlines, alerts dispatched to the worker
// and whether the worker acknowledged them in time, and residents' ratings of the cases the worker took
// part in. Read only; the cases and alerts modules have no per-person statistics to ask instead (when
// they do, these queries move there).
import type { PerformanceFigures } from '@civgrid/domain';
import { sql } from 'kysely';
import type { Queryable } from '../../platform/db.ts';

interface FigureRow {
  user_id: string;
  cases_reported: number;
  tasks_on_time: number;
  tasks_late: number;
  tasks_overdue: number;
  alerts_on_time: number;
  alerts_late: number;
  alerts_missed: number;
}

/** Per user, for the window [from, to) as of `asOf`:
 *  - cases reported: cases the user opened in the window;
 *  - task reports: tasks of the user reported (done or unable) in the window, on time or late against
 *    their deadline, and open tasks whose deadline fell in the window before `asOf` (overdue);
 *  - alerts: alerts dispatched to the user in the window (the dispatch history, so an alert escalated
 *    away for want of an acknowledgement still counts against them), acknowledged by the user by the
 *    deadline, after it, or not at all with the deadline passed. */
export async function performanceFigures(
  db: Queryable,
  userIds: readonly string[],
  window: { from: Date; to: Date; asOf: Date },
): Promise<Map<string, PerformanceFigures>> {
  if (userIds.length === 0) return new Map();
  const { from, to, asOf } = window;
  const until = new Date(Math.min(asOf.getTime(), to.getTime()));
  const { rows } = await sql<FigureRow>`
    select u.id::text as user_id,
      (select count(*)::int from case_file c
        where c.opened_by = u.id and c.opened_at >= ${from} and c.opened_at < ${to}) as cases_reported,
      (select count(*)::int from case_task t where t.assignee_user_id = u.id and t.status in ('done', 'unable')
        and t.finished_at >= ${from} and t.finished_at < ${to} and t.finished_at <= t.due_at) as tasks_on_time,
      (select count(*)::int from case_task t where t.assignee_user_id = u.id and t.status in ('done', 'unable')
        and t.finished_at >= ${from} and t.finished_at < ${to} and t.finished_at > t.due_at) as tasks_late,
      (select count(*)::int from case_task t where t.assignee_user_id = u.id and t.status in ('pending', 'accepted')
        and t.due_at >= ${from} and t.due_at < ${until}) as tasks_overdue,
      coalesce(a.on_time, 0) as alerts_on_time,
      coalesce(a.late, 0) as alerts_late,
      coalesce(a.missed, 0) as alerts_missed
    from unnest(${userIds}::bigint[]) as u(id)
    left join lateral (
      select
        count(*) filter (where al.acknowledged_by = u.id and al.acknowledged_at <= al.ack_due_at)::int as on_time,
        count(*) filter (where al.acknowledged_by = u.id and al.acknowledged_at > al.ack_due_at)::int as late,
        count(*) filter (where al.acknowledged_by is distinct from u.id and al.ack_due_at < ${asOf})::int as missed
      from alert al
      where exists (select 1 from alert_action d where d.alert_id = al.id and d.action = 'dispatch'
        and d.details->>'assignee' = u.id::text and d.at >= ${from} and d.at < ${to})
    ) a on true`.execute(db);
  return new Map(
    rows.map((r) => [
      r.user_id,
      {
        casesReported: r.cases_reported,
        tasksOnTime: r.tasks_on_time,
        tasksLate: r.tasks_late,
        tasksOverdue: r.tasks_overdue,
        alertsOnTime: r.alerts_on_time,
        alertsLate: r.alerts_late,
        alertsMissed: r.alerts_missed,
      },
    ]),
  );
}

/** Per user, the residents' ratings given in [from, to) of the cases the user opened or had a task on.
 *  Read from the timeline, because a low rating reopens the case and stays only there; "not satisfied"
 *  without stars counts as one star. Staff call-back ratings are not residents'. */
export async function residentRatings(
  db: Queryable,
  userIds: readonly string[],
  window: { from: Date; to: Date },
): Promise<Map<string, number[]>> {
  const result = new Map<string, number[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return result;
  const { rows } = await sql<{ user_id: string; rating: number }>`
    select u.id::text as user_id, coalesce((tl.params->>'rating')::int, 1) as rating
    from unnest(${userIds}::bigint[]) as u(id)
    join case_timeline tl on tl.step = 'evaluate' and tl.at >= ${window.from} and tl.at < ${window.to}
      and (tl.key = 'case.evaluate' or (tl.key = 'case.evaluate.reopen' and tl.params->>'by' = 'resident'))
    where exists (select 1 from case_file c where c.id = tl.case_id and c.opened_by = u.id)
       or exists (select 1 from case_task t where t.case_id = tl.case_id and t.assignee_user_id = u.id)
    order by u.id, tl.id`.execute(db);
  for (const r of rows) result.get(r.user_id)!.push(r.rating);
  return result;
}

/** Per grid, the residents' satisfaction survey answers (1–5) for `month` (the Asia/Shanghai month they
 *  were given in, as stored); a worker's are those of the grids they cover. */
export async function surveyRatings(
  db: Queryable,
  gridIds: readonly string[],
  month: string,
): Promise<Map<string, number[]>> {
  const result = new Map<string, number[]>(gridIds.map((id) => [id, []]));
  if (gridIds.length === 0) return result;
  const rows = await db
    .selectFrom('satisfaction_survey_response')
    .select(['grid_id', 'rating'])
    .where('month', '=', month)
    .where('grid_id', 'in', gridIds)
    .orderBy('id')
    .execute();
  for (const r of rows) result.get(String(r.grid_id))?.push(r.rating);
  return result;
}
