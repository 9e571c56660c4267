// One household's day: who goes out of the community and when, as trips (out through the gate, back
// through the same gate). The school run couples children and the adult who takes them; a night shift
// leaves in the evening and comes back the next morning, so the next day's plan keeps that morning free.
// A person's trips never overlap, and each trip uses one mode both ways — on foot past the face camera,
// driving past the plate camera, or as a passenger seen by neither — so every camera sees a person (or a
// car) alternately go out and come in.

import { hashKeys, Random } from '../random.ts';
import { isWeekend, weekdayOf } from './identifiers.ts';
import type { Routine, SimHousehold, SimResident } from './world.ts';

export type TripMode = 'walk' | 'drive' | 'passenger';

export interface Trip {
  /** Index of the member in the household. */
  member: number;
  /** Seconds from the start of the local day; `back` may pass midnight (night shifts). */
  out: number;
  back: number;
  mode: TripMode;
}

const H = 3600;
const M = 60;
/** Time kept free between two trips of one person, for the walk between the building and the gate. */
const MARGIN = 10 * M;
/** The latest a day trip ends. */
const LAST_BACK = 23 * H + 30 * M;

/** Shares, per day, of commuters who work, of pupils at school, of car owners who drive to work. */
const WORKS = 0.96;
const AT_SCHOOL = 0.97;
const DRIVES_TO_WORK = 0.85;
const DRIVES_ON_ERRANDS = 0.25;
const WORKS_SATURDAY = 0.12;

const STREAM_DAY = 0xd4e;
const STREAM_NIGHT = 0x4167;

/** A normal draw (Box–Muller) clamped to [min, max]. */
function normal(random: Random, mean: number, sd: number, min: number, max: number): number {
  const u = 1 - random.next();
  const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.next());
  return Math.min(max, Math.max(min, Math.round(mean + z * sd)));
}

const between = (random: Random, from: number, to: number) => Math.round(random.between(from, to));

/** By car (with chance `p`) when the resident owns one, else on foot. */
function modeOf(random: Random, r: SimResident, p: number): TripMode {
  return r.plate && random.chance(p) ? 'drive' : 'walk';
}

/** Tonight's shift of a night worker: out in the evening of `day`, back the next morning (past 24 h). */
export function nightShift(seed: number, day: number, resident: SimResident): Trip | null {
  // Sunday to Thursday nights; on one night in twenty the worker is off.
  if (weekdayOf(day) > 4) return null;
  const random = new Random(seed, STREAM_NIGHT, day, resident.ordinal);
  if (!random.chance(0.95)) return null;
  const out = between(random, 19 * H + 30 * M, 21 * H + 30 * M);
  const back = 24 * H + between(random, 6 * H + 30 * M, 8 * H + 30 * M);
  const mode = resident.plate && random.chance(DRIVES_TO_WORK) ? 'drive' : 'walk';
  return { member: -1, out, back, mode };
}

/** Non-working adults who can take a child out: not away, not housebound, not on a night shift. */
const isCarer = (r: SimResident) =>
  r.routine === 'at-home' || r.routine === 'retired' || r.routine === 'active-elder';

class DayPlan {
  readonly trips: Trip[] = [];
  private readonly busy: [number, number][][];

  constructor(members: number) {
    this.busy = Array.from({ length: members }, () => []);
  }

  isFree(member: number, out: number, back: number): boolean {
    return this.busy[member]!.every(([a, b]) => back + MARGIN <= a || out >= b + MARGIN);
  }

  block(member: number, out: number, back: number) {
    this.busy[member]!.push([out, back]);
  }

  /** Adds the trip when the member is free then. */
  add(member: number, out: number, back: number, mode: TripMode): boolean {
    if (back <= out || !this.isFree(member, out, back)) return false;
    this.block(member, out, back);
    this.trips.push({ member, out, back, mode });
    return true;
  }

  /** A trip of several members together: all of them or none. */
  addTogether(members: number[], out: number, back: number, modes: TripMode[]): boolean {
    if (!members.every((m) => this.isFree(m, out, back))) return false;
    for (const [i, m] of members.entries()) this.add(m, out, back, modes[i]!);
    return true;
  }
}

