// A small seeded PRNG (mulberry32) and the draws the generator needs. Every stream is derived from the
// city seed plus a few integer keys, so one part of the city (a grid's buildings, the accounts) never
// shifts when another part draws more or fewer numbers.

function mix(h: number, word: number): number {
  let x = Math.imul(h ^ word, 0x9e3779b1);
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return x ^ (x >>> 16);
}

/** A 32-bit hash of a list of integers (murmur3's finaliser after each 32-bit half of each key). */
export function hashKeys(...keys: number[]): number {
  let h = 0x811c9dc5;
  for (const key of keys) h = mix(mix(h, key | 0), Math.floor(key / 2 ** 32) | 0);
  return h >>> 0;
}

export class Random {
  private state: number;

  /** A stream determined entirely by `keys` (typically the city seed and a stream number). */
  constructor(...keys: number[]) {
    this.state = hashKeys(...keys);
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** A float in [min, max). */
  between(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  /** `weight` scaled by a random factor within ±`spread`, so shares and tilings are not too regular. */
  jitter(weight: number, spread = 0.25): number {
    return weight * this.between(1 - spread, 1 + spread);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** `count` distinct indexes out of [0, n), in ascending order. */
  sampleIndexes(n: number, count: number): number[] {
    const indexes = Array.from({ length: n }, (_, i) => i);
    for (let i = 0; i < count; i++) {
      const j = i + Math.floor(this.next() * (n - i));
      [indexes[i], indexes[j]] = [indexes[j]!, indexes[i]!];
    }
    return indexes.slice(0, count).sort((a, b) => a - b);
  }
}

/** Items drawn with fixed relative weights; a binary search over the cumulative weights keeps draws O(log n). */
export class WeightedTable<T> {
  private readonly cumulative: number[] = [];
  private readonly total: number;

  constructor(private readonly items: readonly (readonly [T, number])[]) {
    let sum = 0;
    for (const [, weight] of items) {
      if (!(weight >= 0)) throw new RangeError(`negative weight: ${weight}`);
      sum += weight;
      this.cumulative.push(sum);
    }
    if (!(sum > 0)) throw new RangeError('a weighted table needs a positive total weight');
    this.total = sum;
  }

  draw(random: Random): T {
    const target = random.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid]! > target) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo]![0];
  }
}

/**
 * Splits `total` into whole parts proportional to `weights`, each at least `min`, summing to `total`
 * exactly (largest-remainder method, ties to the earlier part, so the result is deterministic).
 */
export function apportion(total: number, weights: readonly number[], min = 0): number[] {
  const spare = total - min * weights.length;
  if (!Number.isInteger(total) || spare < 0)
    throw new RangeError(`cannot split ${total} into ${weights.length} parts of at least ${min}`);
  const sum = weights.reduce((a, b) => a + b, 0);
  const shares = weights.map((w) => (sum > 0 ? (spare * w) / sum : spare / weights.length));
  const parts = shares.map((s) => min + Math.floor(s));
  let left = total - parts.reduce((a, b) => a + b, 0);
  const byRemainder = shares
    .map((s, i) => ({ i, r: s - Math.floor(s) }))
    .sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of byRemainder) {
    if (left === 0) break;
    parts[i]!++;
    left--;
  }
  return parts;
}
