// The task steps: split and assign, the whistle, accept, report back, withdraw and rework. The case's
// status follows its tasks (`statusFromTasks`) except while it is escalated, when the tasks go on and the
// level above decides what happens next.

import type { Message } from '../registry/rules.ts';
import {
  ASSIGNEE_KINDS,
  type Assignee,
  addMinutes,
  type CaseCommand,
  type CaseState,
  type CaseTask,
  type TaskStatus,
} from './case.ts';
import { type Read, readDue, readRequired } from './fields.ts';
import { type CaseRejection, reject } from './messages.ts';
import { STEP_RULES } from './steps.ts';
import { isTaskFinished, isTaskOpen, statusFromTasks, unfinishedTasks } from './tasks.ts';
import type { TimelineKey } from './timeline.ts';
import type { StepHandler, StepOutcome } from './transition.ts';

/** The most tasks one step hands out. */
export const MAX_TASKS_PER_STEP = 20;
/** The range a whistle's report-in time may be set to: ten minutes to three days. */
export const WHISTLE_ACK_MINUTES = { min: 10, max: 3 * 24 * 60 } as const;
const MAX_ID = 64;

/** The name of each task status. */
export const TASK_STATUS_LABELS: Readonly<Record<TaskStatus, Message>> = {
  pending: { zh: '待签收', en: 'pending' },
  accepted: { zh: '处置中', en: 'accepted' },
  done: { zh: '已处置', en: 'done' },
  unable: { zh: '无法处置', en: 'unable' },
  withdrawn: { zh: '已撤回', en: 'withdrawn' },
};

const isProblem = <T>(r: Read<T>): r is { problem: CaseRejection } => 'problem' in r;
const assigneeKey = (a: Assignee) => `${a.kind}:${a.id}`;
const isId = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '' && v.length <= MAX_ID;

function readAssignee(value: unknown, field: string): Read<Assignee> {
  const a = value as Partial<Assignee> | null | undefined;
  if (
    typeof a !== 'object' ||
    a === null ||
    !(ASSIGNEE_KINDS as readonly unknown[]).includes(a.kind) ||
    !isId(a.id)
  )
    return { problem: reject('assignee.invalid', { field }) };
  return { value: { kind: a.kind as Assignee['kind'], id: a.id.trim() } };
}

/** The case with `created` added; the status they lead to and the milestone of a first assignment. */
function withTasks(
  c: CaseState,
  created: CaseTask[],
  key: TimelineKey,
  params: Record<string, string | number>,
): StepOutcome {
  const tasks = [...c.tasks, ...created];
  const next = { ...c, tasks, status: statusFromTasks({ tasks, round: c.round }) ?? c.status };
  const first = c.status === 'registered' || c.status === 'returned' || c.status === 'reopened';
  return { next, key, params, tasks: created.map((t) => t.no), milestone: first ? 'assigned' : null };
}

function newTask(
  c: CaseState,
  offset: number,
  fields: Pick<CaseTask, 'assignee' | 'instructions' | 'whistle' | 'ackDueAt' | 'dueAt'>,
  now: Date,
): CaseTask {
  return {
    no: c.tasks.length + offset + 1,
    round: c.round,
    ...fields,
    status: 'pending',
    assignedAt: now,
    acceptedAt: null,
    finishedAt: null,
    report: null,
    reworks: 0,
  };
}

function readList(value: unknown, field: string): Read<readonly unknown[]> {
  if (!Array.isArray(value) || value.length === 0) return { problem: reject('tasks.empty', { field }) };
  if (value.length > MAX_TASKS_PER_STEP)
    return { problem: reject('tasks.tooMany', { field, max: MAX_TASKS_PER_STEP }) };
  return { value };
}

