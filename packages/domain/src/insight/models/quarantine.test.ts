import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DeviceHealth, deviceOffline } from './devices.ts';
import { isBreach, type QuarantinedPerson, type QuarantineSighting, quarantineBreach } from './quarantine.ts';
import { DEFAULT_RULE_SETTINGS } from './rules.ts';

const ASOF = new Date('2026-03-10T12:00:00+08:00');
const H = 3_600_000;
const q = DEFAULT_RULE_SETTINGS['quarantine-breach'];

const at = (hoursAgo: number, over: Partial<QuarantineSighting> = {}): QuarantineSighting => ({
  eventId: `e${hoursAgo}`,
  deviceId: '1',
  deviceCode: 'LF-GF1',
  time: new Date(ASOF.getTime() - hoursAgo * H).toISOString(),
  type: 'face',
  direction: 'out',
  isGate: true,
  community: 'C1',
  ...over,
});

const person = (sightings: QuarantineSighting[], tagHoursAgo = 72): QuarantinedPerson => ({
  personId: '8',
  category: 'home-quarantine',
  community: 'C1',
  gridId: '9',
  orgPath: 'a.b',
  houseId: '3',
  buildingId: '4',
  tagFrom: new Date(ASOF.getTime() - tagHoursAgo * H),
  sightings,
});

describe('quarantine-breach', () => {
  it('an exit at a community gate after the tag began fires, dated by the latest breach', () => {
    const [alert] = quarantineBreach([person([at(5), at(2)])], ASOF, () => q);
    expect(alert).toMatchObject({
      rule: 'quarantine-breach',
      dedupKey: 'person:8',
      severity: 'high',
      dispatchTo: 'police',
      situationAt: new Date(ASOF.getTime() - 2 * H),
      evidence: { figures: { exits: 2, sightings: 2 } },
    });
    expect(alert!.evidence.events.map((e) => e.eventId)).toEqual(['e2', 'e5']);
    expect(alert!.evidence.events[0]).not.toHaveProperty('isGate');
  });

  it('coming in, passing a building door, exits before the tag or before the lookback do not', () => {
    const quiet = [
      at(2, { direction: 'in' }),
      at(3, { isGate: false, type: 'door' }),
      at(4, { direction: null }),
      at(30),
    ];
    expect(quarantineBreach([person(quiet)], ASOF, () => q)).toEqual([]);
    expect(quarantineBreach([person([at(10)], 5)], ASOF, () => q)).toEqual([]);
  });

  it('a sighting at another community is a breach unless the rule leaves those out', () => {
    const elsewhere = [at(1, { community: 'C2', isGate: false, direction: null })];
    expect(quarantineBreach([person(elsewhere)], ASOF, () => q)).toHaveLength(1);
    expect(
      quarantineBreach([person(elsewhere)], ASOF, () => ({ ...q, isSightingElsewhereBreach: false })),
    ).toEqual([]);
  });

  it('fires exactly when some sighting in the window is a breach (reference)', () => {
    const arb = fc.record({
      hoursAgo: fc.integer({ min: -2, max: 100 }),
      direction: fc.constantFrom<'in' | 'out' | null>('in', 'out', null),
      isGate: fc.boolean(),
      community: fc.constantFrom('C1', 'C2', null),
    });
    fc.assert(
      fc.property(fc.array(arb, { maxLength: 8 }), fc.integer({ min: 0, max: 100 }), (raw, tagHoursAgo) => {
        const p = person(
          raw.map((r, i) => at(r.hoursAgo, { ...r, eventId: `x${i}` })),
          tagHoursAgo,
        );
        const expected = raw.some(
          (r) =>
            r.hoursAgo >= 0 &&
            r.hoursAgo <= Math.min(tagHoursAgo, q.lookbackHours) &&
            ((r.isGate && r.direction === 'out') || (r.community !== null && r.community !== 'C1')),
        );
        expect(quarantineBreach([p], ASOF, () => q).length === 1).toBe(expected);
        expect(isBreach(p, at(0, { isGate: true, direction: 'out' }), false)).toBe(true);
      }),
    );
  });
});

describe('device-offline', () => {
  const o = DEFAULT_RULE_SETTINGS['device-offline'];
  const device = (over: Partial<DeviceHealth>): DeviceHealth => ({
    deviceId: '3',
    code: 'LF-D01',
    type: 'door',
    gridId: '9',
    orgPath: 'a.b',
    houseId: null,
    buildingId: '4',
    offlineMinutes: 30,
    lastEventAt: null,
    lastHeartbeatAt: null,
    createdAt: new Date(ASOF.getTime() - 100 * H),
    ...over,
  });
  const minutesAgo = (m: number) => new Date(ASOF.getTime() - m * 60_000);

  it('silent past its own limit fires, with the last contact; a heartbeat keeps it online', () => {
    const [alert] = deviceOffline([device({ lastEventAt: minutesAgo(45) })], ASOF, o);
    expect(alert).toMatchObject({
      dedupKey: 'device:3',
      situationAt: minutesAgo(45),
      evidence: { figures: { silentMinutes: 45 }, thresholds: { offlineMinutes: 30 } },
    });
    expect(
      deviceOffline([device({ lastEventAt: minutesAgo(45), lastHeartbeatAt: minutesAgo(5) })], ASOF, o),
    ).toEqual([]);
  });

  it('never heard from: only when the rule asks, and only past the limit since it was registered', () => {
    expect(deviceOffline([device({})], ASOF, o)).toEqual([]);
    expect(deviceOffline([device({})], ASOF, { ...o, isNeverSeenOffline: true })).toHaveLength(1);
    expect(
      deviceOffline([device({ createdAt: minutesAgo(10) })], ASOF, { ...o, isNeverSeenOffline: true }),
    ).toEqual([]);
  });

  it('fires exactly when the last contact up to asOf is older than limit plus grace (reference)', () => {
    const when = fc.option(fc.integer({ min: -120, max: 600 }), { nil: null });
    fc.assert(
      fc.property(
        when,
        when,
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 0, max: 60 }),
        (ev, hb, limit, grace) => {
          const d = device({
            offlineMinutes: limit,
            lastEventAt: ev === null ? null : minutesAgo(ev),
            lastHeartbeatAt: hb === null ? null : minutesAgo(hb),
          });
          const known = [ev, hb].filter((m): m is number => m !== null && m >= 0);
          const expected = known.length > 0 && Math.min(...known) > limit + grace;
          expect(deviceOffline([d], ASOF, { ...o, graceMinutes: grace }).length === 1).toBe(expected);
        },
      ),
    );
  });
});
