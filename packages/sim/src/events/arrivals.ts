// People from outside, drawn per community and five-minute block: visitors (identities the registers do
// not hold) who come in through a gate, stay a while and leave by the same gate, some by car; and the
// street — phones the Wi-Fi probe catches passing by, faces the gate cameras could not match. Each
// block's draws come from a stream of their own, so any block can be drawn alone.

import { Random } from '../random.ts';
import { push, type Timed } from './emit.ts';
import { localDayOf, localDayStart, randomisedMac, visitorIdNumber, visitorPlate } from './identifiers.ts';
import type { SensingWorld, SimCommunity } from './world.ts';

export const BLOCK_MS = 5 * 60_000;
/** The longest visit, in blocks: a block's visitors may leave this many blocks later. */
export const VISIT_BLOCKS = 48;

/** Per resident and day: visitors, and street passages (phones caught, unmatched faces). */
export const VISITORS_PER_RESIDENT = 0.06;
export const STREET_PER_RESIDENT = 0.5;
/** Of street passages, the share caught by the probe (the rest are unmatched faces at a gate). */
const STREET_PHONES = 0.85;
const VISITOR_BY_CAR = 0.15;
const VISITOR_PHONE = 0.3;
/** Strangers whose phones pass a community, per resident: the same people pass day after day. */
const STRANGERS_PER_RESIDENT = 1;

// Relative activity by local hour.
const VISITOR_HOURS = [0, 0, 0, 0, 0, 0, 0.2, 0.5, 1, 2, 3, 3, 2, 1.5, 2, 2.5, 3, 3, 3.5, 3, 2, 1, 0.3, 0.1];
const STREET_HOURS = [
  0.2, 0.1, 0.1, 0.1, 0.2, 0.5, 1.5, 3, 3, 2, 1.5, 1.5, 2, 1.5, 1.5, 1.5, 2, 3, 3, 2.5, 2, 1.5, 0.8, 0.4,
];
const perBlock = (hours: number[]) => {
  const total = hours.reduce((a, b) => a + b, 0);
  return hours.map((w) => w / total / 12);
};
const VISITOR_SHARE = perBlock(VISITOR_HOURS);
const STREET_SHARE = perBlock(STREET_HOURS);

const STREAM_VISITORS = 0x715;
const STREAM_STREET = 0x57e;

const hourOf = (blockStart: number) =>
  Math.floor((blockStart - localDayStart(localDayOf(blockStart))) / 3_600_000);

/** A Poisson draw: Knuth's product for small means, a rounded normal for large ones. */
function poisson(random: Random, mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 40) {
    const u = 1 - random.next();
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.next());
    return Math.max(0, Math.round(mean + z * Math.sqrt(mean)));
  }
  const limit = Math.exp(-mean);
  let n = 0;
  for (let p = random.next(); p > limit; p *= random.next()) n++;
  return n;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** The events in `[from, to)` of the visitors who arrived at `community` during block `block`. */
export function visitorEvents(
  world: SensingWorld,
  community: SimCommunity,
  block: number,
  share: number,
  from: number,
  to: number,
  out: Timed[],
) {
  if (community.gates.length === 0) return;
  const start = block * BLOCK_MS;
  const random = new Random(world.seed, STREAM_VISITORS, community.index, block);
  const count = poisson(
    random,
    community.residents * VISITORS_PER_RESIDENT * VISITOR_SHARE[hourOf(start)]! * share,
  );
  for (let i = 0; i < count; i++) {
    const arrive = start + random.int(0, BLOCK_MS / 1000 - 1) * 1000;
    // Most visits are short; a few last the whole afternoon.
    const stay = Math.round((15 + 225 * random.next() ** 2) * 60) * 1000;
    const gate = community.gates[random.int(0, community.gates.length - 1)]!;
    const byCar = random.chance(VISITOR_BY_CAR);
    const hasPhone = community.wifi !== null && random.chance(VISITOR_PHONE);
    const confidences = [random.between(0.8, 0.99), random.between(0.8, 0.99)];
    const seen = [random.int(-60, 60), random.int(-60, 60)];
    if (arrive + stay + 60_000 < from || arrive - 60_000 >= to) continue;
    const id = `v${block.toString(36)}-${community.index}-${i}`;
    const idNumber = visitorIdNumber(world.seed, STREAM_VISITORS, community.index, block, i);
    for (const [k, direction] of (['in', 'out'] as const).entries()) {
      const at = direction === 'in' ? arrive : arrive + stay;
      const leg = direction === 'in' ? 'i' : 'o';
      if (at >= from && at < to)
        push(out, at, {
          eventId: `${id}${leg}g`,
          deviceCode: byCar ? gate.plate : gate.face,
          type: byCar ? 'plate' : 'face',
          direction,
          ...(byCar
            ? { plate: visitorPlate(world.seed, STREAM_VISITORS, community.index, block, i) }
            : { idNumber }),
          confidence: round2(confidences[k]!),
        });
      const caught = at + seen[k]! * 1000;
      if (hasPhone && caught >= from && caught < to)
        push(out, caught, {
          eventId: `${id}${leg}w`,
          deviceCode: community.wifi!,
          type: 'wifi',
          direction: null,
          mac: randomisedMac(world.seed, STREAM_VISITORS, community.index, block, i),
          confidence: null,
        });
    }
  }
}

/**
 * The street passing `community` during block `block`: the natural share scaled by `share`, plus
 * `extra` more passages (spread evenly over the day) when a caller wants more traffic than the city makes.
 */
export function streetEvents(
  world: SensingWorld,
  community: SimCommunity,
  block: number,
  share: number,
  extra: number,
  out: Timed[],
) {
  if (community.gates.length === 0) return;
  const start = block * BLOCK_MS;
  const random = new Random(world.seed, STREAM_STREET, community.index, block);
  const mean = community.residents * STREET_PER_RESIDENT * STREET_SHARE[hourOf(start)]! * share + extra;
  const count = poisson(random, mean);
  const strangers = Math.max(500, community.residents * STRANGERS_PER_RESIDENT);
  for (let i = 0; i < count; i++) {
    const at = start + random.int(0, BLOCK_MS / 1000 - 1) * 1000;
    const id = `s${block.toString(36)}-${community.index}-${i}`;
    if (community.wifi && random.chance(STREET_PHONES)) {
      push(out, at, {
        eventId: id,
        deviceCode: community.wifi,
        type: 'wifi',
        direction: null,
        mac: randomisedMac(world.seed, STREAM_STREET, community.index, random.int(0, strangers - 1)),
        confidence: null,
      });
    } else {
      const gate = community.gates[random.int(0, community.gates.length - 1)]!;
      push(out, at, {
        eventId: id,
        deviceCode: gate.face,
        type: 'face',
        direction: random.chance(0.5) ? 'in' : 'out',
        confidence: round2(random.between(0.3, 0.6)),
      });
    }
  }
}

/** Expected events a day from outside (visitors and the street) at `share`, without extra traffic. */
export function expectedArrivalsPerDay(world: SensingWorld, share: number): number {
  let total = 0;
  for (const c of world.communities) {
    if (c.gates.length === 0) continue;
    const visitorEventsEach = 2 + (c.wifi ? 2 * VISITOR_PHONE : 0);
    total += c.residents * share * (VISITORS_PER_RESIDENT * visitorEventsEach + STREET_PER_RESIDENT);
  }
  return total;
}
