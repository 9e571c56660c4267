// Watchlists (布控): the contract's request, the two-person rule (the requester can never approve, and the
// refusal is audited), what is kept of the subject, and matching — a hit is an alert by the time the event
// is acknowledged, with its evidence; nothing outside the window, after expiry or revocation, or at a
// device outside the entry's jurisdiction; a door card of a watched resident is the resident.
import { makeIdNumber } from '@civgrid/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainCommitted } from '../src/platform/audit.ts';
import { createHarness, type Harness } from './harness.ts';

let h: Harness;
let key: string;
const cookies = new Map<string, string>();
let seq = 0;

interface Device {
  id: string;
  code: string;
  type: string;
  grid_path: string;
  grid_code: string;
}
let devices: Device[];

const MIN = 60_000;
const at = (minutesFromNow: number) => new Date(h.clock.now.getTime() + minutesFromNow * MIN).toISOString();
const stranger = (n: number) => makeIdNumber('440106', { year: 1988, month: 3, day: 9 }, n);

async function as(username: string) {
  if (!cookies.has(username)) cookies.set(username, await h.login(username));
  return cookies.get(username)!;
}

async function call(username: string, method: 'GET' | 'POST', url: string, payload?: object, lang = 'zh-CN') {
  return h.app.inject({
    method,
    url,
    headers: { cookie: await as(username), 'accept-language': lang },
    ...(payload ? { payload } : {}),
  });
}

/** Asks for an entry as `requester` and has `approver` approve it; answers its id. */
async function watch(
  requester: string,
  approver: string | null,
  subject: unknown,
  window: { from: number; to: number } = { from: -60, to: 60 },
) {
  const asked = await call(requester, 'POST', '/api/v1/watchlist', {
    subject,
    reason: '涉嫌诈骗，须掌握行踪',
    from: at(window.from),
    to: at(window.to),
  });
  expect(asked.statusCode, asked.body).toBe(201);
  const id = asked.json().id as string;
  if (approver) {
    const approved = await call(approver, 'POST', `/api/v1/watchlist/${id}/approve`, {});
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().status).toBe('active');
  }
  return id;
}

async function send(events: object[]) {
  const response = await h.app.inject({
    method: 'POST',
    url: '/api/v1/events',
    headers: { authorization: `Bearer ${key}` },
    payload: events.map((e) => ({ eventId: `w${++seq}`, ...e })),
  });
  expect(response.statusCode, response.body).toBe(200);
  expect(response.json().rejected).toEqual([]);
  return response;
}

async function hitsOf(entryId: string) {
  const { rows } = await sql<{
    id: string;
    evidence: { figures: Record<string, unknown>; events: Record<string, unknown>[] };
    org_path: string;
    dedup_key: string;
  }>`
    select id, evidence, org_path::text, dedup_key from alert
    where rule = 'watchlist-hit' and evidence -> 'figures' ->> 'watchlistEntryId' = ${entryId}
    order by id`.execute(h.ctx.db);
  return rows;
}

const device = (type: string) => devices.find((d) => d.type === type && d.code !== 'W-FACE-OTHER')!;

beforeAll(async () => {
  h = await createHarness();
  key = await h.apiKey('gateway');
  // a gate in the last grid, of the second township (the township account works in the first)
  const grid = await h.ctx.db
    .selectFrom('org_unit')
    .select('code')
    .where('level', '=', 'grid')
    .orderBy('code', 'desc')
    .executeTakeFirstOrThrow();
  const imported = await h.app.inject({
    method: 'POST',
    url: '/api/v1/import/devices',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' },
    payload: JSON.stringify({
      code: 'W-FACE-OTHER',
      type: 'face',
      gridCode: grid.code,
      name: '外区门岗',
      lat: 39.5,
      lng: 116.7,
    }),
  });
  expect(imported.json()).toMatchObject({ accepted: 1 });
  const { rows } = await sql<Device>`
    select d.id, d.code, d.type, g.org_path::text as grid_path, g.code as grid_code
    from device d join org_unit g on g.id = d.grid_id
    where d.type in ('face', 'plate', 'door', 'wifi') order by d.code`.execute(h.ctx.db);
  devices = rows;
});
afterAll(() => h.close());

