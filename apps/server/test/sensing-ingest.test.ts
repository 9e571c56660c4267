import { makeIdNumber } from '@civgrid/domain';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestState } from '../src/modules/sensing/ingest.ts';
import { createHarness, type Harness } from './harness.ts';

let h: Harness;
let key: string;
let devices: { code: string; type: string; org_path: string }[];

beforeAll(async () => {
  h = await createHarness();
  key = await h.apiKey('gateway');
  devices = await h.ctx.db
    .selectFrom('device')
    .select(['code', 'type', 'org_path'])
    .where('type', 'in', ['face', 'plate', 'door', 'wifi'])
    .orderBy('code')
    .execute();
});
afterAll(() => h.close());

const send = (body: unknown, opts: { bearer?: string; ndjson?: boolean } = {}) =>
  h.app.inject({
    method: 'POST',
    url: '/api/v1/events',
    headers: {
      authorization: `Bearer ${opts.bearer ?? key}`,
      'accept-language': 'en',
      ...(opts.ndjson ? { 'content-type': 'application/x-ndjson' } : {}),
    },
    payload: opts.ndjson
      ? (body as unknown[]).map((e) => (typeof e === 'string' ? e : JSON.stringify(e))).join('\n')
      : (body as object),
  });

const at = (minutesAgo: number) => new Date(h.clock.now.getTime() - minutesAgo * 60_000).toISOString();
const person = (seq: number) => makeIdNumber('131002', { year: 1980, month: 5, day: 1 }, seq);
const storedCount = async () =>
  Number((await sql<{ n: string }>`select count(*) as n from sensing_event`.execute(h.ctx.db)).rows[0]!.n);
const deadCount = async () =>
  Number(
    (await sql<{ n: string }>`select count(*) as n from sensing_dead_letter`.execute(h.ctx.db)).rows[0]!.n,
  );

describe('POST /api/v1/events', () => {
  it('stores valid events, counts replays as duplicates and names every rejected index', async () => {
    const face = devices.find((d) => d.type === 'face')!;
    const good = {
      eventId: 'e-1',
      deviceCode: face.code,
      type: 'face',
      time: at(10),
      direction: 'in',
      idNumber: person(1),
      confidence: 0.97,
      snapshotRef: 'nvr://1',
    };
    const before = await storedCount();
    const first = await send([
      good,
      { ...good, eventId: 'e-2', deviceCode: 'NO-SUCH' },
      { ...good, eventId: 'e-3', idNumber: '130682199001011235' },
      { ...good, eventId: 'e-4', time: '2026-03-01 08:00' },
      { ...good, eventId: 'e-5', time: at(-60) },
      { ...good, eventId: 'e-6', time: new Date(h.clock.now.getTime() - 100 * 86_400_000).toISOString() },
    ]);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ accepted: 1, duplicates: 0 });
    expect(first.json().rejected.map((r: { index: number; code: string }) => [r.index, r.code])).toEqual([
      [1, 'UNKNOWN_DEVICE'],
      [2, 'INVALID_ID_NUMBER'],
      [3, 'INVALID_EVENT'],
      [4, 'EVENT_IN_FUTURE'],
      [5, 'EVENT_TOO_OLD'],
    ]);
    const replay = await send([good]);
    expect(replay.json()).toEqual({ accepted: 0, duplicates: 1, rejected: [] });
    expect(await storedCount()).toBe(before + 1);
  });

  it('takes NDJSON and keeps a line that is not JSON as a rejection, not a failed batch', async () => {
    const door = devices.find((d) => d.type === 'door')!;
    const response = await send(
      [
        { eventId: 'n-1', deviceCode: door.code, type: 'door', time: at(5), cardNo: 'C000123' },
        '{not json',
        { eventId: 'n-2', deviceCode: door.code, type: 'door', time: at(4), idNumber: person(2) },
      ],
      { ndjson: true },
    );
    expect(response.json()).toMatchObject({ accepted: 2, duplicates: 0 });
    expect(response.json().rejected).toEqual([
      { index: 1, code: 'INVALID_EVENT', message: expect.any(String) },
    ]);
  });

  it('keeps no identity in clear: ID numbers sealed, MAC addresses only hashed, dead letters masked', async () => {
    const wifi = devices.find((d) => d.type === 'wifi')!;
    const id = person(3);
    await send([
      { eventId: 'w-1', deviceCode: wifi.code, type: 'wifi', time: at(3), mac: 'AA-BB-CC-00-11-22' },
      { eventId: 'f-bad', deviceCode: 'NO-SUCH', type: 'face', time: at(3), idNumber: id },
    ]);
    const subjects = await sql<{ hash: Buffer; sealed: Buffer | null; kind: string }>`
      select kind, hash, sealed from sensing_subject`.execute(h.ctx.db);
    const text = JSON.stringify(
      subjects.rows.map((r) => [r.kind, r.hash.toString('latin1'), r.sealed?.toString('latin1')]),
    );
    expect(text).not.toContain('aa:bb:cc:00:11:22');
    expect(subjects.rows.find((r) => r.kind === 'device')?.sealed).toBeNull();
    const dead = await sql<{ payload: unknown }>`select payload from sensing_dead_letter`.execute(h.ctx.db);
    expect(JSON.stringify(dead.rows)).not.toContain(id);
  });

  it('answers 413 beyond 10,000 events and 401 without a key', async () => {
    const many = Array.from({ length: 10_001 }, (_, i) => ({ eventId: `m${i}` }));
    expect((await send(many)).statusCode).toBe(413);
    const anonymous = await h.app.inject({ method: 'POST', url: '/api/v1/events', payload: [] });
    expect(anonymous.statusCode).toBe(401);
  });

  it('counts every event exactly once however often, in whatever order and from however many senders', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer(),
        async (copies, senders, seed) => {
          const tag = `r${seed}-${Math.random().toString(36).slice(2)}`;
          const distinct = copies.map((_, i) => ({
            eventId: `${tag}-${i}`,
            deviceCode: devices[i % devices.length]!.code,
            type: devices[i % devices.length]!.type,
            time: at(i % 50),
            ...(devices[i % devices.length]!.type === 'wifi' ? { mac: '00:11:22:33:44:55' } : {}),
          }));
          const all = copies.flatMap((n, i) => Array.from({ length: n }, () => distinct[i]!));
          const shuffled = fc.sample(
            fc.shuffledSubarray(all, { minLength: all.length, maxLength: all.length }),
            {
              seed,
              numRuns: 1,
            },
          )[0]!;
          const before = await storedCount();
          const deadBefore = await deadCount();
          const chunks = Array.from({ length: senders }, (_, s) =>
            shuffled.filter((_, i) => i % senders === s),
          );
          const answers = await Promise.all(chunks.map((chunk) => send(chunk)));
          const totals = answers.map((a) => a.json());
          const accepted = totals.reduce((n, t) => n + t.accepted, 0);
          const duplicates = totals.reduce((n, t) => n + t.duplicates, 0);
          expect(accepted).toBe(distinct.length);
          expect(accepted + duplicates + (await deadCount()) - deadBefore).toBe(all.length);
          expect(await storedCount()).toBe(before + distinct.length);
        },
      ),
      { numRuns: 15 },
    );
  });
});

