import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildingsPassed,
  cleanTrack,
  distanceToSegmentMeters,
  haversineMeters,
  type PlacedBuilding,
  type TrackPoint,
  trackDistanceMeters,
  trackSegments,
} from './track.ts';

// 1° of latitude on the sphere of radius 6,371,008.8 m is 6,371,008.8 × π / 180 = 111,195.08 m.
const DEGREE_M = 111_195.08;
const OPEN = { maxAccuracyM: 100, maxGapSeconds: 300, maxSpeedMps: 15 };
const LOOSE = { maxAccuracyM: 1e9, maxGapSeconds: 1e9, maxSpeedMps: 1e9 };
const T0 = Date.parse('2026-03-02T09:00:00+08:00');
const fix = (lng: number, lat: number, seconds: number, accuracy: number | null = 5): TrackPoint => ({
  lng,
  lat,
  at: new Date(T0 + seconds * 1000),
  accuracy,
});

describe('distances', () => {
  it('haversine: a degree of latitude, a degree of longitude at 39.5°N, the same point', () => {
    expect(haversineMeters({ lng: 116.7, lat: 39 }, { lng: 116.7, lat: 40 })).toBeCloseTo(DEGREE_M, 0);
    // cos 39.5° = 0.771625: 85,800.9 m per degree of longitude there (along the great circle a hair less)
    expect(haversineMeters({ lng: 116.7, lat: 39.5 }, { lng: 116.701, lat: 39.5 })).toBeCloseTo(85.801, 2);
    expect(haversineMeters({ lng: 116.7, lat: 39.5 }, { lng: 116.7, lat: 39.5 })).toBe(0);
  });

  it('a track walked north 0.001° at a time, ten fixes 100 s apart: 9 × 111.195 m = 1,000.76 m', () => {
    const points = Array.from({ length: 10 }, (_, i) => fix(116.7, 39.5 + i * 0.001, i * 100));
    expect(trackDistanceMeters(points, OPEN)).toBeCloseTo(1000.756, 1);
  });

  it('poor fixes, jumps and gaps are left out: a 2 km spike, a 500 m-accurate fix, a 10-minute gap', () => {
    const points = [
      fix(116.7, 39.5, 0),
      fix(116.7, 39.518, 10), // 2 km in 10 s: a jump
      fix(116.7, 39.501, 100),
      fix(116.7, 39.502, 200, 500), // too inaccurate
      fix(116.7, 39.502, 300),
      fix(116.7, 39.503, 1000), // 700 s after the last: a new stretch, not joined
      fix(116.7, 39.504, 1100),
    ];
    expect(cleanTrack(points, OPEN)).toHaveLength(5);
    expect(trackSegments(points, OPEN)).toHaveLength(3);
    // 0→0.001, 0.001→0.002, then 0.003→0.004: three stretches of 111.195 m
    expect(trackDistanceMeters(points, OPEN)).toBeCloseTo(333.585, 1);
  });

  it('distance to a stretch: perpendicular inside it, to the nearer end beyond it', () => {
    const a = { lng: 116.7, lat: 39.5 };
    const b = { lng: 116.7, lat: 39.501 };
    // 0.0005° of longitude at 39.5005°N: 111,195.08 × cos 39.5005° × 0.0005 = 42.90 m
    expect(distanceToSegmentMeters({ lng: 116.7005, lat: 39.5005 }, a, b)).toBeCloseTo(42.9, 1);
    expect(distanceToSegmentMeters({ lng: 116.7, lat: 39.503 }, a, b)).toBeCloseTo(2 * 111.195, 1);
    expect(distanceToSegmentMeters({ lng: 116.7, lat: 39.4995 }, a, b)).toBeCloseTo(55.598, 1);
  });
});

describe('buildings passed', () => {
  it('hand-worked: of four buildings along a 1 km walk north, two lie within 50 m', () => {
    const points = Array.from({ length: 10 }, (_, i) => fix(116.7, 39.5 + i * 0.001, i * 100));
    const buildings: PlacedBuilding[] = [
      { id: 'A', lng: 116.7, lat: 39.5045 }, // on the track
      { id: 'B', lng: 116.7005, lat: 39.5045 }, // 42.90 m east of it
      { id: 'C', lng: 116.701, lat: 39.5045 }, // 85.80 m east
      { id: 'D', lng: 116.7, lat: 39.5104 }, // 0.0014° = 155.67 m beyond the last fix
    ];
    const passed = buildingsPassed(buildings, points, { ...OPEN, radiusM: 50 });
    expect([...passed].sort()).toEqual(['A', 'B']);
    expect([...buildingsPassed(buildings, points, { ...OPEN, radiusM: 90 })].sort()).toEqual(['A', 'B', 'C']);
    expect(buildingsPassed(buildings, points, { ...OPEN, radiusM: 40 })).toEqual(new Set(['A']));
  });

  it('a lone fix passes the buildings around it; a gap is not walked', () => {
    const points = [fix(116.7, 39.5, 0), fix(116.7, 39.51, 3600)];
    const buildings = [
      { id: 'near-start', lng: 116.7, lat: 39.5002 },
      { id: 'half-way', lng: 116.7, lat: 39.505 },
    ];
    expect(buildingsPassed(buildings, points, { ...OPEN, radiusM: 30 })).toEqual(new Set(['near-start']));
  });
});

