import { checkPlate, plateKind } from '@civgrid/domain';
import { describe, expect, it } from 'vitest';
import { type Household, planCity } from './index.ts';
import { enumerate, registerProblems, TAG_CATEGORIES } from './invariants.test-support.ts';
import { ageOn } from './tags.ts';
import { PlateRegistry } from './vehicles.ts';

const all = (households: Iterable<Household>) => [...households];
const persons = (households: Household[]) => households.flatMap((h) => h.houses.flatMap((x) => x.persons));

describe('demo scale registers', () => {
  const plan = planCity({ scale: 'demo' });
  const summary = enumerate(plan);
  const households = all(plan.households());
  const people = persons(households);
  const vehicles = households.flatMap((h) => h.vehicles);
  const occupied = households.flatMap((h) => h.houses).filter((h) => h.persons.length > 0);

  it('has valid tags, plates, owners, devices and organisations', () => {
    expect(summary.problems).toEqual([]);
    expect(registerProblems(plan, summary)).toEqual([]);
  });

  it('tags people in every category it uses, only from the allowed list', () => {
    const used = new Set(people.flatMap((p) => p.tags.map((t) => t.category)));
    expect([...used].sort()).toEqual([...TAG_CATEGORIES].sort());
    expect(people.filter((p) => p.tags.length === 0).length).toBeGreaterThan(people.length * 0.9);
    const share = (category: string) =>
      people.filter((p) => p.tags.some((t) => t.category === category)).length / people.length;
    expect(share('disabled')).toBeGreaterThan(0.008);
    expect(share('disabled')).toBeLessThan(0.025);
    const quarantined = people.filter((p) => p.tags.some((t) => t.category === 'home-quarantine'));
    expect(quarantined.length).toBeGreaterThan(0);
    expect(quarantined.length).toBeLessThan(20);
    expect(quarantined[0]!.tags.find((t) => t.category === 'home-quarantine')!.reason).toBe(
      '密接者居家隔离观察',
    );
  });

  it('gives elderly-alone only to people of 70 or more living alone, and to most of them', () => {
    const alone = occupied.filter((h) => h.persons.length === 1 && ageOn(h.persons[0]!.birthDate) >= 70);
    const tagged = people.filter((p) => p.tags.some((t) => t.category === 'elderly-alone'));
    expect(tagged.length).toBeGreaterThan(alone.length * 0.4);
    for (const p of tagged) {
      expect(ageOn(p.birthDate)).toBeGreaterThanOrEqual(70);
      expect(occupied.find((h) => h.house.code === p.houseCode)!.persons).toHaveLength(1);
    }
  });

  it('has left-behind children living with grandparents past working age in villages', () => {
    const children = people.filter((p) => p.tags.some((t) => t.category === 'left-behind-child'));
    expect(children.length).toBeGreaterThan(5);
    for (const child of children) {
      expect(ageOn(child.birthDate)).toBeLessThan(16);
      expect(['孙子', '孙女']).toContain(child.relation);
      const household = occupied.find((h) => h.house.code === child.houseCode)!;
      expect(household.house.address).toMatch(/村/);
      expect(household.persons.every((p) => ageOn(p.birthDate) < 16 || ageOn(p.birthDate) >= 60)).toBe(true);
    }
  });

  it('gives about a quarter of households a car, about 15% of them new-energy, mostly 冀R', () => {
    const houseOf = new Map(people.map((p) => [p.idNumber, p.houseCode]));
    const withCar = new Set(vehicles.map((v) => houseOf.get(v.ownerIdNumber)));
    expect(withCar.size / occupied.length).toBeGreaterThan(0.18);
    expect(withCar.size / occupied.length).toBeLessThan(0.32);
    const newEnergy = vehicles.filter((v) => plateKind(v.plate) === 'new-energy').length / vehicles.length;
    expect(newEnergy).toBeGreaterThan(0.08);
    expect(newEnergy).toBeLessThan(0.22);
    expect(vehicles.filter((v) => v.plate.startsWith('冀R')).length / vehicles.length).toBeGreaterThan(0.75);
    expect(new Set(vehicles.map((v) => v.plate.slice(0, 1)))).toEqual(new Set(['冀', '京']));
  });

  it('has devices only in smart communities, with gate cameras, door readers and a Wi-Fi probe each', () => {
    const smart = plan.units.filter((u) => u.smartCommunity);
    expect(new Set(plan.devices.map((d) => d.code.slice(0, 11))).size).toBe(smart.length);
    expect(plan.devices.find((d) => d.type === 'face')!.name).toMatch(/^.+社区(南|北)门人脸抓拍$/);
  });

  it('gives organisation contacts phones no resident has', () => {
    const residentPhones = new Set(people.flatMap((p) => (p.phone ? [p.phone] : [])));
    expect(plan.organisations.some((o) => residentPhones.has(o.contactPhone))).toBe(false);
    expect(new Set(plan.organisations.map((o) => o.contactPhone)).size).toBe(plan.organisations.length);
  });
});

