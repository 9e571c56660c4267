// Residents' cars and their plates. Plates come from a counter per issuer and plate kind, mapped one to
// one onto serials (a keyed permutation, so consecutive cars get unrelated plates), so every plate is
// unique across the city without remembering any of them; the cars are drawn from a stream of their own
// so they never move a resident.

import { hashKeys, type Random, WeightedTable } from './random.ts';
import { ageOn } from './tags.ts';
import type { PersonSeed, VehicleSeed } from './types.ts';

/** Share of occupied houses with a car, of those with a second one, and of new-energy cars. */
const CAR = 0.25;
const SECOND_CAR = 0.06;
const NEW_ENERGY = 0.15;
const DRIVING_AGE = 18;

// Langfang's plates are 冀R; some residents keep a car registered elsewhere in Hebei or in Beijing.
const ISSUERS = new WeightedTable([
  ['冀R', 880],
  ...[...'ABCFJ'].map((letter) => [`冀${letter}`, 10] as const),
  ...[...'ABCEFGHJKLMNPQ'].map((letter) => [`京${letter}`, 5] as const),
]);
// Small new-energy plates: D pure electric, F other (GA 36-2018).
const ENERGY = new WeightedTable([
  ['D', 75],
  ['F', 25],
] as const);

const BRANDS = new WeightedTable([
  ['大众', 16],
  ['丰田', 10],
  ['本田', 8],
  ['日产', 6],
  ['别克', 6],
  ['吉利', 8],
  ['长安', 7],
  ['哈弗', 7],
  ['奇瑞', 5],
  ['五菱', 6],
  ['奥迪', 4],
  ['宝马', 3],
  ['现代', 4],
  ['福特', 3],
] as const);
const NEW_ENERGY_BRANDS = new WeightedTable([
  ['比亚迪', 40],
  ['五菱', 12],
  ['埃安', 8],
  ['理想', 8],
  ['蔚来', 5],
  ['小鹏', 5],
  ['零跑', 6],
  ['问界', 6],
  ['特斯拉', 10],
] as const);
const COLOURS = new WeightedTable([
  ['白色', 35],
  ['黑色', 25],
  ['银色', 12],
  ['灰色', 12],
  ['红色', 6],
  ['蓝色', 6],
  ['棕色', 4],
] as const);

// Serial characters: letters without I and O (they read as 1 and 0), and digits.
const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '0123456789';
// Regular serials by pattern, L a letter, D a digit: the familiar `A1234` first, then the rest. Every
// serial has a letter, so none collides with an all-digit plate someone registers by hand.
const REGULAR_PATTERNS = ['LDDDD', 'DLDDD', 'DDLDD', 'DDDLD', 'DDDDL', 'LLDDD', 'DDDLL', 'LDLDD', 'DLLDD'];
// After the energy letter: a letter or a digit, then four digits (letters first).
const NEW_ENERGY_PATTERNS = ['LDDDD', 'DDDDD'];

const patternSize = (pattern: string) =>
  [...pattern].reduce((size, c) => size * (c === 'L' ? LETTERS.length : DIGITS.length), 1);

/**
 * A bijection on 0…size−1 keyed by `keys`: a four-round Feistel network on the smallest even number of
 * bits that holds `size`, walked again while the result is out of range (cycle walking).
 */
function permute(index: number, size: number, keys: readonly number[]): number {
  const half = Math.ceil(Math.ceil(Math.log2(size)) / 2);
  const mask = (1 << half) - 1;
  const key = hashKeys(...keys);
  let value = index;
  do {
    let left = value >>> half;
    let right = value & mask;
    for (let round = 0; round < 4; round++)
      [left, right] = [right, (left ^ hashKeys(key, round, right)) & mask];
    value = left * (mask + 1) + right;
  } while (value >= size);
  return value;
}

export class PlateRegistry {
  private readonly issued = new Map<string, number>();

  constructor(private readonly seed: number) {}

  /** A plate of `issuer` (`冀R`) no earlier call returned: regular, or a small new-energy one with `energy` D or F. */
  issue(issuer: string, energy: 'D' | 'F' | null): string {
    const key = `${issuer}${energy ?? ''}`;
    const n = this.issued.get(key) ?? 0;
    this.issued.set(key, n + 1);
    const serial = this.serial(energy ? NEW_ENERGY_PATTERNS : REGULAR_PATTERNS, n, key);
    return `${issuer}${energy ?? ''}${serial}`;
  }

  private serial(patterns: readonly string[], n: number, key: string): string {
    let index = n;
    for (const [p, pattern] of patterns.entries()) {
      const size = patternSize(pattern);
      if (index >= size) {
        index -= size;
        continue;
      }
      const keys = [this.seed, p, ...[...key].map((c) => c.codePointAt(0)!)];
      let value = permute(index, size, keys);
      const chars: string[] = [];
      for (const c of [...pattern].reverse()) {
        const alphabet = c === 'L' ? LETTERS : DIGITS;
        chars.push(alphabet[value % alphabet.length]!);
        value = Math.floor(value / alphabet.length);
      }
      return chars.reverse().join('');
    }
    throw new RangeError(`out of plates for ${key}`);
  }
}

/** The cars of one house's residents: about a quarter of households have one, a few a second. */
export function drawVehicles(random: Random, plates: PlateRegistry, persons: PersonSeed[]): VehicleSeed[] {
  const drivers = persons.filter((p) => ageOn(p.birthDate) >= DRIVING_AGE);
  if (drivers.length === 0 || !random.chance(CAR)) return [];
  // The head of the household usually holds the first car; a second one is someone else's.
  const owners = [random.chance(0.7) ? drivers[0]! : random.pick(drivers)];
  const others = drivers.filter((p) => p !== owners[0]);
  if (others.length > 0 && random.chance(SECOND_CAR)) owners.push(random.pick(others));
  return owners.map((owner) => {
    const energy = random.chance(NEW_ENERGY) ? ENERGY.draw(random) : null;
    const issuer = ISSUERS.draw(random);
    return {
      plate: plates.issue(issuer, energy),
      ownerIdNumber: owner.idNumber,
      brand: (energy ? NEW_ENERGY_BRANDS : BRANDS).draw(random),
      colour: COLOURS.draw(random),
    };
  });
}
