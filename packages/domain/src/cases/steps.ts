// The transition table: every step a case can take, from which statuses, to which, and who may take
// it. `transition()` reads this table for the who-and-from checks, and the tests hold it against an
// independent model, so what the console offers and what the server accepts come from one place.

import { isScopeLevelAllowed, type Role } from '../auth/roles.ts';
import { ORG_LEVELS, type OrgLevel } from '../org/hierarchy.ts';
import type { Message } from '../registry/rules.ts';
import { ACTOR_LABELS, type CaseRejection, reject } from './messages.ts';
import { type CaseLevel, type CaseStage, type CaseStatus, OPEN_CASE_STATUSES } from './statuses.ts';

export const CASE_STEPS = [
  'register',
  'decline',
  'assign',
  'whistle',
  'accept',
  'report',
  'withdraw',
  'rework',
  'resolve',
  'close-unfixed',
  'escalate',
  'take',
  'return',
  'supervise',
  'evaluate',
] as const;
export type CaseStep = (typeof CASE_STEPS)[number];

/** True when `value` names a step. */
export function isCaseStep(value: string): value is CaseStep {
  return (CASE_STEPS as readonly string[]).includes(value);
}

/**
 * Who takes a step. Staff carry their role, the level of their scope unit and an id matched against task
 * assignees (a user's id; for a department, the id the server gives the department). The resident is the
 * case's reporter, already recognised by the server (tracking number and its secret). The system is the
 * platform itself: timers and the residents' channels.
 */
export type CaseActor =
  | { kind: 'staff'; role: Role; level: OrgLevel; id: string }
  | { kind: 'resident' }
  | { kind: 'system' };

export const SYSTEM_ACTOR: CaseActor = { kind: 'system' };
export const RESIDENT_ACTOR: CaseActor = { kind: 'resident' };

/**
 * Which staff member the step needs, beyond role and level:
 * - `holder`: a centre at the level that holds the case now;
 * - `above-holder`: a centre at a level above the holder (supervision comes from above);
 * - `assignee`: the task's own department, grid worker or police officer.
 */
export type StepActorRule = 'holder' | 'above-holder' | 'assignee';

export interface StepRule {
  step: CaseStep;
  stage: CaseStage;
  label: Message;
  from: readonly CaseStatus[];
  /** Every status the step can lead to (a task step may leave the status as it was). */
  to: readonly CaseStatus[];
  roles: readonly Role[];
  levels: readonly OrgLevel[];
  who: StepActorRule;
  resident: boolean;
  system: boolean;
}

/** The centre roles of each level; the administrator works as the city centre. */
export const CENTRE_ROLES: Readonly<Record<CaseLevel, readonly Role[]>> = {
  village: ['village-centre'],
  township: ['township-centre'],
  county: ['county-centre'],
  city: ['city-centre', 'admin'],
};

const CENTRES: readonly Role[] = [
  'village-centre',
  'township-centre',
  'county-centre',
  'city-centre',
  'admin',
];
const UPPER_CENTRES: readonly Role[] = ['township-centre', 'county-centre', 'city-centre', 'admin'];
const HANDLERS: readonly Role[] = ['department', 'grid-worker', 'police'];
const ALL_CASE_LEVELS: readonly OrgLevel[] = ['village', 'township', 'county', 'city'];
const UPPER_LEVELS: readonly OrgLevel[] = ['township', 'county', 'city'];
const AWAITING_ASSIGNMENT: readonly CaseStatus[] = ['registered', 'returned', 'reopened'];
const WITH_TASKS: readonly CaseStatus[] = ['assigned', 'in-action', 'reported-back'];
const CAN_ASSIGN: readonly CaseStatus[] = [...AWAITING_ASSIGNMENT, ...WITH_TASKS];

type Row = Omit<StepRule, 'step' | 'resident' | 'system'> & { resident?: boolean; system?: boolean };

const centreStep = (
  stage: CaseStage,
  label: Message,
  from: readonly CaseStatus[],
  to: readonly CaseStatus[],
) => ({ stage, label, from, to, roles: CENTRES, levels: ALL_CASE_LEVELS, who: 'holder' }) as const;

