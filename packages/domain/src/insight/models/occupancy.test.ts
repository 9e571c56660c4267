import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Entrant, type OccupancyUnit, occupancyExcess, occupancyOf } from './occupancy.ts';
import { DEFAULT_RULE_SETTINGS } from './rules.ts';
import { type FrequentIdentity, unregisteredFrequent } from './unregistered.ts';

const ASOF = new Date('2026-03-10T12:00:00+08:00');
const s = DEFAULT_RULE_SETTINGS['occupancy-excess'];

const entrant = (i: number, days: number, isRegisteredHere: boolean): Entrant => ({
  subjectId: String(100 + i),
  personId: isRegisteredHere ? String(i) : null,
  isRegisteredHere,
  days,
  events: days * 2,
});

const house = (registered: number, entrants: Entrant[]): OccupancyUnit => ({
  kind: 'house',
  houseId: '5',
  buildingId: '6',
  gridId: '9',
  orgPath: 'a.b',
  registered,
  entrants,
  sample: [],
});

describe('occupancy-excess', () => {
  it('a flat of 3 registered for 3 does not fire; 5 living in a flat registered for 2 does', () => {
    const three = [0, 1, 2].map((i) => entrant(i, 20, true));
    expect(occupancyExcess([house(3, three)], ASOF, s)).toEqual([]);
    const five = [...[0, 1].map((i) => entrant(i, 20, true)), ...[2, 3, 4].map((i) => entrant(i, 9, false))];
    const [alert] = occupancyExcess([house(2, five)], ASOF, s);
    expect(alert).toMatchObject({
      rule: 'occupancy-excess',
      dedupKey: 'house:5',
      houseId: '5',
      evidence: {
        figures: { occupants: 5, registered: 2, excess: 3, unaccounted: 3 },
        thresholds: { windowDays: 30, minDays: 3, minExcess: 2 },
      },
    });
    expect(alert!.evidence.identities!.map((e) => e.subjectId)).toEqual(['102', '103', '104']);
  });

  it('visitors (fewer days than minDays) are not occupants', () => {
    const entrants = [entrant(0, 20, true), ...[1, 2, 3, 4].map((i) => entrant(i, 2, false))];
    expect(occupancyExcess([house(1, entrants)], ASOF, s)).toEqual([]);
  });

  it('a shared building entrance counts its registered residents plus the regular unaccounted entrants', () => {
    const building: OccupancyUnit = {
      ...house(40, [entrant(0, 10, true), entrant(1, 10, false), entrant(2, 4, false), entrant(3, 1, false)]),
      kind: 'building',
      houseId: null,
    };
    expect(occupancyOf(building, 3)).toEqual({ occupants: 42, registered: 40, excess: 2, unaccounted: 2 });
    expect(occupancyExcess([building], ASOF, s)[0]).toMatchObject({ dedupKey: 'building:6', houseId: null });
  });

  it('fires exactly when regular entrants exceed the registered by minExcess (reference)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ days: fc.integer({ min: 1, max: 30 }), isRegisteredHere: fc.boolean() }), {
          maxLength: 12,
        }),
        fc.integer({ min: 0, max: 8 }),
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 1, max: 5 }),
        fc.constantFrom<'house' | 'building'>('house', 'building'),
        (raw, registered, minDays, minExcess, kind) => {
          const unit = {
            ...house(
              registered,
              raw.map((e, i) => entrant(i, e.days, e.isRegisteredHere)),
            ),
            kind,
          };
          const regular = raw.filter((e) => e.days >= minDays);
          const occupants =
            kind === 'house'
              ? regular.length
              : registered + regular.filter((e) => !e.isRegisteredHere).length;
          const fired = occupancyExcess([unit], ASOF, { ...s, minDays, minExcess }).length === 1;
          expect(fired).toBe(occupants - registered >= minExcess);
        },
      ),
    );
  });
});

describe('unregistered-frequent', () => {
  const identity = (over: Partial<FrequentIdentity>): FrequentIdentity => ({
    subjectId: '77',
    identityKind: 'person',
    hash: 'ab'.repeat(32),
    community: '131002001001',
    personId: null,
    days: 6,
    events: 14,
    firstAt: new Date(ASOF.getTime() - 10 * 86_400_000),
    lastAt: ASOF,
    gridId: '9',
    orgPath: 'a.b',
    sample: [],
    ...over,
  });
  const u = DEFAULT_RULE_SETTINGS['unregistered-frequent'];

  it('raises a follow-up for an identity seen on at least K days, keyed by its hash and community', () => {
    const [alert] = unregisteredFrequent([identity({})], u);
    expect(alert).toMatchObject({
      dedupKey: `identity:${'ab'.repeat(32)}@131002001001`,
      subject: { kind: 'identity', identityKind: 'person', subjectId: '77' },
      evidence: { figures: { days: 6 }, thresholds: { minDays: 5, windowDays: 14 } },
    });
    expect(JSON.stringify(alert)).not.toMatch(/\d{17}[\dX]/);
  });

  it('not below K days, not of a kind the rule leaves out', () => {
    expect(unregisteredFrequent([identity({ days: 4 })], u)).toEqual([]);
    expect(unregisteredFrequent([identity({ identityKind: 'card' })], u)).toEqual([]);
    expect(
      unregisteredFrequent([identity({ identityKind: 'vehicle' })], { ...u, kinds: ['person'] }),
    ).toEqual([]);
  });
});
