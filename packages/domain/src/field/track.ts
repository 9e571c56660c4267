// Patrol tracks: the GPS points a phone recorded, cleaned of poor fixes and jumps, their length, and which
// buildings they passed. Distances are great-circle (haversine) on a sphere of the Earth's mean radius;
// a point's distance to a stretch of track is measured in a flat plane around the stretch, which is exact
// to well under a metre at the lengths a patrol walks between two fixes.

export interface LngLat {
  lng: number;
  lat: number;
}

export interface TrackPoint extends LngLat {
  at: Date;
  /** The fix's accuracy radius in metres, when the phone gave one. */
  accuracy: number | null;
}

export interface TrackOptions {
  /** Fixes less accurate than this are left out. */
  maxAccuracyM: number;
  /** Two fixes further apart in time are not joined: the phone was off or out of signal between them. */
  maxGapSeconds: number;
  /** A fix that would mean moving faster than this from the last kept one is a jump and is left out. */
  maxSpeedMps: number;
}

export const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

/** The great-circle distance between two points in metres: never negative, symmetric, zero for the same
 *  point, and obeying the triangle inequality. */
export function haversineMeters(a: LngLat, b: LngLat): number {
  const dLat = (b.lat - a.lat) * RAD;
  const dLng = (b.lng - a.lng) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The track's usable fixes in time order: accurate enough, one per instant, without jumps faster than
 *  `maxSpeedMps` from the previous fix kept. Appending a later fix never changes the fixes kept before it. */
export function cleanTrack(points: readonly TrackPoint[], options: TrackOptions): TrackPoint[] {
  const sorted = points
    .filter((p) => p.accuracy === null || p.accuracy <= options.maxAccuracyM)
    .filter((p) => Number.isFinite(p.lng) && Number.isFinite(p.lat) && Number.isFinite(p.at.getTime()))
    .slice()
    .sort((a, b) => a.at.getTime() - b.at.getTime() || a.lng - b.lng || a.lat - b.lat);
  const kept: TrackPoint[] = [];
  for (const p of sorted) {
    const last = kept.at(-1);
    if (last && last.at.getTime() === p.at.getTime()) continue;
    if (last) {
      const seconds = (p.at.getTime() - last.at.getTime()) / 1000;
      // A jump is judged only against a fix close in time: after a gap the walker may be anywhere.
      if (seconds <= options.maxGapSeconds && haversineMeters(last, p) > options.maxSpeedMps * seconds)
        continue;
    }
    kept.push(p);
  }
  return kept;
}

/** The stretches walked: consecutive usable fixes no more than `maxGapSeconds` apart. */
export function trackSegments(
  points: readonly TrackPoint[],
  options: TrackOptions,
): [TrackPoint, TrackPoint][] {
  const kept = cleanTrack(points, options);
  const segments: [TrackPoint, TrackPoint][] = [];
  for (let i = 1; i < kept.length; i++) {
    const a = kept[i - 1]!;
    const b = kept[i]!;
    if ((b.at.getTime() - a.at.getTime()) / 1000 <= options.maxGapSeconds) segments.push([a, b]);
  }
  return segments;
}

/** Metres walked: the sum of the stretches' great-circle lengths. Never negative, never less than the
 *  straight distance between the ends of an unbroken track, never lowered by appending a later fix. */
export function trackDistanceMeters(points: readonly TrackPoint[], options: TrackOptions): number {
  let total = 0;
  for (const [a, b] of trackSegments(points, options)) total += haversineMeters(a, b);
  return total;
}

/** Metres from `p` to the stretch a–b, in a plane tangent at a (equirectangular). */
export function distanceToSegmentMeters(p: LngLat, a: LngLat, b: LngLat): number {
  const kx = Math.cos(a.lat * RAD) * RAD * EARTH_RADIUS_M;
  const ky = RAD * EARTH_RADIUS_M;
  const bx = (b.lng - a.lng) * kx;
  const by = (b.lat - a.lat) * ky;
  const px = (p.lng - a.lng) * kx;
  const py = (p.lat - a.lat) * ky;
  const length2 = bx * bx + by * by;
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, (px * bx + py * by) / length2));
  if (t === 0) return haversineMeters(p, a);
  if (t === 1) return haversineMeters(p, b);
  return Math.hypot(px - t * bx, py - t * by);
}

