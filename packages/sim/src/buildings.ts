// Building shapes and the houses inside them. Communities have blocks of flats, from six-storey
// walk-ups to 33-storey towers; villages have one-family courtyards (院), and when a village grid holds
// more families than courtyards are plausible for, resettlement blocks (安置楼) as around real cities.

import { type Random, WeightedTable } from './random.ts';
import type { HouseUse } from './types.ts';

export type BuildingKind = 'flats' | 'courtyard' | 'resettlement';

export interface BuildingShape {
  kind: BuildingKind;
  units: number;
  floors: number;
  /** Houses per floor of one unit (stairwell). */
  perFloor: number;
  area: readonly [min: number, max: number];
}

type ShapeDraw = (random: Random) => BuildingShape;
const flats =
  (
    units: [number, number],
    floors: [number, number],
    perFloor: [number, number],
    area: [number, number],
  ): ShapeDraw =>
  (random) => ({
    kind: 'flats',
    units: random.int(...units),
    floors: random.int(...floors),
    perFloor: random.int(...perFloor),
    area,
  });

const FLATS = new WeightedTable<ShapeDraw>([
  [flats([2, 6], [5, 7], [2, 2], [50, 110]), 40], // walk-up (多层)
  [flats([2, 4], [9, 11], [2, 2], [70, 130]), 10], // mid-rise with a lift (中高层)
  [flats([1, 3], [11, 18], [2, 3], [75, 140]), 30], // small high-rise (小高层)
  [flats([1, 2], [24, 33], [3, 4], [80, 150]), 15], // tower (高层)
  [flats([2, 4], [2, 3], [2, 2], [120, 180]), 5], // town houses (联排)
]);
const COURTYARD_FLOORS = new WeightedTable([
  [1, 60],
  [2, 35],
  [3, 5],
] as const);

/** Courtyards in one village grid before new households go to resettlement blocks instead. */
export const MAX_COURTYARDS_PER_GRID = 400;
/** Residents a house holds on average once empty houses are counted, to size buildings to the need. */
const RESIDENTS_PER_HOUSE = 2.3;

function drawShape(random: Random, kind: BuildingKind): BuildingShape {
  if (kind === 'flats') return FLATS.draw(random)(random);
  if (kind === 'courtyard')
    return { kind, units: 1, floors: COURTYARD_FLOORS.draw(random), perFloor: 1, area: [80, 180] };
  return { kind, units: random.int(2, 4), floors: random.int(5, 6), perFloor: 2, area: [60, 100] };
}

/**
 * A building for `residents` more people: a drawn shape, made lower and narrower when it would hold
 * far more houses than needed, so a grid's last building is not a half-empty tower.
 */
export function shapeFor(random: Random, kind: BuildingKind, residents: number): BuildingShape {
  const shape = drawShape(random, kind);
  if (kind === 'courtyard') return shape;
  const houses = Math.max(1, Math.ceil(residents / RESIDENTS_PER_HOUSE));
  if (shape.units * shape.floors * shape.perFloor <= houses) return shape;
  const floors = Math.max(2, Math.ceil(houses / (shape.units * shape.perFloor)));
  const units = Math.max(1, Math.min(shape.units, Math.ceil(houses / (floors * shape.perFloor))));
  return { ...shape, floors: Math.min(shape.floors, floors), units };
}

/** The use of a house on `floor`: shops on some ground floors of flats, some empty, some let. */
export function drawUse(random: Random, kind: BuildingKind, floor: number): HouseUse {
  const x = random.next();
  if (kind === 'courtyard')
    return x < 0.02 ? 'business' : x < 0.12 ? 'vacant' : x < 0.2 ? 'rented' : 'owner-occupied';
  if (kind === 'flats' && floor === 1 && x < 0.08) return 'business';
  const y = random.next();
  return y < 0.07 ? 'vacant' : y < 0.27 ? 'rented' : 'owner-occupied';
}

// Household sizes of occupied houses: mostly two or three; rural families are a little larger.
const URBAN_SIZES = new WeightedTable([
  [1, 15],
  [2, 30],
  [3, 30],
  [4, 17],
  [5, 8],
] as const);
const RURAL_SIZES = new WeightedTable([
  [1, 10],
  [2, 28],
  [3, 28],
  [4, 20],
  [5, 14],
] as const);

export function drawHouseholdSize(random: Random, kind: BuildingKind): number {
  return (kind === 'courtyard' ? RURAL_SIZES : URBAN_SIZES).draw(random);
}

/** Floor area in m², two decimals as the register keeps it. */
export function drawArea(random: Random, shape: BuildingShape): number {
  return Math.round(random.between(...shape.area) * 100) / 100;
}
