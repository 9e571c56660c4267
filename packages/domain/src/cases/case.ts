// A case as the workflow sees it: status, holder level, tasks, deadlines, and the records of whistles,
// supervision and evaluation. Plain data with Date fields, so the server maps it to and from rows; every
// change goes through `openCase` or `transition`, which return a new object and never mutate.

import { ORG_LEVELS } from '../org/hierarchy.ts';
import type { Message } from '../registry/rules.ts';
import type { CasePriority, StepLimits } from './categories.ts';
import { type CaseRejection, reject } from './messages.ts';
import type { CaseLevel, CaseStatus } from './statuses.ts';
import { CASE_LEVELS, isCaseLevel } from './statuses.ts';
import { type ActorRule, type CaseActor, type CaseStep, checkActor } from './steps.ts';
import { unfinishedTasks } from './tasks.ts';
import type { TimelineKey } from './timeline.ts';

/** Where a case came from: the source's grid workers and alerts, and the residents' channels. */
export const CASE_SOURCES = [
  'grid-worker',
  'police',
  'alert',
  'hotline',
  'portal',
  'wechat',
  'open311',
  'instruction',
] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];

export const CASE_SOURCE_LABELS: Readonly<Record<CaseSource, Message>> = {
  'grid-worker': { zh: '网格员采集', en: 'a grid worker' },
  police: { zh: '社区民警', en: 'community police' },
  alert: { zh: '平台预警', en: 'a platform alert' },
  hotline: { zh: '热线电话', en: 'the hotline' },
  portal: { zh: '网站', en: 'the website' },
  wechat: { zh: '微信公众号', en: 'WeChat' },
  open311: { zh: 'Open311接口', en: 'Open311' },
  instruction: { zh: '上级交办', en: 'an instruction from above' },
};

export const ASSIGNEE_KINDS = ['department', 'grid-worker', 'police'] as const;
export type AssigneeKind = (typeof ASSIGNEE_KINDS)[number];
/** Who a task is for; `kind` is also the role its staff must have, `id` what the server calls them. */
export interface Assignee {
  kind: AssigneeKind;
  id: string;
}