const ROWS: Readonly<Record<CaseStep, Row>> = {
  register: centreStep('register', { zh: '受理登记', en: 'register' }, ['reported'], ['registered']),
  decline: centreStep('register', { zh: '不予受理', en: 'decline' }, ['reported'], ['declined']),
  assign: centreStep('assign', { zh: '分解交办', en: 'split and assign' }, CAN_ASSIGN, [
    'assigned',
    'in-action',
  ]),
  whistle: {
    ...centreStep('assign', { zh: '街乡吹哨', en: 'blow the whistle' }, CAN_ASSIGN, [
      'assigned',
      'in-action',
    ]),
    roles: ['township-centre'],
    levels: ['township'],
  },
  accept: {
    stage: 'act',
    label: { zh: '签收（报到）', en: 'accept the task' },
    from: ['assigned', 'in-action', 'escalated'],
    to: ['in-action', 'escalated'],
    roles: HANDLERS,
    levels: ORG_LEVELS,
    who: 'assignee',
  },
  report: {
    stage: 'report',
    label: { zh: '结果反馈', en: 'report back' },
    from: ['assigned', 'in-action', 'escalated'],
    to: ['in-action', 'reported-back', 'escalated'],
    roles: HANDLERS,
    levels: ORG_LEVELS,
    who: 'assignee',
  },
  withdraw: centreStep(
    'assign',
    { zh: '撤回任务', en: 'withdraw a task' },
    ['assigned', 'in-action'],
    ['registered', 'assigned', 'in-action', 'reported-back'],
  ),
  rework: centreStep(
    'verify',
    { zh: '退回重办', en: 'send back for rework' },
    ['reported-back'],
    ['in-action'],
  ),
  resolve: centreStep('verify', { zh: '核查结案', en: 'verify and close' }, ['reported-back'], ['resolved']),
  'close-unfixed': centreStep(
    'verify',
    { zh: '结案（未解决）', en: 'close, not fixed' },
    [...AWAITING_ASSIGNMENT, 'reported-back'],
    ['closed-unfixed'],
  ),
  escalate: {
    stage: 'coordinate',
    label: { zh: '上报上级', en: 'escalate' },
    from: OPEN_CASE_STATUSES,
    to: ['escalated'],
    roles: ['village-centre', 'township-centre', 'county-centre'],
    levels: ['village', 'township', 'county'],
    who: 'holder',
    system: true,
  },
  take: {
    stage: 'coordinate',
    label: { zh: '上级承接', en: 'take over' },
    from: ['escalated'],
    to: ['registered', ...WITH_TASKS],
    roles: UPPER_CENTRES,
    levels: UPPER_LEVELS,
    who: 'holder',
  },
  return: {
    stage: 'coordinate',
    label: { zh: '退回并指导', en: 'return with instructions' },
    from: ['escalated'],
    to: ['returned', ...WITH_TASKS],
    roles: UPPER_CENTRES,
    levels: UPPER_LEVELS,
    who: 'holder',
  },
  supervise: {
    stage: 'evaluate',
    label: { zh: '督办', en: 'supervise' },
    from: OPEN_CASE_STATUSES,
    to: OPEN_CASE_STATUSES,
    roles: UPPER_CENTRES,
    levels: UPPER_LEVELS,
    who: 'above-holder',
  },
  evaluate: {
    ...centreStep(
      'evaluate',
      { zh: '群众评价', en: 'evaluate' },
      ['resolved', 'closed-unfixed'],
      ['resolved', 'closed-unfixed', 'reopened'],
    ),
    resident: true,
  },
};

/** The transition table, one row per step. */
export const STEP_RULES: Readonly<Record<CaseStep, StepRule>> = Object.fromEntries(
  CASE_STEPS.map((step) => {
    const row = ROWS[step];
    return [step, { ...row, step, resident: row.resident ?? false, system: row.system ?? false }];
  }),
) as Record<CaseStep, StepRule>;

/** The role and level columns of a row, and whether residents and the system may take it. */
export interface ActorRule {
  roles: readonly Role[];
  levels: readonly OrgLevel[];
  resident: boolean;
  system: boolean;
}

/** Null when `actor` passes the role and level columns of `rule` (a staff member's level must also be
 *  one their role can be scoped to); else the rejection naming which column refused them. */
export function checkActor(rule: ActorRule, actor: CaseActor, label: Message): CaseRejection | null {
  if (actor.kind !== 'staff') {
    if (actor.kind === 'resident' ? rule.resident : rule.system) return null;
    return reject('actor.role', { role: ACTOR_LABELS[actor.kind], step: label });
  }
  if (!rule.roles.includes(actor.role))
    return reject('actor.role', { role: ACTOR_LABELS[actor.role], step: label });
  if (!rule.levels.includes(actor.level) || !isScopeLevelAllowed(actor.role, actor.level))
    return reject('actor.level', { level: LEVEL_NAMES[actor.level], step: label });
  return null;
}

const LEVEL_NAMES: Readonly<Record<OrgLevel, Message>> = {
  city: { zh: '市级', en: 'city' },
  county: { zh: '县级', en: 'county' },
  township: { zh: '乡镇级', en: 'township' },
  village: { zh: '村级', en: 'village' },
  grid: { zh: '网格', en: 'grid' },
};

/** True when the table lets `actor` take `step` at all, whatever the case: the role and level columns. */
export function isStepAllowedFor(step: CaseStep, actor: CaseActor): boolean {
  const rule = STEP_RULES[step];
  return checkActor(rule, actor, rule.label) === null;
}

/** The steps `actor` may ever take, in table order (what a console may offer before looking at a case). */
export function stepsFor(actor: CaseActor): CaseStep[] {
  return CASE_STEPS.filter((step) => isStepAllowedFor(step, actor));
}
