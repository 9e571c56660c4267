// Rectangular tilings. Every unit is an axis-aligned rectangle and its children cut it into strips, so
// children cover their parent exactly and never overlap: neighbours share the very same edge value.

import type { Random } from './random.ts';

/** [west, south, east, north] in degrees. */
export type Rect = readonly [west: number, south: number, east: number, north: number];

/**
 * Points other parts of civgrid probe at demo and test scale (e.g. a sensing device in the city
 * centre). No cut may run through them, so each lies strictly inside exactly one grid.
 */
export const CONTRACT_POINTS: readonly (readonly [lng: number, lat: number])[] = [
  [116.7, 39.5],
  [116.7, 39.52],
];

// Coordinates keep six decimals (~0.1 m): plenty for a map, and short in JSON.
const round6 = (x: number) => Number(x.toFixed(6));
const KM_PER_DEGREE = 111.32;

/** A cut at `x`, moved off any contract point's coordinate so the point never sits on an edge. */
function keepClear(x: number, contract: readonly number[]): number {
  const value = round6(x);
  return contract.includes(value) ? round6(value + 2e-6) : value;
}

const CONTRACT_LNGS = CONTRACT_POINTS.map((p) => p[0]);
const CONTRACT_LATS = CONTRACT_POINTS.map((p) => p[1]);

/** The cut positions between `from` and `to` for parts proportional to `weights` (first and last exact). */
function cuts(from: number, to: number, weights: readonly number[], contract: readonly number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  const positions = [from];
  let acc = 0;
  for (const w of weights.slice(0, -1)) {
    acc += w;
    positions.push(keepClear(from + ((to - from) * acc) / total, contract));
  }
  positions.push(to);
  return positions;
}

/** Strips from west to east, widths proportional to `weights`. */
export function splitWestEast(rect: Rect, weights: readonly number[]): Rect[] {
  const [w, s, e, n] = rect;
  const xs = cuts(w, e, weights, CONTRACT_LNGS);
  return weights.map((_, i) => [xs[i]!, s, xs[i + 1]!, n] as const);
}

/** Strips from north to south, heights proportional to `weights`. */
export function splitNorthSouth(rect: Rect, weights: readonly number[]): Rect[] {
  const [w, s, e, n] = rect;
  const ys = cuts(n, s, weights, CONTRACT_LATS);
  return weights.map((_, i) => [w, ys[i + 1]!, e, ys[i]!] as const);
}

/** Width and height in kilometres, so tilings come out roughly square on the ground, not in degrees. */
function groundSize([w, s, e, n]: Rect): [number, number] {
  const cosLat = Math.cos((((s + n) / 2) * Math.PI) / 180);
  return [(e - w) * KM_PER_DEGREE * cosLat, (n - s) * KM_PER_DEGREE];
}

/**
 * Cuts `rect` into one rectangle per weight, areas proportional to the weights, in reading order:
 * rows from north to south, each row from west to east.
 */
export function tile(rect: Rect, weights: readonly number[]): Rect[] {
  const [width, height] = groundSize(rect);
  const rows = Math.max(
    1,
    Math.min(weights.length, Math.round(Math.sqrt((weights.length * height) / width))),
  );
  const perRow = Math.ceil(weights.length / rows);
  const groups: number[][] = [];
  for (let i = 0; i < weights.length; i += perRow) groups.push(weights.slice(i, i + perRow));
  const bands = splitNorthSouth(
    rect,
    groups.map((g) => g.reduce((a, b) => a + b, 0)),
  );
  return groups.flatMap((group, i) => splitWestEast(bands[i]!, group));
}

export function centreOf([w, s, e, n]: Rect): [lng: number, lat: number] {
  return [(w + e) / 2, (s + n) / 2];
}

/** A random point well inside `rect` (a margin of 5% on each side), rounded to six decimals. */
export function pointInside(random: Random, [w, s, e, n]: Rect): [lng: number, lat: number] {
  const at = (a: number, b: number) => round6(a + (b - a) * random.between(0.05, 0.95));
  return [at(w, e), at(s, n)];
}
