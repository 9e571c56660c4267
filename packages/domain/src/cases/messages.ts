// Why a step was refused: a rule code, the API error it maps to, and a message in Chinese and English
// that names the step, the status or the field involved.

import type { Role } from '../auth/roles.ts';
import { fillMessage, type Message } from '../registry/rules.ts';

export type CaseRuleCode =
  | 'step.unknown'
  | 'clock.backwards'
  | 'actor.role'
  | 'actor.level'
  | 'step.status'
  | 'actor.notHolder'
  | 'actor.notAbove'
  | 'actor.notAssignee'
  | 'task.unknown'
  | 'task.status'
  | 'tasks.empty'
  | 'tasks.tooMany'
  | 'tasks.duplicate'
  | 'assignee.invalid'
  | 'due.past'
  | 'whistle.ackMinutes'
  | 'text.required'
  | 'text.tooLong'
  | 'outcome.invalid'
  | 'rating.range'
  | 'escalate.top'
  | 'escalate.notDue'
  | 'return.bottom'
  | 'resolve.nothingDone'
  | 'evaluate.already'
  | 'evaluate.closed'
  | 'open.level';

/** The API error family: 403 for who, 409 for the case's state, 400 for what was sent. */
export type CaseErrorCode = 'CASE_STEP_FORBIDDEN' | 'CASE_STEP_CONFLICT' | 'INVALID_FIELD';

export interface CaseRejection {
  ok: false;
  code: CaseErrorCode;
  rule: CaseRuleCode;
  /** The offending field of the command (`reason`, `tasks[1].dueAt`), when there is one. */
  field?: string;
  message: Message;
}

/** Message templates; `{field}` is the field's label, other `{x}` come from the rejection's values. */
export const CASE_RULES: Readonly<Record<CaseRuleCode, Message>> = {
  'step.unknown': { zh: '没有“{step}”这个办理步骤', en: 'there is no step {step}' },
  'clock.backwards': { zh: '办理时间早于案件的上一次变更', en: "the time is before the case's last change" },
  'actor.role': { zh: '{role}不能执行“{step}”', en: '{step}: not allowed for {role}' },
  'actor.level': { zh: '{level}不能执行“{step}”', en: '{step}: not allowed at the {level} level' },
  'step.status': {
    zh: '案件{status}，不能执行“{step}”',
    en: '{step}: not possible while the case is {status}',
  },
  'actor.notHolder': {
    zh: '案件目前由{holder}办理，只有该级可以执行“{step}”',
    en: '{step}: only the {holder}, which holds the case, can do this',
  },
  'actor.notAbove': {
    zh: '只有{holder}的上级可以执行“{step}”',
    en: '{step}: only a level above the {holder} can do this',
  },
  'actor.notAssignee': { zh: '任务{task}不是交给您的', en: 'task {task} was not assigned to you' },
  'task.unknown': {
    zh: '本轮办理中没有任务{task}',
    en: "there is no task {task} in the case's current round",
  },
  'task.status': {
    zh: '任务{task}{taskStatus}，不能执行“{step}”',
    en: '{step}: not possible while task {task} is {taskStatus}',
  },
  'tasks.empty': { zh: '{field}至少需要一项', en: '{field}: at least one is required' },
  'tasks.tooMany': { zh: '{field}最多{max}项', en: '{field}: at most {max}' },
  'tasks.duplicate': {
    zh: '{field}重复，或该承办方已有未完成的任务',
    en: '{field}: listed twice, or already has an unfinished task',
  },
  'assignee.invalid': {
    zh: '{field}应为部门、网格员或民警，并带编号',
    en: '{field}: must be a department, grid worker or police officer, with an id',
  },
  'due.past': { zh: '{field}应晚于当前时间', en: '{field}: must be later than now' },
  'whistle.ackMinutes': {
    zh: '{field}应为{min}至{max}分钟的整数',
    en: '{field}: must be a whole number of minutes from {min} to {max}',
  },
  'text.required': { zh: '{field}不能为空', en: '{field}: is required' },
  'text.tooLong': { zh: '{field}不能超过{max}个字符', en: '{field}: at most {max} characters' },
  'outcome.invalid': {
    zh: '{field}应为已处置（done）或无法处置（unable）',
    en: '{field}: must be done or unable',
  },
  'rating.range': { zh: '{field}应为1至5的整数', en: '{field}: must be a whole number from 1 to 5' },
  'escalate.top': {
    zh: '市级是最高层级，无法继续上报',
    en: 'the city is the top level: there is no one to escalate to',
  },
  'escalate.notDue': {
    zh: '当前步骤尚未超时，系统不会自动上报',
    en: 'the current step is not overdue: the system escalates only overdue cases',
  },
  'return.bottom': { zh: '没有更低的层级可以退回', en: 'there is no level below to return the case to' },
  'resolve.nothingDone': {
    zh: '本轮没有处置完毕的任务，不能按已办结结案，可结案（未解决）',
    en: 'no task of this round is done: close the case as not fixed instead',
  },
  'evaluate.already': { zh: '案件已经评价过', en: 'the case has already been rated' },
  'evaluate.closed': { zh: '评价期限已过', en: 'the rating period has ended' },
  'open.level': {
    zh: '案件只能进入本级或下级综治中心',
    en: 'a case can only be opened at your own level or below',
  },
};

