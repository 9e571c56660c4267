// Overdue escalation: a step not taken by its deadline plus a grace time climbs to the level above by
// itself. The scheduler asks `dueEscalations` which cases are due, then takes the `escalate` step for each
// with the system actor, which refuses a case that is not (or no longer) overdue.

import type { CaseState } from './case.ts';
import { type CaseLevel, isOpenStatus, levelAbove } from './statuses.ts';

/** What the scheduler needs of a case; the same columns a query for due cases selects. */
export type EscalationCandidate = Pick<CaseState, 'id' | 'status' | 'holderLevel' | 'stepDueAt'>;

export interface DueEscalation {
  caseId: string;
  from: CaseLevel;
  to: CaseLevel;
  stepDueAt: Date;
  /** Whole minutes past the step's deadline at `now`. */
  overdueMinutes: number;
}

/** The open cases below the city whose step deadline passed more than `graceMinutes` before `now`, most
 *  overdue first (ties by id). The database form of the same question: `status` open, `holder_level` not
 *  `city`, `step_due_at < now - grace`. A deadline met to the millisecond is on time. */
export function dueEscalations(
  cases: Iterable<EscalationCandidate>,
  now: Date,
  graceMinutes: number,
): DueEscalation[] {
  const cutoff = now.getTime() - graceMinutes * 60_000;
  const due: DueEscalation[] = [];
  for (const c of cases) {
    if (!isOpenStatus(c.status) || c.stepDueAt === null || c.stepDueAt.getTime() >= cutoff) continue;
    const to = levelAbove(c.holderLevel);
    if (to === null) continue;
    const overdueMinutes = Math.floor((now.getTime() - c.stepDueAt.getTime()) / 60_000);
    due.push({ caseId: c.id, from: c.holderLevel, to, stepDueAt: c.stepDueAt, overdueMinutes });
  }
  return due.sort(
    (a, b) =>
      a.stepDueAt.getTime() - b.stepDueAt.getTime() ||
      (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0),
  );
}

/** True when the step a case waits for is past its deadline at `now` (for the "overdue" work queue). */
export function isStepOverdue(c: Pick<CaseState, 'status' | 'stepDueAt'>, now: Date): boolean {
  return isOpenStatus(c.status) && c.stepDueAt !== null && c.stepDueAt.getTime() < now.getTime();
}

/** True when the resident may still rate the closed case at `now`. */
export function isEvaluationOpen(
  c: Pick<CaseState, 'status' | 'evaluation' | 'evaluationDueAt'>,
  now: Date,
): boolean {
  return (
    (c.status === 'resolved' || c.status === 'closed-unfixed') &&
    c.evaluation === null &&
    c.evaluationDueAt !== null &&
    now.getTime() <= c.evaluationDueAt.getTime()
  );
}
