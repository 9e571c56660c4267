// The words of a case's timeline. Each entry carries a key and its parameters; the console may word
// them itself, the server uses these for Open311 status notes and messages to residents.

import { fillMessage, type Message } from '../registry/rules.ts';
import { CASE_SOURCE_LABELS, type CaseSource, type TimelineEntry } from './case.ts';
import { CASE_LEVEL_LABELS, isCaseLevel } from './statuses.ts';

export const TIMELINE_TEXT = {
  'case.open': { zh: '经{source}上报，进入{holderTo}', en: 'reported through {source} to the {holderTo}' },
  'case.register': { zh: '{holderTo}已受理登记', en: 'registered by the {holderTo}' },
  'case.decline': { zh: '不予受理：{reason}', en: 'declined: {reason}' },
  'case.assign': { zh: '已分解交办给{count}个承办方', en: 'split and assigned to {count} handlers' },
  'case.whistle': {
    zh: '街乡吹哨：召集{count}个部门，须在{ackMinutes}分钟内报到',
    en: 'whistle blown: {count} departments summoned to report in within {ackMinutes} minutes',
  },
  'task.accept': { zh: '任务{task}已签收', en: 'task {task} accepted' },
  'task.accept.whistle': { zh: '任务{task}的部门已报到', en: 'the department of task {task} reported in' },
  'task.report.done': { zh: '任务{task}反馈已处置：{report}', en: 'task {task} reported done: {report}' },
  'task.report.unable': {
    zh: '任务{task}反馈无法处置：{report}',
    en: 'task {task} reported unable: {report}',
  },
  'task.withdraw': { zh: '撤回任务{task}：{reason}', en: 'task {task} withdrawn: {reason}' },
  'task.rework': {
    zh: '核查未通过，{count}项任务退回重办：{reason}',
    en: '{count} tasks sent back for rework: {reason}',
  },
  'case.resolve': { zh: '核查通过，已办结', en: 'verified and resolved' },
  'case.close-unfixed': { zh: '已结案（未解决）：{reason}', en: 'closed, not fixed: {reason}' },
  'case.escalate': { zh: '上报{holderTo}：{reason}', en: 'escalated to the {holderTo}: {reason}' },
  'case.escalate.overdue': {
    zh: '超时未办，自动上报{holderTo}',
    en: 'overdue: escalated to the {holderTo} automatically',
  },
  'case.take': { zh: '{holderTo}承接办理', en: 'taken over by the {holderTo}' },
  'case.return': {
    zh: '{holderFrom}退回{holderTo}：{instructions}',
    en: 'returned by the {holderFrom} to the {holderTo}: {instructions}',
  },
  'case.return.supervised': {
    zh: '{holderFrom}退回{holderTo}并督办：{instructions}',
    en: 'returned by the {holderFrom} to the {holderTo} under supervision: {instructions}',
  },
  'case.supervise': { zh: '{level}督办：{note}', en: 'supervised by the {level}: {note}' },
  'case.evaluate': { zh: '群众评价{rating}星', en: 'rated {rating} of 5 by the resident' },
  'case.evaluate.staff': { zh: '回访评价{rating}星', en: 'rated {rating} of 5 on a call-back' },
  'case.evaluate.reopen': {
    zh: '群众不满意，案件重新办理',
    en: 'the resident is not satisfied: the case is reopened',
  },
} as const satisfies Record<string, Message>;

export type TimelineKey = keyof typeof TIMELINE_TEXT;

/** Parameters a template may not mention but a reader wants: appended after the text. */
const TRAILING = ['note', 'comment'] as const;

/** The entry in both languages: every placeholder filled (levels and sources by name), an optional note
 *  or comment appended. */
export function describeTimelineEntry(entry: TimelineEntry): Message {
  const template: Message = Object.hasOwn(TIMELINE_TEXT, entry.key)
    ? TIMELINE_TEXT[entry.key as TimelineKey]
    : { zh: entry.key, en: entry.key };
  const values: Record<string, string | number | Message> = { ...entry.params };
  if (entry.holderTo) values.holderTo = CASE_LEVEL_LABELS[entry.holderTo];
  if (entry.holderFrom) values.holderFrom = CASE_LEVEL_LABELS[entry.holderFrom];
  const level = entry.params.level;
  if (typeof level === 'string' && isCaseLevel(level)) values.level = CASE_LEVEL_LABELS[level];
  const source = entry.params.source;
  if (typeof source === 'string' && Object.hasOwn(CASE_SOURCE_LABELS, source))
    values.source = CASE_SOURCE_LABELS[source as CaseSource];
  const filled = fillMessage(template, values);
  const fill = (lang: keyof Message) => {
    let text = filled[lang];
    for (const key of TRAILING) {
      const extra = entry.params[key];
      if (extra !== undefined && !template[lang].includes(`{${key}}`))
        text += lang === 'zh' ? `（${extra}）` : ` (${extra})`;
    }
    return text;
  };
  return { zh: fill('zh'), en: fill('en') };
}
