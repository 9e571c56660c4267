// The category tree of cases and the time limits of each step. Admins edit the tree; a case copies its
// category's limits when it opens, so a later edit never moves the deadlines of cases already running.
// Limits are calendar minutes (a working-day calendar is the server's to add, if a city wants one).

import type { Message } from '../registry/rules.ts';

/** Minutes each step may take. */
export interface StepLimits {
  /** From arrival to registration (受理). */
  register: number;
  /** From registration, a return or a reopening to the tasks being handed out (交办). */
  assign: number;
  /** From assignment to the assignee's acknowledgement (签收; 报到 for a whistle, unless it sets its own). */
  ack: number;
  /** From assignment to the task's report (处置). */
  handle: number;
  /** From the last report to verification (核查). */
  verify: number;
  /** For the level above to take or return an escalated case. */
  respond: number;
  /** For the resident to rate a closed case. */
  evaluate: number;
  /** From opening (or reopening) to the end: the case's own deadline (办结时限). */
  total: number;
}

export const STEP_LIMIT_KEYS = [
  'register',
  'assign',
  'ack',
  'handle',
  'verify',
  'respond',
  'evaluate',
  'total',
] as const satisfies readonly (keyof StepLimits)[];

export type CasePriority = 'normal' | 'urgent';

export interface CaseCategory {
  /** Dotted code: the parent is the code before the last dot (`dispute.neighbour` is under `dispute`). */
  code: string;
  name: Message;
  /** Top-level categories set every limit; a child sets only those it changes. */
  limits: Partial<StepLimits>;
}

const CODE = /^[a-z][a-z0-9-]{0,31}(\.[a-z][a-z0-9-]{0,31}){0,2}$/;
/** The longest limit an admin may set: a year. */
export const MAX_LIMIT_MINUTES = 366 * 24 * 60;

const h = (hours: number) => Math.round(hours * 60);
const d = (days: number) => days * 24 * 60;

const top = (code: string, zh: string, en: string, limits: StepLimits): CaseCategory => ({
  code,
  name: { zh, en },
  limits,
});
const sub = (code: string, zh: string, en: string, limits: Partial<StepLimits> = {}): CaseCategory => ({
  code,
  name: { zh, en },
  limits,
});

/** The source's kinds of grid work, with the time limits a township centre usually works to. */
export const DEFAULT_CASE_CATEGORIES: readonly CaseCategory[] = [
  top('dispute', '矛盾纠纷', 'disputes', {
    register: h(2),
    assign: h(4),
    ack: h(4),
    handle: d(5),
    verify: h(24),
    respond: h(8),
    evaluate: d(7),
    total: d(7),
  }),
  sub('dispute.neighbour', '邻里纠纷', 'neighbour disputes', { handle: d(3) }),
  sub('dispute.family', '婚姻家庭纠纷', 'marriage and family disputes'),
  sub('dispute.property', '物业纠纷', 'property management disputes'),
  sub('dispute.labour', '劳资纠纷', 'wage and labour disputes', { handle: d(7), total: d(10) }),
  sub('dispute.land', '土地山林纠纷', 'land and forest disputes', { handle: d(15), total: d(20) }),
  top('public-order', '社会治安', 'public order', {
    register: h(1),
    assign: h(2),
    ack: h(1),
    handle: d(2),
    verify: h(24),
    respond: h(4),
    evaluate: d(7),
    total: d(4),
  }),
  sub('public-order.hazard', '治安隐患', 'public order hazards'),
  sub('public-order.noise', '噪声扰民', 'noise nuisance', { handle: h(24), total: d(2) }),
  sub('public-order.suspicious', '可疑人员物品', 'suspicious persons or objects', {
    register: h(0.5),
    assign: h(0.5),
    ack: h(0.5),
    handle: h(4),
    verify: h(4),
    respond: h(1),
    total: h(12),
  }),
  sub('public-order.vice', '黄赌毒线索', 'vice, gambling and drug leads', { handle: d(3), total: d(5) }),
  top('safety', '安全隐患', 'safety hazards', {
    register: h(1),
    assign: h(2),
    ack: h(1),
    handle: h(24),
    verify: h(12),
    respond: h(4),
    evaluate: d(7),
    total: d(3),
  }),
  sub('safety.fire', '消防安全隐患', 'fire hazards'),
  sub('safety.gas', '燃气安全隐患', 'gas hazards', {
    register: h(0.5),
    ack: h(0.5),
    handle: h(4),
    total: h(24),
  }),
  sub('safety.building', '房屋建筑安全', 'unsafe buildings', { handle: d(3), total: d(5) }),
  sub('safety.traffic', '道路交通安全', 'road safety'),
  sub('safety.chemicals', '危险化学品', 'hazardous chemicals', {
    register: h(0.5),
    handle: h(12),
    total: h(48),
  }),
  top('environment', '环境卫生', 'environment and sanitation', {
    register: h(2),
    assign: h(4),
    ack: h(4),
    handle: d(2),
    verify: h(24),
    respond: h(8),
    evaluate: d(7),
    total: d(5),
  }),
  sub('environment.refuse', '垃圾堆放清运', 'refuse and clearance', { handle: h(24), total: d(3) }),
  sub('environment.construction', '私搭乱建', 'unauthorised construction', { handle: d(15), total: d(20) }),
  sub('environment.street-trading', '占道经营', 'street trading on the road'),
  sub('environment.sewage', '污水排放', 'sewage discharge'),
  sub('environment.pollution', '大气噪声污染', 'air and noise pollution', { handle: d(3), total: d(7) }),
  top('services', '便民服务', 'services for residents', {
    register: h(4),
    assign: h(8),
    ack: h(8),
    handle: d(3),
    verify: h(24),
    respond: h(24),
    evaluate: d(7),
    total: d(7),
  }),
  sub('services.hardship', '困难帮扶', 'help for households in hardship', { handle: d(5), total: d(10) }),
  sub('services.elderly', '养老助残', 'care for the elderly and disabled'),
  sub('services.repairs', '水电气暖报修', 'water, power, gas and heating repairs', {
    handle: h(24),
    total: d(2),
  }),
  sub('services.advice', '政策咨询', 'policy questions', { handle: h(24), total: d(3) }),
  sub('services.documents', '证照办理', 'certificates and documents'),
  top('epidemic', '疫情防控', 'epidemic', {
    register: h(0.5),
    assign: h(1),
    ack: h(1),
    handle: h(12),
    verify: h(6),
    respond: h(2),
    evaluate: d(3),
    total: h(24),
  }),
  sub('epidemic.survey', '信息摸排', 'door-to-door information checks'),
  sub('epidemic.isolation', '隔离管控', 'isolation and lockdown'),
  sub('epidemic.passage', '小区通行管控', 'community passage control'),
  sub('epidemic.tracing', '流调协查', 'epidemiological investigation support', {
    handle: h(4),
    total: h(12),
  }),
  sub('epidemic.supplies', '生活物资保障', 'supplies for isolated households'),
  top('other', '其他', 'other', {
    register: h(4),
    assign: h(8),
    ack: h(8),
    handle: d(5),
    verify: h(24),
    respond: h(24),
    evaluate: d(7),
    total: d(10),
  }),
];

