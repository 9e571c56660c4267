// Handing a departing worker's task back (disabling a grid worker): the task is withdrawn as the holder's
// `withdraw` step would withdraw it, but by the system, and a case held by a village centre goes up to the
// township centre, which reassigns the work. The cases table of steps has no system withdrawal, so the
// step is composed here from the cases domain's own pieces and its tests hold it to `transition()`.

import {
  type CaseChange,
  type CaseResult,
  type CaseState,
  stepDeadline,
  type TimelineEntry,
} from '../cases/case.ts';
import { reject } from '../cases/messages.ts';
import { CASE_STATUS_INFO, type CaseLevel, isOpenStatus } from '../cases/statuses.ts';
import { STEP_RULES, SYSTEM_ACTOR } from '../cases/steps.ts';
import { isTaskOpen, statusFromTasks } from '../cases/tasks.ts';
import { TASK_STATUS_LABELS } from '../cases/transition-tasks.ts';

/** Levels below the township hand the case up to it; the township and above keep it. */
const HANDED_UP: Partial<Record<CaseLevel, CaseLevel>> = { village: 'township' };

/** The open tasks of the current round assigned to user `assigneeId` (of any handler kind). */
export function openTasksOf(c: CaseState, assigneeId: string): number[] {
  return c.tasks
    .filter((t) => t.round === c.round && t.assignee.id === assigneeId && isTaskOpen(t.status))
    .map((t) => t.no);
}

/** The case with task `taskNo` withdrawn by the system for `reason`: the task's status and the case's
 *  status change exactly as the holder's `withdraw` would change them; a case held by a village centre
 *  moves to the township centre (handed over now, so it gets the assign limit). Refused like `withdraw`
 *  when the task is not open, and when the case is closed or time runs backwards. */
export function handBackTask(c: CaseState, taskNo: number, reason: string, now: Date): CaseResult {
  if (now.getTime() < c.updatedAt.getTime()) return reject('clock.backwards');
  const step = STEP_RULES.withdraw.label;
  if (!isOpenStatus(c.status))
    return reject('step.status', { status: CASE_STATUS_INFO[c.status].label, step });
  const task = c.tasks.find((t) => t.no === taskNo && t.round === c.round);
  if (!task) return reject('task.unknown', { field: 'task', task: String(taskNo) });
  if (!isTaskOpen(task.status))
    return reject('task.status', { task: task.no, taskStatus: TASK_STATUS_LABELS[task.status], step });
  const text = reason.trim();
  if (text === '') return reject('text.required', { field: 'reason' });
  const tasks = c.tasks.map((t) =>
    t.no === taskNo ? { ...t, status: 'withdrawn' as const, finishedAt: now } : t,
  );
  const status =
    c.status === 'escalated' ? c.status : (statusFromTasks({ tasks, round: c.round }) ?? 'registered');
  const up = HANDED_UP[c.holderLevel];
  let next: CaseState = { ...c, tasks, status, updatedAt: now };
  if (up) next = { ...next, holderLevel: up, holderSince: now, handoverAt: now };
  if (next.status !== c.status) next = { ...next, statusSince: now };
  next = { ...next, stepDueAt: stepDeadline(next) };
  const timeline: TimelineEntry = {
    at: now,
    step: 'withdraw',
    key: 'task.withdraw',
    actor: SYSTEM_ACTOR,
    from: c.status,
    to: next.status,
    holderFrom: c.holderLevel,
    holderTo: next.holderLevel,
    params: { task: taskNo, reason: text },
  };
  const change: CaseChange = {
    step: 'withdraw',
    from: c.status,
    to: next.status,
    holderFrom: c.holderLevel,
    holderTo: next.holderLevel,
    stepDueAt: next.stepDueAt,
    dueAt: next.dueAt,
    tasks: [taskNo],
    timeline,
    milestone: null,
  };
  return { ok: true, case: next, change };
}
