// The sensing benchmark: events through `POST /api/v1/events` of a real civgrid server process (spawned,
// so its memory can be read) against a raw COPY of the same rows into the same table layout, then the
// insight queries over what was loaded. The contract's figures: ingest ≥ 0.5× raw COPY and ≥ 53,000
// events/s (the source's 190 million records in under an hour); trajectory p95 ≤ 20 ms, collision
// p95 ≤ 500 ms, contacts p95 ≤ 1 s; server memory under 500 MB.
import { performance } from 'node:perf_hooks';
import { makeIdNumber } from '@civgrid/domain';
import { planCity } from '@civgrid/sim';
import { sql } from 'kysely';
import type pg from 'pg';
import { cityRoot } from '../apps/server/src/modules/org/service.ts';
import { PartitionKeeper } from '../apps/server/src/modules/sensing/partitions.ts';
import { createApiKey } from '../apps/server/src/modules/system/service.ts';
import { systemActor } from '../apps/server/src/platform/actor.ts';
import type { Context } from '../apps/server/src/platform/context.ts';
import { copyLine, copyText } from '../apps/server/src/platform/copy.ts';
import { seedCity } from '../apps/server/src/seed/seed-city.ts';
import { type BenchResult, compare, type Sample, sample } from './measure.ts';
import { peakMb, rawPoster, startServer, stopServer } from './server.ts';

const BATCH = 1_000;
const SENDERS = 4;
const DAY_MS = 86_400_000;

export interface BenchDevice {
  id: string;
  code: string;
  type: 'face' | 'plate' | 'door' | 'wifi';
  community: number;
}

/** A deterministic stream of contract events: each device sees the people, cars and phones of its own
 *  community, in time order across the span (gateways upload as they go). */
export class EventStream {
  private seed = 1;
  readonly persons: string[][];
  readonly plates: string[][];
  readonly macs: string[][];

  constructor(
    readonly devices: BenchDevice[],
    communities: number,
    identities: number,
    readonly total: number,
    readonly start: number,
    readonly spanMs: number,
  ) {
    const per = Math.max(10, Math.floor(identities / communities));
    let serial = 0;
    const plateChars = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';
    this.persons = Array.from({ length: communities }, () =>
      Array.from({ length: per }, () => {
        const n = serial++;
        return makeIdNumber(
          '131002',
          { year: 1950 + (n % 55), month: 1 + (n % 12), day: 1 + (Math.floor(n / 12) % 28) },
          Math.floor(n / 660) % 1000,
        );
      }),
    );
    this.plates = Array.from({ length: communities }, (_, c) =>
      Array.from({ length: Math.ceil(per / 3) }, (_, i) => {
        let n = c * 100_000 + i;
        let tail = '';
        for (let k = 0; k < 5; k++) {
          tail += plateChars[n % plateChars.length];
          n = Math.floor(n / plateChars.length);
        }
        return `冀R${tail}`;
      }),
    );
    this.macs = Array.from({ length: communities }, (_, c) =>
      Array.from({ length: Math.ceil(per / 2) }, (_, i) =>
        [0x02, c >> 8, c & 255, i >> 16, (i >> 8) & 255, i & 255]
          .map((b) => b.toString(16).padStart(2, '0'))
          .join(':'),
      ),
    );
  }

  private random(): number {
    // xorshift: fast and the same in both runs of the stream.
    this.seed ^= this.seed << 13;
    this.seed ^= this.seed >>> 17;
    this.seed ^= this.seed << 5;
    return (this.seed >>> 0) / 4_294_967_296;
  }

  reset() {
    this.seed = 1;
  }

  // A method, not a closure made in `event`: tsx names every closure it makes (esbuild's keepNames), and
  // that call, a million times, cost more than the rest of the event.
  private pick<T>(pool: T[]): T {
    return pool[Math.floor(this.random() * pool.length)]!;
  }

