import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planCity } from './index.ts';
import { enumerate, registerProblems, unitProblems, userProblems } from './invariants.test-support.ts';
import { apportion } from './random.ts';

describe('any seed', () => {
  it('gives a test city whose invariants all hold', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.integer({ min: 0, max: 2000 }),
        (seed, residents) => {
          const plan = planCity({ scale: 'test', seed, residents });
          expect(unitProblems(plan)).toEqual([]);
          expect(userProblems(plan)).toEqual([]);
          const summary = enumerate(plan);
          expect(summary.problems).toEqual([]);
          expect(registerProblems(plan, summary)).toEqual([]);
          expect(summary.residents).toBe(residents);
        },
      ),
      { numRuns: 20 },
    );
  });
});

describe('apportion', () => {
  it('splits a total exactly, every part at least the minimum', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.01, max: 100, noNaN: true }), { minLength: 1, maxLength: 50 }),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 100_000 }),
        (weights, min, extra) => {
          const total = min * weights.length + extra;
          const parts = apportion(total, weights, min);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
          expect(parts.every((p) => Number.isInteger(p) && p >= min)).toBe(true);
        },
      ),
    );
  });

  it('refuses a total too small for the minimum', () => {
    expect(() => apportion(5, [1, 1, 1], 2)).toThrow(RangeError);
  });
});