/** The parent code of `code`, or null for a top-level category. */
export function parentCategoryCode(code: string): string | null {
  const dot = code.lastIndexOf('.');
  return dot < 0 ? null : code.slice(0, dot);
}

/** The limits a case of category `code` works to, with each limit inherited from the nearest ancestor
 *  that sets it; urgent cases get half of every limit but the resident's rating period. Null when the
 *  code is not in the tree. */
export function categoryLimits(
  categories: readonly CaseCategory[],
  code: string,
  priority: CasePriority = 'normal',
): StepLimits | null {
  const byCode = new Map(categories.map((c) => [c.code, c]));
  if (!byCode.has(code)) return null;
  const merged: Partial<StepLimits> = {};
  for (let at: string | null = code; at !== null; at = parentCategoryCode(at)) {
    const limits = byCode.get(at)?.limits ?? {};
    for (const key of STEP_LIMIT_KEYS) merged[key] ??= limits[key];
  }
  if (STEP_LIMIT_KEYS.some((key) => merged[key] === undefined)) return null;
  const limits = merged as StepLimits;
  if (priority === 'normal') return limits;
  const half = (m: number) => Math.ceil(m / 2);
  return Object.fromEntries(
    STEP_LIMIT_KEYS.map((key) => [key, key === 'evaluate' ? limits[key] : half(limits[key])]),
  ) as unknown as StepLimits;
}

export type CategoryProblem = {
  code: string;
  rule: 'code.format' | 'duplicate' | 'parent.missing' | 'limits.missing' | 'limit.range' | 'name.required';
  message: Message;
};

/** The first problem of an edited category tree, or null when every case of it would have full limits:
 *  codes well formed and unique, parents present, top levels complete, limits whole minutes up to a year. */
export function checkCategoryTree(categories: readonly CaseCategory[]): CategoryProblem | null {
  const codes = new Set<string>();
  const problem = (code: string, rule: CategoryProblem['rule'], zh: string, en: string): CategoryProblem => ({
    code,
    rule,
    message: { zh: `类别${code}：${zh}`, en: `category ${code}: ${en}` },
  });
  for (const c of categories) {
    if (!CODE.test(c.code))
      return problem(
        c.code,
        'code.format',
        '编码应为小写字母开头的英文单词，以点分隔，最多三级',
        'the code must be lower-case words separated by dots, at most three levels',
      );
    if (codes.has(c.code)) return problem(c.code, 'duplicate', '编码重复', 'the code appears twice');
    codes.add(c.code);
    if (!c.name.zh.trim() || !c.name.en.trim())
      return problem(c.code, 'name.required', '中英文名称均不能为空', 'both names are required');
    for (const key of STEP_LIMIT_KEYS) {
      const m = c.limits[key];
      if (m !== undefined && !(Number.isInteger(m) && m >= 1 && m <= MAX_LIMIT_MINUTES))
        return problem(
          c.code,
          'limit.range',
          `时限${key}应为1至${MAX_LIMIT_MINUTES}分钟的整数`,
          `limit ${key} must be a whole number of minutes from 1 to ${MAX_LIMIT_MINUTES}`,
        );
    }
  }
  for (const c of categories) {
    const parent = parentCategoryCode(c.code);
    if (parent !== null && !codes.has(parent))
      return problem(
        c.code,
        'parent.missing',
        `上级类别${parent}不存在`,
        `the parent ${parent} does not exist`,
      );
    if (parent === null) {
      const missing = STEP_LIMIT_KEYS.filter((key) => c.limits[key] === undefined);
      if (missing.length > 0)
        return problem(
          c.code,
          'limits.missing',
          `一级类别须设置全部时限，缺少${missing.join('、')}`,
          `a top-level category sets every limit; missing ${missing.join(', ')}`,
        );
    }
  }
  return null;
}