const FORBIDDEN = new Set<CaseRuleCode>([
  'actor.role',
  'actor.level',
  'actor.notHolder',
  'actor.notAbove',
  'actor.notAssignee',
  'open.level',
]);
const CONFLICT = new Set<CaseRuleCode>([
  'clock.backwards',
  'step.status',
  'task.status',
  'escalate.top',
  'escalate.notDue',
  'return.bottom',
  'resolve.nothingDone',
  'evaluate.already',
  'evaluate.closed',
]);

/** The API error family of `rule`. */
export function caseErrorCode(rule: CaseRuleCode): CaseErrorCode {
  if (FORBIDDEN.has(rule)) return 'CASE_STEP_FORBIDDEN';
  if (CONFLICT.has(rule)) return 'CASE_STEP_CONFLICT';
  return 'INVALID_FIELD';
}

const FIELD_ZH: Readonly<Record<string, string>> = {
  step: '办理步骤',
  level: '层级',
  reason: '原因',
  note: '说明',
  instructions: '办理要求',
  report: '反馈内容',
  comment: '评价意见',
  tasks: '任务',
  task: '任务',
  departments: '部门',
  assignee: '承办方',
  ackMinutes: '报到时限',
  dueAt: '办理期限',
  rating: '评分',
  outcome: '处置结果',
  notSatisfied: '是否不满意',
};

/** The label of a command field such as `tasks[1].dueAt` (任务第2项的办理期限). */
export function caseFieldLabel(path: string): Message {
  const parts = /^(\w+)(?:\[(\d+)\])?(?:\.(\w+))?$/.exec(path);
  if (!parts) return { zh: path, en: path };
  const [, key, index, child] = parts as unknown as [string, string, string | undefined, string | undefined];
  let zh = FIELD_ZH[key] ?? key;
  if (index !== undefined) zh += `第${Number(index) + 1}项`;
  if (child !== undefined) zh += `的${FIELD_ZH[child] ?? child}`;
  return { zh, en: path };
}

export const ACTOR_LABELS: Readonly<Record<Role | 'resident' | 'system', Message>> = {
  admin: { zh: '系统管理员', en: 'the administrator' },
  'city-centre': { zh: '市级综治中心', en: 'the city centre' },
  'county-centre': { zh: '县级综治中心', en: 'a county centre' },
  'township-centre': { zh: '乡镇（街道）综治中心', en: 'a township centre' },
  'village-centre': { zh: '村（社区）综治中心', en: 'a village centre' },
  'grid-worker': { zh: '网格员', en: 'a grid worker' },
  police: { zh: '社区民警', en: 'community police' },
  department: { zh: '职能部门', en: 'a department' },
  auditor: { zh: '审计员', en: 'the auditor' },
  resident: { zh: '群众', en: 'a resident' },
  system: { zh: '系统', en: 'the system' },
};

export type RejectionValues = Readonly<Record<string, string | number | Message>> & { field?: string };

/** The rejection for `rule`, its message filled from `values` (`field` names the offending field). */
export function reject(rule: CaseRuleCode, values: RejectionValues = {}): CaseRejection {
  const field = values.field;
  const message = fillMessage(CASE_RULES[rule], {
    ...values,
    field: field === undefined ? undefined : caseFieldLabel(field),
  });
  const code = caseErrorCode(rule);
  return field === undefined ? { ok: false, code, rule, message } : { ok: false, code, rule, field, message };
}
