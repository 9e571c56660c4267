// The case-level steps: register, decline, verify and close (resolved or not fixed), the vertical steps
// (escalate, take, return, supervise) and the resident's evaluation.

import { addMinutes, type CaseCommand, type CaseState } from './case.ts';
import { type Read, readDue, readRequired, readText } from './fields.ts';
import { type CaseRejection, reject } from './messages.ts';
import { type CaseLevel, type CaseStatus, levelAbove, levelBelow } from './statuses.ts';
import { roundTasks, statusFromTasks } from './tasks.ts';
import type { StepHandler, StepOutcome } from './transition.ts';

const isProblem = <T>(r: Read<T>): r is { problem: CaseRejection } => 'problem' in r;
type Command<S extends CaseCommand['step']> = Partial<Extract<CaseCommand, { step: S }>>;

/** The case closed as `status`: supervision ends; the resident may rate it until the evaluation limit. */
function close(c: CaseState, status: CaseStatus, now: Date): CaseState {
  const evaluationDueAt = status === 'declined' ? null : addMinutes(now, c.limits.evaluate);
  return { ...c, status, closedAt: now, supervision: null, evaluation: null, evaluationDueAt };
}

function params(values: Record<string, string | number | null>): Record<string, string | number> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null)) as Record<
    string,
    string | number
  >;
}

/** One handler for the case-level steps, by step. */
export const caseStep: StepHandler = (c, command, actor, now): StepOutcome | CaseRejection => {
  switch (command.step) {
    case 'register': {
      const note = readText((command as Command<'register'>).note, 'note', false);
      if (isProblem(note)) return note.problem;
      const next: CaseState = { ...c, status: 'registered' };
      return { next, key: 'case.register', params: params({ note: note.value }), milestone: 'registered' };
    }
    case 'decline': {
      const reason = readRequired((command as Command<'decline'>).reason, 'reason');
      if (isProblem(reason)) return reason.problem;
      return {
        next: close(c, 'declined', now),
        key: 'case.decline',
        params: { reason: reason.value },
        milestone: 'declined',
      };
    }
    case 'resolve': {
      if (!roundTasks(c).some((t) => t.status === 'done')) return reject('resolve.nothingDone');
      const note = readText((command as Command<'resolve'>).note, 'note', false);
      if (isProblem(note)) return note.problem;
      return {
        next: close(c, 'resolved', now),
        key: 'case.resolve',
        params: params({ note: note.value }),
        milestone: 'resolved',
      };
    }
    case 'close-unfixed': {
      const reason = readRequired((command as Command<'close-unfixed'>).reason, 'reason');
      if (isProblem(reason)) return reason.problem;
      const next = close(c, 'closed-unfixed', now);
      return {
        next,
        key: 'case.close-unfixed',
        params: { reason: reason.value },
        milestone: 'closed-unfixed',
      };
    }
    case 'escalate':
      return escalate(c, command as Command<'escalate'>, actor.kind === 'system', now);
    case 'take': {
      const note = readText((command as Command<'take'>).note, 'note', false);
      if (isProblem(note)) return note.problem;
      const next: CaseState = {
        ...c,
        status: statusFromTasks(c) ?? 'registered',
        handoverAt: now,
        instructions: null,
      };
      return { next, key: 'case.take', params: params({ note: note.value }) };
    }
    case 'return':
      return returnDown(c, command as Command<'return'>, now);
    case 'supervise': {
      const cmd = command as Command<'supervise'>;
      const note = readRequired(cmd.note, 'note');
      if (isProblem(note)) return note.problem;
      const due = readDue(cmd.dueAt, 'dueAt', now);
      if (isProblem(due)) return due.problem;
      // The table lets only staff above the holder this far, so the level is a centre's.
      const level = (actor.kind === 'staff' ? actor.level : c.holderLevel) as CaseLevel;
      const supervision = { level, at: now, note: note.value, dueAt: due.value };
      return { next: { ...c, supervision }, key: 'case.supervise', params: { level, note: note.value } };
    }
    case 'evaluate':
      return evaluate(
        c,
        command as Command<'evaluate'>,
        actor.kind === 'resident' ? 'resident' : 'staff',
        now,
      );
    default:
      return reject('step.unknown', { step: command.step });
  }
};

