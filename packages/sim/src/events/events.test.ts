import { checkSensingEvent } from '@civgrid/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planCity } from '../index.ts';
import type { SimEvent } from './emit.ts';
import { accessCardNumber, localDayOf, residentPhoneMac } from './identifiers.ts';
import { planHouseholdDay } from './routines.ts';
import { EventSimulator } from './simulator.ts';
import { buildSensingWorld, type SensingWorld } from './world.ts';

const HOUR = 3_600_000;
const at = (iso: string) => new Date(iso);
const ms = (e: SimEvent) => new Date(e.time).getTime();

const testWorld = (seed?: number) =>
  buildSensingWorld(planCity({ scale: 'test', ...(seed ? { seed } : {}) }));
const demoWorld = buildSensingWorld(planCity({ scale: 'demo' }));

/** Who an event is about: a card stands for its holder, so a person's card and face passages line up. */
function subjectOf(world: SensingWorld) {
  const holders = new Map(
    world.households.flatMap((h) => h.members.flatMap((r) => (r.card ? [[r.card, r.idNumber]] : []))),
  );
  return (e: SimEvent) => (e.cardNo ? holders.get(e.cardNo)! : (e.idNumber ?? e.plate ?? e.mac));
}

/** The problems of a span's events: outside the span, invalid, ids reused, directions out of turn. */
function problems(
  world: SensingWorld,
  plan: ReturnType<typeof planCity>,
  events: SimEvent[],
  from: Date,
  to: Date,
) {
  const found: string[] = [];
  const devices = new Map(plan.devices.map((d) => [d.code, d.type]));
  const ids = new Set<string>();
  const subject = subjectOf(world);
  const lastDirection = new Map<string, string>();
  let previous = Number.NEGATIVE_INFINITY;
  for (const e of events) {
    const time = ms(e);
    if (time < from.getTime() || time >= to.getTime())
      found.push(`${e.eventId} at ${e.time} is outside the span`);
    if (time < previous) found.push(`${e.eventId} is out of order`);
    previous = time;
    const check = checkSensingEvent(e, to, from);
    if (!check.ok) found.push(`${e.eventId}: ${check.code} ${check.message.en}`);
    if (devices.get(e.deviceCode) !== e.type) found.push(`${e.eventId}: no ${e.type} device ${e.deviceCode}`);
    const key = `${e.deviceCode}/${e.eventId}`;
    if (ids.has(key)) found.push(`${key} is used twice`);
    ids.add(key);
    const who = subject(e);
    if (e.direction && who) {
      const k = `${e.deviceCode}/${who}`;
      if (lastDirection.get(k) === e.direction)
        found.push(`${who} goes ${e.direction} twice at ${e.deviceCode}`);
      lastDirection.set(k, e.direction);
    }
  }
  return found;
}

