// `transition()`: one step of the workflow. Checks run in a fixed order so a refusal always names the
// first thing to fix: the step exists, time does not run backwards, the table's role and level columns,
// the status the step starts from, the holder / above-holder / assignee rule, then what the step carries.

import {
  type CaseChange,
  type CaseCommand,
  type CaseMilestone,
  type CaseResult,
  type CaseState,
  stepDeadline,
  type TimelineEntry,
} from './case.ts';
import { type CaseRejection, reject } from './messages.ts';
import { CASE_LEVEL_LABELS, CASE_LEVELS, CASE_STATUS_INFO, type CaseLevel } from './statuses.ts';
import { type CaseActor, type CaseStep, checkActor, isCaseStep, STEP_RULES } from './steps.ts';
import type { TimelineKey } from './timeline.ts';
import { caseStep } from './transition-case.ts';
import { assignStep, reworkStep, taskReportStep, whistleStep, withdrawStep } from './transition-tasks.ts';

/** What a step handler produces: the next state before the common bookkeeping, and its timeline line. */
export interface StepOutcome {
  next: CaseState;
  key: TimelineKey;
  params?: Readonly<Record<string, string | number>>;
  tasks?: readonly number[];
  milestone?: CaseMilestone | null;
}

export type StepHandler = (
  c: CaseState,
  command: CaseCommand,
  actor: CaseActor,
  now: Date,
) => StepOutcome | CaseRejection;

const HANDLERS: Readonly<Record<CaseStep, StepHandler>> = {
  register: caseStep,
  decline: caseStep,
  assign: assignStep,
  whistle: whistleStep,
  accept: taskReportStep,
  report: taskReportStep,
  withdraw: withdrawStep,
  rework: reworkStep,
  resolve: caseStep,
  'close-unfixed': caseStep,
  escalate: caseStep,
  take: caseStep,
  return: caseStep,
  supervise: caseStep,
  evaluate: caseStep,
};

const rank = (level: string) => CASE_LEVELS.indexOf(level as CaseLevel);

/** The case after `command` taken by `actor` at `now`, with what changed; or the first rule it breaks.
 *  Never mutates `c`. The caller has already checked that the case lies in the actor's jurisdiction. */
export function transition(c: CaseState, command: CaseCommand, actor: CaseActor, now: Date): CaseResult {
  const step = (command as { step: unknown }).step;
  if (typeof step !== 'string' || !isCaseStep(step)) return reject('step.unknown', { step: String(step) });
  if (now.getTime() < c.updatedAt.getTime()) return reject('clock.backwards');
  const rule = STEP_RULES[step];
  const refused = checkActor(rule, actor, rule.label);
  if (refused) return refused;
  if (!rule.from.includes(c.status))
    return reject('step.status', { status: CASE_STATUS_INFO[c.status].label, step: rule.label });
  if (actor.kind === 'staff') {
    const holder = CASE_LEVEL_LABELS[c.holderLevel];
    if (rule.who === 'holder' && actor.level !== c.holderLevel)
      return reject('actor.notHolder', { holder, step: rule.label });
    if (rule.who === 'above-holder' && rank(actor.level) <= rank(c.holderLevel))
      return reject('actor.notAbove', { holder, step: rule.label });
  }
  const outcome = HANDLERS[step](c, command, actor, now);
  if ('ok' in outcome) return outcome;
  return { ok: true, ...settle(c, outcome, step, actor, now) };
}

/** The bookkeeping every step shares: the time of the change, when the status began, the step deadline. */
function settle(c: CaseState, outcome: StepOutcome, step: CaseStep, actor: CaseActor, now: Date) {
  let next: CaseState = { ...outcome.next, updatedAt: now };
  if (next.status !== c.status) next = { ...next, statusSince: now };
  next = { ...next, stepDueAt: stepDeadline(next) };
  const timeline: TimelineEntry = {
    at: now,
    step,
    key: outcome.key,
    actor,
    from: c.status,
    to: next.status,
    holderFrom: c.holderLevel,
    holderTo: next.holderLevel,
    params: outcome.params ?? {},
  };
  const change: CaseChange = {
    step,
    from: c.status,
    to: next.status,
    holderFrom: c.holderLevel,
    holderTo: next.holderLevel,
    stepDueAt: next.stepDueAt,
    dueAt: next.dueAt,
    tasks: outcome.tasks ?? [],
    timeline,
    milestone: outcome.milestone ?? null,
  };
  return { case: next, change };
}
