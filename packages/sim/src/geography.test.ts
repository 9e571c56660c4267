import { describe, expect, it } from 'vitest';
import { type Rect, splitNorthSouth, splitWestEast, tile } from './geography.ts';

const area = ([w, s, e, n]: Rect) => (e - w) * (n - s);

describe('tilings', () => {
  it('cut a rectangle into parts proportional to the weights, sharing edges exactly', () => {
    const parts = tile([116, 39, 117, 40], [1, 2, 3, 4, 5, 6, 7]);
    expect(parts).toHaveLength(7);
    const total = parts.reduce((sum, p) => sum + area(p), 0);
    expect(total).toBeCloseTo(1, 12);
    for (const [i, p] of parts.entries()) expect(area(p) / total).toBeCloseTo((i + 1) / 28, 4);
    const strips = splitWestEast([116, 39, 117, 40], [1, 1, 2]);
    expect(strips.map((s) => s[0])).toEqual([116, strips[0]![2], strips[1]![2]]);
    expect(strips[2]![2]).toBe(117);
  });

  it('never cut through a contract point', () => {
    const [west, east] = splitWestEast([116.6, 39.4, 116.8, 39.6], [1, 1]);
    expect(west![2]).not.toBe(116.7);
    expect(east![0]).toBe(west![2]);
    const [north] = splitNorthSouth([116.6, 39.4, 116.8, 39.6], [2, 3]);
    expect(north![1]).not.toBe(39.52);
  });
});