describe('event simulator', () => {
  it('gives valid events inside the span, ids unique per device, directions alternating per person and gate', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.integer({ min: 0, max: 24 * 14 }),
        fc.integer({ min: 1, max: 60 }),
        (seed, startHour, hours) => {
          const plan = planCity({ scale: 'test', seed });
          const world = buildSensingWorld(plan);
          const from = new Date(at('2026-02-01T00:00:00+08:00').getTime() + startHour * HOUR + 7 * 60_000);
          const to = new Date(from.getTime() + hours * HOUR);
          const events = [...new EventSimulator(world).stream(from, to)].flat();
          expect(problems(world, plan, events, from, to)).toEqual([]);
        },
      ),
      { numRuns: 15 },
    );
  }, 60_000);

  it('is deterministic for a seed, whatever the slicing', () => {
    const world = testWorld(7);
    const from = at('2026-03-02T05:00:00+08:00');
    const to = at('2026-03-03T11:00:00+08:00');
    const whole = new EventSimulator(world).between(from, to);
    const slices = [...new EventSimulator(world).stream(from, to, 5 * 60_000)];
    const hourly = [...new EventSimulator(world).stream(from, to, HOUR)].flat();
    expect(whole.length).toBeGreaterThan(100);
    expect(slices.flat()).toEqual(whole);
    expect(hourly).toEqual(whole);
    expect(testWorld(8).households.map((h) => h.members.map((r) => r.idNumber))).not.toEqual(
      world.households.map((h) => h.members.map((r) => r.idNumber)),
    );
    const other = new EventSimulator(testWorld(8)).between(from, to);
    expect(other).not.toEqual(whole);
  });

  it('streams short windows (a live feed) exactly as the whole span', () => {
    const world = testWorld();
    const simulator = new EventSimulator(world);
    const from = at('2026-03-02T07:00:00+08:00');
    const parts: SimEvent[] = [];
    for (let t = from.getTime(); t < from.getTime() + HOUR; t += 7_000)
      parts.push(...simulator.between(new Date(t), new Date(t + 7_000)));
    expect(parts).toEqual(new EventSimulator(world).between(from, new Date(from.getTime() + HOUR)));
  });

  it('starts every resident at home: the first passage of a day is out, except for night workers', () => {
    const world = demoWorld;
    const routine = new Map(world.households.flatMap((h) => h.members.map((r) => [r.idNumber, r.routine])));
    const from = at('2026-03-03T00:00:00+08:00');
    const events = new EventSimulator(world).between(from, new Date(from.getTime() + 24 * HOUR));
    const first = new Map<string, string>();
    for (const e of events)
      if (e.type === 'face' && e.idNumber && e.direction && !first.has(e.idNumber))
        first.set(e.idNumber, e.direction);
    let residents = 0;
    for (const [id, direction] of first) {
      const r = routine.get(id);
      // Visitors may have come the evening before; their order is checked below.
      if (r !== undefined && r !== 'night-shift') {
        residents++;
        expect(direction).toBe('out');
      }
    }
    expect(residents).toBeGreaterThan(1000);
    const visits = new Map<string, Record<string, number>>();
    for (const e of events)
      if (e.eventId.startsWith('v') && e.direction) {
        const visit = e.eventId.slice(0, -2);
        visits.set(visit, { ...visits.get(visit), [e.direction]: ms(e) });
      }
    for (const { in: came, out: left } of visits.values())
      if (came !== undefined && left !== undefined) expect(came).toBeLessThan(left);
  });

  it('moves commuters out in the morning and in in the evening on weekdays', () => {
    const events = new EventSimulator(demoWorld).between(
      at('2026-03-03T00:00:00+08:00'),
      at('2026-03-04T00:00:00+08:00'),
    );
    const count = (from: number, to: number, direction: string) =>
      events.filter((e) => {
        const hour = Number(e.time.slice(11, 13));
        return e.type === 'face' && e.idNumber && hour >= from && hour < to && e.direction === direction;
      }).length;
    expect(count(6, 9, 'out')).toBeGreaterThan(5 * count(6, 9, 'in'));
    expect(count(17, 20, 'in')).toBeGreaterThan(2 * count(17, 20, 'out'));
    expect(count(0, 5, 'out') + count(0, 5, 'in')).toBeLessThan(count(6, 9, 'out') / 20);
  });

  it('has visitors the registers do not hold and courier vans in and out around midday', () => {
    const plan = planCity({ scale: 'demo' });
    const registered = new Set<string>();
    const plates = new Set<string>();
    for (const h of plan.households()) {
      for (const { persons } of h.houses) for (const p of persons) registered.add(p.idNumber);
      for (const v of h.vehicles) plates.add(v.plate);
    }
    const events = new EventSimulator(demoWorld).between(
      at('2026-03-03T00:00:00+08:00'),
      at('2026-03-04T00:00:00+08:00'),
    );
    const visitors = events.filter((e) => e.eventId.startsWith('v') && e.idNumber);
    expect(visitors.length).toBeGreaterThan(50);
    for (const e of visitors) expect(registered.has(e.idNumber!)).toBe(false);
    const vans = events.filter((e) => e.eventId.startsWith('k'));
    expect(vans.length).toBeGreaterThan(20);
    const calls = new Map<string, number[]>();
    for (const e of vans) {
      expect(plates.has(e.plate!)).toBe(false);
      const hour = Number(e.time.slice(11, 13));
      expect(hour).toBeGreaterThanOrEqual(8);
      expect(hour).toBeLessThan(16);
      calls.set(e.eventId.slice(0, -1), [...(calls.get(e.eventId.slice(0, -1)) ?? []), ms(e)]);
    }
    for (const [, [arrive, leave]] of calls) expect(leave! - arrive!).toBeLessThanOrEqual(15 * 60_000);
  });

  it('leaves some of the elderly living alone unseen for days on end', () => {
    const first = localDayOf(at('2026-03-02T12:00:00+08:00').getTime());
    const alone = demoWorld.households.filter(
      (h) => h.members.length === 1 && h.members[0]!.routine === 'housebound',
    );
    expect(alone.length).toBeGreaterThan(0);
    const longestAbsence = alone.map((h) => {
      let longest = 0;
      let run = 0;
      for (let day = first; day < first + 28; day++) {
        run = planHouseholdDay(demoWorld.seed, h, day).length === 0 ? run + 1 : 0;
        longest = Math.max(longest, run);
      }
      return longest;
    });
    expect(Math.max(...longestAbsence)).toBeGreaterThanOrEqual(7);
    const active = demoWorld.households.filter((h) => h.members[0]!.routine === 'active-elder');
    const outings = active.flatMap((h) =>
      Array.from({ length: 7 }, (_, i) => planHouseholdDay(demoWorld.seed, h, first + i).length),
    );
    expect(outings.filter((n) => n > 0).length).toBeGreaterThan(outings.length * 0.7);
  });

  it('makes about five events per resident and day, as documented', () => {
    const rate = new EventSimulator(demoWorld).expectedRate();
    const perResident = (rate * 86_400) / demoWorld.residents;
    expect(perResident).toBeGreaterThan(4.5);
    expect(perResident).toBeLessThan(6.5);
    const half = new EventSimulator(demoWorld, { share: 0.5 }).expectedRate();
    expect(half / rate).toBeGreaterThan(0.4);
    expect(half / rate).toBeLessThan(0.6);
    expect(new EventSimulator(demoWorld, { extraPerSecond: 3 }).expectedRate()).toBeCloseTo(rate + 3, 5);
  }, 60_000);
});

describe('door cards and phones', () => {
  it('gives distinct ten-digit cards and distinct phone MACs to distinct residents', () => {
    const cards = new Set<string>();
    const macs = new Set<string>();
    for (let ordinal = 0; ordinal < 20_000; ordinal++) {
      const card = accessCardNumber(1, ordinal * 20);
      expect(card).toMatch(/^\d{10}$/);
      cards.add(card);
      macs.add(residentPhoneMac(1, ordinal * 20));
    }
    expect(cards.size).toBe(20_000);
    expect(macs.size).toBe(20_000);
  }, 30_000);

  it('gives cards only to residents of buildings with a door reader', () => {
    const world = demoWorld;
    for (const h of world.households)
      for (const r of h.members) {
        if (!h.door) expect(r.card).toBeNull();
        else expect(r.card !== null).toBe(r.age >= 10);
      }
    expect(world.households.some((h) => h.door)).toBe(true);
  });
});