  /** Event `i` of the stream (call in order after `reset`). */
  event(i: number) {
    const device = this.devices[Math.floor(this.random() * this.devices.length)]!;
    const time = new Date(
      this.start + Math.floor((i / this.total) * this.spanMs) + Math.floor(this.random() * 1000),
    );
    const base = {
      eventId: `b${i}`,
      deviceCode: device.code,
      type: device.type,
      time: time.toISOString(),
      direction: this.random() < 0.5 ? 'in' : 'out',
    };
    if (device.type === 'plate')
      return {
        device,
        time,
        identity: this.pick(this.plates[device.community]!),
        event: { ...base, plate: null as string | null },
      };
    if (device.type === 'wifi')
      return {
        device,
        time,
        identity: this.pick(this.macs[device.community]!),
        event: { ...base, mac: null as string | null },
      };
    return {
      device,
      time,
      identity: this.pick(this.persons[device.community]!),
      event: { ...base, idNumber: null as string | null },
    };
  }
}

/** The city's sensing devices, each with the number of its community (village). */
export async function benchDevices(ctx: Context): Promise<{ devices: BenchDevice[]; communities: number }> {
  const rows = await sql<{ id: string; code: string; type: BenchDevice['type']; village: string }>`
    select id, code, type, subpath(org_path, 0, 4)::text as village from device
    where type in ('face', 'plate', 'door', 'wifi') order by code`.execute(ctx.db);
  const villages = [...new Set(rows.rows.map((r) => r.village))];
  const devices = rows.rows.map((r) => ({
    id: r.id,
    code: r.code,
    type: r.type,
    community: villages.indexOf(r.village),
  }));
  return { devices, communities: villages.length };
}

export function withIdentity(e: ReturnType<EventStream['event']>) {
  const event = e.event as Record<string, unknown>;
  if ('plate' in event) event.plate = e.identity;
  else if ('mac' in event) event.mac = e.identity;
  else event.idNumber = e.identity;
  return event;
}

/** The same event as JSON text, written out directly: the senders share the two cores with the server,
 *  and building objects to stringify them cost them twice as much. The values hold no character JSON must
 *  escape. */
export function eventJson(e: ReturnType<EventStream['event']>): string {
  const { eventId, deviceCode, type, time, direction } = e.event;
  const field = 'plate' in e.event ? 'plate' : 'mac' in e.event ? 'mac' : 'idNumber';
  return `{"eventId":"${eventId}","deviceCode":"${deviceCode}","type":"${type}","time":"${time}","direction":"${direction}","${field}":"${e.identity}"}`;
}

