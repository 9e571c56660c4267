// The event simulator: the passages of a planned city over any span, a slice at a time, without
// holding a day's events. For each local day it keeps the day's plans — each household's trips, a few
// small records — and an index of which households and vans have a passage in which five-minute block;
// a slice turns the trips of the actors it touches into events. Visitors and the street are drawn per
// block. Everything follows from the city seed, the day and the actor, so any slice comes out the same
// whichever span it is asked in.

import { BLOCK_MS, expectedArrivalsPerDay, streetEvents, VISIT_BLOCKS, visitorEvents } from './arrivals.ts';
import { householdEvents, LEG_SPREAD_MS, type SimEvent, type Timed, vanEvents } from './emit.ts';
import { localDayOf, localDayStart } from './identifiers.ts';
import { planHouseholdDay, shareDraw, type Trip } from './routines.ts';
import type { SensingWorld } from './world.ts';

export interface SimulationOptions {
  /**
   * The share of the city that goes about its day, from 0 to 1 (default 1): households and vans are
   * kept by a fixed draw, so the same ones act all along, and visitors and the street scale with it.
   */
  share?: number;
  /** More passers-by per second, city-wide, on top of the city's own traffic (default 0). */
  extraPerSecond?: number;
}

const SAMPLE_HOUSEHOLDS = 600;
/** A Monday: rates are measured over the week starting then. */
const SAMPLE_WEEK = localDayOf(Date.UTC(2026, 2, 2));
const KEPT_DAYS = 3;
const SHARE_STREAM = 0x54a3;

/** A local day's plans: every household's trips, and the actors with a passage in each block. */
interface DayIndex {
  trips: (readonly Trip[])[];
  blocks: Map<number, number[]>;
}

const byTime = (a: Timed, b: Timed) =>
  a.at - b.at ||
  (a.event.deviceCode < b.event.deviceCode ? -1 : a.event.deviceCode > b.event.deviceCode ? 1 : 0) ||
  (a.event.eventId < b.event.eventId ? -1 : a.event.eventId > b.event.eventId ? 1 : 0);

export class EventSimulator {
  private readonly share: number;
  private readonly extraPerBlock: number[];
  private readonly vans: { community: number; van: number }[] = [];
  private readonly days = new Map<number, DayIndex>();
  private last: { block: number; events: Timed[] } | null = null;

  constructor(
    readonly world: SensingWorld,
    options: SimulationOptions = {},
  ) {
    this.share = Math.min(1, Math.max(0, options.share ?? 1));
    const extra = Math.max(0, options.extraPerSecond ?? 0) * (BLOCK_MS / 1000);
    const residents = Math.max(1, world.residents);
    this.extraPerBlock = world.communities.map((c) => (extra * c.residents) / residents);
    for (const c of world.communities)
      for (let van = 0; van < c.vans; van++) this.vans.push({ community: c.index, van });
  }

  /** The events with a time in `[from, to)`, in time order. */
  between(from: Date, to: Date): SimEvent[] {
    const [a, b] = [from.getTime(), to.getTime()];
    if (b <= a) return [];
    const block = Math.floor(a / BLOCK_MS);
    // Short windows (a live feed every few seconds) reuse their block's events.
    const events = b <= (block + 1) * BLOCK_MS ? this.block(block) : this.window(a, b);
    return events.filter((t) => t.at >= a && t.at < b).map((t) => t.event);
  }

  /** The events of `[from, to)` a slice at a time (15 minutes by default), each slice in time order. */
  *stream(from: Date, to: Date, sliceMs = 15 * 60_000): Generator<SimEvent[]> {
    const [a, b] = [from.getTime(), to.getTime()];
    const size = Math.max(BLOCK_MS, Math.floor(sliceMs / BLOCK_MS) * BLOCK_MS);
    for (let start = Math.floor(a / size) * size; start < b; start += size) {
      const slice = this.window(Math.max(a, start), Math.min(b, start + size)).map((t) => t.event);
      if (slice.length > 0) yield slice;
    }
  }

  /** The city's average events per second over a week (households sampled, the rest expected values). */
  expectedRate(): number {
    const { households } = this.world;
    const step = Math.max(1, Math.floor(households.length / SAMPLE_HOUSEHOLDS));
    let sampled = 0;
    const scratch: Timed[] = [];
    for (let i = 0; i < households.length; i += step) {
      sampled++;
      for (let day = SAMPLE_WEEK; day < SAMPLE_WEEK + 7; day++) this.actorDay(i, day, scratch);
    }
    const householdEvents = sampled === 0 ? 0 : (scratch.length / sampled) * households.length * this.share;
    scratch.length = 0;
    for (let v = 0; v < this.vans.length; v++)
      for (let day = SAMPLE_WEEK; day < SAMPLE_WEEK + 7; day++)
        this.actorDay(households.length + v, day, scratch);
    const perDay =
      (householdEvents + scratch.length * this.share) / 7 + expectedArrivalsPerDay(this.world, this.share);
    return perDay / 86_400 + this.extraPerBlock.reduce((a, b) => a + b, 0) / (BLOCK_MS / 1000);
  }

