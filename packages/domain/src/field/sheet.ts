// The monthly assessment sheet (月度考核表, 三挂钩): the two checks and two ratings combined with the county's
// weights into a score and a grade, linked to the pay coefficient the grade suggests.

import { localDay } from '../sensing/retention.ts';
import { monthDays, weeksOfMonth } from './calendar.ts';
import {
  type CheckinRecord,
  type DailyCheck,
  dailyCheck,
  type PatrolRecord,
  type PatrolWeekCheck,
  patrolWeekCheck,
} from './checks.ts';
import {
  type PerformanceFigures,
  type PerformanceRating,
  performanceRating,
  type ResidentsRating,
  residentsRating,
} from './ratings.ts';
import {
  ASSESSMENT_PARTS,
  type AssessmentPart,
  type AssessmentSettings,
  type Grade,
  gradeOf,
} from './settings.ts';
import type { PlacedBuilding } from './track.ts';

export interface MonthScore {
  /** 0–100, one decimal; null when no part has data. */
  score: number | null;
  grade: Grade | null;
  /** Each part's share of the score as used (the weights of parts with data, scaled to sum to 1). */
  shares: Record<AssessmentPart, number>;
  payCoefficient: number | null;
}

/** Score = Σ wᵢsᵢ / Σ wᵢ over the parts with data, rounded to one decimal; the grade is the first whose
 *  minimum the rounded score reaches; the pay coefficient is the grade's. */
export function combineParts(
  parts: Readonly<Record<AssessmentPart, number | null>>,
  settings: AssessmentSettings,
): MonthScore {
  let weights = 0;
  let total = 0;
  for (const part of ASSESSMENT_PARTS) {
    const value = parts[part];
    const weight = settings.weights[part];
    if (value === null || weight <= 0) continue;
    weights += weight;
    total += weight * value;
  }
  const shares = Object.fromEntries(
    ASSESSMENT_PARTS.map((p) => [
      p,
      parts[p] === null || weights === 0 ? 0 : Math.max(0, settings.weights[p]) / weights,
    ]),
  ) as Record<AssessmentPart, number>;
  if (weights === 0) return { score: null, grade: null, shares, payCoefficient: null };
  const score = Math.round((total / weights) * 10) / 10;
  const grade = gradeOf(score, settings.grades);
  return { score, grade, shares, payCoefficient: settings.pay[grade] };
}

export interface SheetInput {
  month: string;
  /** What has happened by now counts: days after today and weeks not yet begun are not assessed. */
  asOf: Date;
  timeZone: string;
  checkins: readonly CheckinRecord[];
  patrols: readonly PatrolRecord[];
  /** The buildings of the grids the worker covers. */
  buildings: readonly PlacedBuilding[];
  performance: PerformanceFigures;
  /** Residents' 1–5 ratings of the cases the worker took part in, rated in the month. */
  ratings: readonly number[];
  /** Residents' 1–5 answers to the satisfaction survey of the worker's grids for the month. */
  surveyRatings?: readonly number[];
}

export interface AssessmentSheet extends MonthScore {
  month: string;
  parts: Record<AssessmentPart, number | null>;
  daily: Omit<DailyCheck, 'days'> & { days: DailyCheck['days'] };
  patrol: { weeks: PatrolWeekCheck[]; score: number | null };
  performance: PerformanceRating & { figures: PerformanceFigures };
  residents: ResidentsRating;
}

/** One worker's sheet for `month` as of `asOf`: the daily check over the month's days up to today, the
 *  patrol check of every week beginning in the month by today (the month's patrol score is their mean),
 *  the two ratings, and their combination. */
export function assessmentSheet(input: SheetInput, settings: AssessmentSettings): AssessmentSheet {
  const today = localDay(input.asOf, input.timeZone);
  const days = monthDays(input.month).filter((d) => d <= today);
  const daily = dailyCheck(days, input.checkins, input.timeZone, settings.daily.workdays);
  const weeks = weeksOfMonth(input.month)
    .filter((monday) => monday <= today)
    .map((monday) =>
      patrolWeekCheck(monday, input.patrols, input.buildings, settings.patrol, input.timeZone),
    );
  const weekScores = weeks.map((w) => w.score).filter((s): s is number => s !== null);
  const patrolScore =
    weekScores.length === 0 ? null : weekScores.reduce((a, b) => a + b, 0) / weekScores.length;
  const performance = performanceRating(input.performance, settings.performance);
  const residents = residentsRating(input.ratings, input.surveyRatings);
  const parts = {
    daily: daily.score,
    patrol: patrolScore,
    performance: performance.score,
    residents: residents.score,
  };
  return {
    month: input.month,
    parts,
    ...combineParts(parts, settings),
    daily,
    patrol: { weeks, score: patrolScore },
    performance: { ...performance, figures: input.performance },
    residents,
  };
}
