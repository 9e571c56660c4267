// Identity and phone numbers that are unique across a whole enumeration without remembering any of
// them: a counter per (region, birth day, gender) hands out the sequence digits, and phones come from a
// bijection of a running counter.

import { makeIdNumber } from '@civgrid/domain';
import { hashKeys } from './random.ts';

const MS_PER_DAY = 86_400_000;
export const FIRST_BIRTH_YEAR = 1930;
export const LAST_BIRTH_YEAR = 2025;
const EPOCH = Date.UTC(FIRST_BIRTH_YEAR, 0, 1);
const BIRTH_DAYS = (Date.UTC(LAST_BIRTH_YEAR + 1, 0, 1) - EPOCH) / MS_PER_DAY;

/** The birth-day number (days since 1930-01-01) of a uniformly drawn day of `year`; `at` is in [0, 1). */
export function dayInYear(year: number, at: number): number {
  const first = (Date.UTC(year, 0, 1) - EPOCH) / MS_PER_DAY;
  const length = (Date.UTC(year + 1, 0, 1) - EPOCH) / MS_PER_DAY - first;
  return first + Math.floor(at * length);
}

// Sequence digits are odd for men, even for women (GB 11643): 500 odd values 001–999, 499 even ones
// 002–998. Within one region, day and gender each value is handed out once, in a scrambled order so
// numbers do not all end in 001, 003, …
const CAPACITY = { male: 500, female: 499 } as const;
const SCRAMBLE = 137; // prime, so coprime with both capacities: n ↦ n·137 mod capacity is a bijection

export interface Identity {
  idNumber: string;
  /** YYYY-MM-DD. */
  birthDate: string;
}

export class IdentityRegistry {
  // Two counters (female, male) per birth day, one array per region code.
  private readonly issued = new Map<string, Uint16Array>();
  private readonly dates: string[] = [];

  /**
   * A new identity number for someone of `gender` born on `day` in `region`. When that day's numbers
   * are all taken the birth moves to the next day, so a number is never handed out twice.
   */
  issue(region: string, day: number, gender: 'male' | 'female'): Identity {
    let counters = this.issued.get(region);
    if (!counters) {
      counters = new Uint16Array(BIRTH_DAYS * 2);
      this.issued.set(region, counters);
    }
    const capacity = CAPACITY[gender];
    let slot = day * 2 + (gender === 'male' ? 1 : 0);
    while (counters[slot]! >= capacity) slot = (slot + 2) % counters.length;
    const n = counters[slot]!++;
    const birthDay = slot >> 1;
    const k = (n * SCRAMBLE + (Number(region) + birthDay)) % capacity;
    const seq = gender === 'male' ? 2 * k + 1 : 2 * k + 2;
    const birthDate = this.dateOf(birthDay);
    const [year, month, date] = birthDate.split('-').map(Number) as [number, number, number];
    return { idNumber: makeIdNumber(region, { year, month, day: date }, seq), birthDate };
  }

  private dateOf(day: number): string {
    this.dates[day] ??= new Date(EPOCH + day * MS_PER_DAY).toISOString().slice(0, 10);
    return this.dates[day];
  }
}

// Mobile prefixes in service with the three carriers.
const MOBILE_PREFIXES = [
  130, 131, 132, 133, 134, 135, 136, 137, 138, 139, 150, 151, 152, 153, 155, 156, 157, 158, 159, 166, 173,
  175, 176, 177, 178, 180, 181, 182, 183, 184, 185, 186, 187, 188, 189, 198, 199,
];
const HALF = 10_000; // the eight subscriber digits as two halves of four

export class PhoneBook {
  private issued = 0;

  /**
   * `fromTop` runs the counter down from the top of the range instead of up from zero: two books of the
   * same seed, one each way, never hand out the same number until together they exhaust all 10⁸.
   */
  constructor(
    private readonly seed: number,
    private readonly fromTop = false,
  ) {}

  /** A mainland mobile number no earlier call returned; `at` in [0, 1) chooses the prefix. */
  issue(at: number): string {
    if (this.issued >= HALF * HALF) throw new RangeError('out of phone numbers');
    const prefix = MOBILE_PREFIXES[Math.floor(at * MOBILE_PREFIXES.length)]!;
    const counter = this.fromTop ? HALF * HALF - 1 - this.issued++ : this.issued++;
    return `${prefix}${String(this.scramble(counter)).padStart(8, '0')}`;
  }

  // A four-round Feistel network over the two halves: a bijection on 0…10⁸−1, so distinct counters give
  // distinct subscriber numbers, and consecutive ones look unrelated.
  private scramble(counter: number): number {
    let left = Math.floor(counter / HALF);
    let right = counter % HALF;
    for (let round = 0; round < 4; round++) {
      [left, right] = [right, (left + hashKeys(this.seed, round, right)) % HALF];
    }
    return left * HALF + right;
  }
}