  /** Every event of block `block`, in time order; the last block asked is remembered. */
  private block(block: number): Timed[] {
    if (this.last?.block !== block)
      this.last = { block, events: this.window(block * BLOCK_MS, (block + 1) * BLOCK_MS) };
    return this.last.events;
  }

  /** Every event in `[start, end)`, in time order: each actor with a passage then is computed once. */
  private window(start: number, end: number): Timed[] {
    const events: Timed[] = [];
    const scratch: Timed[] = [];
    const first = Math.floor(start / BLOCK_MS);
    const last = Math.floor((end - 1) / BLOCK_MS);
    // Each day's plans reach into the next morning (night shifts).
    for (let day = localDayOf(start) - 1; day <= localDayOf(end - 1); day++) {
      const index = this.dayIndex(day);
      const actors = new Set<number>();
      for (let b = first; b <= last; b++) for (const actor of index.blocks.get(b) ?? []) actors.add(actor);
      for (const actor of actors) {
        scratch.length = 0;
        this.actorDay(actor, day, scratch, start, end, index.trips[actor]);
        for (const t of scratch) if (t.at >= start && t.at < end) events.push(t);
      }
    }
    scratch.length = 0;
    for (const c of this.world.communities) {
      for (let b = first - VISIT_BLOCKS; b <= last; b++)
        visitorEvents(this.world, c, b, this.share, start, end, events);
      for (let b = first; b <= last; b++)
        streetEvents(this.world, c, b, this.share, this.extraPerBlock[c.index]!, scratch);
    }
    for (const t of scratch) if (t.at >= start && t.at < end) events.push(t);
    events.sort(byTime);
    return events;
  }

  /** Actors are households (0…H−1), then vans. */
  private actorDay(
    actor: number,
    day: number,
    out: Timed[],
    from?: number,
    to?: number,
    planned?: readonly Trip[],
  ) {
    const { households } = this.world;
    if (actor < households.length) {
      const household = households[actor]!;
      const trips = planned ?? planHouseholdDay(this.world.seed, household, day);
      householdEvents(this.world, household, day, trips, out, from, to);
    } else {
      const { community, van } = this.vans[actor - households.length]!;
      vanEvents(this.world, this.world.communities[community]!, van, day, out);
    }
  }

  private isActing(actor: number) {
    return this.share >= 1 || shareDraw(this.world.seed, SHARE_STREAM, actor) < this.share;
  }

  /**
   * Local day `day`'s plans: the households' trips (a few small records each — never their events) and
   * the actors with a passage in each block.
   */
  private dayIndex(day: number): DayIndex {
    const known = this.days.get(day);
    if (known) return known;
    const blocks = new Map<number, number[]>();
    const index: DayIndex = { trips: [], blocks };
    const add = (actor: number, at: number) => {
      const first = Math.floor((at - LEG_SPREAD_MS) / BLOCK_MS);
      const last = Math.floor((at + LEG_SPREAD_MS) / BLOCK_MS);
      for (let b = first; b <= last; b++) {
        const actors = blocks.get(b);
        if (!actors) blocks.set(b, [actor]);
        else if (actors.at(-1) !== actor) actors.push(actor);
      }
    };
    const base = localDayStart(day);
    const { households, seed } = this.world;
    for (const household of households) {
      if (!this.isActing(household.index)) continue;
      const trips = planHouseholdDay(seed, household, day);
      index.trips[household.index] = trips;
      // A trip's events lie within minutes of its two gate passages.
      for (const trip of trips) {
        add(household.index, base + trip.out * 1000);
        add(household.index, base + trip.back * 1000);
      }
    }
    const scratch: Timed[] = [];
    for (let v = 0; v < this.vans.length; v++) {
      const actor = households.length + v;
      if (!this.isActing(actor)) continue;
      scratch.length = 0;
      this.actorDay(actor, day, scratch);
      for (const t of scratch) add(actor, t.at);
    }
    this.days.set(day, index);
    // Slices are asked in order; only the last few days can still be needed.
    for (const kept of this.days.keys())
      if (this.days.size > KEPT_DAYS && kept !== day) this.days.delete(kept);
    return index;
  }
}

/** The events of `world` in `[from, to)`, 15 minutes at a time: `new EventSimulator(world, options).stream(from, to)`. */
export function simulateEvents(
  world: SensingWorld,
  from: Date,
  to: Date,
  options: SimulationOptions = {},
): Generator<SimEvent[]> {
  return new EventSimulator(world, options).stream(from, to);
}
