// The ingestion pipeline all three doors (HTTP, MQTT, GA/T 1400) feed: validate → resolve devices and
// identities → COPY into the store, its primary key the duplicate check (on a duplicate: COPY into a
// staging table, then insert only what is new) → commit → acknowledge. A batch is answered only after its
// commit, so an acknowledged event is never lost, and every event is counted once: accepted + duplicates +
// rejected (dead-lettered) = sent.
import {
  checkSensingEvent,
  type EventRejectionCode,
  type Message,
  maskIdNumber,
  oldestKeptDay,
  type SensingEvent,
  startOfLocalDay,
} from '@civgrid/domain';
import type pg from 'pg';
import type { Actor } from '../../platform/actor.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { Context } from '../../platform/context.ts';
import { copyField, copyText } from '../../platform/copy.ts';
import { withClientTransaction } from '../../platform/db.ts';
import type { Lang } from '../../platform/errors.ts';
import { matchWatchlist } from '../watchlist/hits.ts';
import { DeviceDirectory, type KnownDevice, maySendFor } from './devices.ts';
import { PartitionKeeper } from './partitions.ts';
import { identityKey, SubjectDirectory } from './subjects.ts';

export type IngestSource = 'http' | 'mqtt' | 'viid';

export interface IngestResult {
  accepted: number;
  duplicates: number;
  rejected: { index: number; code: EventRejectionCode; message: string }[];
}

/** Per process and database: the caches and the gate that bounds work in flight. */
export interface IngestState {
  devices: DeviceDirectory;
  subjects: SubjectDirectory;
  partitions: PartitionKeeper;
  gate: Gate;
  /** When each device's `device_status.last_event_at` was last written, to write it at most every 10 s. */
  statusWritten: Map<string, number>;
}

const states = new WeakMap<Context, IngestState>();
export function ingestState(ctx: Context): IngestState {
  let state = states.get(ctx);
  if (!state) {
    state = {
      devices: new DeviceDirectory(ctx),
      subjects: new SubjectDirectory(ctx),
      partitions: new PartitionKeeper(ctx),
      gate: new Gate(4, 16),
      statusWritten: new Map(),
    };
    states.set(ctx, state);
  }
  return state;
}

/** Bounds the batches in flight: `running` at once, `waiting` more queued; beyond that the caller is told
 *  to come back (503 + Retry-After) instead of the process buffering without limit. */
export class Gate {
  private active = 0;
  private queue: (() => void)[] = [];
  constructor(
    private readonly running: number,
    private readonly waiting: number,
  ) {}

  /** Runs `work` when a slot frees, or answers `null` at once when the queue is full. */
  async run<T>(work: () => Promise<T>): Promise<T | null> {
    if (this.active >= this.running) {
      if (this.queue.length >= this.waiting) return null;
      await new Promise<void>((resolve) => this.queue.push(resolve));
    } else this.active++;
    try {
      return await work();
    } finally {
      const next = this.queue.shift();
      if (next) next();
      else this.active--;
    }
  }
}

/** The store's columns, in the order `storeLine` writes them. */
export const STORE_COLUMNS = [
  'time',
  'device_id',
  'event_id',
  'type',
  'direction',
  'subject_id',
  'confidence',
  'snapshot_ref',
] as const;
const staged = new WeakSet<pg.PoolClient>();

/** One row of the store in COPY text format. Written out by hand because it runs for every event: only the
 *  device's own strings (event id, snapshot reference) can hold characters COPY must escape. */
export function storeLine(event: SensingEvent, deviceId: string, subjectId: string | null): string {
  return `${event.timeText}\t${deviceId}\t${copyField(event.eventId)}\t${event.type}\t${event.direction ?? '\\N'}\t${
    subjectId ?? '\\N'
  }\t${event.confidence ?? '\\N'}\t${event.snapshotRef === null ? '\\N' : copyField(event.snapshotRef)}\n`;
}

interface Rejection {
  index: number;
  code: EventRejectionCode;
  message: Message;
  raw: unknown;
}