export async function sensingBenchmarks(
  ctx: Context,
  pool: pg.Pool,
  url: string,
  options: { events: number; smoke: boolean },
): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const log = (line: string) => process.stdout.write(`${line}\n`);
  // Devices and units of the whole city (157 smart communities); the registers stay small, the
  // identities in the events are the city's people all the same.
  await seedCity(pool, ctx.crypto, planCity({ scale: options.smoke ? 'test' : 'city', residents: 2_000 }));
  const { devices, communities } = await benchDevices(ctx);
  const total = options.events;
  const spanDays = total > 50_000_000 ? 80 : 30;
  const end = Date.now() - 60_000;
  const start = end - spanDays * DAY_MS;
  const identities = Math.min(1_000_000, Math.max(1_000, Math.floor(total / 20)));
  const stream = new EventStream(devices, communities, identities, total, start, spanDays * DAY_MS);
  log(
    `sensing: ${total.toLocaleString()} events over ${spanDays} days, ${devices.length} devices in ${communities} communities`,
  );

  // Baseline: the same rows, already resolved, COPYed straight into a table of the store's layout.
  const keeper = new PartitionKeeper(ctx);
  await keeper.ensure(new Date(start), new Date(end));
  await sql`create table bench_event (like sensing_event including all) partition by range (time)`.execute(
    ctx.db,
  );
  const days = await sql<{ name: string; bound: string }>`
    select c.relname as name, pg_get_expr(c.relpartbound, c.oid) as bound
    from pg_inherits i join pg_class c on c.oid = i.inhrelid where i.inhparent = 'sensing_event'::regclass`.execute(
    ctx.db,
  );
  for (const d of days.rows)
    await sql.raw(`create table bench_${d.name} partition of bench_event ${d.bound}`).execute(ctx.db);
  const subjectIds = new Map<string, number>();
  stream.reset();
  const copyStart = performance.now();
  const client = await pool.connect();
  try {
    for (let i = 0; i < total; i += BATCH * 10) {
      const lines: string[] = [];
      for (let j = i; j < Math.min(total, i + BATCH * 10); j++) {
        const e = stream.event(j);
        let id = subjectIds.get(e.identity);
        if (id === undefined) {
          id = subjectIds.size + 1;
          subjectIds.set(e.identity, id);
        }
        lines.push(
          copyLine([
            e.time.toISOString(),
            e.device.id,
            e.event.eventId,
            e.device.type,
            e.event.direction,
            id,
            null,
            null,
          ]),
        );
      }
      await copyText(
        client,
        'bench_event',
        ['time', 'device_id', 'event_id', 'type', 'direction', 'subject_id', 'confidence', 'snapshot_ref'],
        lines,
      );
    }
  } finally {
    client.release();
  }
  const copyMs = performance.now() - copyStart;
  log(`  raw COPY: ${(total / (copyMs / 1000)).toFixed(0)} events/s`);
  await sql`drop table bench_event`.execute(ctx.db);

  // Through the server: JSON batches of 1,000 from four concurrent senders, as gateways send them.
  const root = (await cityRoot(ctx.db))!;
  const { key } = await createApiKey(ctx, systemActor(root, 'bench'), 'bench gateway');
  const port = 18_000 + (process.pid % 1000);
  const server = await startServer(url, port);
  let httpMs = 0;
  let accepted = 0;
  try {
    stream.reset();
    let next = 0;
    let lastReport = performance.now();
    const httpStart = performance.now();
    const generatorCpu = process.cpuUsage();
    const post = rawPoster(`http://127.0.0.1:${port}/api/v1/events`, {
      authorization: `Bearer ${key}`,
      'content-type': 'application/json',
    });
    const sender = async () => {
      while (next < total) {
        const from = next;
        next = Math.min(total, next + BATCH);
        const body: string[] = [];
        for (let j = from; j < next; j++) body.push(eventJson(stream.event(j)));
        const payload = `[${body.join(',')}]`;
        for (;;) {
          const response = await post(payload);
          if (response.status === 503) {
            await new Promise((r) => setTimeout(r, 200));
            continue;
          }
          const answer = JSON.parse(response.text) as { accepted: number; rejected: unknown[] };
          if (response.status !== 200 || answer.rejected.length > 0)
            throw new Error(`ingest failed: ${response.status} ${response.text.slice(0, 300)}`);
          accepted += answer.accepted;
          break;
        }
        if (performance.now() - lastReport > 10_000) {
          lastReport = performance.now();
          log(
            `  ingest: ${next.toLocaleString()} sent, ${(next / ((lastReport - httpStart) / 1000)).toFixed(0)} events/s`,
          );
        }
      }
    };
    await Promise.all(Array.from({ length: SENDERS }, sender));
    httpMs = performance.now() - httpStart;
    const memory = peakMb(server.pid!);
    // The senders share the two cores with the server and PostgreSQL: what they took is printed beside it.
    const used = process.cpuUsage(generatorCpu);
    const generatorShare = (used.user + used.system) / 1000 / httpMs;
    log(
      `  ingest: ${(total / (httpMs / 1000)).toFixed(0)} events/s; server peak memory ${memory.toFixed(0)} MB; ` +
        `the senders used ${(generatorShare * 100).toFixed(0)} % of a core`,
    );
    if (accepted !== total) throw new Error(`accepted ${accepted} of ${total}`);
    const rate = (ms: number): Sample => ({
      n: total,
      meanMs: ms / total,
      p50Ms: ms / total,
      p95Ms: ms / total,
    });
    results.push(
      compare(
        `ingest ${total.toLocaleString()} events (HTTP)`,
        `POST /api/v1/events, batches of ${BATCH}, ${SENDERS} senders; mean = ms per event; server peak ${memory.toFixed(0)} MB`,
        rate(httpMs),
        'raw COPY of the same rows',
        rate(copyMs),
      ),
    );

    // Autovacuum visits freshly loaded partitions within minutes of a load; done here first, so that the
    // queries are timed on the store as it settles and not beside a vacuum that may or may not run.
    const vacuumStart = performance.now();
    await sql`vacuum (analyze) sensing_event`.execute(ctx.db);
    log(`  store vacuumed and analysed in ${((performance.now() - vacuumStart) / 1000).toFixed(0)} s`);
    results.push(...(await queryBenchmarks(ctx, port, stream, devices, end, options.smoke)));
  } finally {
    await stopServer(server);
  }
  return results;
}

