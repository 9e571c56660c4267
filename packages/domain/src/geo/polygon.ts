// Minimal GeoJSON geometry for grids: a polygon is a list of rings of [lng, lat] positions, the first
// ring the outer boundary, the rest holes (RFC 7946).

export type Position = [lng: number, lat: number];
export interface Polygon {
  type: 'Polygon';
  coordinates: Position[][];
}

function ringContains(ring: Position[], [x, y]: Position): boolean {
  // Ray casting: count the edges a horizontal ray from the point crosses.
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** True when `point` lies inside the polygon's outer ring and outside all of its holes. */
export function polygonContains(polygon: Polygon, point: Position): boolean {
  const [outer, ...holes] = polygon.coordinates;
  if (!outer || !ringContains(outer, point)) return false;
  return !holes.some((hole) => ringContains(hole, point));
}

/** An axis-aligned rectangle as a closed GeoJSON polygon (counter-clockwise, as RFC 7946 asks). */
export function rectangle(west: number, south: number, east: number, north: number): Polygon {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [west, south],
        [east, south],
        [east, north],
        [west, north],
        [west, south],
      ],
    ],
  };
}

/** The [west, south, east, north] bounds of a polygon. */
export function polygonBounds(polygon: Polygon): [number, number, number, number] {
  const ring = polygon.coordinates[0] ?? [];
  const xs = ring.map((p) => p[0]);
  const ys = ring.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}