/** Ingests one batch; `null` when the pipeline is full (the caller answers 503 with Retry-After).
 *  `channels`, when given, names the device each event arrived for (its MQTT topic); an event that names
 *  another device is refused as UNKNOWN_DEVICE. */
export async function ingestEvents(
  ctx: Context,
  actor: Actor,
  raws: readonly unknown[],
  source: IngestSource,
  lang: Lang = 'zh',
  channels?: readonly string[],
): Promise<IngestResult | null> {
  const state = ingestState(ctx);
  return state.gate.run(() => ingestNow(ctx, state, actor, raws, source, lang, channels));
}

async function ingestNow(
  ctx: Context,
  state: IngestState,
  actor: Actor,
  raws: readonly unknown[],
  source: IngestSource,
  lang: Lang,
  channels: readonly string[] | undefined,
): Promise<IngestResult> {
  const now = ctx.now();
  const { timezone, retentionDays } = ctx.config;
  const oldest = startOfLocalDay(oldestKeptDay(now, retentionDays, timezone), timezone);
  const rejections: Rejection[] = [];
  const valid: { index: number; event: SensingEvent }[] = [];
  raws.forEach((raw, index) => {
    const check = checkSensingEvent(raw, now, oldest);
    if (check.ok) valid.push({ index, event: check.event });
    else rejections.push({ index, code: check.code, message: check.message, raw });
  });

  const devices = await state.devices.find(new Set(valid.map((v) => v.event.deviceCode)));
  const writable: { event: SensingEvent; device: KnownDevice }[] = [];
  for (const { index, event } of valid) {
    const device = devices.get(event.deviceCode);
    const isOffChannel = channels !== undefined && channels[index] !== event.deviceCode;
    if (device && maySendFor(actor, device) && !isOffChannel) writable.push({ event, device });
    else {
      const message = isOffChannel ? OFF_CHANNEL : UNKNOWN_DEVICE;
      rejections.push({ index, code: 'UNKNOWN_DEVICE', message, raw: raws[index] });
    }
  }

  const subjectIds = await state.subjects.idsFor(
    writable.flatMap(({ event }) => (event.identity ? [event.identity] : [])),
  );
  let earliest = now;
  let latest = now;
  const lines: string[] = [];
  for (const { event, device } of writable) {
    if (event.time < earliest) earliest = event.time;
    if (event.time > latest) latest = event.time;
    const subject = event.identity ? subjectIds.get(identityKey(event.identity))! : null;
    lines.push(storeLine(event, device.id, subject));
  }
  if (lines.length > 0) await state.partitions.ensure(earliest, latest);

  rejections.sort((a, b) => a.index - b.index);
  const write = (careful: boolean) =>
    withClientTransaction(ctx.pool, async (client, db) => {
      const inserted = lines.length === 0 ? 0 : await store(client, lines, careful);
      if (rejections.length > 0) await deadLetter(client, actor, source, rejections, now);
      await appendAudit(
        db,
        actor,
        {
          action: 'sensing.ingest',
          details: {
            source,
            sent: raws.length,
            accepted: inserted,
            duplicates: lines.length - inserted,
            rejected: rejections.length,
          },
        },
        now,
      );
      return inserted;
    });
  // Devices rarely repeat themselves, so a batch first goes the fast way; one that meets a duplicate (a
  // replay, a resend after a crash) was rolled back whole and goes again the careful way.
  const accepted = await retryOnDeadlock(() =>
    write(false).catch((error) => {
      if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
      return write(true);
    }),
  );
  await markDevicesSeen(ctx, state, writable, now);
  // Watchlist hits become alerts before the batch is acknowledged; matched in memory, free without one.
  await matchWatchlist(ctx, writable, subjectIds, now);
  return {
    accepted,
    duplicates: writable.length - accepted,
    rejected: rejections.map((r) => ({ index: r.index, code: r.code, message: r.message[lang] })),
  };
}

/** Writes the rows into the store; answers how many were new. The fast way COPYs them straight into the
 *  store, where the primary key is the duplicate check: as fast as a raw COPY, and a duplicate fails the
 *  transaction. The careful way COPYs them into a staging table, then inserts what is new, in key order. */
