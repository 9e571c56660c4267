import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isWithin } from '../org/hierarchy.ts';
import { polygonBounds, polygonContains, rectangle } from './polygon.ts';

describe('polygons', () => {
  it('hold exactly the points strictly inside a rectangle', () => {
    const box = rectangle(116.6, 39.4, 116.8, 39.6);
    fc.assert(
      fc.property(
        fc.double({ min: 116.5, max: 116.9, noNaN: true }),
        fc.double({ min: 39.3, max: 39.7, noNaN: true }),
        (x, y) => {
          const strictlyInside = x > 116.6 && x < 116.8 && y > 39.4 && y < 39.6;
          const onEdge = x === 116.6 || x === 116.8 || y === 39.4 || y === 39.6;
          if (!onEdge) expect(polygonContains(box, [x, y])).toBe(strictlyInside);
        },
      ),
    );
    expect(polygonBounds(box)).toEqual([116.6, 39.4, 116.8, 39.6]);
  });

  it('leave out holes', () => {
    const withHole = {
      type: 'Polygon' as const,
      coordinates: [...rectangle(0, 0, 10, 10).coordinates, ...rectangle(4, 4, 6, 6).coordinates],
    };
    expect(polygonContains(withHole, [2, 2])).toBe(true);
    expect(polygonContains(withHole, [5, 5])).toBe(false);
  });
});

describe('paths', () => {
  it('treat a scope as its whole subtree and nothing beside it', () => {
    expect(isWithin('131000.131003', '131000')).toBe(true);
    expect(isWithin('131000', '131000')).toBe(true);
    expect(isWithin('131000.1310031', '131000.131003')).toBe(false);
    expect(isWithin('131000', '131000.131003')).toBe(false);
  });
});