describe('requesting and approving', () => {
  it('answers the contract shape and keeps only a keyed hash and a masked display', async () => {
    const idNumber = stranger(1);
    const response = await call('county', 'POST', '/api/v1/watchlist', {
      subject: { type: 'person', idNumber },
      reason: '在逃人员',
      from: at(0),
      to: at(24 * 60),
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({ id: expect.any(String), status: 'pending' });
    const { rows } = await sql`select * from watchlist_entry where id = ${response.json().id}`.execute(
      h.ctx.db,
    );
    const stored = JSON.stringify(rows, (_k, v) =>
      v?.type === 'Buffer' ? Buffer.from(v.data).toString('latin1') : v,
    );
    expect(stored).not.toContain(idNumber);
    expect(rows[0]).toMatchObject({
      subject_display: `440106********${idNumber.slice(-4)}`,
      status: 'pending',
    });

    const mac = 'AA-BB-CC-12-34-56';
    const byMac = await call('county', 'POST', '/api/v1/watchlist', {
      subject: mac,
      reason: '诈骗团伙手机',
      from: at(0),
      to: at(60),
    });
    expect(byMac.statusCode).toBe(201);
    const entry = await call('county', 'GET', `/api/v1/watchlist/${byMac.json().id}`);
    expect(entry.json().subject).toEqual({ kind: 'device', form: 'mac', display: 'aa:**:**:**:**:56' });
    const macRow = await sql`select * from watchlist_entry where id = ${byMac.json().id}`.execute(h.ctx.db);
    expect(JSON.stringify(macRow.rows).toLowerCase()).not.toContain('aa:bb:cc:12:34:56');
  });

  it('refuses approval by the requester (403, zh and en, audited) and by a role that may not approve', async () => {
    const id = await watch('county', null, { type: 'vehicle', plate: '粤B12345' });
    const self = await call('county', 'POST', `/api/v1/watchlist/${id}/approve`, {});
    expect(self.statusCode).toBe(403);
    expect(self.json().error.message).toContain('不能审批自己提交的布控');
    const selfEn = await call('county', 'POST', `/api/v1/watchlist/${id}/approve`, {}, 'en');
    expect(selfEn.json().error.message).toContain('cannot approve your own');
    await chainCommitted(h.ctx.db);
    const audited = await sql<{ outcome: string; details: { refused: string } }>`
      select outcome, details from audit_log
      where action = 'watchlist.approve' and target_id = ${id} order by seq`.execute(h.ctx.db);
    expect(audited.rows).toEqual([
      expect.objectContaining({ outcome: 'denied', details: { refused: 'self' } }),
      expect.objectContaining({ outcome: 'denied', details: { refused: 'self' } }),
    ]);
    // Police may ask, not approve; the admin asking is refused like anyone else.
    expect((await call('police', 'POST', `/api/v1/watchlist/${id}/approve`, {})).statusCode).toBe(403);
    expect((await call('county', 'GET', `/api/v1/watchlist/${id}`)).json()).toMatchObject({
      status: 'pending',
      allowed: ['revoke'],
    });
    expect((await call('city', 'GET', `/api/v1/watchlist/${id}`)).json().allowed).toEqual([
      'approve',
      'reject',
      'revoke',
    ]);
    const approved = await call('city', 'POST', `/api/v1/watchlist/${id}/approve`, { note: '同意' });
    expect(approved.json()).toMatchObject({ status: 'active', decidedBy: { name: expect.any(String) } });
    // Decided once: a second decision is refused as a conflict with the entry's state.
    const again = await call('admin', 'POST', `/api/v1/watchlist/${id}/reject`, {});
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('WATCHLIST_STATE_CONFLICT');
    const adminOwn = await watch('admin', null, { type: 'vehicle', plate: '粤B54321' });
    expect((await call('admin', 'POST', `/api/v1/watchlist/${adminOwn}/approve`, {})).statusCode).toBe(403);
  });

  it('checks the subject and the window, and keeps entries inside the jurisdiction', async () => {
    const bad = async (subject: unknown, from = at(0), to = at(60)) =>
      (await call('county', 'POST', '/api/v1/watchlist', { subject, reason: 'x', from, to })).json().error;
    expect(await bad({ type: 'person', idNumber: '130682199001011235' })).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'subject.idNumber',
    });
    expect(await bad('!!')).toMatchObject({ field: 'subject' });
    expect(await bad({ type: 'device', deviceCode: device('face').code })).toMatchObject({
      field: 'subject',
    });
    expect(await bad('粤B77777', at(60), at(0))).toMatchObject({ field: 'to' });
    expect(await bad('粤B77777', at(-120), at(-60))).toMatchObject({ field: 'to' });
    expect(await bad('粤B77777', at(0), at(400 * 24 * 60))).toMatchObject({ field: 'to' });
    // township operators of the county do not see the county's entries; the city does
    const id = await watch('county', null, '粤B66666');
    expect((await call('township', 'GET', `/api/v1/watchlist/${id}`)).statusCode).toBe(404);
    expect((await call('city', 'GET', `/api/v1/watchlist/${id}`)).statusCode).toBe(200);
    const pending = await call('city', 'GET', '/api/v1/watchlist?awaitingMe=true&pageSize=200');
    expect(pending.json().entries.map((e: { id: string }) => e.id)).toContain(id);
    expect((await call('grid', 'GET', '/api/v1/watchlist')).statusCode).toBe(403);
  });
});

