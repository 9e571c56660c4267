// Tasks: the parts of a case handed to departments, grid workers and police (分解交办), and the whistle's
// roll call (街乡吹哨、部门报到). A case moves on to verification when every task of its current round
// is finished — reported done or unable; withdrawn tasks do not count either way.

import type { CaseState, CaseTask, TaskStatus } from './case.ts';
import type { CaseStatus } from './statuses.ts';

/** The tasks of the case's current round. */
export function roundTasks(c: Pick<CaseState, 'tasks' | 'round'>): CaseTask[] {
  return c.tasks.filter((t) => t.round === c.round);
}

/** True when the task has been reported, done or unable. */
export function isTaskFinished(status: TaskStatus): boolean {
  return status === 'done' || status === 'unable';
}

/** True when the task still waits for its assignee: pending acknowledgement or accepted and at work. */
export function isTaskOpen(status: TaskStatus): boolean {
  return status === 'pending' || status === 'accepted';
}

/** The current round's tasks still waiting for their assignee. */
export function unfinishedTasks(c: Pick<CaseState, 'tasks' | 'round'>): CaseTask[] {
  return roundTasks(c).filter((t) => isTaskOpen(t.status));
}

/** True when the current round has tasks (not counting withdrawn ones) and every one is reported. */
export function allTasksDone(c: Pick<CaseState, 'tasks' | 'round'>): boolean {
  const live = roundTasks(c).filter((t) => t.status !== 'withdrawn');
  return live.length > 0 && live.every((t) => isTaskFinished(t.status));
}

/** The status the current round's tasks put a case in: reported back when all are finished, in action
 *  once any is accepted or finished, assigned while all are pending; null without live tasks. */
export function statusFromTasks(c: Pick<CaseState, 'tasks' | 'round'>): CaseStatus | null {
  const live = roundTasks(c).filter((t) => t.status !== 'withdrawn');
  if (live.length === 0) return null;
  if (live.every((t) => isTaskFinished(t.status))) return 'reported-back';
  if (live.some((t) => t.status !== 'pending')) return 'in-action';
  return 'assigned';
}

/** On time, late, not yet due, overdue, or let off (withdrawn before it was due). */
export type Timeliness = 'on-time' | 'late' | 'waiting' | 'overdue' | 'released';

export interface TaskTimeliness {
  /** Acknowledgement (签收, 报到): `overdue` means never acknowledged and past its deadline. */
  ack: Timeliness;
  /** The report (反馈). */
  handling: Timeliness;
}

function judge(doneAt: Date | null, dueAt: Date, withdrawnAt: Date | null, now: Date): Timeliness {
  const t = now.getTime();
  if (doneAt !== null && doneAt.getTime() <= t)
    return doneAt.getTime() <= dueAt.getTime() ? 'on-time' : 'late';
  if (withdrawnAt !== null && withdrawnAt.getTime() <= t && withdrawnAt.getTime() <= dueAt.getTime())
    return 'released';
  return t > dueAt.getTime() ? 'overdue' : 'waiting';
}

/** How a task stands against its two deadlines as of `now` (which may be earlier than its last change:
 *  what happened after `now` is not seen). A deadline met to the millisecond is on time. */
export function taskTimeliness(task: CaseTask, now: Date): TaskTimeliness {
  const withdrawnAt = task.status === 'withdrawn' ? task.finishedAt : null;
  const reportedAt = isTaskFinished(task.status) ? task.finishedAt : null;
  return {
    ack: judge(task.acceptedAt, task.ackDueAt, withdrawnAt, now),
    handling: judge(reportedAt, task.dueAt, withdrawnAt, now),
  };
}

/** Reported in on time, late, never (past the deadline), not yet (still within it), or let off. */
export type RollCallVerdict = 'on-time' | 'late' | 'absent' | 'waiting' | 'released';

export interface RollCallEntry {
  task: number;
  department: string;
  ackDueAt: Date;
  acknowledgedAt: Date | null;
  verdict: RollCallVerdict;
  handling: Timeliness;
}

export interface RollCall {
  whistle: number;
  entries: RollCallEntry[];
  counts: Record<RollCallVerdict, number>;
}

/** Who answered whistle `whistle` and how, as of `now`: every summoned department once, in task order,
 *  with counts. Null when the case has no such whistle. */
export function whistleRollCall(
  c: Pick<CaseState, 'tasks' | 'whistles'>,
  whistle: number,
  now: Date,
): RollCall | null {
  if (!c.whistles.some((w) => w.no === whistle)) return null;
  const counts: Record<RollCallVerdict, number> = {
    'on-time': 0,
    late: 0,
    absent: 0,
    waiting: 0,
    released: 0,
  };
  const entries: RollCallEntry[] = [];
  for (const task of c.tasks) {
    if (task.whistle !== whistle) continue;
    const { ack, handling } = taskTimeliness(task, now);
    const verdict: RollCallVerdict = ack === 'overdue' ? 'absent' : ack;
    counts[verdict] += 1;
    const acknowledgedAt =
      task.acceptedAt !== null && task.acceptedAt.getTime() <= now.getTime() ? task.acceptedAt : null;
    entries.push({
      task: task.no,
      department: task.assignee.id,
      ackDueAt: task.ackDueAt,
      acknowledgedAt,
      verdict,
      handling,
    });
  }
  return { whistle, entries, counts };
}
