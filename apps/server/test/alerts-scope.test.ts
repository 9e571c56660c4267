// Alerts of other grids are invisible: every role, random alerts across the city's grids, many attempts
// at reading, listing and stepping on alerts out of reach — 404 like a missing alert, audited, nothing
// listed, nothing changed. Zero leaks.
import type { AlertCandidate } from '@civgrid/domain';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raiseAlerts } from '../src/modules/alerts/raise.ts';
import { cityRoot } from '../src/modules/org/service.ts';
import { systemActor } from '../src/platform/actor.ts';
import { chainCommitted } from '../src/platform/audit.ts';
import { createHarness, type Harness } from './harness.ts';

let h: Harness;
let alerts: { id: string; path: string }[];
let users: { username: string; role: string; path: string; cookie: string }[];

const within = (path: string, scope: string) => path === scope || path.startsWith(`${scope}.`);

beforeAll(async () => {
  h = await createHarness();
  const grids = await h.ctx.db
    .selectFrom('org_unit')
    .select(['id', 'org_path'])
    .where('level', '=', 'grid')
    .execute();
  const candidates: AlertCandidate[] = grids.flatMap((g, i) =>
    (['occupancy-excess', 'device-offline', 'care-not-seen'] as const).map((rule) => ({
      rule,
      dedupKey: `scope-test:${g.id}:${rule}`,
      situationAt: new Date(h.clock.now.getTime() - i * 60_000),
      severity: 'medium',
      subject: null,
      houseId: null,
      buildingId: null,
      gridId: g.id,
      orgPath: g.org_path,
      evidence: { summary: { zh: '测试', en: 'test' }, figures: {}, thresholds: {}, events: [] },
      dispatchTo: 'grid-worker',
      ackMinutes: 60,
      quietHours: 0,
    })),
  );
  const root = (await cityRoot(h.ctx.db))!;
  const raised = await h.ctx.db
    .transaction()
    .execute((tx) =>
      raiseAlerts(tx, candidates, { actor: systemActor(root, 'test'), now: h.clock.now, source: 'test' }),
    );
  expect(raised).toHaveLength(candidates.length);
  alerts = raised.map((r) => ({ id: r.id, path: r.orgPath }));
  const rows = await sql<{ username: string; role: string; path: string }>`
    select username, role, org_path::text as path from app_user
    where role not in ('auditor', 'department') order by username`.execute(h.ctx.db);
  users = [];
  for (const u of rows.rows) users.push({ ...u, cookie: await h.login(u.username) });
});
afterAll(() => h.close());

const get = (url: string, cookie: string) => h.app.inject({ method: 'GET', url, headers: { cookie } });

describe('alert scope', () => {
  it('every role lists exactly the alerts of its jurisdiction', async () => {
    for (const u of users) {
      const answer = await get('/api/v1/alerts?pageSize=200', u.cookie);
      expect(answer.statusCode).toBe(200);
      const listed = answer
        .json()
        .alerts.map((a: { id: string }) => a.id)
        .sort();
      const expected = alerts
        .filter((a) => within(a.path, u.path))
        .map((a) => a.id)
        .sort();
      expect(listed, u.username).toEqual(expected);
      expect(answer.json().total).toBe(expected.length);
    }
  });

  it('the map shows exactly the alerts of the jurisdiction, each at its grid centre', async () => {
    const centres = new Map(
      (
        await sql<{ path: string; lat: number; lng: number }>`
          select org_path::text as path, centre_lat as lat, centre_lng as lng from org_unit where level = 'grid'`.execute(
          h.ctx.db,
        )
      ).rows.map((r) => [r.path, r]),
    );
    const byId = new Map(alerts.map((a) => [a.id, a]));
    for (const u of users) {
      const answer = await get('/api/v1/alerts/map', u.cookie);
      expect(answer.statusCode).toBe(200);
      const points: { id: string; lat: number; lng: number }[] = answer.json().points;
      const expected = alerts.filter((a) => within(a.path, u.path)).map((a) => a.id);
      expect(points.map((p) => p.id).sort(), u.username).toEqual(expected.sort());
      for (const p of points) {
        const centre = centres.get(byId.get(p.id)!.path)!;
        expect([p.lat, p.lng]).toEqual([centre.lat, centre.lng]);
      }
    }
  });

  it('reading or stepping on an alert out of reach answers 404 like a missing one; nothing leaks, nothing changes', async () => {
    const before = await sql`select id, status, version from alert order by id`.execute(h.ctx.db);
    let outOfReach = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: users.length - 1 }),
        fc.nat({ max: alerts.length - 1 }),
        fc.constantFrom('read', 'ack', 'resolve', 'false-alarm', 'case', 'list-grid'),
        async (ui, ai, what) => {
          const u = users[ui]!;
          const a = alerts[ai]!;
          const visible = within(a.path, u.path);
          if (visible) {
            if (what === 'read') expect((await get(`/api/v1/alerts/${a.id}`, u.cookie)).statusCode).toBe(200);
            return;
          }
          outOfReach++;
          if (what === 'list-grid') {
            const grid = a.path.slice(a.path.lastIndexOf('.') + 1);
            const answer = await get(`/api/v1/alerts?grid=${grid}`, u.cookie);
            expect(answer.statusCode).toBe(200);
            expect(answer.json()).toMatchObject({ alerts: [], total: 0 });
            return;
          }
          const answer =
            what === 'read'
              ? await get(`/api/v1/alerts/${a.id}`, u.cookie)
              : await h.app.inject({
                  method: 'POST',
                  url: `/api/v1/alerts/${a.id}/${what}`,
                  headers: { cookie: u.cookie },
                  payload: what === 'case' ? {} : { note: '越权尝试' },
                });
          const missing = await get('/api/v1/alerts/999999999', u.cookie);
          expect(answer.statusCode, `${u.username} ${what} ${a.id}`).toBe(404);
          expect(answer.json()).toEqual(missing.json());
        },
      ),
      { numRuns: 600 },
    );
    expect(outOfReach).toBeGreaterThan(200);
    expect((await sql`select id, status, version from alert order by id`.execute(h.ctx.db)).rows).toEqual(
      before.rows,
    );
    const cases = await sql<{
      n: number;
    }>`select count(*)::int as n from case_file where source = 'alert'`.execute(h.ctx.db);
    expect(cases.rows[0]!.n).toBe(0);
    await chainCommitted(h.ctx.db);
    const denied = await sql<{ n: number }>`
      select count(*)::int as n from audit_log where action = 'access.out-of-scope' and target_type = 'alert'`.execute(
      h.ctx.db,
    );
    expect(denied.rows[0]!.n).toBeGreaterThan(0);
  });

  it('departments and the auditor read no alerts at all', async () => {
    for (const username of ['dept', 'auditor']) {
      const cookie = await h.login(username);
      expect((await get('/api/v1/alerts', cookie)).statusCode).toBe(403);
      expect((await get(`/api/v1/alerts/${alerts[0]!.id}`, cookie)).statusCode).toBe(403);
    }
  });
});