async function queryBenchmarks(
  ctx: Context,
  port: number,
  stream: EventStream,
  devices: BenchDevice[],
  end: number,
  smoke: boolean,
): Promise<BenchResult[]> {
  const base = `http://127.0.0.1:${port}`;
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'civgrid-demo' }),
  });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const ask = async (path: string, body: object) => {
    const response = await fetch(`${base}/api/v1/insight/${path}`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ ...body, purpose: { reason: '性能测试' } }),
    });
    if (response.status !== 200) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return response.json();
  };
  const iso = (t: number) => new Date(t).toISOString();
  const people = stream.persons.flat();
  const n = smoke ? 10 : 200;
  const person = (i: number) => people[(i * 7919) % people.length]!;
  const subjectOf = async (idNumber: string) =>
    (
      await ctx.db
        .selectFrom('sensing_subject')
        .select('id')
        .where('hash', '=', ctx.crypto.keyedHash(idNumber))
        .executeTakeFirst()
    )?.id ?? '0';
  const ids = await Promise.all(Array.from({ length: n }, (_, i) => subjectOf(person(i))));
  const results: BenchResult[] = [];

  results.push(
    compare(
      'trajectory (30 days, one person)',
      'POST /api/v1/insight/trajectory: scope, purpose, audit, HTTP',
      await sample(n, (i) =>
        ask('trajectory', {
          subject: { type: 'person', idNumber: person(i) },
          from: iso(end - 30 * DAY_MS),
          to: iso(end),
        }),
      ),
      "the same person's events, bare SQL",
      await sample(n, (i) =>
        sql`select time, device_id from sensing_event where subject_id = ${ids[i]} and time between ${new Date(end - 30 * DAY_MS)} and ${new Date(end)} order by time`.execute(
          ctx.db,
        ),
      ),
    ),
  );

  const gates = (i: number) =>
    Array.from({ length: 20 }, (_, k) => devices[(i * 31 + k * 7) % devices.length]!.code);
  const window = (i: number, d: number) => ({
    from: iso(end - (d + 1 + (i % 5)) * DAY_MS),
    to: iso(end - (d + (i % 5)) * DAY_MS),
  });
  const m = smoke ? 5 : 50;
  results.push(
    compare(
      'collision (2 conditions × 20 devices × 24 h)',
      'POST /api/v1/insight/collision, persons in both conditions',
      await sample(m, (i) =>
        ask('collision', {
          subjectType: 'person',
          conditions: [
            { deviceCodes: gates(i), ...window(i, 1) },
            { deviceCodes: gates(i + 1), ...window(i, 3) },
          ],
        }),
      ),
      'one condition, bare SQL group by',
      await sample(m, async (i) => {
        const codes = gates(i);
        const w = window(i, 1);
        return sql`select subject_id, count(*) from sensing_event e join device d on d.id = e.device_id
                   where d.code = any(${codes}) and e.time between ${new Date(w.from)} and ${new Date(w.to)} group by subject_id`.execute(
          ctx.db,
        );
      }),
    ),
  );

  results.push(
    compare(
      'contacts (14 days, ±15 min)',
      'POST /api/v1/insight/contacts for one person',
      await sample(m, (i) =>
        ask('contacts', {
          subject: { type: 'person', idNumber: person(i) },
          from: iso(end - 14 * DAY_MS),
          to: iso(end),
          windowMinutes: 15,
        }),
      ),
      'trajectory of the same person, 14 days',
      await sample(m, (i) =>
        ask('trajectory', {
          subject: { type: 'person', idNumber: person(i) },
          from: iso(end - 14 * DAY_MS),
          to: iso(end),
        }),
      ),
    ),
  );
  return results;
}