async function store(client: pg.PoolClient, lines: string[], careful: boolean): Promise<number> {
  if (!careful) {
    await copyText(client, 'sensing_event', STORE_COLUMNS, lines);
    return lines.length;
  }
  if (!staged.has(client)) {
    await client.query(
      'create temp table if not exists sensing_stage (like sensing_event including defaults) on commit delete rows',
    );
    staged.add(client);
  }
  await copyText(client, 'sensing_stage', STORE_COLUMNS, lines);
  const result = await client.query(
    'insert into sensing_event select * from sensing_stage order by device_id, time, event_id on conflict do nothing',
  );
  return result.rowCount ?? 0;
}

const UNIQUE_VIOLATION = '23505';
const DEADLOCK = '40P01';

/** Two batches replaying the same events can lock each other's rows in opposite orders (the fast path
 *  writes in arrival order); PostgreSQL then aborts one. Nothing of it was committed, so it runs again. */
async function retryOnDeadlock<T>(work: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if ((error as { code?: string }).code !== DEADLOCK || attempt >= attempts) throw error;
    }
  }
}

const UNKNOWN_DEVICE: Message = {
  zh: '设备未登记，或不在此密钥的范围内',
  en: 'no such device, or not one this key may send for',
};
const OFF_CHANNEL: Message = {
  zh: '事件的 deviceCode 与其主题中的设备不一致',
  en: "the event's deviceCode is not the device its topic names",
};

/** What may be kept of a rejected event: identity fields masked, long values cut. */
function redact(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return { value: String(raw).slice(0, 200) };
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw).slice(0, 20)) {
    if (typeof value === 'string' && key === 'idNumber') copy[key] = maskIdNumber(value);
    else if (typeof value === 'string' && (key === 'mac' || key === 'cardNo' || key === 'plate'))
      copy[key] = `${value.slice(0, 2)}***`;
    else copy[key] = typeof value === 'string' ? value.slice(0, 200) : value;
  }
  return copy;
}

async function deadLetter(
  client: pg.PoolClient,
  actor: Actor,
  source: IngestSource,
  rejections: Rejection[],
  now: Date,
) {
  const field = (raw: unknown, key: string) => {
    const value = (raw as Record<string, unknown> | null)?.[key];
    return typeof value === 'string' ? value.slice(0, 64) : null;
  };
  await client.query(
    `insert into sensing_dead_letter (received_at, source, api_key_id, device_code, event_id, code, message, payload)
     select $1, $2, $3, d, e, c, m, p
     from unnest($4::text[], $5::text[], $6::text[], $7::text[], $8::jsonb[]) as u(d, e, c, m, p)`,
    [
      now,
      source,
      actor.kind === 'apikey' ? actor.id : null,
      rejections.map((r) => field(r.raw, 'deviceCode')),
      rejections.map((r) => field(r.raw, 'eventId')),
      rejections.map((r) => r.code),
      rejections.map((r) => r.message.en),
      rejections.map((r) => JSON.stringify(redact(r.raw))),
    ],
  );
}

/** Records that the batch's devices were heard from. Outside the batch's transaction and at most every
 *  ten seconds per device: a shared status row locked by every batch would serialise them. */
async function markDevicesSeen(
  ctx: Context,
  state: IngestState,
  writable: { device: KnownDevice }[],
  now: Date,
) {
  const due = new Set<string>();
  for (const { device } of writable) {
    if (now.getTime() - (state.statusWritten.get(device.id) ?? 0) >= 10_000) due.add(device.id);
  }
  if (due.size === 0) return;
  const ids = [...due].sort();
  for (const id of ids) state.statusWritten.set(id, now.getTime());
  await ctx.pool.query(
    `insert into device_status (device_id, last_event_at) select unnest($1::bigint[]), $2
     on conflict (device_id) do update
       set last_event_at = greatest(device_status.last_event_at, excluded.last_event_at)`,
    [ids, now],
  );
}