describe('matching', () => {
  it('raises watchlist-hit before the event is acknowledged, with the event, device, entry and reason', async () => {
    const idNumber = stranger(10);
    const id = await watch('county', 'city', { type: 'person', idNumber });
    const gate = device('face');
    const response = await send([
      { deviceCode: gate.code, type: 'face', time: at(-1), direction: 'in', idNumber },
      { deviceCode: gate.code, type: 'face', time: at(-2), direction: 'in', idNumber: stranger(11) },
    ]);
    const acknowledged = Date.now();
    let hits = await hitsOf(id);
    while (hits.length === 0 && Date.now() - acknowledged < 1000) hits = await hitsOf(id);
    expect(Date.now() - acknowledged).toBeLessThan(1000);
    expect(response.json().accepted).toBe(2);
    expect(hits).toHaveLength(1);
    const { evidence } = hits[0]!;
    expect(evidence.figures).toMatchObject({
      watchlistEntryId: id,
      reason: '涉嫌诈骗，须掌握行踪',
      deviceCode: gate.code,
      subject: expect.stringContaining('****'),
    });
    expect(evidence.events).toEqual([
      expect.objectContaining({ deviceCode: gate.code, type: 'face', time: new Date(at(-1)).toISOString() }),
    ]);
    expect(JSON.stringify(evidence)).not.toContain(idNumber);
    // It is an alert like any other: listed for the grid, with the contract's fields.
    const listed = await call('city', 'GET', '/api/v1/alerts?rule=watchlist-hit&status=open');
    expect(listed.json().alerts).toContainEqual(
      expect.objectContaining({ id: hits[0]!.id, rule: 'watchlist-hit', gridCode: gate.grid_code }),
    );
    // A replay and a second sighting in the same grid while it is open add no alert; the entry counts its hit.
    await send([{ deviceCode: gate.code, type: 'face', time: at(-1), direction: 'in', idNumber }]);
    await send([{ deviceCode: gate.code, type: 'face', time: at(0), direction: 'out', idNumber }]);
    expect(await hitsOf(id)).toHaveLength(1);
    const entry = await call('county', 'GET', `/api/v1/watchlist/${id}`);
    expect(entry.json()).toMatchObject({ hits: 1, lastHitAt: new Date(at(-1)).toISOString() });
  });

  it('matches plates, MAC addresses and a registered resident by door card', async () => {
    const plateEntry = await watch('county', 'city', '粤C12345');
    const macEntry = await watch('county', 'admin', { type: 'device', mac: '02:00:00:aa:bb:cc' });
    const person = await h.ctx.db
      .selectFrom('person')
      .select(['id', 'org_path'])
      .where(sql`org_path::text`, 'like', '%131002%')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const sealed = await h.ctx.db
      .selectFrom('person')
      .select('id_number_enc')
      .where('id', '=', person.id)
      .executeTakeFirstOrThrow();
    const personEntry = await watch('county', 'city', {
      type: 'person',
      idNumber: h.ctx.crypto.decrypt(sealed.id_number_enc),
    });
    await h.ctx.db
      .insertInto('access_card')
      .values({
        card_hash: h.ctx.crypto.keyedHash('card:W-CARD-1'),
        person_id: person.id,
        org_path: person.org_path,
      })
      .execute();
    await send([
      { deviceCode: device('plate').code, type: 'plate', time: at(-3), direction: 'in', plate: '粤C·12345' },
      { deviceCode: device('wifi').code, type: 'wifi', time: at(-3), mac: '02-00-00-AA-BB-CC' },
      { deviceCode: device('door').code, type: 'door', time: at(-3), direction: 'out', cardNo: 'W-CARD-1' },
    ]);
    expect(await hitsOf(plateEntry)).toHaveLength(1);
    expect(await hitsOf(macEntry)).toHaveLength(1);
    const [personHit] = await hitsOf(personEntry);
    expect(personHit).toBeDefined();
    const alert = await call('city', 'GET', `/api/v1/alerts/${personHit!.id}`);
    expect(alert.json().subject).toMatchObject({ kind: 'person', id: person.id });
  });

  it('raises nothing outside the window, after expiry, after revocation, or outside the jurisdiction', async () => {
    const gate = device('face');
    const early = stranger(20);
    const later = stranger(21);
    const revoked = stranger(22);
    const elsewhere = stranger(23);
    const expiring = stranger(24);
    const ids = {
      early: await watch('county', 'city', { type: 'person', idNumber: early }, { from: -10, to: 60 }),
      later: await watch('county', 'city', { type: 'person', idNumber: later }, { from: 30, to: 90 }),
      revoked: await watch('county', 'city', { type: 'person', idNumber: revoked }),
      elsewhere: await watch('township', 'county', { type: 'person', idNumber: elsewhere }),
      expiring: await watch('county', 'city', { type: 'person', idNumber: expiring }, { from: -60, to: 5 }),
    };
    const revoke = await call('county', 'POST', `/api/v1/watchlist/${ids.revoked}/revoke`, {
      note: '已到案',
    });
    expect(revoke.json().status).toBe('revoked');
    const otherTownship = devices.find((d) => d.code === 'W-FACE-OTHER')!;
    const township = await h.ctx.db
      .selectFrom('app_user')
      .select('org_path')
      .where('username', '=', 'township')
      .executeTakeFirstOrThrow();
    expect(gate.grid_path.startsWith(`${township.org_path}.`)).toBe(true);
    expect(otherTownship.grid_path.startsWith(`${township.org_path}.`)).toBe(false);
    await send([
      // seen before its window opened
      { deviceCode: gate.code, type: 'face', time: at(-20), idNumber: early },
      // window not open yet
      { deviceCode: gate.code, type: 'face', time: at(-1), idNumber: later },
      { deviceCode: gate.code, type: 'face', time: at(-1), idNumber: revoked },
      // a township's watch does not reach another township's devices
      { deviceCode: otherTownship.code, type: 'face', time: at(-1), idNumber: elsewhere },
    ]);
    h.clock.advance(6 * MIN);
    await send([
      // inside the window, but it has ended by the time the event arrives
      { deviceCode: gate.code, type: 'face', time: at(-3), idNumber: expiring },
      { deviceCode: gate.code, type: 'face', time: at(0), idNumber: expiring },
    ]);
    for (const id of Object.values(ids)) expect(await hitsOf(id)).toEqual([]);
    expect((await call('county', 'GET', `/api/v1/watchlist/${ids.expiring}`)).json().status).toBe('expired');
    // …and the same subjects inside their windows do hit
    h.clock.advance(30 * MIN);
    cookies.clear(); // sessions idle out with the clock
    await send([{ deviceCode: gate.code, type: 'face', time: at(-1), idNumber: later }]);
    expect(await hitsOf(ids.later)).toHaveLength(1);
  });

  it('reaches every process: an approval in one is matched by the next event another ingests', async () => {
    // a second process: its own pool, listener and matcher on the same database
    const { openDatabase } = await import('../src/platform/db.ts');
    const { buildApp } = await import('../src/app.ts');
    const database = openDatabase(h.ctx.config.databaseUrl!, 3);
    const ctx = { ...h.ctx, db: database.db, pool: database.pool };
    const app = await buildApp(ctx, { serveWeb: false });
    try {
      const idNumber = stranger(30);
      const post = (n: number) =>
        app.inject({
          method: 'POST',
          url: '/api/v1/events',
          headers: { authorization: `Bearer ${key}` },
          payload: [
            { eventId: `x${n}`, deviceCode: device('face').code, type: 'face', time: at(-1), idNumber },
          ],
        });
      await post(0); // the second process's matcher is loaded (and listening) before the watch exists
      const id = await watch('county', 'city', { type: 'person', idNumber });
      const approved = Date.now();
      for (let n = 1; (await hitsOf(id)).length === 0 && Date.now() - approved < 1000; n++) await post(n);
      expect(await hitsOf(id)).toHaveLength(1);
      expect(Date.now() - approved).toBeLessThan(1000);
    } finally {
      await app.close();
      await database.close();
    }
  });
});
