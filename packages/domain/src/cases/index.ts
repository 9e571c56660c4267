// Cases: the "9+X" closed loop as pure data and functions — six steps, four centre levels, the whistle,
// the resident's rating. No I/O: the server loads a case, asks here, and writes what it is told.
//
// How the server uses it
// - Categories: keep the tree in the database (seed `DEFAULT_CASE_CATEGORIES`); check an admin's edit
//   with `checkCategoryTree(all)`; when a case opens, copy `categoryLimits(all, code, priority)` into it.
// - Opening: `openCase({ id, source, level, priority, limits }, actor, now)` → status `reported` at
//   `level` (a grid worker's or portal report: the village centre of its grid; an operator's call: their
//   own level). A hotline operator who registers at once follows with the `register` step.
// - Every later change: `transition(case, command, actor, now)`. The server has already found the case
//   through the scope layer (jurisdiction is not checked here: levels, roles and assignees are). On
//   `{ ok: true, case, change }` write `case` (and its tasks), the audit row and `change.timeline` in one
//   transaction, and queue a notification when `change.milestone` is set. On `{ ok: false, code, rule,
//   field?, message }` answer `code` (CASE_STEP_FORBIDDEN → 403, CASE_STEP_CONFLICT → 409, INVALID_FIELD →
//   400) with the zh/en message; audit a forbidden step like any refused action.
// - Actors: `{ kind: 'staff', role, level, id }` for users (level = their scope unit's level; id = what
//   task assignees name: the user id, or the department's id for department staff), `RESIDENT_ACTOR` for
//   the case's reporter recognised by tracking number, `SYSTEM_ACTOR` for timers.
// - Overdue escalation: every few minutes, select open cases with `step_due_at < now - grace` below the
//   city (or call `dueEscalations(cases, now, graceMinutes)`), then `transition(c, { step: 'escalate' },
//   SYSTEM_ACTOR, now)` for each; a case that is no longer overdue is refused (`escalate.notDue`).
// - Queues: holder level = "my level's cases"; tasks' assignees = "my cases" for handlers;
//   `isStepOverdue` = overdue; `supervision !== null` = supervised.
// - The whistle: `whistleRollCall(case, whistleNo, now)` lists who reported in on time, late or never;
//   `taskTimeliness(task, now)` gives every task's acknowledgement and handling against its deadlines.
// - Open311: `open311Status(status)`; `dueAt` is the request's `expected_datetime`.
// - Words: `STEP_RULES[step].label`, `CASE_STATUS_INFO[status].label`, `describeTimelineEntry(entry)`.

export * from './case.ts';
export * from './categories.ts';
export * from './escalation.ts';
export { MAX_CASE_TEXT } from './fields.ts';
export * from './messages.ts';
export * from './statuses.ts';
export * from './steps.ts';
export * from './tasks.ts';
export * from './timeline.ts';
export { transition } from './transition.ts';
export { MAX_TASKS_PER_STEP, TASK_STATUS_LABELS, WHISTLE_ACK_MINUTES } from './transition-tasks.ts';