/** The trips of household `household` on local day `day`, in no particular order. */
export function planHouseholdDay(seed: number, household: SimHousehold, day: number): Trip[] {
  const random = new Random(seed, STREAM_DAY, day, household.index);
  const members = household.members;
  const plan = new DayPlan(members.length);
  const weekend = isWeekend(day);

  // Night workers: last night's shift keeps the morning, tonight's the evening.
  members.forEach((r, m) => {
    if (r.routine !== 'night-shift') return;
    const last = nightShift(seed, day - 1, r);
    if (last) plan.block(m, -H, last.back - 24 * H);
    const tonight = nightShift(seed, day, r);
    if (tonight) plan.add(m, tonight.out, tonight.back, tonight.mode);
  });

  // Who works today: commuters on weekdays, a few on Saturdays.
  const working = members.map(
    (r) =>
      r.routine === 'commuter' &&
      random.chance(WORKS) &&
      (!weekend || (weekdayOf(day) === 6 && random.chance(WORKS_SATURDAY))),
  );

  if (!weekend) schoolRun(random, members, plan, working);

  members.forEach((r, m) => {
    if (!working[m]) return;
    const escorted = plan.trips.find((t) => t.member === m);
    const out = escorted?.out ?? normal(random, 7 * H + 36 * M, 33 * M, 6 * H, 9 * H + 30 * M);
    const back = normal(random, 18 * H + 24 * M, 54 * M, 16 * H + 40 * M, 22 * H + 30 * M);
    if (escorted) {
      // The parent who walked the children to school goes on to work from there.
      escorted.back = back;
      plan.block(m, out, back);
    } else plan.add(m, out, back, modeOf(random, r, DRIVES_TO_WORK));
    if (random.chance(0.12)) {
      const start = back + between(random, 20 * M, 60 * M);
      const end = start + between(random, 15 * M, 50 * M);
      if (end <= LAST_BACK) plan.add(m, start, end, 'walk');
    }
  });

  if (weekend && random.chance(0.3)) familyOuting(random, members, plan);

  for (const [m, r] of members.entries()) errands(random, r, m, plan, working[m]!, weekend);

  // The little ones go for a walk with whoever is at home.
  members.forEach((r, m) => {
    if (r.routine !== 'infant' || !random.chance(0.35)) return;
    const carer = members.findIndex((c, i) => isCarer(c) && !working[i]);
    if (carer < 0) return;
    const out = between(random, 9 * H + 30 * M, 10 * H + 30 * M);
    plan.addTogether([carer, m], out, out + between(random, 30 * M, 75 * M), ['walk', 'walk']);
  });
  return plan.trips;
}

/**
 * Weekday school: the youngest go together with a carer at home (or a working parent on the way to
 * work) and come back with the carer, or on their own; older pupils go alone, the oldest back after
 * evening study.
 */
function schoolRun(random: Random, members: SimResident[], plan: DayPlan, working: boolean[]) {
  const pupils = members.flatMap((r, m) => (r.routine === 'pupil' && random.chance(AT_SCHOOL) ? [m] : []));
  if (pupils.length === 0) return;
  const young = pupils.filter((m) => members[m]!.age < 12);
  if (young.length > 0) {
    const out = between(random, 7 * H + 5 * M, 7 * H + 35 * M);
    const back = between(random, 16 * H + 20 * M, 17 * H + 20 * M);
    const carer = members.findIndex((r, i) => isCarer(r) && !working[i]);
    const parent = members.findIndex((_, i) => working[i]);
    if (carer >= 0) {
      plan.add(carer, out, out + between(random, 15 * M, 40 * M), 'walk');
      // The carer fetches them too, unless already out; then they walk home together or alone.
      const leaves = back - between(random, 15 * M, 35 * M);
      plan.add(carer, leaves, back, 'walk');
    } else if (parent >= 0) plan.add(parent, out, out + 1, 'walk');
    for (const m of young) plan.add(m, out, back, 'walk');
  }
  for (const m of pupils) {
    if (members[m]!.age < 12) continue;
    const senior = members[m]!.age >= 15;
    const out = senior
      ? between(random, 6 * H + 20 * M, 6 * H + 50 * M)
      : between(random, 6 * H + 50 * M, 7 * H + 20 * M);
    const back = senior
      ? between(random, 19 * H + 30 * M, 21 * H + 40 * M)
      : between(random, 17 * H, 18 * H + 30 * M);
    plan.add(m, out, back, 'walk');
  }
}

