import { gridCode, polygonBounds, polygonContains, townshipCode, villageCode } from '@civgrid/domain';
import { describe, expect, it } from 'vitest';
import { CONTRACT_POINTS, DEMO_ACCOUNTS, planCity } from './index.ts';
import { unitProblems, userProblems } from './invariants.test-support.ts';

const LANGFANG_COUNTIES: Record<string, string> = {
  '131002': '安次区',
  '131003': '广阳区',
  '131022': '固安县',
  '131023': '永清县',
  '131024': '香河县',
  '131025': '大城县',
  '131026': '文安县',
  '131028': '大厂回族自治县',
  '131081': '霸州市',
  '131082': '三河市',
};

function countLevels(units: { level: string }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { level } of units) counts[level] = (counts[level] ?? 0) + 1;
  return counts;
}

describe('city scale', () => {
  const plan = planCity({ scale: 'city' });

  it("has Langfang's published figures", () => {
    const levels = countLevels(plan.units);
    expect(levels).toMatchObject({ city: 1, county: 10, township: 104, grid: 4756 });
    expect(plan.units.filter((u) => u.smartCommunity)).toHaveLength(157);
    expect(plan.users.filter((u) => u.username.startsWith('gw-'))).toHaveLength(5378);
    expect(new Set(plan.users.filter((u) => u.username.startsWith('gw-')).map((u) => u.scopeCode)).size).toBe(
      4756,
    );
    expect(plan.options).toEqual({ scale: 'city', seed: 20260301, residents: 1_000_000 });
  });

  it('uses the real county codes and names', () => {
    const counties = plan.units.filter((u) => u.level === 'county');
    expect(Object.fromEntries(counties.map((c) => [c.code, c.name]))).toEqual(LANGFANG_COUNTIES);
    expect(plan.units[0]).toMatchObject({ level: 'city', code: '131000', name: '廊坊市', parentCode: null });
  });

  it('has valid codes, parents first, and children that tile their parents', () => {
    expect(unitProblems(plan)).toEqual([]);
  });

  it('lists units level by level', () => {
    const order = ['city', 'county', 'township', 'village', 'grid'];
    const levels = plan.units.map((u) => order.indexOf(u.level));
    expect(levels).toEqual([...levels].sort((a, b) => a - b));
  });

  it('stays within the Langfang area', () => {
    expect(polygonBounds(plan.units[0]!.boundary)).toEqual([116.3, 39, 117.3, 40.1]);
  });

  it('has accounts that are valid for their scopes', () => {
    expect(userProblems(plan)).toEqual([]);
  });
});

describe('demo accounts', () => {
  for (const scale of ['test', 'demo', 'city'] as const) {
    it(`are scoped the same way at ${scale} scale`, () => {
      const { users } = planCity({ scale });
      expect(users.slice(0, 8).map((u) => u.username)).toEqual(DEMO_ACCOUNTS);
      const township = townshipCode('131002', 1);
      expect(users.slice(0, 8).map((u) => [u.role, u.scopeCode])).toEqual([
        ['admin', '131000'],
        ['city-centre', '131000'],
        ['county-centre', '131002'],
        ['township-centre', township],
        ['grid-worker', gridCode(0, 0, 1)],
        ['police', villageCode(township, 1)],
        ['department', '131002'],
        ['auditor', '131000'],
      ]);
    });
  }

  it('puts the police account in the village that holds grid Aa001', () => {
    const plan = planCity({ scale: 'demo' });
    const police = plan.users.find((u) => u.username === 'police')!;
    expect(plan.units.find((u) => u.code === 'Aa001')!.parentCode).toBe(police.scopeCode);
  });

  it('names grid workers after their grids, a second worker with -2', () => {
    const { users } = planCity({ scale: 'test' });
    expect(users.filter((u) => u.username.startsWith('gw-')).map((u) => u.username)).toContain('gw-aa001');
    const seconds = users.filter((u) => u.username.endsWith('-2'));
    expect(seconds).toHaveLength(1);
    expect(users.some((u) => u.username === seconds[0]!.username.slice(0, -2))).toBe(true);
  });
});

describe('demo and test scales', () => {
  it.each(['test', 'demo'] as const)(
    '%s: contract points lie strictly inside grids of 131002 or 131003',
    (scale) => {
      const { units } = planCity({ scale });
      const parent = new Map(units.map((u) => [u.code, u.parentCode]));
      const countyOf = (code: string) => parent.get(parent.get(parent.get(code)!)!)!;
      for (const point of CONTRACT_POINTS) {
        const holders = units.filter((u) => u.level === 'grid' && polygonContains(u.boundary, [...point]));
        expect(holders).toHaveLength(1);
        expect(['131002', '131003']).toContain(countyOf(holders[0]!.code));
      }
    },
  );

  it('demo: the first two counties, two or three townships each, about 60 grids', () => {
    const plan = planCity({ scale: 'demo' });
    const levels = countLevels(plan.units);
    expect(plan.units.filter((u) => u.level === 'county').map((u) => u.code)).toEqual(['131002', '131003']);
    for (const county of ['131002', '131003']) {
      const townships = plan.units.filter((u) => u.level === 'township' && u.parentCode === county);
      expect(townships.length).toBeGreaterThanOrEqual(2);
      expect(townships.length).toBeLessThanOrEqual(3);
    }
    expect(levels.grid).toBe(60);
    expect(plan.units.filter((u) => u.smartCommunity)).toHaveLength(levels.township!);
    expect(unitProblems(plan)).toEqual([]);
    expect(userProblems(plan)).toEqual([]);
  });

  it('test: one county, two townships, a handful of grids, one smart community', () => {
    const plan = planCity({ scale: 'test' });
    const levels = countLevels(plan.units);
    expect(levels).toMatchObject({ city: 1, county: 1, township: 2 });
    expect(levels.grid).toBeGreaterThanOrEqual(6);
    expect(levels.grid).toBeLessThanOrEqual(10);
    expect(plan.units.filter((u) => u.smartCommunity)).toHaveLength(1);
    expect(plan.options.residents).toBe(300);
  });
});

describe('options', () => {
  it('rejects residents that are not a whole number in range', () => {
    expect(() => planCity({ scale: 'test', residents: -1 })).toThrow(RangeError);
    expect(() => planCity({ scale: 'test', residents: 1.5 })).toThrow(RangeError);
    expect(() => planCity({ scale: 'test', residents: 10_000_000 })).toThrow(RangeError);
  });

  it('rejects an unknown scale and a fractional seed', () => {
    expect(() => planCity({ scale: 'town' as 'test' })).toThrow(RangeError);
    expect(() => planCity({ scale: 'test', seed: 0.5 })).toThrow(RangeError);
  });
});
