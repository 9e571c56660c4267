import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  countyCode,
  divisionLevel,
  isDivisionCode,
  parentStatisticalCode,
  statisticalLevel,
  townshipCode,
  villageCode,
} from './admin-division.ts';
import { gridCode, isGridCode, parseGridCode } from './grid-code.ts';

const prefecture = fc.constantFrom('131000', '110100', '370200', '440300', '650100');

describe('GB/T 2260 and statistical codes', () => {
  it('generates county, township and village codes that validate and lead back to their parents', () => {
    fc.assert(
      fc.property(
        prefecture,
        fc.integer({ min: 1, max: 99 }),
        fc.integer({ min: 1, max: 599 }),
        fc.integer({ min: 1, max: 999 }),
        (pref, c, t, v) => {
          const county = countyCode(pref, c);
          const township = townshipCode(county, t);
          const village = villageCode(township, v);
          expect(isDivisionCode(county) && divisionLevel(county)).toBe('county');
          expect(statisticalLevel(township)).toBe('township');
          expect(statisticalLevel(village)).toBe('village');
          expect(parentStatisticalCode(village)).toBe(township);
          expect(parentStatisticalCode(township)).toBe(county);
          expect(village.startsWith(county)).toBe(true);
        },
      ),
    );
  });

  it('tells the level of real codes', () => {
    expect(divisionLevel('130000')).toBe('province');
    expect(divisionLevel('131000')).toBe('prefecture');
    expect(divisionLevel('131003')).toBe('county');
    expect(statisticalLevel('131003001000')).toBe('township');
    expect(statisticalLevel('131003001201')).toBe('village');
  });

  it('rejects malformed codes', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 14 }), (s) => {
        if (!/^\d{6}$/.test(s)) expect(isDivisionCode(s)).toBe(false);
        if (!/^\d{12}$/.test(s)) expect(statisticalLevel(s)).toBeNull();
      }),
    );
    expect(isDivisionCode('991003')).toBe(false); // no province 99
    expect(statisticalLevel('131003000123')).toBeNull(); // township part 000
    expect(statisticalLevel('131000001001')).toBeNull(); // prefecture, not a county
    expect(() => townshipCode('131003', 600)).toThrow(RangeError);
    expect(() => villageCode('131003001001', 1)).toThrow(RangeError); // a village is not a township
  });
});

describe('grid codes', () => {
  it('round-trips every county, township and grid number', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 25 }),
        fc.integer({ min: 0, max: 25 }),
        fc.integer({ min: 1, max: 999 }),
        (c, t, n) => {
          const code = gridCode(c, t, n);
          expect(code).toMatch(/^[A-Z][a-z]\d{3}$/);
          expect(isGridCode(code)).toBe(true);
          expect(parseGridCode(code)).toEqual({ countyIndex: c, townshipIndex: t, n });
        },
      ),
    );
  });

  it('follows the source example and rejects near misses', () => {
    expect(gridCode(0, 1, 1)).toBe('Ab001');
    for (const bad of ['ab001', 'AB001', 'Ab01', 'Ab0001', 'Ab000', 'Aé001', ' Ab001'])
      expect(isGridCode(bad)).toBe(false);
    expect(() => gridCode(26, 0, 1)).toThrow(RangeError);
    expect(() => gridCode(0, 0, 0)).toThrow(RangeError);
  });
});
