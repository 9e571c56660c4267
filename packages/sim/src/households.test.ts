import { describe, expect, it } from 'vitest';
import { type Household, planCity } from './index.ts';
import { enumerate } from './invariants.test-support.ts';

const all = (households: Iterable<Household>) => [...households];
const persons = (households: Household[]) => households.flatMap((h) => h.houses.flatMap((x) => x.persons));

describe('demo scale households', () => {
  const plan = planCity({ scale: 'demo' });
  const summary = enumerate(plan);
  const households = all(plan.households());
  const people = persons(households);

  it('houses exactly the requested number of residents', () => {
    expect(summary.residents).toBe(10_000);
    expect(people).toHaveLength(10_000);
  });

  it('has unique codes, buildings inside their grids, unique valid identity numbers and phones', () => {
    expect(summary.problems).toEqual([]);
    expect(summary.buildings).toBeGreaterThan(100);
  });

  it('has about 15% floating and 0.5% overseas residents, most of them registered', () => {
    const share = (type: string) => people.filter((p) => p.householdType === type).length / people.length;
    expect(share('floating')).toBeGreaterThan(0.1);
    expect(share('floating')).toBeLessThan(0.22);
    expect(share('overseas')).toBeGreaterThan(0.001);
    expect(share('overseas')).toBeLessThan(0.015);
  });

  it('has a plausible age pyramid', () => {
    const bornIn = (from: string, to: string) =>
      people.filter((p) => p.birthDate >= from && p.birthDate < to).length / people.length;
    expect(bornIn('2008', '2026')).toBeGreaterThan(0.1); // minors
    expect(bornIn('2008', '2026')).toBeLessThan(0.3);
    expect(bornIn('1961', '1991')).toBeGreaterThan(0.35); // working age, the bulk
    expect(bornIn('1930', '1946')).toBeLessThan(0.06); // past eighty
    expect(bornIn('1930', '1946')).toBeGreaterThan(0);
  });

  it('fits relations to ages: children younger than the head, parents older', () => {
    for (const { persons: family } of households.flatMap((h) => h.houses)) {
      const head = family[0];
      for (const p of family.slice(1)) {
        if (p.relation === '子女') expect(p.birthDate > head!.birthDate).toBe(true);
        if (p.relation === '父母') expect(p.birthDate < head!.birthDate).toBe(true);
      }
    }
  });

  it('has houses of every use, some empty, one to five residents in the others', () => {
    const houses = households.flatMap((h) => h.houses);
    const uses = new Set(houses.map((h) => h.house.use));
    expect(uses).toEqual(new Set(['owner-occupied', 'rented', 'vacant', 'business']));
    const sizes = new Set(houses.map((h) => h.persons.length));
    expect(sizes).toEqual(new Set([0, 1, 2, 3, 4, 5]));
    expect(houses.filter((h) => h.house.use === 'owner-occupied').length).toBeGreaterThan(houses.length / 2);
  });

  it('has blocks of flats in communities and low courtyards in villages', () => {
    const flats = households.filter((h) => h.building.name.endsWith('号楼'));
    const courtyards = households.filter((h) => h.building.name.endsWith('号院'));
    expect(flats.length + courtyards.length).toBe(households.length);
    expect(flats.every((h) => h.building.floors >= 2 && h.building.units <= 6)).toBe(true);
    expect(courtyards.every((h) => h.building.floors <= 3 && h.building.units === 1)).toBe(true);
    expect(courtyards.every((h) => h.houses.length === 1)).toBe(true);
    expect(flats[0]!.houses[0]!.house.address).toMatch(
      /^廊坊市.+区.+(街道|镇|乡).+社区 .+\d+号楼\d单元\d+室$/,
    );
    expect(courtyards[0]!.building.address).toMatch(/^廊坊市.+区.+(镇|乡).+村 .+村\d+号院$/);
  });
});

describe('determinism', () => {
  it('gives the same households on every call and for the same options', () => {
    const plan = planCity({ scale: 'test' });
    const again = planCity({ scale: 'test' });
    expect(all(plan.households())).toEqual(all(plan.households()));
    expect(all(again.households())).toEqual(all(plan.households()));
    expect(again.units).toEqual(plan.units);
    expect(again.users).toEqual(plan.users);
  });

  it('gives a different city for another seed', () => {
    const a = planCity({ scale: 'test', seed: 1 });
    const b = planCity({ scale: 'test', seed: 2 });
    expect(a.units.map((u) => u.name)).not.toEqual(b.units.map((u) => u.name));
    expect(persons(all(a.households()))[0]).not.toEqual(persons(all(b.households()))[0]);
  });

  it('is lazy: the first building comes without generating the rest', () => {
    const plan = planCity({ scale: 'city' });
    const first = plan.households().next();
    expect(first.done).toBe(false);
    expect(first.value?.building.code).toBe('BAa001001');
  });
});

describe('resident totals', () => {
  it.each([0, 1, 7, 299, 4321])('test scale with %i residents houses exactly that many', (residents) => {
    const summary = enumerate(planCity({ scale: 'test', residents }));
    expect(summary.residents).toBe(residents);
    expect(summary.problems).toEqual([]);
  });

  it('stays within its codes for the most residents allowed', () => {
    const summary = enumerate(planCity({ scale: 'test', residents: 80_000 }));
    expect(summary.residents).toBe(80_000);
    expect(summary.problems).toEqual([]);
  });
});