// Random tracks in a 2 km square around (116.70, 39.50), fixes 5–120 s apart.
const arbTrack = fc
  .array(
    fc.record({
      dx: fc.double({ min: -0.004, max: 0.004, noNaN: true }),
      dy: fc.double({ min: -0.004, max: 0.004, noNaN: true }),
      dt: fc.integer({ min: 5, max: 120 }),
      accuracy: fc.option(fc.integer({ min: 1, max: 150 }), { nil: null }),
    }),
    { minLength: 1, maxLength: 40 },
  )
  .map((steps) => {
    let lng = 116.7;
    let lat = 39.5;
    let t = 0;
    return steps.map((s) => {
      lng = Math.min(116.712, Math.max(116.688, lng + s.dx));
      lat = Math.min(39.509, Math.max(39.491, lat + s.dy));
      t += s.dt;
      return fix(lng, lat, t, s.accuracy);
    });
  });
const arbBuildings = fc.array(
  fc.record({
    lng: fc.double({ min: 116.688, max: 116.712, noNaN: true }),
    lat: fc.double({ min: 39.491, max: 39.509, noNaN: true }),
  }),
  { minLength: 1, maxLength: 60 },
);
const placed = (list: { lng: number; lat: number }[]): PlacedBuilding[] =>
  list.map((b, i) => ({ id: `b${i}`, ...b }));
const arbPoint = fc.record({
  lng: fc.double({ min: 73, max: 135, noNaN: true }),
  lat: fc.double({ min: 18, max: 54, noNaN: true }),
});

describe('properties', () => {
  it('haversine is non-negative, symmetric and obeys the triangle inequality', () => {
    fc.assert(
      fc.property(arbPoint, arbPoint, arbPoint, (a, b, c) => {
        const ab = haversineMeters(a, b);
        expect(ab).toBeGreaterThanOrEqual(0);
        expect(Math.abs(ab - haversineMeters(b, a))).toBeLessThan(1e-6);
        expect(haversineMeters(a, c)).toBeLessThanOrEqual(ab + haversineMeters(b, c) + 1e-6);
      }),
    );
  });

  it('an unbroken track is never shorter than the straight line between its ends', () => {
    fc.assert(
      fc.property(arbTrack, (track) => {
        const kept = cleanTrack(track, LOOSE);
        const straight = haversineMeters(kept[0]!, kept.at(-1)!);
        expect(trackDistanceMeters(track, LOOSE)).toBeGreaterThanOrEqual(straight - 1e-6);
      }),
    );
  });

  it('the order fixes arrive in changes nothing (an offline queue may send them shuffled)', () => {
    fc.assert(
      fc.property(arbTrack, arbBuildings, fc.integer(), (track, list, seed) => {
        const shuffled = [...track].sort((a, b) => ((a.lng * 1e6 + seed) % 7) - ((b.lng * 1e6 + seed) % 7));
        const options = { ...OPEN, radiusM: 50 };
        expect(trackDistanceMeters(shuffled, OPEN)).toBeCloseTo(trackDistanceMeters(track, OPEN), 6);
        expect(buildingsPassed(placed(list), shuffled, options)).toEqual(
          buildingsPassed(placed(list), track, options),
        );
      }),
    );
  });

  it('appending a later fix never lowers the distance nor drops a building passed', () => {
    fc.assert(
      fc.property(
        arbTrack,
        arbBuildings,
        fc.double({ min: -0.003, max: 0.003, noNaN: true }),
        (track, list, d) => {
          const last = track.at(-1)!;
          const longer = [...track, fix(last.lng + d, last.lat - d, (last.at.getTime() - T0) / 1000 + 30)];
          const options = { ...OPEN, radiusM: 40 };
          expect(trackDistanceMeters(longer, OPEN)).toBeGreaterThanOrEqual(trackDistanceMeters(track, OPEN));
          const before = buildingsPassed(placed(list), track, options);
          const after = buildingsPassed(placed(list), longer, options);
          for (const id of before) expect(after.has(id)).toBe(true);
        },
      ),
    );
  });

  it('coverage is a share, grows with the radius, and includes every building at a usable fix', () => {
    fc.assert(
      fc.property(
        arbTrack,
        arbBuildings,
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 0, max: 200 }),
        (track, list, r, extra) => {
          const usable = cleanTrack(track, OPEN);
          const buildings = [
            ...placed(list),
            ...usable.map((p, i) => ({ id: `at${i}`, lng: p.lng, lat: p.lat })),
          ];
          const small = buildingsPassed(buildings, track, { ...OPEN, radiusM: r });
          const large = buildingsPassed(buildings, track, { ...OPEN, radiusM: r + extra });
          expect(small.size / buildings.length).toBeLessThanOrEqual(1);
          for (const id of small) expect(large.has(id)).toBe(true);
          for (let i = 0; i < usable.length; i++) expect(small.has(`at${i}`)).toBe(true);
        },
      ),
    );
  });

  it('the spatial index misses nothing: the same buildings as comparing every building with every stretch', () => {
    fc.assert(
      fc.property(arbTrack, arbBuildings, fc.integer({ min: 1, max: 300 }), (track, list, r) => {
        const buildings = placed(list);
        const kept = cleanTrack(track, OPEN);
        const stretches = [...kept.map((p) => [p, p] as const), ...trackSegments(track, OPEN)];
        const brute = new Set(
          buildings
            .filter((b) => stretches.some(([a, c]) => distanceToSegmentMeters(b, a, c) <= r))
            .map((b) => b.id),
        );
        expect(buildingsPassed(buildings, track, { ...OPEN, radiusM: r })).toEqual(brute);
      }),
    );
  });
});