export interface PlacedBuilding extends LngLat {
  id: string;
}

/** The buildings within `radiusM` of the track: of a stretch walked, or of a lone fix. Widening the
 *  radius or appending fixes never drops a building; a building at a usable fix is always passed. */
export function buildingsPassed(
  buildings: readonly PlacedBuilding[],
  points: readonly TrackPoint[],
  options: TrackOptions & { radiusM: number },
): Set<string> {
  const passed = new Set<string>();
  const kept = cleanTrack(points, options);
  if (kept.length === 0 || buildings.length === 0) return passed;
  const index = new BuildingIndex(buildings, Math.max(options.radiusM, 25));
  const visit = (a: TrackPoint, b: TrackPoint) => {
    for (const building of index.near(a, b, options.radiusM)) {
      if (passed.has(building.id)) continue;
      if (distanceToSegmentMeters(building, a, b) <= options.radiusM) passed.add(building.id);
    }
  };
  for (let i = 0; i < kept.length; i++) {
    const p = kept[i]!;
    visit(p, p);
    const next = kept[i + 1];
    if (next && (next.at.getTime() - p.at.getTime()) / 1000 <= options.maxGapSeconds) visit(p, next);
  }
  return passed;
}

/** Buildings in square cells of about `cellM` metres, so a stretch is compared only with buildings
 *  near it: a week's track has thousands of fixes and a grid hundreds of buildings. */
class BuildingIndex {
  private readonly cells = new Map<string, PlacedBuilding[]>();
  private readonly cellLat: number;
  private readonly cellLng: number;

  constructor(buildings: readonly PlacedBuilding[], cellM: number) {
    const lat0 = buildings.reduce((sum, b) => sum + b.lat, 0) / buildings.length;
    this.cellLat = cellM / (RAD * EARTH_RADIUS_M);
    this.cellLng = cellM / (RAD * EARTH_RADIUS_M * Math.max(0.01, Math.cos(lat0 * RAD)));
    for (const b of buildings) {
      const key = `${Math.floor(b.lng / this.cellLng)}:${Math.floor(b.lat / this.cellLat)}`;
      const cell = this.cells.get(key);
      if (cell) cell.push(b);
      else this.cells.set(key, [b]);
    }
  }

  /** Every building in the cells that the stretch a–b, widened by `radiusM` (and a margin), touches. */
  *near(a: LngLat, b: LngLat, radiusM: number): Generator<PlacedBuilding> {
    // The margin covers the cell size's latitude error and the flat-plane distance's: both tiny, both
    // only ever make more buildings candidates, never fewer.
    const padLat = (radiusM * 1.1 + 1) / (RAD * EARTH_RADIUS_M);
    const padLng = padLat / Math.max(0.01, Math.cos(Math.max(Math.abs(a.lat), Math.abs(b.lat)) * RAD));
    const x0 = Math.floor((Math.min(a.lng, b.lng) - padLng) / this.cellLng) - 1;
    const x1 = Math.floor((Math.max(a.lng, b.lng) + padLng) / this.cellLng) + 1;
    const y0 = Math.floor((Math.min(a.lat, b.lat) - padLat) / this.cellLat) - 1;
    const y1 = Math.floor((Math.max(a.lat, b.lat) + padLat) / this.cellLat) + 1;
    if ((x1 - x0 + 1) * (y1 - y0 + 1) > this.cells.size * 4) {
      for (const cell of this.cells.values()) yield* cell;
      return;
    }
    for (let x = x0; x <= x1; x++)
      for (let y = y0; y <= y1; y++) {
        const cell = this.cells.get(`${x}:${y}`);
        if (cell) yield* cell;
      }
  }
}