/** Split and assign (分解交办): new tasks, each with the ack and handling limits unless given a deadline. */
export const assignStep: StepHandler = (c, command, _actor, now) => {
  const cmd = command as Partial<Extract<CaseCommand, { step: 'assign' }>>;
  const list = readList(cmd.tasks, 'tasks');
  if (isProblem(list)) return list.problem;
  const taken = new Set(unfinishedTasks(c).map((t) => assigneeKey(t.assignee)));
  const created: CaseTask[] = [];
  for (const [i, spec] of list.value.entries()) {
    const s = (typeof spec === 'object' && spec !== null ? spec : {}) as Record<string, unknown>;
    const assignee = readAssignee(s.assignee, `tasks[${i}].assignee`);
    if (isProblem(assignee)) return assignee.problem;
    const instructions = readRequired(s.instructions, `tasks[${i}].instructions`);
    if (isProblem(instructions)) return instructions.problem;
    const due = readDue(s.dueAt, `tasks[${i}].dueAt`, now);
    if (isProblem(due)) return due.problem;
    const key = assigneeKey(assignee.value);
    if (taken.has(key)) return reject('tasks.duplicate', { field: `tasks[${i}].assignee` });
    taken.add(key);
    const dueAt = due.value ?? addMinutes(now, c.limits.handle);
    const ackDueAt = addMinutes(now, c.limits.ack);
    created.push(
      newTask(
        c,
        i,
        { assignee: assignee.value, instructions: instructions.value, whistle: null, ackDueAt, dueAt },
        now,
      ),
    );
  }
  return withTasks(c, created, 'case.assign', { count: created.length });
};

/** The township summons departments (街乡吹哨): department tasks sharing one report-in deadline. */
export const whistleStep: StepHandler = (c, command, _actor, now) => {
  const cmd = command as Partial<Extract<CaseCommand, { step: 'whistle' }>>;
  const list = readList(cmd.departments, 'departments');
  if (isProblem(list)) return list.problem;
  const instructions = readRequired(cmd.instructions, 'instructions');
  if (isProblem(instructions)) return instructions.problem;
  const ackMinutes = cmd.ackMinutes ?? c.limits.ack;
  const { min, max } = WHISTLE_ACK_MINUTES;
  if (!Number.isInteger(ackMinutes) || ackMinutes < min || ackMinutes > max)
    return reject('whistle.ackMinutes', { field: 'ackMinutes', min, max });
  const due = readDue(cmd.dueAt, 'dueAt', now);
  if (isProblem(due)) return due.problem;
  const taken = new Set(unfinishedTasks(c).map((t) => assigneeKey(t.assignee)));
  const whistle = c.whistles.length + 1;
  const created: CaseTask[] = [];
  for (const [i, id] of list.value.entries()) {
    const field = `departments[${i}]`;
    if (!isId(id)) return reject('assignee.invalid', { field });
    const assignee: Assignee = { kind: 'department', id: id.trim() };
    if (taken.has(assigneeKey(assignee))) return reject('tasks.duplicate', { field });
    taken.add(assigneeKey(assignee));
    const ackDueAt = addMinutes(now, ackMinutes);
    const dueAt = due.value ?? addMinutes(now, c.limits.handle);
    created.push(
      newTask(c, i, { assignee, instructions: instructions.value, whistle, ackDueAt, dueAt }, now),
    );
  }
  const withWhistle = {
    ...c,
    whistles: [...c.whistles, { no: whistle, at: now, ackMinutes, instructions: instructions.value }],
  };
  return withTasks(withWhistle, created, 'case.whistle', { count: created.length, ackMinutes, whistle });
};

/** The task numbered `value` in the current round. */
function findTask(c: CaseState, value: unknown, field: string): Read<CaseTask> {
  const task = c.tasks.find((t) => t.no === value && t.round === c.round);
  return task ? { value: task } : { problem: reject('task.unknown', { field, task: String(value) }) };
}

function replaceTask(c: CaseState, task: CaseTask): readonly CaseTask[] {
  return c.tasks.map((t) => (t.no === task.no ? task : t));
}

/** The status after a task change: escalated cases keep theirs; without live tasks, back to registered. */
function followTasks(c: CaseState, tasks: readonly CaseTask[]): CaseState {
  if (c.status === 'escalated') return { ...c, tasks };
  return { ...c, tasks, status: statusFromTasks({ tasks, round: c.round }) ?? 'registered' };
}

const taskStatusProblem = (task: CaseTask, step: 'accept' | 'report' | 'withdraw' | 'rework') =>
  reject('task.status', {
    task: task.no,
    taskStatus: TASK_STATUS_LABELS[task.status],
    step: STEP_RULES[step].label,
  });

