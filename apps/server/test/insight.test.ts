// Trajectory, collision and contacts against a brute-force reference computed here, on random events
// (many seeds), plus purpose, audit and scope.
import { makeIdNumber } from '@civgrid/domain';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainCommitted } from '../src/platform/audit.ts';
import { createHarness, type Harness } from './harness.ts';

let h: Harness;
let key: string;
let admin: string;
let devices: { code: string; org_path: string }[];
let policePath: string;

const PERSONS = Array.from({ length: 6 }, (_, i) =>
  makeIdNumber('131002', { year: 1970 + i, month: 2, day: 3 }, 400 + i),
);
const PLATES = ['冀R12345', '冀RD12345', '京A9B8C7'];
const MACS = ['00:1a:2b:3c:4d:01', '00:1a:2b:3c:4d:02'];

beforeAll(async () => {
  h = await createHarness();
  admin = await h.login('admin');
  key = await h.apiKey();
  policePath = (
    await sql<{ org_path: string }>`
      select u.org_path::text from app_user a join org_unit u on u.id = a.scope_id where a.username = 'police'`.execute(
      h.ctx.db,
    )
  ).rows[0]!.org_path;
  // Three devices in the police officer's community and two elsewhere, so scope has something to cut.
  const elsewhere = await h.ctx.db
    .selectFrom('org_unit')
    .select(['code', 'centre_lat', 'centre_lng'])
    .where('level', '=', 'grid')
    .where(sql<boolean>`org_path::text not like ${`${policePath}%`}`)
    .orderBy('code')
    .executeTakeFirstOrThrow();
  const imported = await h.app.inject({
    method: 'POST',
    url: '/api/v1/import/devices',
    headers: { cookie: admin, 'content-type': 'application/x-ndjson' },
    payload: ['OUT-GATE-1', 'OUT-GATE-2']
      .map((code) =>
        JSON.stringify({
          code,
          type: 'face',
          name: code,
          gridCode: elsewhere.code,
          lat: elsewhere.centre_lat,
          lng: elsewhere.centre_lng,
        }),
      )
      .join('\n'),
  });
  expect(imported.json().accepted).toBe(2);
  const all = await h.ctx.db
    .selectFrom('device')
    .select(['code', 'org_path'])
    .where('type', 'in', ['face', 'plate', 'door', 'wifi'])
    .orderBy('code')
    .execute();
  const inside = (d: { org_path: string }) =>
    d.org_path === policePath || d.org_path.startsWith(`${policePath}.`);
  devices = [...all.filter(inside).slice(0, 3), ...all.filter((d) => !inside(d)).slice(0, 2)];
  expect(devices.length).toBe(5);
});
afterAll(() => h.close());

type Kind = 'person' | 'vehicle' | 'device';
interface Ev {
  eventId: string;
  device: number;
  kind: Kind;
  who: number;
  minute: number;
}
const identityOf = (kind: Kind, who: number) =>
  kind === 'person'
    ? PERSONS[who % PERSONS.length]!
    : kind === 'vehicle'
      ? PLATES[who % PLATES.length]!
      : MACS[who % MACS.length]!;
const keyOf = (kind: Kind, who: number) =>
  kind === 'device'
    ? `mac:${h.ctx.crypto.keyedHash(identityOf(kind, who)).toString('hex').slice(0, 16)}`
    : identityOf(kind, who);
const subjectOf = (kind: Kind, who: number) =>
  kind === 'person'
    ? { type: 'person', idNumber: identityOf(kind, who) }
    : kind === 'vehicle'
      ? { type: 'vehicle', plate: identityOf(kind, who) }
      : { type: 'device', mac: identityOf(kind, who) };

const arbEvent = fc.record({
  device: fc.nat({ max: 4 }),
  kind: fc.constantFrom<Kind>('person', 'person', 'vehicle', 'device'),
  who: fc.nat({ max: 3 }),
  // An hour at minute resolution: dense enough that events fall exactly on window edges.
  minute: fc.nat({ max: 60 }),
});

/** Each run (shrinking included) gets its own 90-minute slot, starting 80 days back: its hour of events
 *  and ±15-minute windows never reach another run's events. */
