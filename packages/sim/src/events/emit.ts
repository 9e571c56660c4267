// Trips become events: a resident's passage out leaves a door-reader event at their building (card or
// face), a face event at the gate on foot or a plate event when driving, and perhaps their phone at the
// Wi-Fi probe; coming back leaves the same in reverse order. Courier vans call at the community around
// midday and leave a few minutes later. Event ids name the day, the actor and the passage, so the same
// passage always gets the same id and a replay is a duplicate.

import { Random } from '../random.ts';
import { localDate, localDayStart, localTime, randomisedMac, vanPlate } from './identifiers.ts';
import type { Trip } from './routines.ts';
import type { SensingWorld, SimCommunity, SimHousehold } from './world.ts';

/** One event as devices send it (interfaces.md, "Sensing events"). */
export interface SimEvent {
  eventId: string;
  deviceCode: string;
  type: 'face' | 'plate' | 'door' | 'wifi';
  /** ISO 8601 in the city's offset, whole seconds: `2026-03-01T07:42:13+08:00`. */
  time: string;
  direction: 'in' | 'out' | null;
  idNumber: string | null;
  plate: string | null;
  mac: string | null;
  cardNo: string | null;
  confidence: number | null;
  snapshotRef: string | null;
}

/** An event with its instant in milliseconds, for ordering and slicing. */
export interface Timed {
  at: number;
  event: SimEvent;
}

const STREAM_EVENTS = 0xe7e;
const STREAM_VANS = 0x7a5;
const H = 3_600_000;
const MIN = 60_000;

/** The share of passages on which a probe catches a passing phone; of door passages made with a card. */
const PHONE_SEEN = 0.5;
const CARD_USED = 0.75;

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Appends one event to `out`; a snapshot reference for camera events. */
export function push(
  out: Timed[],
  at: number,
  fields: Omit<SimEvent, 'time' | 'snapshotRef' | 'idNumber' | 'plate' | 'mac' | 'cardNo'> &
    Partial<Pick<SimEvent, 'idNumber' | 'plate' | 'mac' | 'cardNo'>>,
) {
  const isCamera =
    fields.type === 'face' || fields.type === 'plate' || (fields.type === 'door' && !fields.cardNo);
  out.push({
    at,
    event: {
      eventId: fields.eventId,
      deviceCode: fields.deviceCode,
      type: fields.type,
      time: localTime(at),
      direction: fields.direction,
      idNumber: fields.idNumber ?? null,
      plate: fields.plate ?? null,
      mac: fields.mac ?? null,
      cardNo: fields.cardNo ?? null,
      confidence: fields.confidence,
      snapshotRef: isCamera ? `nvr://${fields.deviceCode}/${localDate(at)}/${fields.eventId}.jpg` : null,
    },
  });
}

/** How far from its gate passage a leg's other events fall: the walk to the building, the probe's range. */
export const LEG_SPREAD_MS = 6 * 60_000;

/**
 * The events of a household's trips on local day `day` (trips as `planHouseholdDay` gave them), leg by
 * leg; legs whose gate passage is more than `LEG_SPREAD_MS` outside `[from, to)` are skipped, and each
 * leg draws from its own stream, so skipping one never changes another.
 */
export function householdEvents(
  world: SensingWorld,
  household: SimHousehold,
  day: number,
  trips: readonly Trip[],
  out: Timed[],
  from = Number.NEGATIVE_INFINITY,
  to = Number.POSITIVE_INFINITY,
): void {
  const community = world.communities[household.community]!;
  const gate = community.gates[household.gate]!;
  const base = localDayStart(day);
  for (let k = 0; k < trips.length; k++) {
    const trip = trips[k]!;
    const resident = household.members[trip.member]!;
    // People leaving together pass the camera a few seconds apart.
    const offset = trip.member * 4000;
    for (let leg = 0; leg < 2; leg++) {
      const direction = leg === 0 ? 'out' : 'in';
      const at = base + (leg === 0 ? trip.out : trip.back) * 1000 + offset;
      if (at < from - LEG_SPREAD_MS || at >= to + LEG_SPREAD_MS) continue;
      const random = new Random(world.seed, STREAM_EVENTS, day, household.index, k, leg);
      const id = `r${day}-${resident.ordinal.toString(36)}-${k}${leg === 0 ? 'o' : 'i'}`;
      const walk = random.int(60, 240) * 1000;
      if (household.door) {
        const withCard = resident.card !== null && random.chance(CARD_USED);
        push(out, leg === 0 ? at - walk : at + walk, {
          eventId: `${id}d`,
          deviceCode: household.door,
          type: 'door',
          direction,
          ...(withCard ? { cardNo: resident.card! } : { idNumber: resident.idNumber }),
          confidence: withCard ? null : round2(random.between(0.9, 0.995)),
        });
      }
      if (trip.mode === 'walk')
        push(out, at, {
          eventId: `${id}g`,
          deviceCode: gate.face,
          type: 'face',
          direction,
          idNumber: resident.idNumber,
          confidence: round2(random.between(0.82, 0.99)),
        });
      else if (trip.mode === 'drive')
        push(out, at, {
          eventId: `${id}g`,
          deviceCode: gate.plate,
          type: 'plate',
          direction,
          plate: resident.plate!,
          confidence: round2(random.between(0.9, 0.995)),
        });
      if (resident.phoneMac && community.wifi && random.chance(PHONE_SEEN)) {
        // A phone that hides its MAC shows a new one each week (weeks from Monday).
        const week = Math.floor((day + 3) / 7);
        const mac = resident.randomisesMac
          ? randomisedMac(world.seed, resident.ordinal, week)
          : resident.phoneMac;
        push(out, at + random.int(-60, 60) * 1000, {
          eventId: `${id}w`,
          deviceCode: community.wifi,
          type: 'wifi',
          direction: null,
          mac,
          confidence: null,
        });
      }
    }
  }
}

/**
 * A courier van's calls at its community on local day `day`: most days one call late in the morning,
 * some days a second one after lunch, each a few minutes in and out through one gate.
 */
export function vanEvents(
  world: SensingWorld,
  community: SimCommunity,
  van: number,
  day: number,
  out: Timed[],
) {
  if (community.gates.length === 0) return;
  const random = new Random(world.seed, STREAM_VANS, day, community.index, van);
  const weekday = (day + 4) % 7;
  if (!random.chance(weekday === 0 || weekday === 6 ? 0.6 : 0.9)) return;
  const plate = vanPlate(world.seed, community.index, van);
  const base = localDayStart(day);
  const calls = [
    random.chance(0.8) ? random.between(10 * H, 12 * H) : random.between(8 * H + 30 * MIN, 10 * H),
  ];
  if (random.chance(0.35)) calls.push(random.between(13 * H, 15 * H + 30 * MIN));
  for (const [i, call] of calls.entries()) {
    const gate = community.gates[random.int(0, community.gates.length - 1)]!;
    const arrive = base + Math.round(call / 1000) * 1000;
    const leave = arrive + random.int(3 * 60, 15 * 60) * 1000;
    for (const [direction, at] of [
      ['in', arrive],
      ['out', leave],
    ] as const)
      push(out, at, {
        eventId: `k${day}-${community.index}-${van}-${i}${direction === 'in' ? 'i' : 'o'}`,
        deviceCode: gate.plate,
        type: 'plate',
        direction,
        plate,
        confidence: round2(random.between(0.9, 0.995)),
      });
  }
}
