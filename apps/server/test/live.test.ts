// The live push (GET /api/v1/live, Server-Sent Events) across two server processes on one database, each
// with its own listening connection: an alert raised through one reaches clients of the other, a watchlist
// hit within a second of the event's acknowledgement; changes are pushed too; a client that reconnects with
// its last event id misses nothing, however the raising and the reconnecting interleave; and clients get
// exactly the alerts of their jurisdiction (randomised, zero leaks).
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type AlertCandidate, makeIdNumber } from '@civgrid/domain';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { raiseAlerts } from '../src/modules/alerts/raise.ts';
import { hubOf } from '../src/modules/live/hub.ts';
import { systemActor } from '../src/platform/actor.ts';
import { chainCommitted } from '../src/platform/audit.ts';
import type { Context } from '../src/platform/context.ts';
import { type Database, openDatabase } from '../src/platform/db.ts';
import { createHarness, type Harness } from './harness.ts';

interface SseEvent {
  id: string | null;
  event: string;
  data: unknown;
}

/** A minimal EventSource: the events as they arrive, waiting for one, closing. */
class SseClient {
  readonly events: SseEvent[] = [];
  status = 0;
  isEnded = false;
  private waiters: (() => void)[] = [];
  private close: () => void = () => {};

  static open(port: number, cookie: string, lastEventId?: string): Promise<SseClient> {
    const client = new SseClient();
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          path: '/api/v1/live',
          headers: {
            cookie,
            accept: 'text/event-stream',
            ...(lastEventId ? { 'last-event-id': lastEventId } : {}),
          },
        },
        (res) => {
          client.status = res.statusCode ?? 0;
          let buffer = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            buffer += chunk;
            for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
              client.parse(buffer.slice(0, end));
              buffer = buffer.slice(end + 2);
            }
          });
          res.on('error', () => {}); // ended by us: the connection is reset
          res.on('end', () => {
            client.isEnded = true;
            client.wake();
          });
          resolve(client);
        },
      );
      req.on('error', (error) => (client.status ? undefined : reject(error)));
      client.close = () => req.destroy();
      req.end();
    });
  }

  private parse(block: string) {
    const fields = new Map<string, string>();
    for (const line of block.split('\n')) {
      const colon = line.indexOf(':');
      if (colon <= 0) continue;
      fields.set(line.slice(0, colon), line.slice(colon + 1).trimStart());
    }
    if (!fields.has('event') && !fields.has('data')) return;
    this.events.push({
      id: fields.get('id') ?? null,
      event: fields.get('event') ?? 'message',
      data: fields.has('data') ? JSON.parse(fields.get('data')!) : null,
    });
    this.wake();
  }

  private wake() {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  /** Resolves with the first event (from `from` on) that `match` accepts, or rejects after `ms`. */
  async next(match: (e: SseEvent) => boolean, ms = 5000, from = 0): Promise<SseEvent> {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = this.events.slice(from).find(match);
      if (found) return found;
      if (this.isEnded) throw new Error('stream ended');
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`no matching event within ${ms} ms (got ${JSON.stringify(this.events)})`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Ids of the alerts received, in order. */
  alertIds(): string[] {
    return this.events.filter((e) => e.event === 'alert').map((e) => (e.data as { id: string }).id);
  }

  get lastId(): string | null {
    return this.events.findLast((e) => e.id !== null)?.id ?? null;
  }

  end() {
    this.close();
  }
}

let h: Harness;
let second: { app: FastifyInstance; ctx: Context; database: Database };
const ports: number[] = [];
let key: string;
const cookies = new Map<string, string>();
let grids: { id: string; code: string; org_path: string }[];
let root: { code: string; name: string; org_path: string };
let counter = 0;

const as = async (username: string) => {
  if (!cookies.has(username)) cookies.set(username, await h.login(username));
  return cookies.get(username)!;
};
const sse = async (process: 0 | 1, username: string, lastEventId?: string) => {
  const client = await SseClient.open(ports[process]!, await as(username), lastEventId);
  if (client.status === 200 && !lastEventId) await client.next((e) => e.event === 'ready');
  return client;
};

/** Raises one alert in `grid` directly through raiseAlerts, from process `via`; answers its id. */
async function raiseIn(grid: { id: string; org_path: string }, via: Context = h.ctx): Promise<string> {
  const candidate: AlertCandidate = {
    rule: 'device-offline',
    dedupKey: `live-test:${++counter}`,
    situationAt: h.clock.now,
    severity: 'low',
    subject: null,
    houseId: null,
    buildingId: null,
    gridId: grid.id,
    orgPath: grid.org_path,
    evidence: { summary: { zh: '测试', en: 'test' }, figures: {}, thresholds: {}, events: [] },
    dispatchTo: 'grid-worker',
    ackMinutes: 60,
    quietHours: 0,
  };
  const raised = await via.db
    .transaction()
    .execute((tx) =>
      raiseAlerts(tx, [candidate], { actor: systemActor(root, 'test'), now: h.clock.now, source: 'test' }),
    );
  return raised[0]!.id;
}

const holds = (scope: string, path: string) => path === scope || path.startsWith(`${scope}.`);

beforeAll(async () => {
  h = await createHarness();
  // short heartbeats and session checks for the tests; set before the first stream makes the hub
  hubOf(h.ctx, { heartbeatMs: 300, sessionCheckMs: 300 });
  await h.app.listen({ port: 0, host: '127.0.0.1' });
  const database = openDatabase(h.ctx.config.databaseUrl!, 3);
  const ctx: Context = { ...h.ctx, db: database.db, pool: database.pool };
  hubOf(ctx, { heartbeatMs: 300, sessionCheckMs: 300 });
  second = { app: await buildApp(ctx, { serveWeb: false }), ctx, database };
  await second.app.listen({ port: 0, host: '127.0.0.1' });
  ports.push((h.app.server.address() as AddressInfo).port, (second.app.server.address() as AddressInfo).port);
  key = await h.apiKey('gateway');
  grids = await h.ctx.db
    .selectFrom('org_unit')
    .select(['id', 'code', 'org_path'])
    .where('level', '=', 'grid')
    .orderBy('code')
    .execute();
  root = (await h.ctx.db
    .selectFrom('org_unit')
    .select(['code', 'name', 'org_path'])
    .where('level', '=', 'city')
    .executeTakeFirst())!;
});
afterAll(async () => {
  await second.app.close();
  await second.database.close();
  await h.close();
});

describe('GET /api/v1/live', () => {
  it('is for users who may read alerts', async () => {
    const anonymous = await SseClient.open(ports[0]!, '');
    expect(anonymous.status).toBe(401);
    expect((await sse(0, 'dept')).status).toBe(403);
    expect((await sse(1, 'auditor')).status).toBe(403);
  });

  it('pushes a watchlist hit ingested by one process to a client of the other within a second of the acknowledgement', async () => {
    const onSecond = await sse(1, 'city');
    const onFirst = await sse(0, 'city');
    const idNumber = makeIdNumber('440106', { year: 1979, month: 8, day: 8 }, 1);
    const asked = await h.app.inject({
      method: 'POST',
      url: '/api/v1/watchlist',
      headers: { cookie: await as('county') },
      payload: {
        subject: { type: 'person', idNumber },
        reason: '测试布控',
        from: new Date(h.clock.now.getTime() - 3_600_000).toISOString(),
        to: new Date(h.clock.now.getTime() + 3_600_000).toISOString(),
      },
    });
    const approved = await h.app.inject({
      method: 'POST',
      url: `/api/v1/watchlist/${asked.json().id}/approve`,
      headers: { cookie: await as('city') },
      payload: {},
    });
    expect(approved.json().status).toBe('active');
    const gate = await h.ctx.db
      .selectFrom('device')
      .select('code')
      .where('type', '=', 'face')
      .orderBy('code')
      .executeTakeFirstOrThrow();
    const posted = await h.app.inject({
      method: 'POST',
      url: '/api/v1/events',
      headers: { authorization: `Bearer ${key}` },
      payload: [
        {
          eventId: 'live-hit-1',
          deviceCode: gate.code,
          type: 'face',
          time: new Date(h.clock.now.getTime() - 60_000).toISOString(),
          idNumber,
        },
      ],
    });
    const acknowledged = Date.now();
    expect(posted.json().accepted).toBe(1);
    const isHit = (e: SseEvent) =>
      e.event === 'alert' && (e.data as { rule: string }).rule === 'watchlist-hit';
    const pushed = await onSecond.next(isHit, 1000);
    expect(Date.now() - acknowledged).toBeLessThan(1000);
    expect(pushed.id).toMatch(/^\d+$/);
    expect(pushed.data).toMatchObject({
      rule: 'watchlist-hit',
      status: expect.any(String),
      evidence: { figures: { reason: '测试布控', deviceCode: gate.code } },
    });
    await onFirst.next(isHit, 1000);

    // A change is pushed too: acknowledging it in the second process reaches the first one's client.
    const alertId = (pushed.data as { id: string }).id;
    const from = onFirst.events.length;
    const ack = await second.app.inject({
      method: 'POST',
      url: `/api/v1/alerts/${alertId}/ack`,
      headers: { cookie: await as('city') },
      payload: {},
    });
    expect(ack.statusCode, ack.body).toBe(200);
    const changed = await onFirst.next(
      (e) => e.event === 'alert' && (e.data as { id: string; status: string }).status === 'acknowledged',
      2000,
      from,
    );
    expect((changed.data as { id: string }).id).toBe(alertId);
    expect(BigInt(changed.id!)).toBeGreaterThan(BigInt(pushed.id!));
    onFirst.end();
    onSecond.end();
  });

  it('resumes with Last-Event-ID without losing or repeating one, while alerts keep coming from both processes', async () => {
    // connected first: a stream without a last id starts from now
    let client = await sse(0, 'city');
    const raised: string[] = [];
    let isRaising = true;
    const raiser = (async () => {
      for (let i = 0; isRaising; i++) {
        raised.push(await raiseIn(grids[i % grids.length]!, i % 2 === 0 ? h.ctx : second.ctx));
        await new Promise((resolve) => setTimeout(resolve, 5 + (i % 4) * 10));
      }
    })();
    const received: string[] = [];
    let last = client.lastId!;
    for (let round = 0; round < 8; round++) {
      await new Promise((resolve) => setTimeout(resolve, 40 + round * 15));
      received.push(...client.alertIds());
      // as EventSource does, the last id seen on any connection (one cut before it sent anything keeps it)
      last = client.lastId ?? last;
      client.end();
      // gone for a while: alerts are raised meanwhile (one at least, whatever the machine's pace)
      raised.push(await raiseIn(grids[round % grids.length]!, round % 2 === 0 ? second.ctx : h.ctx));
      await new Promise((resolve) => setTimeout(resolve, 30 + round * 10));
      client = await SseClient.open(ports[(round + 1) % 2]!, await as('city'), last);
      expect(client.status).toBe(200);
    }
    while (raised.length < 30) await new Promise((resolve) => setTimeout(resolve, 10));
    isRaising = false;
    await raiser;
    const newest = raised.reduce((a, b) => (BigInt(a) > BigInt(b) ? a : b));
    await client.next((e) => e.event === 'alert' && (e.data as { id: string }).id === newest);
    received.push(...client.alertIds());
    client.end();
    // every alert raised while the client came and went arrived exactly once (two raisers at once: the
    // order of their answers here need not be the order of their commits, which the stream keeps)
    const fromTest = received.filter((id) => raised.includes(id));
    expect(new Set(fromTest).size).toBe(fromTest.length);
    expect([...fromTest].sort()).toEqual([...raised].sort());
    expect(client.events.filter((e) => e.event === 'resync')).toEqual([]);
    // and some of them came as a replay on reconnecting, not live
    await chainCommitted(h.ctx.db); // what the server's chainer does within half a second
    const replays = await sql<{ n: number }>`
      select coalesce(sum((details ->> 'replayed')::int), 0)::int as n from audit_log
      where action = 'alert.stream' and details ->> 'lastEventId' is not null`.execute(h.ctx.db);
    expect(replays.rows[0]!.n).toBeGreaterThan(0);
  });

  it('sends each client the alerts of its jurisdiction and nothing else (randomised)', async () => {
    const users = await h.ctx.db
      .selectFrom('app_user')
      .select(['username', 'org_path', 'role'])
      .where('role', 'in', [
        'city-centre',
        'county-centre',
        'township-centre',
        'village-centre',
        'grid-worker',
        'police',
      ])
      .where('disabled_at', 'is', null)
      .execute();
    await fc.assert(
      fc.asyncProperty(
        fc.shuffledSubarray(users, { minLength: 3, maxLength: 8 }),
        fc.array(fc.nat(grids.length - 1), { minLength: 5, maxLength: 25 }),
        async (chosen, picks) => {
          const clients = await Promise.all(
            chosen.map(async (u, i) => ({ user: u, client: await sse((i % 2) as 0 | 1, u.username) })),
          );
          const raised: { id: string; path: string }[] = [];
          for (const [i, pick] of picks.entries())
            raised.push({
              id: await raiseIn(grids[pick]!, i % 2 ? second.ctx : h.ctx),
              path: grids[pick]!.org_path,
            });
          // wait until each client has what it should, then a little longer for anything it should not get
          for (const { user, client } of clients) {
            const due = raised.filter((r) => holds(user.org_path, r.path)).map((r) => r.id);
            if (due.length > 0)
              await client.next((e) => e.event === 'alert' && (e.data as { id: string }).id === due.at(-1));
          }
          await new Promise((resolve) => setTimeout(resolve, 150));
          for (const { user, client } of clients) {
            const ids = new Set(raised.map((r) => r.id));
            const got = client.alertIds().filter((id) => ids.has(id));
            expect(got).toEqual(raised.filter((r) => holds(user.org_path, r.path)).map((r) => r.id));
            client.end();
          }
        },
      ),
      { numRuns: 12 },
    );
  });

  it('replays only what is in scope, says when it cannot, beats, and ends with the session', async () => {
    const worker = await sse(1, 'grid');
    const since = worker.lastId!;
    worker.end();
    const mine = grids.find((g) => g.code === 'Aa001')!;
    const other = grids.find((g) => g.code !== 'Aa001')!;
    const ownAlert = await raiseIn(mine);
    await raiseIn(other);
    const resumed = await SseClient.open(ports[0]!, await as('grid'), since);
    const ready = await resumed.next((e) => e.event === 'ready');
    expect(resumed.alertIds()).toEqual([ownAlert]);
    const beat = await resumed.next((e) => e.event === 'heartbeat');
    expect(beat.id).toBe(ready.id);
    resumed.end();
    // an id from the future, or from before what is kept, cannot be resumed: reload
    const lost = await SseClient.open(ports[1]!, await as('grid'), '999999999');
    expect((await lost.next((e) => e.event === 'resync')).id).toMatch(/^\d+$/);
    lost.end();
    // logging out ends the stream at the next session check
    const cookie = await as('township');
    const stream = await sse(0, 'township');
    await h.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } });
    cookies.delete('township');
    expect((await stream.next((e) => e.event === 'end', 3000)).data).toEqual({ reason: 'session' });
    await chainCommitted(h.ctx.db);
    const audited = await sql<{ n: number }>`
      select count(*)::int as n from audit_log where action = 'alert.stream'`.execute(h.ctx.db);
    expect(audited.rows[0]!.n).toBeGreaterThan(0);
  });
});
