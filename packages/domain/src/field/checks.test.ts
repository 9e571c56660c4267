import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { monthDays, weekOf, weeksOfMonth } from './calendar.ts';
import { dailyCheck, patrolWeekCheck, unionLength } from './checks.ts';
import { DEFAULT_ASSESSMENT_SETTINGS } from './settings.ts';
import type { TrackPoint } from './track.ts';

const TZ = 'Asia/Shanghai';
const at = (local: string) => new Date(`${local}+08:00`);

describe('calendar', () => {
  it('March 2026: 31 days, weeks beginning on the 2nd, 9th, 16th, 23rd and 30th', () => {
    expect(monthDays('2026-03')).toHaveLength(31);
    expect(weeksOfMonth('2026-03')).toEqual([
      '2026-03-02',
      '2026-03-09',
      '2026-03-16',
      '2026-03-23',
      '2026-03-30',
    ]);
    expect(weekOf('2026-03-01')).toBe('2026-02-23'); // a Sunday belongs to the week before
    expect(weekOf('2026-03-04')).toBe('2026-03-02');
  });
});

describe('daily check', () => {
  it('hand-worked: March 2026 has 22 workdays; 18 of them and two Saturdays checked in → 20 / 22 = 90.91', () => {
    const workdays = monthDays('2026-03').filter(
      (d) => ![0, 6].includes(new Date(`${d}T12:00:00Z`).getUTCDay()),
    );
    expect(workdays).toHaveLength(22);
    const checkins = [
      ...workdays.slice(0, 18).map((d) => ({ at: at(`${d}T08:30:00`), kind: 'in' as const })),
      { at: at('2026-03-07T09:00:00'), kind: 'in' as const },
      { at: at('2026-03-14T09:00:00'), kind: 'in' as const },
      // a second check-in and a check-out on a day already present change nothing
      { at: at('2026-03-02T13:00:00'), kind: 'in' as const },
      { at: at('2026-03-02T17:45:00'), kind: 'out' as const },
      // a check-out alone is not a presence
      { at: at('2026-03-31T18:00:00'), kind: 'out' as const },
    ];
    const check = dailyCheck(monthDays('2026-03'), checkins, TZ, [1, 2, 3, 4, 5]);
    expect(check.present).toBe(20);
    expect(check.required).toBe(22);
    expect(check.score).toBeCloseTo((100 * 20) / 22, 6);
    const second = check.days.find((d) => d.day === '2026-03-02')!;
    expect(second.firstIn).toEqual(at('2026-03-02T08:30:00'));
    expect(second.lastOut).toEqual(at('2026-03-02T17:45:00'));
    expect(check.days.find((d) => d.day === '2026-03-31')!.isPresent).toBe(false);
  });

  it('days are local: 00:10 in Beijing is the new day though it is still the day before in UTC', () => {
    const check = dailyCheck(
      ['2026-03-02', '2026-03-03'],
      [{ at: at('2026-03-03T00:10:00'), kind: 'in' }],
      TZ,
      [1, 2, 3, 4, 5],
    );
    expect(check.days.map((d) => d.isPresent)).toEqual([false, true]);
  });

  it('more days present than required still scores 100; no workday assessed scores nothing', () => {
    const weekend = ['2026-03-07', '2026-03-08'];
    const all = weekend.map((d) => ({ at: at(`${d}T09:00:00`), kind: 'in' as const }));
    expect(dailyCheck(weekend, all, TZ, [1, 2, 3, 4, 5]).score).toBeNull();
    expect(dailyCheck(weekend, all, TZ, [6]).score).toBe(100);
  });
});

// The walk of track.test.ts: ten fixes 0.001° (111.195 m) apart going north, 100 s apart.
const walk = (start: string): TrackPoint[] =>
  Array.from({ length: 10 }, (_, i) => ({
    lng: 116.7,
    lat: 39.5 + i * 0.001,
    at: new Date(at(start).getTime() + i * 100_000),
    accuracy: 5,
  }));