let runSlot = 0;
async function load(events: Omit<Ev, 'eventId'>[]) {
  runSlot++;
  const base = h.clock.now.getTime() - 80 * 86_400_000 + runSlot * 90 * 60_000;
  const timeOf = (minute: number) => new Date(base + minute * 60_000);
  const stored: (Ev & { time: Date; deviceCode: string })[] = events.map((e, i) => ({
    ...e,
    eventId: `run${runSlot}-${i}`,
    time: timeOf(e.minute),
    deviceCode: devices[e.device]!.code,
  }));
  const body = stored.map((e) => ({
    eventId: e.eventId,
    deviceCode: e.deviceCode,
    type: e.kind === 'person' ? 'face' : e.kind === 'vehicle' ? 'plate' : 'wifi',
    time: e.time.toISOString(),
    ...(e.kind === 'person'
      ? { idNumber: identityOf('person', e.who) }
      : e.kind === 'vehicle'
        ? { plate: identityOf('vehicle', e.who) }
        : { mac: identityOf('device', e.who) }),
  }));
  const answer = await h.app.inject({
    method: 'POST',
    url: '/api/v1/events',
    headers: { authorization: `Bearer ${key}` },
    payload: body,
  });
  expect(answer.json()).toMatchObject({ accepted: stored.length, rejected: [] });
  return { stored, timeOf };
}

const ask = (path: string, payload: object, cookie = admin) =>
  h.app.inject({ method: 'POST', url: `/api/v1/insight/${path}`, headers: { cookie }, payload });
const purpose = { reason: '核查测试' };
const byTime = (a: { time: Date; deviceCode: string; eventId: string }, b: typeof a) =>
  a.time.getTime() - b.time.getTime() ||
  a.deviceCode.localeCompare(b.deviceCode) ||
  a.eventId.localeCompare(b.eventId);

