// The two ratings (两评): the performance rating from the worker's own record — cases reported, task steps
// done on time, alerts acknowledged in time — and the residents' rating from their ratings of the cases
// the worker took part in and from the satisfaction survey of the worker's grids.

import { weightedMean } from './checks.ts';
import type { AssessmentSettings } from './settings.ts';

export interface PerformanceFigures {
  /** Cases the worker opened in the month. */
  casesReported: number;
  /** Task reports (反馈) due or made in the month: on time, late, and still open past their deadline. */
  tasksOnTime: number;
  tasksLate: number;
  tasksOverdue: number;
  /** Alerts dispatched to the worker in the month: acknowledged by their deadline, after it, or not at
   *  all with the deadline passed. */
  alertsOnTime: number;
  alertsLate: number;
  alertsMissed: number;
}

export interface PerformanceRating {
  /** min(1, reported / target). */
  reports: number;
  /** Share on time; null without tasks. */
  tasks: number | null;
  /** Share acknowledged in time; null without alerts. */
  alerts: number | null;
  /** 0–100, the weighted mean of the parts that apply. */
  score: number | null;
}

const share = (good: number, ...bad: number[]) => {
  const all = good + bad.reduce((a, b) => a + b, 0);
  return all === 0 ? null : good / all;
};

/** The performance rating: reporting against the month's target, and the shares of tasks and alerts
 *  handled in time; a part without anything to judge is left out rather than counted as zero. */
export function performanceRating(
  f: PerformanceFigures,
  settings: AssessmentSettings['performance'],
): PerformanceRating {
  const reports = Math.min(1, f.casesReported / settings.reportsPerMonth);
  const tasks = share(f.tasksOnTime, f.tasksLate, f.tasksOverdue);
  const alerts = share(f.alertsOnTime, f.alertsLate, f.alertsMissed);
  const mean = weightedMean([
    [reports, settings.parts.reports],
    [tasks, settings.parts.tasks],
    [alerts, settings.parts.alerts],
  ]);
  return { reports, tasks, alerts, score: mean === null ? null : 100 * mean };
}

export interface ResidentsRating {
  /** Ratings counted: case ratings plus survey answers. */
  count: number;
  /** Of which the answers to the satisfaction survey of the worker's grids. */
  surveyCount: number;
  /** The mean of all the 1–5 ratings. */
  mean: number | null;
  /** 100 × (mean − 1) / 4: one star is 0, five stars 100; null without ratings. */
  score: number | null;
}

const isRating = (r: number) => Number.isInteger(r) && r >= 1 && r <= 5;

/** The residents' rating: the plain mean of every 1–5 rating — each case rating and each survey answer
 *  about the worker's grids counts once, neither source weighted (others are ignored) — as 0–100. */
export function residentsRating(
  caseRatings: readonly number[],
  surveyRatings: readonly number[] = [],
): ResidentsRating {
  const survey = surveyRatings.filter(isRating);
  const valid = [...caseRatings.filter(isRating), ...survey];
  if (valid.length === 0) return { count: 0, surveyCount: 0, mean: null, score: null };
  const mean = valid.reduce((a, b) => a + b, 0) / valid.length;
  return { count: valid.length, surveyCount: survey.length, mean, score: (100 * (mean - 1)) / 4 };
}