export const TASK_STATUSES = ['pending', 'accepted', 'done', 'unable', 'withdrawn'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** One handler's part of a case (分解交办): its own deadlines and report. */
export interface CaseTask {
  /** 1, 2, 3 … within the case, never reused. */
  no: number;
  /** The case's round it belongs to; a reopened case starts a new round with new tasks. */
  round: number;
  assignee: Assignee;
  instructions: string;
  /** The whistle that summoned it, or null for an ordinary assignment. */
  whistle: number | null;
  status: TaskStatus;
  assignedAt: Date;
  ackDueAt: Date;
  dueAt: Date;
  acceptedAt: Date | null;
  /** When it was reported (done or unable) or withdrawn. */
  finishedAt: Date | null;
  report: string | null;
  /** Times it was sent back for rework. */
  reworks: number;
}

/** A township's summons (街乡吹哨); the summoned departments' tasks carry its number. */
export interface Whistle {
  no: number;
  at: Date;
  ackMinutes: number;
  instructions: string;
}

/** 督办: a level above watches the case. */
export interface Supervision {
  level: CaseLevel;
  at: Date;
  note: string;
  dueAt: Date | null;
}

/** The final rating of a closed case (a low rating reopens instead and is kept only in the timeline). */
export interface Evaluation {
  rating: number;
  comment: string | null;
  at: Date;
  by: 'resident' | 'staff';
}

export interface CaseState {
  id: string;
  status: CaseStatus;
  /** The level whose centre holds the case now. */
  holderLevel: CaseLevel;
  /** The level the case arrived at. */
  originLevel: CaseLevel;
  priority: CasePriority;
  /** The category's limits when the case opened (urgent already halved). */
  limits: StepLimits;
  openedAt: Date;
  updatedAt: Date;
  statusSince: Date;
  holderSince: Date;
  /** When a level last took or was handed back the case: it gets the assign limit from then to
   *  re-coordinate tasks that are already late before the case climbs again. */
  handoverAt: Date | null;
  /** The deadline of the step the case waits for; null when closed. Overdue escalation reads this. */
  stepDueAt: Date | null;
  /** The whole case's deadline (办结时限), from opening or the last reopening. */
  dueAt: Date;
  round: number;
  tasks: readonly CaseTask[];
  whistles: readonly Whistle[];
  escalations: number;
  supervision: Supervision | null;
  /** The latest instructions from the level above (a return). */
  instructions: string | null;
  evaluation: Evaluation | null;
  /** Until when the resident may rate a closed case; null when open, rated or declined. */
  evaluationDueAt: Date | null;
  reopenCount: number;
  closedAt: Date | null;
}

/** A task for `assign`: the deadline defaults to the category's handling limit. */
export interface TaskSpec {
  assignee: Assignee;
  instructions: string;
  dueAt?: Date;
}

/** A step with what it needs. Texts are trimmed; required texts must not be empty. */
export type CaseCommand =
  | { step: 'register'; note?: string }
  | { step: 'decline'; reason: string }
  | { step: 'assign'; tasks: readonly TaskSpec[] }
  | {
      step: 'whistle';
      departments: readonly string[];
      instructions: string;
      /** Minutes each department has to report in (报到); the category's ack limit by default. */
      ackMinutes?: number;
      dueAt?: Date;
    }
  | { step: 'accept'; task: number }
  | { step: 'report'; task: number; outcome: 'done' | 'unable'; report: string }
  | { step: 'withdraw'; task: number; reason: string }
  | { step: 'rework'; tasks: readonly number[]; reason: string; dueAt?: Date }
  | { step: 'resolve'; note?: string }
  | { step: 'close-unfixed'; reason: string }
  | { step: 'escalate'; reason?: string }
  | { step: 'take'; note?: string }
  | { step: 'return'; instructions: string; supervise?: boolean }
  | { step: 'supervise'; note: string; dueAt?: Date }
  | { step: 'evaluate'; rating?: number; notSatisfied?: boolean; comment?: string };

/** What the resident is told about (through the notification outbox). */
export type CaseMilestone =
  | 'registered'
  | 'declined'
  | 'assigned'
  | 'escalated'
  | 'resolved'
  | 'closed-unfixed'
  | 'reopened';

/** One line of a case's timeline: `key` names its text (see TIMELINE_TEXT), `params` fill it. */
export interface TimelineEntry {
  at: Date;
  step: CaseStep | 'open';
  key: TimelineKey;
  actor: CaseActor;
  from: CaseStatus | null;
  to: CaseStatus;
  holderFrom: CaseLevel | null;
  holderTo: CaseLevel;
  params: Readonly<Record<string, string | number>>;
}

/** What a step changed, for the server's write, audit row and notification. */
export interface CaseChange {
  step: CaseStep | 'open';
  from: CaseStatus | null;
  to: CaseStatus;
  holderFrom: CaseLevel | null;
  holderTo: CaseLevel;
  stepDueAt: Date | null;
  dueAt: Date;
  /** Numbers of the tasks created or changed. */
  tasks: readonly number[];
  timeline: TimelineEntry;
  milestone: CaseMilestone | null;
}

export type CaseResult = { ok: true; case: CaseState; change: CaseChange } | CaseRejection;

/** `at` moved by `minutes`. */
export const addMinutes = (at: Date, minutes: number): Date => new Date(at.getTime() + minutes * 60_000);

/** The deadline of the step a case in its status waits for, from when that status began (for tasks at
 *  work: the latest unfinished task's deadline, but never before a handover's assign window ends). */
export function stepDeadline(c: CaseState): Date | null {
  const since = c.statusSince;
  switch (c.status) {
    case 'reported':
      return addMinutes(since, c.limits.register);
    case 'registered':
    case 'returned':
    case 'reopened':
      return addMinutes(since, c.limits.assign);
    case 'assigned':
    case 'in-action': {
      let latest = c.handoverAt
        ? addMinutes(c.handoverAt, c.limits.assign).getTime()
        : Number.NEGATIVE_INFINITY;
      for (const t of unfinishedTasks(c)) latest = Math.max(latest, t.dueAt.getTime());
      return Number.isFinite(latest) ? new Date(latest) : addMinutes(since, c.limits.assign);
    }
    case 'reported-back':
      return addMinutes(since, c.limits.verify);
    case 'escalated':
      return addMinutes(since, c.limits.respond);
    default:
      return null;
  }
}

export interface OpenCaseInput {
  id: string;
  source: CaseSource;
  /** The centre level the case arrives at: a grid worker's reports go to their village centre. */
  level: CaseLevel;
  priority: CasePriority;
  /** `categoryLimits(tree, code, priority)` of the case's category. */
  limits: StepLimits;
}

/** Who may open a case: centres taking calls or instructions, grid workers and police reporting what they
 *  find, and the system for the residents' channels and alerts. */
export const OPEN_RULE = {
  roles: [
    'village-centre',
    'township-centre',
    'county-centre',
    'city-centre',
    'admin',
    'grid-worker',
    'police',
  ],
  levels: ORG_LEVELS,
  resident: false,
  system: true,
} as const satisfies ActorRule;

/** A new case awaiting registration at `input.level`. Staff open cases at or below their own level (a
 *  grid worker's at the village); residents' channels and alerts open through the system actor. */
export function openCase(input: OpenCaseInput, actor: CaseActor, now: Date): CaseResult {
  const problem = checkActor(OPEN_RULE, actor, { zh: '上报案件', en: 'open a case' });
  if (problem) return problem;
  if (!isCaseLevel(input.level)) return reject('open.level', { field: 'level' });
  if (actor.kind === 'staff') {
    const own = actor.level === 'grid' ? 0 : CASE_LEVELS.indexOf(actor.level as CaseLevel);
    if (CASE_LEVELS.indexOf(input.level) > own) return reject('open.level', { field: 'level' });
  }
  const c: CaseState = {
    id: input.id,
    status: 'reported',
    holderLevel: input.level,
    originLevel: input.level,
    priority: input.priority,
    limits: input.limits,
    openedAt: now,
    updatedAt: now,
    statusSince: now,
    holderSince: now,
    handoverAt: null,
    stepDueAt: addMinutes(now, input.limits.register),
    dueAt: addMinutes(now, input.limits.total),
    round: 1,
    tasks: [],
    whistles: [],
    escalations: 0,
    supervision: null,
    instructions: null,
    evaluation: null,
    evaluationDueAt: null,
    reopenCount: 0,
    closedAt: null,
  };
  const timeline: TimelineEntry = {
    at: now,
    step: 'open',
    key: 'case.open',
    actor,
    from: null,
    to: 'reported',
    holderFrom: null,
    holderTo: input.level,
    params: { source: input.source },
  };
  return {
    ok: true,
    case: c,
    change: {
      step: 'open',
      from: null,
      to: 'reported',
      holderFrom: null,
      holderTo: input.level,
      stepDueAt: c.stepDueAt,
      dueAt: c.dueAt,
      tasks: [],
      timeline,
      milestone: null,
    },
  };
}
