// Simulated sensing events for a seeded city (packages/sim's event simulator), ingested as civgrid itself
// (the system actor of the city root). Two uses: a backfill of the last days when the demo city is
// seeded, so dossiers, trajectories and the device map have data at once; and `simulate`, a live feed at
// a chosen rate. The live feed goes through the ingestion pipeline devices use. The backfill of an empty
// store takes the pipeline's steps — validation, devices, identity resolution (door cards to their
// holders), partitions — but COPYs straight into the store in one transaction, skipping the staging
// table and the duplicate check, which cost most of the pipeline's time and have nothing to find there.
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { checkSensingEvent, oldestKeptDay, type SensingEvent, startOfLocalDay } from '@civgrid/domain';
import {
  type CityPlan,
  EventSimulator,
  planCity,
  type Scale,
  type SensingWorld,
  SensingWorldBuilder,
  type SimEvent,
} from '@civgrid/sim';
import { cityRoot } from '../modules/org/service.ts';
import {
  type IngestResult,
  ingestEvents,
  ingestState,
  STORE_COLUMNS,
  storeLine,
} from '../modules/sensing/ingest.ts';
import { identityKey } from '../modules/sensing/subjects.ts';
import { type Actor, systemActor } from '../platform/actor.ts';
import { appendAudit } from '../platform/audit.ts';
import type { Context } from '../platform/context.ts';
import { copyText } from '../platform/copy.ts';
import { withClientTransaction } from '../platform/db.ts';
import { seededPlanOptions } from './seed-city.ts';

export interface FeedCounts {
  sent: number;
  accepted: number;
  duplicates: number;
  rejected: number;
}

const BATCH = 5000;
const DAY_MS = 86_400_000;

/** The sensing world of `plan`, built a few buildings at a time so a running server stays responsive. */
export async function loadSensingWorld(plan: CityPlan): Promise<SensingWorld> {
  const builder = new SensingWorldBuilder(plan);
  let buildings = 0;
  for (const household of plan.households()) {
    builder.add(household);
    if (++buildings % 50 === 0) await yieldToLoop();
  }
  return builder.world();
}

/** The plan the database was seeded with (`null` when it holds no seeded city). */
export async function seededPlan(ctx: Context): Promise<CityPlan | null> {
  const options = await seededPlanOptions(ctx.pool);
  return options ? planCity(options) : guessSeededPlan(ctx);
}

const SCALE_BY_GRIDS: Record<number, Scale> = { 8: 'test', 60: 'demo', 4756: 'city' };

/**
 * For a database seeded before the seed recorded its plan: the default-seed plan of the scale its grid
 * count names, for as many residents as it holds — kept only when its first resident is the plan's.
 */
async function guessSeededPlan(ctx: Context): Promise<CityPlan | null> {
  const { rows } = await ctx.pool.query<{ grids: number; persons: number; first: Buffer | null }>(
    `select (select count(*)::int from org_unit where level = 'grid') as grids,
            (select count(*)::int from person) as persons,
            (select id_number_hash from person where id = 1) as first`,
  );
  const { grids, persons, first } = rows[0]!;
  const scale = SCALE_BY_GRIDS[grids];
  if (!scale || !first) return null;
  let plan: CityPlan;
  try {
    plan = planCity({ scale, residents: persons });
  } catch {
    return null;
  }
  const building = plan.households().next();
  const firstResident = building.done
    ? undefined
    : building.value.houses.find((h) => h.persons.length > 0)?.persons[0];
  return firstResident && ctx.crypto.keyedHash(firstResident.idNumber).equals(first) ? plan : null;
}

/** civgrid itself, for the whole city: what simulated events are ingested as. */
export async function simulatorActor(ctx: Context, name: string): Promise<Actor> {
  const root = await cityRoot(ctx.db);
  if (!root) throw new Error('no city to simulate: seed one first');
  return systemActor(root, name);
}

