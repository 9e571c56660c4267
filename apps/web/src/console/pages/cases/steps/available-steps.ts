// Which of the steps the server offers (`steps`: what the table lets this user do at all) fit the case as
// it stands: the status the step starts from, the level that must take it, the user's own tasks. The
// server decides again when the step arrives; this only keeps buttons that cannot work off the page.
import type { TSessionUser } from '@civgrid/contracts';
import {
  CASE_LEVELS,
  CASE_STEPS,
  type CaseLevel,
  type CaseStatus,
  type CaseStep,
  STEP_RULES,
} from '@civgrid/domain';
import type { TCasePage, TCaseTask } from '../shared/cases.ts';

const levelIndex = (level: string) => CASE_LEVELS.indexOf(level as CaseLevel);

/** The current round's tasks. */
export function roundTasks(page: TCasePage): TCaseTask[] {
  return page.tasks.filter((task) => task.round === page.case.round);
}

/** The current round's tasks given to `user` itself. */
export function myTasks(page: TCasePage, user: TSessionUser): TCaseTask[] {
  return roundTasks(page).filter((task) => task.assignee.kind === user.role && task.assignee.id === user.id);
}

const isOpenTask = (task: TCaseTask) => task.status === 'pending' || task.status === 'accepted';
const isFinishedTask = (task: TCaseTask) => task.status === 'done' || task.status === 'unable';

/** Whether the user stands where the step's rule wants them: the holding level, a level above it, or
 *  the assignee of a task the step can act on. */
function isRightActor(step: CaseStep, page: TCasePage, user: TSessionUser): boolean {
  const rule = STEP_RULES[step];
  const holder = levelIndex(page.case.holderLevel);
  const mine = levelIndex(user.scope.level);
  if (rule.who === 'holder') return mine === holder;
  if (rule.who === 'above-holder') return mine > holder;
  const tasks = myTasks(page, user);
  return step === 'accept' ? tasks.some((task) => task.status === 'pending') : tasks.some(isOpenTask);
}

/** What the case itself still allows beyond its status. */
function isPossible(step: CaseStep, page: TCasePage, now: number): boolean {
  const c = page.case;
  const tasks = roundTasks(page);
  switch (step) {
    case 'withdraw':
      return tasks.some(isOpenTask);
    case 'rework':
      return tasks.some(isFinishedTask);
    case 'resolve':
      return tasks.some((task) => task.status === 'done');
    case 'escalate':
      return c.holderLevel !== 'city';
    case 'return':
      return c.holderLevel !== 'village';
    case 'evaluate':
      return c.evaluation === null && (c.evaluationDueAt === null || Date.parse(c.evaluationDueAt) >= now);
    default:
      return true;
  }
}

/** The step a case in each status usually waits for: its button comes first and stands out. */
const NEXT_STEP: Record<CaseStatus, readonly CaseStep[]> = {
  reported: ['register'],
  registered: ['assign'],
  returned: ['assign'],
  reopened: ['assign'],
  assigned: ['accept', 'report'],
  'in-action': ['accept', 'report'],
  'reported-back': ['resolve'],
  escalated: ['take', 'accept', 'report'],
  resolved: ['evaluate'],
  'closed-unfixed': ['evaluate'],
  declined: [],
};

/** The steps to offer as buttons: the one the case waits for first, then the others in table order. */
export function availableSteps(page: TCasePage, user: TSessionUser, now: number): CaseStep[] {
  const offered = new Set(page.steps);
  const steps = CASE_STEPS.filter(
    (step) =>
      offered.has(step) &&
      STEP_RULES[step].from.includes(page.case.status) &&
      isRightActor(step, page, user) &&
      isPossible(step, page, now),
  );
  const next = NEXT_STEP[page.case.status].find((step) => steps.includes(step));
  return next === undefined ? steps : [next, ...steps.filter((step) => step !== next)];
}

/** The step the case waits for, when the user can take it (the panel's primary button). */
export function isNextStep(step: CaseStep, page: TCasePage): boolean {
  return NEXT_STEP[page.case.status].includes(step);
}

/** Steps that cannot be undone and ask for a confirmation first. */
export const IRREVERSIBLE: ReadonlySet<CaseStep> = new Set(['decline', 'close-unfixed']);