/** A weekend day out together; in the family car when there is one, driven by its owner. */
function familyOuting(random: Random, members: SimResident[], plan: DayPlan) {
  const out = between(random, 9 * H, 11 * H);
  const back = between(random, 14 * H, 18 * H + 30 * M);
  const going = members.flatMap((r, m) =>
    r.routine !== 'away' && r.routine !== 'housebound' && plan.isFree(m, out, back) ? [m] : [],
  );
  if (going.length < 2) return;
  const driver = going.find((m) => members[m]!.plate !== null);
  const byCar = driver !== undefined && random.chance(0.7);
  plan.addTogether(
    going,
    out,
    back,
    going.map((m) => (!byCar ? 'walk' : m === driver ? 'drive' : 'passenger')),
  );
}

/** An errand: its chance on a day, the span it starts in, how long it lasts, whether it may be by car. */
type Errand = readonly [chance: number, from: number, to: number, min: number, max: number, drives: boolean];

const ERRANDS: Readonly<Record<Routine, readonly Errand[]>> = {
  // Commuters on a day off (their only errands); older pupils at weekends (tutoring, friends).
  commuter: [
    [0.55, 8 * H, 11 * H, 40 * M, 3 * H, true],
    [0.4, 14 * H, 17 * H, 30 * M, 3 * H, true],
  ],
  'at-home': [
    [0.6, 7 * H + 30 * M, 10 * H, 30 * M, 100 * M, true],
    [0.35, 14 * H + 30 * M, 17 * H, 20 * M, 90 * M, true],
    [0.25, 19 * H, 20 * H + 30 * M, 30 * M, 60 * M, false],
  ],
  retired: [
    [0.75, 6 * H + 30 * M, 9 * H + 30 * M, 30 * M, 110 * M, false],
    [0.45, 14 * H + 30 * M, 16 * H + 30 * M, 30 * M, 90 * M, false],
    [0.25, 19 * H, 20 * H, 40 * M, 80 * M, false],
  ],
  'active-elder': [
    [0.85, 7 * H, 9 * H + 30 * M, 30 * M, 100 * M, false],
    [0.3, 15 * H, 16 * H + 30 * M, 20 * M, 60 * M, false],
  ],
  homebody: [[0.3, 8 * H, 10 * H + 30 * M, 30 * M, 90 * M, false]],
  housebound: [[0.03, 9 * H, 10 * H + 30 * M, 20 * M, 60 * M, false]],
  'night-shift': [[0.3, 13 * H + 30 * M, 16 * H + 30 * M, 30 * M, 90 * M, true]],
  pupil: [[0.35, 9 * H, 14 * H, 90 * M, 4 * H, false]],
  infant: [],
  away: [],
};

/** Errands and walks by routine: the morning market, the afternoon, the evening square. */
function errands(
  random: Random,
  r: SimResident,
  m: number,
  plan: DayPlan,
  isWorking: boolean,
  weekend: boolean,
) {
  if (r.routine === 'commuter' && isWorking) return;
  if (r.routine === 'pupil' && !(weekend && r.age >= 12)) return;
  for (const [chance, from, to, min, max, drives] of ERRANDS[r.routine]) {
    if (!random.chance(chance)) continue;
    const out = between(random, from, to);
    const back = Math.min(LAST_BACK, out + between(random, min, max));
    plan.add(m, out, back, drives ? modeOf(random, r, DRIVES_ON_ERRANDS) : 'walk');
  }
}

/** A number in [0, 1) fixed by `keys`: whether a household or van takes part at a given share. */
export const shareDraw = (...keys: number[]) => hashKeys(...keys) / 2 ** 32;
