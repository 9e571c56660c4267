// The states a case can be in, the four centre levels that hold cases, and how both are named.
// A status is open or closed; closed cases are the only ones a resident rates and the only ones the
// Open311 door reports as `closed`. "Closed, not fixed" (closed-unfixed) is a status of its own, never
// folded into "resolved", so statistics and residents see the difference.

import type { Message } from '../registry/rules.ts';

/** The four levels of governance centre, bottom-up: a case climbs this list one level at a time. */
export const CASE_LEVELS = ['village', 'township', 'county', 'city'] as const;
export type CaseLevel = (typeof CASE_LEVELS)[number];

/** Each centre's part, as the source names it: base platform, hands-on handling, organise, command. */
export const CASE_LEVEL_LABELS: Readonly<Record<CaseLevel, Message>> = {
  village: { zh: '村（社区）级综治中心', en: 'village centre' },
  township: { zh: '乡镇（街道）级综治中心', en: 'township centre' },
  county: { zh: '县级综治中心', en: 'county centre' },
  city: { zh: '市级综治中心', en: 'city centre' },
};

/** The level directly above `level`, or null above the city. */
export function levelAbove(level: CaseLevel): CaseLevel | null {
  return CASE_LEVELS[CASE_LEVELS.indexOf(level) + 1] ?? null;
}

/** The level directly below `level`, or null below the village. */
export function levelBelow(level: CaseLevel): CaseLevel | null {
  const i = CASE_LEVELS.indexOf(level);
  return i > 0 ? CASE_LEVELS[i - 1]! : null;
}

/** True when `value` names a case level. */
export function isCaseLevel(value: string): value is CaseLevel {
  return (CASE_LEVELS as readonly string[]).includes(value);
}

/** The six steps of the source's flow, plus the vertical coordination between levels. */
export const CASE_STAGES = [
  'register',
  'assign',
  'act',
  'report',
  'verify',
  'evaluate',
  'coordinate',
] as const;
export type CaseStage = (typeof CASE_STAGES)[number];

export const CASE_STAGE_LABELS: Readonly<Record<CaseStage, Message>> = {
  register: { zh: '受理登记', en: 'register' },
  assign: { zh: '分解交办', en: 'split and assign' },
  act: { zh: '行动处置', en: 'act' },
  report: { zh: '结果反馈', en: 'report back' },
  verify: { zh: '核查结案', en: 'verify and close' },
  evaluate: { zh: '监督评价', en: 'supervise and evaluate' },
  coordinate: { zh: '上下联动', en: 'vertical coordination' },
};

export const CASE_STATUSES = [
  'reported',
  'registered',
  'assigned',
  'in-action',
  'reported-back',
  'escalated',
  'returned',
  'reopened',
  'resolved',
  'closed-unfixed',
  'declined',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export type CaseStatusType = 'open' | 'closed';

export interface CaseStatusInfo {
  type: CaseStatusType;
  /** The stage whose step the case is waiting for. */
  stage: CaseStage;
  label: Message;
}

/** Every status: open or closed, the step it waits for, its name. */
export const CASE_STATUS_INFO: Readonly<Record<CaseStatus, CaseStatusInfo>> = {
  reported: { type: 'open', stage: 'register', label: { zh: '待受理', en: 'awaiting registration' } },
  registered: { type: 'open', stage: 'assign', label: { zh: '已受理待交办', en: 'registered' } },
  assigned: { type: 'open', stage: 'act', label: { zh: '已交办待签收', en: 'assigned' } },
  'in-action': { type: 'open', stage: 'report', label: { zh: '处置中', en: 'in action' } },
  'reported-back': { type: 'open', stage: 'verify', label: { zh: '已反馈待核查', en: 'reported back' } },
  escalated: { type: 'open', stage: 'coordinate', label: { zh: '已上报待上级处理', en: 'escalated' } },
  returned: {
    type: 'open',
    stage: 'assign',
    label: { zh: '上级退回待办理', en: 'returned with instructions' },
  },
  reopened: { type: 'open', stage: 'assign', label: { zh: '群众不满意重办', en: 'reopened' } },
  resolved: { type: 'closed', stage: 'evaluate', label: { zh: '已办结', en: 'resolved' } },
  'closed-unfixed': {
    type: 'closed',
    stage: 'evaluate',
    label: { zh: '已结案（未解决）', en: 'closed, not fixed' },
  },
  declined: { type: 'closed', stage: 'register', label: { zh: '不予受理', en: 'declined' } },
};

/** The statuses of type open, in table order. */
export const OPEN_CASE_STATUSES: readonly CaseStatus[] = CASE_STATUSES.filter(
  (s) => CASE_STATUS_INFO[s].type === 'open',
);

/** True when a case in `status` is still being worked on. */
export function isOpenStatus(status: CaseStatus): boolean {
  return CASE_STATUS_INFO[status].type === 'open';
}

/** True when `value` names a case status. */
export function isCaseStatus(value: string): value is CaseStatus {
  return (CASE_STATUSES as readonly string[]).includes(value);
}

/** The Open311 GeoReport v2 `status` of a case: the spec knows only open and closed. */
export function open311Status(status: CaseStatus): 'open' | 'closed' {
  return CASE_STATUS_INFO[status].type;
}