/** Sends one batch, waiting while the pipeline is full (it answers `null` then). */
export async function sendBatch(ctx: Context, actor: Actor, events: SimEvent[]): Promise<IngestResult> {
  for (let wait = 50; ; wait = Math.min(wait * 2, 2000)) {
    const result = await ingestEvents(ctx, actor, events, 'http', 'en');
    if (result) return result;
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

export const addCounts = (counts: FeedCounts, sent: number, result: IngestResult) => {
  counts.sent += sent;
  counts.accepted += result.accepted;
  counts.duplicates += result.duplicates;
  counts.rejected += result.rejected.length;
};

/**
 * Loads the simulated events of the `days` days up to now (`ctx.now()`) for `plan`, which must be the
 * plan the database was seeded with. In bulk when the store holds nothing in that span; otherwise
 * through the pipeline, so a replay stores nothing twice (event ids are fixed by the plan).
 */
export async function backfillEvents(
  ctx: Context,
  plan: CityPlan,
  days: number,
  onProgress?: (done: number, total: number) => void,
): Promise<FeedCounts> {
  const actor = await simulatorActor(ctx, 'seed');
  const world = await loadSensingWorld(plan);
  const to = ctx.now();
  const from = new Date(to.getTime() - days * DAY_MS);
  // Progress in simulated minutes.
  const minutes = (at: number) => Math.round((at - from.getTime()) / 60_000);
  const progress = (slice: SimEvent[]) =>
    onProgress?.(minutes(new Date(slice.at(-1)!.time).getTime()), minutes(to.getTime()));
  // Hour slices: each household's day is recomputed for fewer slices than with the default quarter hours.
  const slices = new EventSimulator(world).stream(from, to, 3_600_000);
  const { rows } = await ctx.pool.query(
    'select 1 from sensing_event where time >= $1 and time < $2 limit 1',
    [from, to],
  );
  const counts =
    rows.length === 0
      ? await copyEvents(ctx, actor, from, to, slices, progress)
      : await sendEvents(ctx, actor, slices, progress);
  onProgress?.(minutes(to.getTime()), minutes(to.getTime()));
  return counts;
}

async function sendEvents(
  ctx: Context,
  actor: Actor,
  slices: Iterable<SimEvent[]>,
  progress: (slice: SimEvent[]) => void,
): Promise<FeedCounts> {
  const counts: FeedCounts = { sent: 0, accepted: 0, duplicates: 0, rejected: 0 };
  let batch: SimEvent[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    addCounts(counts, batch.length, await sendBatch(ctx, actor, batch));
    batch = [];
  };
  for (const slice of slices) {
    for (const event of slice) {
      batch.push(event);
      if (batch.length >= BATCH) await flush();
    }
    progress(slice);
  }
  await flush();
  return counts;
}

/** The pipeline's steps without its staging table and duplicate check, for a span the store has nothing of. */
async function copyEvents(
  ctx: Context,
  actor: Actor,
  from: Date,
  to: Date,
  slices: Iterable<SimEvent[]>,
  progress: (slice: SimEvent[]) => void,
): Promise<FeedCounts> {
  const { subjects, partitions } = ingestState(ctx);
  const now = ctx.now();
  const { timezone, retentionDays } = ctx.config;
  const oldest = startOfLocalDay(oldestKeptDay(now, retentionDays, timezone), timezone);
  const devices = new Map(
    (await ctx.db.selectFrom('device').select(['id', 'code']).where('type', '!=', 'phone').execute()).map(
      (d) => [d.code, d.id],
    ),
  );
  await partitions.ensure(from, to);
  const counts: FeedCounts = { sent: 0, accepted: 0, duplicates: 0, rejected: 0 };
  // Times are the simulator's ISO strings, which sort as the instants they name (one offset).
  const lastSeen = new Map<string, string>();
  await withClientTransaction(ctx.pool, async (client, db) => {
    let batch: SimEvent[] = [];
    const flush = async () => {
      const valid: { raw: SimEvent; event: SensingEvent; device: string }[] = [];
      for (const raw of batch) {
        const check = checkSensingEvent(raw, now, oldest);
        const device = check.ok ? devices.get(check.event.deviceCode) : undefined;
        if (check.ok && device) valid.push({ raw, event: check.event, device });
      }
      counts.sent += batch.length;
      counts.rejected += batch.length - valid.length;
      counts.accepted += valid.length;
      batch = [];
      const ids = await subjects.idsFor(
        valid.flatMap(({ event }) => (event.identity ? [event.identity] : [])),
      );
      const lines: string[] = [];
      for (const { raw, event, device } of valid) {
        lastSeen.set(device, raw.time);
        lines.push(storeLine(event, device, event.identity ? ids.get(identityKey(event.identity))! : null));
      }
      await copyText(client, 'sensing_event', STORE_COLUMNS, lines);
    };
    for (const slice of slices) {
      for (const event of slice) batch.push(event);
      if (batch.length >= 4 * BATCH) await flush();
      progress(slice);
    }
    if (batch.length > 0) await flush();
    await client.query(
      `insert into device_status (device_id, last_event_at)
       select * from unnest($1::bigint[], $2::timestamptz[])
       on conflict (device_id) do update
         set last_event_at = greatest(device_status.last_event_at, excluded.last_event_at)`,
      [[...lastSeen.keys()], [...lastSeen.values()]],
    );
    await appendAudit(
      db,
      actor,
      { action: 'sensing.ingest', details: { source: 'simulator', ...counts } },
      now,
    );
  });
  return counts;
}
