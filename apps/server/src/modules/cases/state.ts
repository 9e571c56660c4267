// Rows ↔ the domain's CaseState. The domain decides every change on a plain object; this file is the
// only place that knows which column holds which part of it, both ways.
import {
  type CaseActor,
  type CaseLevel,
  type CaseState,
  type CaseStatus,
  type CaseTask,
  isOpenStatus,
  type StepLimits,
  type TaskStatus,
} from '@civgrid/domain';
import type { Selectable } from 'kysely';
import type { Actor } from '../../platform/actor.ts';
import type { CaseFileTable, CaseTaskTable, CaseWhistleTable } from '../../platform/db-types.ts';

export type CaseRow = Selectable<CaseFileTable>;
export type TaskRow = Selectable<CaseTaskTable>;
export type WhistleRow = Selectable<CaseWhistleTable>;

/** Who a user is to the workflow. Task assignees are named by user id — for a department, the id of its
 *  own account, until departments become records of their own (see docs/ARCHITECTURE.md, Cases (server)). */
export function caseActorOf(actor: Actor): CaseActor {
  if (actor.kind === 'system') return { kind: 'system' };
  return { kind: 'staff', role: actor.role, level: actor.scopeLevel, id: actor.id ?? '' };
}

export function toTask(row: TaskRow): CaseTask {
  return {
    no: row.no,
    round: row.round,
    assignee: { kind: row.assignee_kind, id: String(row.assignee_user_id) },
    instructions: row.instructions,
    whistle: row.whistle,
    status: row.status as TaskStatus,
    assignedAt: row.assigned_at,
    ackDueAt: row.ack_due_at,
    dueAt: row.due_at,
    acceptedAt: row.accepted_at,
    finishedAt: row.finished_at,
    report: row.report,
    reworks: row.reworks,
  };
}

export function toCaseState(
  row: CaseRow,
  tasks: readonly TaskRow[],
  whistles: readonly WhistleRow[],
): CaseState {
  return {
    id: row.id,
    status: row.status as CaseStatus,
    holderLevel: row.holder_level as CaseLevel,
    originLevel: row.origin_level as CaseLevel,
    priority: row.priority,
    limits: row.limits as unknown as StepLimits,
    openedAt: row.opened_at,
    updatedAt: row.updated_at,
    statusSince: row.status_since,
    holderSince: row.holder_since,
    handoverAt: row.handover_at,
    stepDueAt: row.step_due_at,
    dueAt: row.due_at,
    round: row.round,
    tasks: [...tasks].sort((a, b) => a.no - b.no).map(toTask),
    whistles: [...whistles]
      .sort((a, b) => a.no - b.no)
      .map((w) => ({ no: w.no, at: w.at, ackMinutes: w.ack_minutes, instructions: w.instructions })),
    escalations: row.escalations,
    supervision: row.supervision_level
      ? {
          level: row.supervision_level as CaseLevel,
          at: row.supervision_at!,
          note: row.supervision_note ?? '',
          dueAt: row.supervision_due_at,
        }
      : null,
    instructions: row.instructions,
    evaluation:
      row.rating !== null
        ? {
            rating: row.rating,
            comment: row.rating_comment,
            at: row.rated_at!,
            by: row.rated_by === 'staff' ? 'staff' : 'resident',
          }
        : null,
    evaluationDueAt: row.evaluation_due_at,
    reopenCount: row.reopen_count,
    closedAt: row.closed_at,
  };
}

/** The case_file columns a step may change. */
export function stateColumns(c: CaseState) {
  return {
    status: c.status,
    is_open: isOpenStatus(c.status),
    holder_level: c.holderLevel,
    origin_level: c.originLevel,
    priority: c.priority,
    limits: JSON.stringify(c.limits),
    opened_at: c.openedAt,
    updated_at: c.updatedAt,
    status_since: c.statusSince,
    holder_since: c.holderSince,
    handover_at: c.handoverAt,
    step_due_at: c.stepDueAt,
    due_at: c.dueAt,
    closed_at: c.closedAt,
    round: c.round,
    escalations: c.escalations,
    reopen_count: c.reopenCount,
    instructions: c.instructions,
    supervision_level: c.supervision?.level ?? null,
    supervision_at: c.supervision?.at ?? null,
    supervision_note: c.supervision?.note ?? null,
    supervision_due_at: c.supervision?.dueAt ?? null,
    rating: c.evaluation?.rating ?? null,
    rating_comment: c.evaluation?.comment ?? null,
    rated_at: c.evaluation?.at ?? null,
    rated_by: c.evaluation?.by ?? null,
    evaluation_due_at: c.evaluationDueAt,
  };
}

export function taskColumns(caseId: string, t: CaseTask) {
  return {
    case_id: caseId,
    no: t.no,
    round: t.round,
    assignee_kind: t.assignee.kind,
    assignee_user_id: t.assignee.id,
    instructions: t.instructions,
    whistle: t.whistle,
    status: t.status,
    assigned_at: t.assignedAt,
    ack_due_at: t.ackDueAt,
    due_at: t.dueAt,
    accepted_at: t.acceptedAt,
    finished_at: t.finishedAt,
    report: t.report,
    reworks: t.reworks,
  };
}

const sameTask = (a: CaseTask, b: CaseTask) => JSON.stringify(a) === JSON.stringify(b);

/** The tasks of `after` that are new or differ from `before`: what a step has to write. */
export function changedTasks(before: CaseState, after: CaseState): CaseTask[] {
  const old = new Map(before.tasks.map((t) => [t.no, t]));
  return after.tasks.filter((t) => {
    const prior = old.get(t.no);
    return prior === undefined || !sameTask(prior, t);
  });
}
