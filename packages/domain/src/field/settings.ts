// The assessment's settings (两查两评三挂钩): what each part weighs, the grade thresholds, the targets the
// checks are measured against, and the pay coefficient each grade suggests. A county sets its own; the
// defaults below hold where it has not. All are data: nothing here is a rule of the code.

import type { Message } from '../registry/rules.ts';

/** The four parts of a month's sheet: the two checks and the two ratings. */
export const ASSESSMENT_PARTS = ['daily', 'patrol', 'performance', 'residents'] as const;
export type AssessmentPart = (typeof ASSESSMENT_PARTS)[number];

export const ASSESSMENT_PART_LABELS: Readonly<Record<AssessmentPart, Message>> = {
  daily: { zh: '日常考勤（一查）', en: 'daily check' },
  patrol: { zh: '巡查轨迹（二查）', en: 'patrol-track check' },
  performance: { zh: '工作绩效（一评）', en: 'performance rating' },
  residents: { zh: '群众评价（二评）', en: "residents' rating" },
};

export const GRADES = ['excellent', 'good', 'pass', 'fail'] as const;
export type Grade = (typeof GRADES)[number];

export const GRADE_LABELS: Readonly<Record<Grade, Message>> = {
  excellent: { zh: '优秀', en: 'excellent' },
  good: { zh: '良好', en: 'good' },
  pass: { zh: '合格', en: 'pass' },
  fail: { zh: '不合格', en: 'fail' },
};

export interface AssessmentSettings {
  /** Relative weights of the parts (any non-negative numbers, not all zero); a part without data for the
   *  month is left out and the others' weights are scaled up to fill its place. */
  weights: Record<AssessmentPart, number>;
  /** The lowest score of each grade but the last; a score takes the first grade whose minimum it reaches. */
  grades: { excellent: number; good: number; pass: number };
  daily: {
    /** The days of the week a worker is expected to check in (1 = Monday … 7 = Sunday). */
    workdays: number[];
  };
  patrol: {
    /** A building is passed when the track comes within this many metres of it. */
    radiusM: number;
    /** The share of the grid's buildings to pass in a week for full marks. */
    coverageTarget: number;
    /** Kilometres to walk in a week for full marks. */
    kmPerWeek: number;
    /** Minutes on patrol in a week for full marks. */
    minutesPerWeek: number;
    /** Weights of coverage, distance and time within the week's score. */
    parts: { coverage: number; distance: number; time: number };
    maxAccuracyM: number;
    maxGapSeconds: number;
    maxSpeedMps: number;
  };
  performance: {
    /** Cases to report in a month for full marks on reporting. */
    reportsPerMonth: number;
    /** Weights of reporting, task steps on time and alerts acknowledged in time. */
    parts: { reports: number; tasks: number; alerts: number };
  };
  /** The pay coefficient each grade suggests (绩效系数); the centre's decision may differ. */
  pay: Record<Grade, number>;
}

export const DEFAULT_ASSESSMENT_SETTINGS: AssessmentSettings = {
  weights: { daily: 20, patrol: 30, performance: 30, residents: 20 },
  grades: { excellent: 90, good: 80, pass: 60 },
  daily: { workdays: [1, 2, 3, 4, 5] },
  patrol: {
    radiusM: 50,
    coverageTarget: 0.8,
    kmPerWeek: 10,
    minutesPerWeek: 600,
    parts: { coverage: 50, distance: 25, time: 25 },
    maxAccuracyM: 100,
    maxGapSeconds: 300,
    maxSpeedMps: 15,
  },
  performance: { reportsPerMonth: 8, parts: { reports: 40, tasks: 40, alerts: 20 } },
  pay: { excellent: 1.2, good: 1.0, pass: 0.9, fail: 0.7 },
};

export type SettingsProblem = { field: string; message: Message };

type Check = (value: unknown) => boolean;
const num =
  (min: number, max: number): Check =>
  (v) =>
    typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max;

