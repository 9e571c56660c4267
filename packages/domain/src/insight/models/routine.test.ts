import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EvidenceEvent } from './alert.ts';
import { type CarePerson, careNotSeen, careSettings, lowerMedian, routineOf } from './routine.ts';
import { DEFAULT_RULE_SETTINGS } from './rules.ts';

const ASOF = new Date('2026-03-10T12:00:00+08:00');
const H = 3_600_000;
const settings = { ...DEFAULT_RULE_SETTINGS['care-not-seen'] };

const sighting = (time: Date, eventId = 'e1'): EvidenceEvent => ({
  eventId,
  deviceId: '7',
  deviceCode: 'GATE-1',
  time: time.toISOString(),
  type: 'face',
  direction: 'in',
});

const person = (over: Partial<CarePerson> = {}): CarePerson => ({
  personId: '1',
  category: 'elderly-alone',
  categoryLimitHours: 48,
  gridId: '9',
  orgPath: 'a.b',
  houseId: '3',
  buildingId: '4',
  coveredSince: new Date(ASOF.getTime() - 10 * 24 * H),
  days: [],
  lastSeen: null,
  ...over,
});

describe('entry/exit regularity', () => {
  it('takes the lower median of the days that had an exit or a return', () => {
    const r = routineOf(
      [
        { day: '2026-03-01', events: 4, firstOut: 450, lastIn: 1100 },
        { day: '2026-03-02', events: 2, firstOut: 470, lastIn: null },
        { day: '2026-03-03', events: 3, firstOut: 430, lastIn: 1080 },
        { day: '2026-03-04', events: 0, firstOut: 10, lastIn: 10 },
      ],
      null,
      14,
    );
    expect(r).toMatchObject({ daysActive: 3, daysObserved: 14, usualLeaving: 450, usualReturning: 1080 });
  });

  it('does not depend on the order of the days, and the usual hours are observed values', () => {
    const day = fc.record({
      day: fc.integer({ min: 1, max: 28 }).map((d) => `2026-02-${String(d).padStart(2, '0')}`),
      events: fc.integer({ min: 0, max: 9 }),
      firstOut: fc.option(fc.integer({ min: 0, max: 1439 }), { nil: null }),
      lastIn: fc.option(fc.integer({ min: 0, max: 1439 }), { nil: null }),
    });
    fc.assert(
      fc.property(fc.uniqueArray(day, { selector: (d) => d.day, maxLength: 28 }), (days) => {
        const r = routineOf(days, null, 28);
        const reversed = routineOf([...days].reverse(), null, 28);
        expect(reversed).toEqual(r);
        const active = days.filter((d) => d.events > 0);
        expect(r.daysActive).toBe(active.length);
        const outs = active.flatMap((d) => (d.firstOut === null ? [] : [d.firstOut]));
        if (outs.length === 0) expect(r.usualLeaving).toBeNull();
        else {
          expect(outs).toContain(r.usualLeaving);
          expect(outs.filter((o) => o < r.usualLeaving!).length).toBeLessThanOrEqual(outs.length / 2);
          expect(outs.filter((o) => o > r.usualLeaving!).length).toBeLessThanOrEqual(outs.length / 2);
        }
      }),
    );
    expect(lowerMedian([])).toBeNull();
  });
});

describe('care-not-seen', () => {
  it('fires for a person unseen longer than the limit, with the evidence and thresholds', () => {
    const seen = new Date(ASOF.getTime() - 60 * H);
    const [alert, ...rest] = careNotSeen([person({ lastSeen: sighting(seen) })], ASOF, () => settings);
    expect(rest).toEqual([]);
    expect(alert).toMatchObject({
      rule: 'care-not-seen',
      dedupKey: 'person:1',
      situationAt: seen,
      subject: { kind: 'person', personId: '1' },
      evidence: {
        figures: { hoursUnseen: 60, lastSeen: seen.toISOString() },
        thresholds: { limitHours: 48 },
        events: [{ eventId: 'e1', deviceCode: 'GATE-1' }],
      },
    });
  });

  it('does not fire for an elderly person seen 10 hours ago, nor at exactly the limit', () => {
    for (const hours of [10, 48])
      expect(
        careNotSeen(
          [person({ lastSeen: sighting(new Date(ASOF.getTime() - hours * H)) })],
          ASOF,
          () => settings,
        ),
      ).toEqual([]);
  });

  it('does not fire where there is no sensing, or it began less than the limit ago', () => {
    expect(careNotSeen([person({ coveredSince: null })], ASOF, () => settings)).toEqual([]);
    expect(
      careNotSeen([person({ coveredSince: new Date(ASOF.getTime() - 20 * H) })], ASOF, () => settings),
    ).toEqual([]);
  });

  it('one alert per person, under the shortest limit that fired', () => {
    const seen = sighting(new Date(ASOF.getTime() - 80 * H));
    const alerts = careNotSeen(
      [
        person({ category: 'elderly-alone', lastSeen: seen }),
        person({ category: 'mental-health-care', lastSeen: seen }),
      ],
      ASOF,
      (p) => careSettings([], p.category, p.category === 'elderly-alone' ? 48 : 72),
    );
    expect(alerts.map((a) => [a.evidence.figures.category, a.evidence.thresholds.limitHours])).toEqual([
      ['elderly-alone', 48],
    ]);
  });

  it('fires exactly when the community was watched and the person unseen for longer than the limit', () => {
    fc.assert(
      fc.property(
        fc.option(fc.integer({ min: 0, max: 14 * 24 }), { nil: null }),
        fc.option(fc.integer({ min: 0, max: 14 * 24 }), { nil: null }),
        fc.integer({ min: 1, max: 200 }),
        fc.boolean(),
        (seenHoursAgo, coveredHoursAgo, limitHours, isEnabled) => {
          const s = { ...settings, limitHours, enabled: isEnabled };
          const p = person({
            lastSeen: seenHoursAgo === null ? null : sighting(new Date(ASOF.getTime() - seenHoursAgo * H)),
            coveredSince: coveredHoursAgo === null ? null : new Date(ASOF.getTime() - coveredHoursAgo * H),
          });
          const fired = careNotSeen([p], ASOF, () => s).length === 1;
          const expected =
            isEnabled &&
            coveredHoursAgo !== null &&
            coveredHoursAgo >= limitHours &&
            (seenHoursAgo === null || seenHoursAgo > limitHours);
          expect(fired).toBe(expected);
        },
      ),
    );
  });
});