const BUILDINGS = [
  { id: 'A', lng: 116.7, lat: 39.5045 },
  { id: 'B', lng: 116.7005, lat: 39.5045 },
  { id: 'C', lng: 116.701, lat: 39.5045 },
  { id: 'D', lng: 116.7, lat: 39.5104 },
];

describe('patrol-track check', () => {
  it('hand-worked week of 2 March 2026 with the default settings → 42.09', () => {
    const patrols = [
      // Monday 09:00–09:20, the 1 km walk: passes A and B (of four buildings), 1,000.76 m
      {
        startedAt: at('2026-03-02T09:00:00'),
        endedAt: at('2026-03-02T09:20:00'),
        points: walk('2026-03-02T09:00:00'),
      },
      // Wednesday 14:00–17:00 without a fix (no GPS): time counts, distance and coverage do not
      { startedAt: at('2026-03-04T14:00:00'), endedAt: at('2026-03-04T17:00:00'), points: [] },
      // the week after: not this week's
      {
        startedAt: at('2026-03-09T09:00:00'),
        endedAt: at('2026-03-09T10:00:00'),
        points: walk('2026-03-09T09:00:00'),
      },
    ];
    const week = patrolWeekCheck('2026-03-02', patrols, BUILDINGS, DEFAULT_ASSESSMENT_SETTINGS.patrol, TZ);
    expect(week.patrols).toBe(2);
    expect(week.minutes).toBe(200);
    expect(week.distanceM).toBeCloseTo(1000.756, 2);
    expect(week.buildingsPassed).toBe(2);
    expect(week.coverage).toBe(0.5);
    // coverage 0.5 / 0.8 = 0.625, distance 1.00076 km / 10 km = 0.100076, time 200 / 600 min = 0.333333;
    // weighted 50 : 25 : 25 → 0.3125 + 0.025019 + 0.083333 = 0.420852 → 42.085
    expect(week.score).toBeCloseTo(42.0852, 3);
  });

  it('a patrol over Sunday midnight is cut at the week’s end; overlapping patrols count their time once', () => {
    const patrols = [
      { startedAt: at('2026-03-08T23:00:00'), endedAt: at('2026-03-09T01:00:00'), points: [] },
      { startedAt: at('2026-03-08T22:30:00'), endedAt: at('2026-03-08T23:30:00'), points: [] },
    ];
    const first = patrolWeekCheck('2026-03-02', patrols, [], DEFAULT_ASSESSMENT_SETTINGS.patrol, TZ);
    expect(first.minutes).toBe(90);
    expect(first.coverage).toBeNull();
    const second = patrolWeekCheck('2026-03-09', patrols, [], DEFAULT_ASSESSMENT_SETTINGS.patrol, TZ);
    expect(second.minutes).toBe(60);
    expect(second.patrols).toBe(1);
  });

  it('an open patrol lasts until its last fix', () => {
    const points = walk('2026-03-03T10:00:00');
    const week = patrolWeekCheck(
      '2026-03-02',
      [{ startedAt: at('2026-03-03T10:00:00'), endedAt: null, points }],
      BUILDINGS,
      DEFAULT_ASSESSMENT_SETTINGS.patrol,
      TZ,
    );
    expect(week.minutes).toBe(15);
  });

  it('property: the union of intervals is at most their sum and at least the longest', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 300 })), {
          maxLength: 30,
        }),
        (list) => {
          const intervals = list.map(([a, l]) => [a, a + l] as const);
          const union = unionLength(intervals);
          const lengths = intervals.map(([a, b]) => b - a);
          expect(union).toBeLessThanOrEqual(lengths.reduce((x, y) => x + y, 0));
          expect(union).toBeGreaterThanOrEqual(Math.max(0, ...lengths));
          expect(union).toBe(unionLength([...intervals].reverse()));
        },
      ),
    );
  });
});