const FIELDS: Readonly<Record<string, Check>> = {
  'weights.daily': num(0, 100),
  'weights.patrol': num(0, 100),
  'weights.performance': num(0, 100),
  'weights.residents': num(0, 100),
  'grades.excellent': num(0, 100),
  'grades.good': num(0, 100),
  'grades.pass': num(0, 100),
  'patrol.radiusM': num(1, 1000),
  'patrol.coverageTarget': num(0.01, 1),
  'patrol.kmPerWeek': num(0.1, 500),
  'patrol.minutesPerWeek': num(1, 7 * 24 * 60),
  'patrol.parts.coverage': num(0, 100),
  'patrol.parts.distance': num(0, 100),
  'patrol.parts.time': num(0, 100),
  'patrol.maxAccuracyM': num(1, 10_000),
  'patrol.maxGapSeconds': num(10, 3600),
  'patrol.maxSpeedMps': num(1, 100),
  'performance.reportsPerMonth': num(1, 1000),
  'performance.parts.reports': num(0, 100),
  'performance.parts.tasks': num(0, 100),
  'performance.parts.alerts': num(0, 100),
  'pay.excellent': num(0, 10),
  'pay.good': num(0, 10),
  'pay.pass': num(0, 10),
  'pay.fail': num(0, 10),
};

const at = (value: unknown, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>(
      (v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined),
      value,
    );

const sum = (values: Record<string, number>) => Object.values(values).reduce((a, b) => a + b, 0);

/** The settings if `value` is a complete and coherent set, else the first field that is not: every
 *  number in range, weights not all zero, grade minimums descending, workdays distinct days 1–7. */
export function checkAssessmentSettings(
  value: unknown,
): { settings: AssessmentSettings } | { problem: SettingsProblem } {
  for (const [field, check] of Object.entries(FIELDS))
    if (!check(at(value, field)))
      return { problem: { field, message: { zh: `${field} 取值无效`, en: `${field}: not a valid value` } } };
  const s = value as AssessmentSettings;
  const workdays = at(value, 'daily.workdays');
  if (
    !Array.isArray(workdays) ||
    workdays.length === 0 ||
    new Set(workdays).size !== workdays.length ||
    !workdays.every((d) => Number.isInteger(d) && d >= 1 && d <= 7)
  )
    return {
      problem: {
        field: 'daily.workdays',
        message: { zh: '工作日须为 1–7 之间互不相同的整数', en: 'daily.workdays: distinct days 1–7' },
      },
    };
  const zeroSum: [string, Record<string, number>][] = [
    ['weights', s.weights],
    ['patrol.parts', s.patrol.parts],
    ['performance.parts', s.performance.parts],
  ];
  for (const [field, weights] of zeroSum)
    if (sum(weights) <= 0)
      return {
        problem: { field, message: { zh: `${field} 的权重不能全为 0`, en: `${field}: not all zero` } },
      };
  if (!(s.grades.excellent > s.grades.good && s.grades.good > s.grades.pass))
    return {
      problem: {
        field: 'grades',
        message: {
          zh: '等级分数线须为 优秀 > 良好 > 合格',
          en: 'grades: excellent > good > pass',
        },
      },
    };
  return {
    settings: {
      weights: pick(s.weights, ['daily', 'patrol', 'performance', 'residents']),
      grades: pick(s.grades, ['excellent', 'good', 'pass']),
      daily: { workdays: [...s.daily.workdays].sort((a, b) => a - b) },
      patrol: {
        ...pick(s.patrol, [
          'radiusM',
          'coverageTarget',
          'kmPerWeek',
          'minutesPerWeek',
          'maxAccuracyM',
          'maxGapSeconds',
          'maxSpeedMps',
        ]),
        parts: pick(s.patrol.parts, ['coverage', 'distance', 'time']),
      },
      performance: {
        reportsPerMonth: s.performance.reportsPerMonth,
        parts: pick(s.performance.parts, ['reports', 'tasks', 'alerts']),
      },
      pay: pick(s.pay, ['excellent', 'good', 'pass', 'fail']),
    },
  };
}

function pick<T extends object, K extends keyof T>(value: T, keys: readonly K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((k) => [k, value[k]])) as Pick<T, K>;
}

/** The grade a (rounded) score earns under `grades`. */
export function gradeOf(score: number, grades: AssessmentSettings['grades']): Grade {
  if (score >= grades.excellent) return 'excellent';
  if (score >= grades.good) return 'good';
  if (score >= grades.pass) return 'pass';
  return 'fail';
}