function escalate(
  c: CaseState,
  cmd: Command<'escalate'>,
  isAuto: boolean,
  now: Date,
): StepOutcome | CaseRejection {
  const above = levelAbove(c.holderLevel);
  if (above === null) return reject('escalate.top');
  if (isAuto && !(c.stepDueAt !== null && c.stepDueAt.getTime() < now.getTime()))
    return reject('escalate.notDue');
  const reason = readText(cmd.reason, 'reason', !isAuto);
  if (isProblem(reason)) return reason.problem;
  const next: CaseState = {
    ...c,
    status: 'escalated',
    holderLevel: above,
    holderSince: now,
    // Escalating an escalated case (the level above passes it on, or let it run late) restarts the clock.
    statusSince: now,
    escalations: c.escalations + 1,
  };
  const key = isAuto ? 'case.escalate.overdue' : 'case.escalate';
  return { next, key, params: params({ reason: reason.value }), milestone: 'escalated' };
}

function returnDown(c: CaseState, cmd: Command<'return'>, now: Date): StepOutcome | CaseRejection {
  const below = levelBelow(c.holderLevel);
  if (below === null) return reject('return.bottom');
  const instructions = readRequired(cmd.instructions, 'instructions');
  if (isProblem(instructions)) return instructions.problem;
  const supervised = cmd.supervise === true;
  const next: CaseState = {
    ...c,
    status: statusFromTasks(c) ?? 'returned',
    holderLevel: below,
    holderSince: now,
    handoverAt: now,
    instructions: instructions.value,
    supervision: supervised
      ? { level: c.holderLevel, at: now, note: instructions.value, dueAt: null }
      : c.supervision,
  };
  const key = supervised ? 'case.return.supervised' : 'case.return';
  return { next, key, params: { instructions: instructions.value } };
}

function evaluate(
  c: CaseState,
  cmd: Command<'evaluate'>,
  by: 'resident' | 'staff',
  now: Date,
): StepOutcome | CaseRejection {
  if (c.evaluation !== null) return reject('evaluate.already');
  if (c.evaluationDueAt !== null && now.getTime() > c.evaluationDueAt.getTime())
    return reject('evaluate.closed');
  const notSatisfied = (cmd.notSatisfied as unknown) === true;
  const rating = cmd.rating as unknown;
  const isRating = typeof rating === 'number' && Number.isInteger(rating) && rating >= 1 && rating <= 5;
  if (!isRating && !(notSatisfied && rating === undefined))
    return reject('rating.range', { field: 'rating' });
  const comment = readText(cmd.comment, 'comment', false);
  if (isProblem(comment)) return comment.problem;
  const given = isRating ? (rating as number) : null;
  if (notSatisfied || (given !== null && given <= 2)) {
    const next: CaseState = {
      ...c,
      status: 'reopened',
      round: c.round + 1,
      reopenCount: c.reopenCount + 1,
      closedAt: null,
      evaluationDueAt: null,
      instructions: null,
      handoverAt: null,
      dueAt: addMinutes(now, c.limits.total),
    };
    const values = params({ rating: given, comment: comment.value, by });
    return { next, key: 'case.evaluate.reopen', params: values, milestone: 'reopened' };
  }
  const evaluation = { rating: given as number, comment: comment.value, at: now, by };
  const next: CaseState = { ...c, evaluation, evaluationDueAt: null };
  const key = by === 'resident' ? 'case.evaluate' : 'case.evaluate.staff';
  return { next, key, params: params({ rating: given, comment: comment.value }) };
}