describe('insight queries equal a brute-force reference', () => {
  it('trajectory: every event of the subject in [from, to], in time order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(arbEvent, { minLength: 20, maxLength: 60 }),
        fc.constantFrom<Kind>('person', 'vehicle', 'device'),
        fc.nat({ max: 3 }),
        fc.nat({ max: 60 }),
        fc.nat({ max: 60 }),
        async (events, kind, who, a, b) => {
          const { stored, timeOf } = await load(events);
          const [from, to] = [timeOf(Math.min(a, b)), timeOf(Math.max(a, b))];
          const expected = stored
            .filter((e) => keyOf(e.kind, e.who) === keyOf(kind, who) && e.time >= from && e.time <= to)
            .sort(byTime)
            .map((e) => [e.time.toISOString(), e.deviceCode]);
          const answer = await ask('trajectory', {
            subject: subjectOf(kind, who),
            from: from.toISOString(),
            to: to.toISOString(),
            purpose,
          });
          expect(answer.statusCode).toBe(200);
          expect(
            answer.json().points.map((p: { time: string; deviceCode: string }) => [p.time, p.deviceCode]),
          ).toEqual(expected);
        },
      ),
      { numRuns: 20 },
    );
  });

  it('collision: the subjects in at least minMatches of the conditions', async () => {
    const arbCondition = fc.record({
      devices: fc.uniqueArray(fc.nat({ max: 4 }), { minLength: 1, maxLength: 3 }),
      a: fc.nat({ max: 60 }),
      b: fc.nat({ max: 60 }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(arbEvent, { minLength: 30, maxLength: 80 }),
        fc.array(arbCondition, { minLength: 1, maxLength: 3 }),
        fc.constantFrom<Kind>('person', 'vehicle', 'device'),
        fc.nat({ max: 2 }),
        async (events, rawConditions, kind, extra) => {
          const { stored, timeOf } = await load(events);
          const conditions = rawConditions.map((c) => ({
            deviceCodes: c.devices.map((d) => devices[d]!.code),
            from: timeOf(Math.min(c.a, c.b)),
            to: timeOf(Math.max(c.a, c.b)),
          }));
          const minMatches = Math.min(conditions.length, 1 + extra);
          const expected = new Map<string, { matched: number[]; events: number }>();
          for (const e of stored.filter((e) => e.kind === kind)) {
            const k = keyOf(e.kind, e.who);
            conditions.forEach((c, i) => {
              if (!c.deviceCodes.includes(e.deviceCode) || e.time < c.from || e.time > c.to) return;
              const entry = expected.get(k) ?? { matched: [], events: 0 };
              if (!entry.matched.includes(i)) entry.matched.push(i);
              entry.events++;
              expected.set(k, entry);
            });
          }
          const want = [...expected.entries()]
            .filter(([, v]) => v.matched.length >= minMatches)
            .map(([k, v]) => ({ key: k, matched: v.matched.sort(), events: v.events }))
            .sort((x, y) => x.key.localeCompare(y.key));
          const answer = await ask('collision', {
            subjectType: kind,
            conditions: conditions.map((c) => ({ ...c, from: c.from.toISOString(), to: c.to.toISOString() })),
            minMatches,
            purpose,
          });
          expect(answer.statusCode).toBe(200);
          const got = answer
            .json()
            .subjects.map((s: { key: string; matched: number[]; events: number }) => ({
              key: s.key,
              matched: s.matched,
              events: s.events,
            }))
            .sort((x: { key: string }, y: { key: string }) => x.key.localeCompare(y.key));
          expect(got).toEqual(want);
        },
      ),
      { numRuns: 20 },
    );
  });

  it('contacts: who was at the same device within ±N minutes, with encounters counted per index event', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(arbEvent, { minLength: 30, maxLength: 80 }),
        fc.nat({ max: 3 }),
        fc.integer({ min: 1, max: 15 }),
        fc.nat({ max: 60 }),
        fc.nat({ max: 60 }),
        async (events, who, windowMinutes, a, b) => {
          const { stored, timeOf } = await load(events);
          const [from, to] = [timeOf(Math.min(a, b)), timeOf(Math.max(a, b))];
          const indexKey = keyOf('person', who);
          const index = stored.filter(
            (e) => keyOf(e.kind, e.who) === indexKey && e.time >= from && e.time <= to,
          );
          const others = stored.filter((e) => keyOf(e.kind, e.who) !== indexKey);
          const expected = new Map<string, { type: Kind; times: Date[]; devices: Set<string> }>();
          for (const i of index) {
            const near = new Set(
              others
                .filter(
                  (c) =>
                    c.deviceCode === i.deviceCode &&
                    Math.abs(c.time.getTime() - i.time.getTime()) <= windowMinutes * 60_000,
                )
                .map((c) => `${c.kind}|${keyOf(c.kind, c.who)}`),
            );
            for (const contact of near) {
              const [type, k] = contact.split('|') as [Kind, string];
              const entry = expected.get(k) ?? { type, times: [], devices: new Set() };
              entry.times.push(i.time);
              entry.devices.add(i.deviceCode);
              expected.set(k, entry);
            }
          }
          const want = [...expected.entries()]
            .map(([k, v]) => ({
              key: k,
              type: v.type,
              encounters: v.times.length,
              first: new Date(Math.min(...v.times.map(Number))).toISOString(),
              last: new Date(Math.max(...v.times.map(Number))).toISOString(),
              deviceCodes: [...v.devices].sort(),
            }))
            .sort((x, y) => x.key.localeCompare(y.key));
          const answer = await ask('contacts', {
            subject: subjectOf('person', who),
            from: from.toISOString(),
            to: to.toISOString(),
            windowMinutes,
            purpose,
          });
          expect(answer.statusCode).toBe(200);
          const body = answer.json();
          const encounters = body.contacts.map((c: { encounters: number }) => c.encounters);
          expect(encounters).toEqual([...encounters].sort((x: number, y: number) => y - x));
          const got = body.contacts
            .map(({ dossier: _, ...c }: { dossier: unknown; key: string }) => c)
            .sort((x: { key: string }, y: { key: string }) => x.key.localeCompare(y.key));
          expect(got).toEqual(want);
        },
      ),
      { numRuns: 20 },
    );
  });
});

