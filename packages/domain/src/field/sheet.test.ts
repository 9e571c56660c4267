import { describe, expect, it } from 'vitest';
import { performanceRating, residentsRating } from './ratings.ts';
import { checkAssessmentSettings, DEFAULT_ASSESSMENT_SETTINGS, gradeOf } from './settings.ts';
import { assessmentSheet, combineParts } from './sheet.ts';
import type { TrackPoint } from './track.ts';

const TZ = 'Asia/Shanghai';
const at = (local: string) => new Date(`${local}+08:00`);
const S = DEFAULT_ASSESSMENT_SETTINGS;

describe('ratings', () => {
  it('performance: 6 of 8 reports, 3 of 4 tasks on time, 1 of 2 alerts in time → 40·0.75 + 40·0.75 + 20·0.5 = 70', () => {
    const r = performanceRating(
      {
        casesReported: 6,
        tasksOnTime: 3,
        tasksLate: 1,
        tasksOverdue: 0,
        alertsOnTime: 1,
        alertsLate: 0,
        alertsMissed: 1,
      },
      S.performance,
    );
    expect(r).toMatchObject({ reports: 0.75, tasks: 0.75, alerts: 0.5 });
    expect(r.score).toBeCloseTo(70, 9);
  });

  it('performance: nothing to judge on tasks or alerts leaves them out — reporting alone decides', () => {
    const r = performanceRating(
      {
        casesReported: 10,
        tasksOnTime: 0,
        tasksLate: 0,
        tasksOverdue: 0,
        alertsOnTime: 0,
        alertsLate: 0,
        alertsMissed: 0,
      },
      S.performance,
    );
    expect(r).toMatchObject({ reports: 1, tasks: null, alerts: null, score: 100 });
  });

  it('residents: ratings 5, 4, 4, 3 → mean 4 → 100 × (4 − 1) / 4 = 75; none → no score', () => {
    expect(residentsRating([5, 4, 4, 3])).toEqual({ count: 4, surveyCount: 0, mean: 4, score: 75 });
    expect(residentsRating([1])).toMatchObject({ score: 0 });
    expect(residentsRating([])).toEqual({ count: 0, surveyCount: 0, mean: null, score: null });
  });

  it('residents with the survey: cases 5, 3 and answers 2, 2, 3 → (5 + 3 + 2 + 2 + 3) / 5 = 3 → 50', () => {
    // every rating counts once, whichever source: not (4 + 2.333) / 2 = 3.167, the mean of the two means
    expect(residentsRating([5, 3], [2, 2, 3])).toEqual({ count: 5, surveyCount: 3, mean: 3, score: 50 });
    // the survey alone still gives a rating; an answer out of range is ignored
    expect(residentsRating([], [4, 0, 6])).toEqual({ count: 1, surveyCount: 1, mean: 4, score: 75 });
  });
});

describe('combining the parts', () => {
  // The parts of the worked month below: daily 20/22 = 90.909, patrol 8.417, performance 70, residents 75.
  const parts = { daily: (100 * 20) / 22, patrol: 42.0852226 / 5, performance: 70, residents: 75 };

  it('default weights 20 : 30 : 30 : 20 → 18.182 + 2.525 + 21 + 15 = 56.7 → 不合格, pay 0.7', () => {
    const m = combineParts(parts, S);
    expect(m.score).toBe(56.7);
    expect(m.grade).toBe('fail');
    expect(m.payCoefficient).toBe(0.7);
    expect(m.shares).toEqual({ daily: 0.2, patrol: 0.3, performance: 0.3, residents: 0.2 });
  });

  it('a county weighting attendance 40 and patrols 10 → 36.364 + 0.842 + 21 + 15 = 73.2 → 合格, pay 0.9', () => {
    const m = combineParts(parts, {
      ...S,
      weights: { daily: 40, patrol: 10, performance: 30, residents: 20 },
    });
    expect(m.score).toBe(73.2);
    expect(m.grade).toBe('pass');
    expect(m.payCoefficient).toBe(0.9);
  });

  it('weights are relative: 2 : 3 : 3 : 2 gives the same score as 20 : 30 : 30 : 20', () => {
    const m = combineParts(parts, { ...S, weights: { daily: 2, patrol: 3, performance: 3, residents: 2 } });
    expect(m.score).toBe(56.7);
  });

  it('without residents’ ratings their weight is shared out: (18.182 + 2.525 + 21) / 0.8 = 52.1', () => {
    const m = combineParts({ ...parts, residents: null }, S);
    expect(m.score).toBe(52.1);
    expect(m.shares.residents).toBe(0);
    expect(m.shares.daily).toBeCloseTo(0.25, 9);
  });

  it('grades follow the thresholds as data: 90 优秀, 89.9 良好, 80 良好, 60 合格, 59.9 不合格', () => {
    const g = S.grades;
    expect([90, 89.9, 80, 60, 59.9].map((s) => gradeOf(s, g))).toEqual([
      'excellent',
      'good',
      'good',
      'pass',
      'fail',
    ]);
    expect(gradeOf(85, { excellent: 85, good: 70, pass: 50 })).toBe('excellent');
    expect(combineParts({ daily: null, patrol: null, performance: null, residents: null }, S)).toMatchObject({
      score: null,
      grade: null,
    });
  });
});