describe('devices', () => {
  it('a known subject loaded again is read, not rewritten, until its last_seen is six hours old', async () => {
    const face = devices.find((d) => d.type === 'face')!;
    const idNumber = person(777);
    let n = 0;
    const sight = async () => {
      // Each process forgets its cached ids after an hour; forget them now so the subject is loaded again.
      ingestState(h.ctx).subjects.clear();
      const answer = await send([
        { eventId: `seen-${++n}`, deviceCode: face.code, type: 'face', time: at(1), idNumber },
      ]);
      expect(answer.json().accepted).toBe(1);
    };
    const row = async () =>
      (
        await sql<{ version: string; last_seen: Date }>`
          select s.xmin::text as version, s.last_seen from sensing_subject s
          join sensing_event e on e.subject_id = s.id where e.event_id = ${`seen-${n}`}`.execute(h.ctx.db)
      ).rows[0]!;
    await sight();
    const first = await row();
    h.clock.advance(5 * 3_600_000);
    await sight();
    expect(await row()).toEqual(first);
    h.clock.advance(2 * 3_600_000);
    await sight();
    const moved = await row();
    expect(moved.version).not.toBe(first.version);
    expect(moved.last_seen).toEqual(h.clock.now);
  });

  it("gives a device its own key, which sends only that device's events", async () => {
    const admin = await h.login('admin');
    const [mine, other] = [devices[0]!, devices[1]!];
    const created = await h.app.inject({
      method: 'POST',
      url: `/api/v1/devices/${mine.code}/apikey`,
      headers: { cookie: admin },
    });
    expect(created.statusCode).toBe(201);
    const deviceKey = created.json().key;
    const event = (code: string, type: string, id: string) => ({
      eventId: id,
      deviceCode: code,
      type,
      time: at(1),
      ...(type === 'wifi' ? { mac: '00:11:22:33:44:66' } : {}),
    });
    const answer = await send([event(mine.code, mine.type, 'dk-1'), event(other.code, other.type, 'dk-2')], {
      bearer: deviceKey,
    });
    expect(answer.json()).toMatchObject({ accepted: 1, rejected: [{ index: 1, code: 'UNKNOWN_DEVICE' }] });
    const grid = await h.login('grid');
    const forbidden = await h.app.inject({
      method: 'POST',
      url: `/api/v1/devices/${mine.code}/apikey`,
      headers: { cookie: grid },
    });
    expect(forbidden.statusCode).toBe(403);
  });

  it('shows a device online after a heartbeat and offline once its limit has passed', async () => {
    const quiet = devices.at(-1)!;
    const status = async () => {
      const page = await h.app.inject({
        method: 'GET',
        url: '/api/v1/devices/status?pageSize=200',
        headers: { cookie: await h.login('admin') },
      });
      expect(page.statusCode, page.body).toBe(200);
      return page.json() as {
        items: { code: string; online: boolean; lastSeen: string | null }[];
        online: number;
        offline: number;
        total: number;
      };
    };
    const beat = await h.app.inject({
      method: 'POST',
      url: `/api/v1/devices/${quiet.code}/heartbeat`,
      headers: { authorization: `Bearer ${key}` },
    });
    expect(beat.statusCode).toBe(200);
    const now = await status();
    expect(now.items.find((d) => d.code === quiet.code)).toMatchObject({
      online: true,
      lastSeen: h.clock.now.toISOString(),
    });
    expect(now.online + now.offline).toBe(now.total);
    h.clock.advance(31 * 60_000);
    const later = await status();
    expect(later.items.find((d) => d.code === quiet.code)?.online).toBe(false);
    expect(later.online).toBe(0);
    const unknown = await h.app.inject({
      method: 'POST',
      url: '/api/v1/devices/NO-SUCH/heartbeat',
      headers: { authorization: `Bearer ${key}` },
    });
    expect(unknown.statusCode).toBe(404);
  });
});