describe('city scale registers', () => {
  const plan = planCity({ scale: 'city' });

  it('has devices in all 157 smart communities, and organisations for every village and grid', () => {
    const smart = plan.units.filter((u) => u.smartCommunity).map((u) => u.code.slice(4));
    expect(new Set(plan.devices.map((d) => d.code.split('-')[1]))).toEqual(new Set(smart));
    expect(plan.devices.length).toBeLessThan(5000);
    const grids = plan.units.filter((u) => u.level === 'grid').length;
    expect(
      plan.organisations.filter((o) => o.unitCode.length === 5 && o.kind === 'party-branch'),
    ).toHaveLength(grids);
  });
});

describe('plates', () => {
  it('are valid and unique well beyond a city’s cars, for every issuer and kind', () => {
    const registry = new PlateRegistry(7);
    const seen = new Set<string>();
    // Past the first pattern of each kind (240,000 serials), into the next.
    for (const [issuer, energy, count] of [
      ['冀R', null, 241_000],
      ['冀R', 'D', 241_000],
      ['京A', 'F', 3_000],
    ] as const) {
      for (let i = 0; i < count; i++) {
        const plate = registry.issue(issuer, energy);
        if (checkPlate(plate) !== null || seen.has(plate)) throw new Error(`bad or repeated plate ${plate}`);
        seen.add(plate);
      }
    }
    expect(seen.size).toBe(485_000);
  }, 30_000);

  it('never look like the all-digit plates people register by hand', () => {
    const registry = new PlateRegistry(1);
    for (let i = 0; i < 1000; i++) expect(registry.issue('冀R', null)).toMatch(/^冀R(?=.*[A-Z])[A-Z0-9]{5}$/);
    expect(registry.issue('冀R', 'D')).toMatch(/^冀RD[A-Z]\d{4}$/);
  });
});

describe('determinism of the registers', () => {
  it('gives the same tags, cars, devices and organisations on every call', () => {
    const a = planCity({ scale: 'test' });
    const b = planCity({ scale: 'test' });
    expect(b.devices).toEqual(a.devices);
    expect(b.organisations).toEqual(a.organisations);
    const registers = (plan: typeof a) =>
      all(plan.households()).map((h) => ({
        vehicles: h.vehicles,
        tags: h.houses.flatMap((x) => x.persons.map((p) => p.tags)),
      }));
    expect(registers(b)).toEqual(registers(a));
    expect(registers(a)).toEqual(registers(a));
  });

  it('gives other devices and contacts for another seed', () => {
    const a = planCity({ scale: 'demo', seed: 1 });
    const b = planCity({ scale: 'demo', seed: 2 });
    expect(a.organisations.map((o) => o.contactPhone)).not.toEqual(
      b.organisations.map((o) => o.contactPhone),
    );
    expect(a.devices.map((d) => d.lng)).not.toEqual(b.devices.map((d) => d.lng));
  });
});