describe('the monthly sheet', () => {
  it('hand-worked March 2026: the parts above, combined → 56.7 不合格', () => {
    const workdays = [2, 3, 4, 5, 6, 9, 10, 11, 12, 13, 16, 17, 18, 19, 20, 23, 24, 25, 26, 27, 30, 31];
    const day = (d: number) => `2026-03-${String(d).padStart(2, '0')}`;
    const checkins = [...workdays.slice(0, 18), 7, 14].map((d) => ({
      at: at(`${day(d)}T08:30:00`),
      kind: 'in' as const,
    }));
    const points: TrackPoint[] = Array.from({ length: 10 }, (_, i) => ({
      lng: 116.7,
      lat: 39.5 + i * 0.001,
      at: new Date(at('2026-03-02T09:00:00').getTime() + i * 100_000),
      accuracy: 5,
    }));
    const sheet = assessmentSheet(
      {
        month: '2026-03',
        asOf: at('2026-03-31T20:00:00'),
        timeZone: TZ,
        checkins,
        patrols: [
          { startedAt: at('2026-03-02T09:00:00'), endedAt: at('2026-03-02T09:20:00'), points },
          { startedAt: at('2026-03-04T14:00:00'), endedAt: at('2026-03-04T17:00:00'), points: [] },
        ],
        buildings: [
          { id: 'A', lng: 116.7, lat: 39.5045 },
          { id: 'B', lng: 116.7005, lat: 39.5045 },
          { id: 'C', lng: 116.701, lat: 39.5045 },
          { id: 'D', lng: 116.7, lat: 39.5104 },
        ],
        performance: {
          casesReported: 6,
          tasksOnTime: 3,
          tasksLate: 1,
          tasksOverdue: 0,
          alertsOnTime: 1,
          alertsLate: 0,
          alertsMissed: 1,
        },
        ratings: [5, 4, 4, 3],
      },
      S,
    );
    expect(sheet.daily).toMatchObject({ present: 20, required: 22 });
    // five weeks begin in March; only the first has patrols: (42.085 + 0 + 0 + 0 + 0) / 5 = 8.417
    expect(sheet.patrol.weeks.map((w) => w.week)).toEqual([
      '2026-03-02',
      '2026-03-09',
      '2026-03-16',
      '2026-03-23',
      '2026-03-30',
    ]);
    expect(sheet.parts.patrol).toBeCloseTo(8.417, 3);
    expect(sheet.parts.performance).toBeCloseTo(70, 9);
    expect(sheet.parts.residents).toBe(75);
    expect(sheet.score).toBe(56.7);
    expect(sheet.grade).toBe('fail');
  });

  it('part-way through the month only the days and weeks so far count', () => {
    const sheet = assessmentSheet(
      {
        month: '2026-03',
        asOf: at('2026-03-04T10:00:00'),
        timeZone: TZ,
        checkins: [2, 3, 4].map((d) => ({ at: at(`2026-03-0${d}T08:00:00`), kind: 'in' as const })),
        patrols: [],
        buildings: [],
        performance: {
          casesReported: 0,
          tasksOnTime: 0,
          tasksLate: 0,
          tasksOverdue: 0,
          alertsOnTime: 0,
          alertsLate: 0,
          alertsMissed: 0,
        },
        ratings: [],
      },
      S,
    );
    expect(sheet.daily).toMatchObject({ present: 3, required: 3, score: 100 });
    expect(sheet.patrol.weeks).toHaveLength(1);
  });
});

describe('settings', () => {
  it('the defaults are valid and come back unchanged', () => {
    expect(checkAssessmentSettings(S)).toEqual({ settings: S });
  });

  it('refuses a missing number, all-zero weights, grades out of order and bad workdays, naming the field', () => {
    const field = (v: unknown) =>
      'problem' in checkAssessmentSettings(v)
        ? (checkAssessmentSettings(v) as { problem: { field: string } }).problem.field
        : null;
    expect(field({ ...S, weights: { ...S.weights, daily: undefined } })).toBe('weights.daily');
    expect(field({ ...S, weights: { daily: 0, patrol: 0, performance: 0, residents: 0 } })).toBe('weights');
    expect(field({ ...S, grades: { excellent: 80, good: 85, pass: 60 } })).toBe('grades');
    expect(field({ ...S, daily: { workdays: [1, 1] } })).toBe('daily.workdays');
    expect(field({ ...S, patrol: { ...S.patrol, radiusM: 0 } })).toBe('patrol.radiusM');
  });

  it('drops keys it does not know', () => {
    const checked = checkAssessmentSettings({ ...S, extra: 1, weights: { ...S.weights, bonus: 5 } });
    expect(checked).toEqual({ settings: S });
  });
});