/** Accept (签收; 报到 for a whistle) or report back (反馈): only the task's own assignee. */
export const taskReportStep: StepHandler = (c, command, actor, now) => {
  const cmd = command as { step: 'accept' | 'report'; task?: unknown; outcome?: unknown; report?: unknown };
  const found = findTask(c, cmd.task, 'task');
  if (isProblem(found)) return found.problem;
  const task = found.value;
  const isAssignee =
    actor.kind === 'staff' && actor.role === task.assignee.kind && actor.id === task.assignee.id;
  if (!isAssignee) return reject('actor.notAssignee', { task: task.no });
  if (cmd.step === 'accept') {
    if (task.status !== 'pending') return taskStatusProblem(task, 'accept');
    const next = { ...task, status: 'accepted' as const, acceptedAt: now };
    const late = now.getTime() > task.ackDueAt.getTime() ? 1 : 0;
    const key = task.whistle === null ? 'task.accept' : 'task.accept.whistle';
    return {
      next: followTasks(c, replaceTask(c, next)),
      key,
      params: { task: task.no, late },
      tasks: [task.no],
    };
  }
  if (!isTaskOpen(task.status)) return taskStatusProblem(task, 'report');
  const outcome = cmd.outcome;
  if (outcome !== 'done' && outcome !== 'unable') return reject('outcome.invalid', { field: 'outcome' });
  const report = readRequired(cmd.report, 'report');
  if (isProblem(report)) return report.problem;
  const next: CaseTask = {
    ...task,
    status: outcome,
    acceptedAt: task.acceptedAt ?? now,
    finishedAt: now,
    report: report.value,
  };
  const params = { task: task.no, report: report.value };
  return {
    next: followTasks(c, replaceTask(c, next)),
    key: `task.report.${outcome}`,
    params,
    tasks: [task.no],
  };
};

/** The holder recalls a task that is not yet reported. */
export const withdrawStep: StepHandler = (c, command, _actor, now) => {
  const cmd = command as Partial<Extract<CaseCommand, { step: 'withdraw' }>>;
  const found = findTask(c, cmd.task, 'task');
  if (isProblem(found)) return found.problem;
  const task = found.value;
  if (!isTaskOpen(task.status)) return taskStatusProblem(task, 'withdraw');
  const reason = readRequired(cmd.reason, 'reason');
  if (isProblem(reason)) return reason.problem;
  const next: CaseTask = { ...task, status: 'withdrawn', finishedAt: now };
  const params = { task: task.no, reason: reason.value };
  return { next: followTasks(c, replaceTask(c, next)), key: 'task.withdraw', params, tasks: [task.no] };
};

/** Verification sends reported tasks back to their assignees with a new deadline. */
export const reworkStep: StepHandler = (c, command, _actor, now) => {
  const cmd = command as Partial<Extract<CaseCommand, { step: 'rework' }>>;
  const list = readList(cmd.tasks, 'tasks');
  if (isProblem(list)) return list.problem;
  const chosen: CaseTask[] = [];
  for (const [i, no] of list.value.entries()) {
    const found = findTask(c, no, `tasks[${i}]`);
    if (isProblem(found)) return found.problem;
    if (chosen.some((t) => t.no === found.value.no))
      return reject('tasks.duplicate', { field: `tasks[${i}]` });
    if (!isTaskFinished(found.value.status)) return taskStatusProblem(found.value, 'rework');
    chosen.push(found.value);
  }
  const reason = readRequired(cmd.reason, 'reason');
  if (isProblem(reason)) return reason.problem;
  const due = readDue(cmd.dueAt, 'dueAt', now);
  if (isProblem(due)) return due.problem;
  const dueAt = due.value ?? addMinutes(now, c.limits.handle);
  let tasks = c.tasks;
  for (const t of chosen) {
    const next: CaseTask = {
      ...t,
      status: 'accepted',
      finishedAt: null,
      report: null,
      dueAt,
      reworks: t.reworks + 1,
    };
    tasks = tasks.map((x) => (x.no === t.no ? next : x));
  }
  const params = { count: chosen.length, reason: reason.value };
  return { next: followTasks(c, tasks), key: 'task.rework', params, tasks: chosen.map((t) => t.no) };
};