describe('insight rules', () => {
  it('refuses a query without a purpose and audits each answered one with its result count', async () => {
    const subject = { type: 'person', idNumber: PERSONS[0] };
    const span = { from: '2026-02-01T00:00:00+08:00', to: '2026-03-01T08:00:00+08:00' };
    const none = await ask('trajectory', { subject, ...span });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.code).toBe('PURPOSE_REQUIRED');
    const blank = await ask('contacts', { subject, ...span, windowMinutes: 5, purpose: { reason: ' ' } });
    expect(blank.json().error.code).toBe('PURPOSE_REQUIRED');
    const answered = await ask('trajectory', {
      subject,
      ...span,
      purpose: { reason: '走访核实', caseId: 'C-1' },
    });
    await chainCommitted(h.ctx.db);
    const audit = await sql<{
      details: { results: number; purpose: { reason: string }; subject: { idNumber: string } };
    }>`
      select details from audit_log where action = 'insight.trajectory' order by seq desc limit 1`.execute(
      h.ctx.db,
    );
    const details = audit.rows[0]!.details;
    expect(details.results).toBe(answered.json().points.length);
    expect(details.purpose.reason).toBe('走访核实');
    expect(details.subject.idNumber).not.toBe(PERSONS[0]);
  });

  it('lets only centres and police ask, and shows each caller only the events of devices in scope', async () => {
    const grid = await h.login('grid');
    const subject = { type: 'person', idNumber: PERSONS[1] };
    const span = { from: '2025-12-01T00:00:00+08:00', to: '2026-03-01T08:00:00+08:00' };
    expect((await ask('trajectory', { subject, ...span, purpose }, grid)).statusCode).toBe(403);
    const police = await h.login('police');
    const path = policePath;
    const all = (await ask('trajectory', { subject, ...span, purpose })).json().points as {
      deviceCode: string;
    }[];
    const seen = (await ask('trajectory', { subject, ...span, purpose }, police)).json().points as {
      deviceCode: string;
    }[];
    const inScope = new Set(
      devices.filter((d) => d.org_path === path || d.org_path.startsWith(`${path}.`)).map((d) => d.code),
    );
    expect(all.some((p) => !inScope.has(p.deviceCode))).toBe(true);
    expect(seen).toEqual(all.filter((p) => inScope.has(p.deviceCode)));
    const outside = devices.find((d) => !inScope.has(d.code))!;
    {
      const collision = await ask(
        'collision',
        { subjectType: 'person', conditions: [{ deviceCodes: [outside.code], ...span }], purpose },
        police,
      );
      expect(collision.statusCode).toBe(404);
      expect(collision.json().error.code).toBe('UNKNOWN_DEVICE');
    }
  });
});

describe("a dossier's sensing timeline", () => {
  it('pages a person’s events newest first, needs a reason, and answers 404 out of scope', async () => {
    const person = await h.ctx.db
      .selectFrom('person')
      .select(['id', 'id_number_enc'])
      .where(sql<boolean>`org_path::text like ${`${policePath}%`}`)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const idNumber = h.ctx.crypto.decrypt(person.id_number_enc);
    const times = [50, 40, 30, 20, 10].map((m) => new Date(h.clock.now.getTime() - m * 60_000).toISOString());
    await h.app.inject({
      method: 'POST',
      url: '/api/v1/events',
      headers: { authorization: `Bearer ${key}` },
      payload: times.map((time, i) => ({
        eventId: `tl-${i}`,
        deviceCode: devices[i % 3]!.code,
        type: 'face',
        time,
        idNumber,
      })),
    });
    const police = await h.login('police');
    const get = (url: string, cookie = police) => h.app.inject({ method: 'GET', url, headers: { cookie } });
    const noReason = await get(`/api/v1/registry/persons/${person.id}/timeline`);
    expect(noReason.json().error.code).toBe('PURPOSE_REQUIRED');
    const first = await get(`/api/v1/registry/persons/${person.id}/timeline?reason=入户走访&pageSize=2`);
    expect(first.statusCode).toBe(200);
    expect(first.json().total).toBe(5);
    expect(first.json().items.map((e: { time: string }) => e.time)).toEqual([times[4], times[3]]);
    const third = await get(
      `/api/v1/registry/persons/${person.id}/timeline?reason=入户走访&pageSize=2&page=3`,
    );
    expect(third.json().items.map((e: { time: string }) => e.time)).toEqual([times[0]]);
    const outside = await h.ctx.db
      .selectFrom('device')
      .select('id')
      .where('code', '=', 'OUT-GATE-1')
      .executeTakeFirstOrThrow();
    const hidden = await get(`/api/v1/registry/devices/${outside.id}/timeline?reason=入户走访`);
    const missing = await get(`/api/v1/registry/devices/999999999/timeline?reason=入户走访`);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json()).toEqual(missing.json());
  });
});
