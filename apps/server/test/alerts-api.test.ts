// Working an alert: the audited page, acknowledge / resolve / false alarm with their refusals, opening one
// case from an alert, filters, and raiseAlerts itself (idempotent, dispatch with fallback, suppression).
import type { AlertCandidate } from '@civgrid/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raiseAlerts } from '../src/modules/alerts/raise.ts';
import { cityRoot } from '../src/modules/org/service.ts';
import { type Actor, systemActor } from '../src/platform/actor.ts';
import { chainCommitted } from '../src/platform/audit.ts';
import { createHarness, type Harness } from './harness.ts';

let h: Harness;
let system: Actor;
let grids: Map<string, { id: string; org_path: string }>;
let n = 0;

const candidate = (gridCode: string, over: Partial<AlertCandidate> = {}): AlertCandidate => {
  const grid = grids.get(gridCode)!;
  return {
    rule: 'care-not-seen',
    dedupKey: `api-test:${++n}`,
    situationAt: new Date(h.clock.now.getTime() - 60 * 3_600_000),
    severity: 'medium',
    subject: { kind: 'person', personId: '49' },
    houseId: '19',
    buildingId: null,
    gridId: grid.id,
    orgPath: grid.org_path,
    evidence: {
      summary: { zh: '测试预警', en: 'test alert' },
      figures: { hoursUnseen: 60 },
      thresholds: {},
      events: [],
    },
    dispatchTo: 'grid-worker',
    ackMinutes: 240,
    quietHours: 0,
    ...over,
  };
};
const raise = (candidates: AlertCandidate[]) =>
  h.ctx.db
    .transaction()
    .execute((tx) => raiseAlerts(tx, candidates, { actor: system, now: h.clock.now, source: 'test' }));
const post = async (url: string, cookie: string, payload: object = {}) =>
  h.app.inject({ method: 'POST', url, headers: { cookie }, payload });

beforeAll(async () => {
  h = await createHarness();
  system = systemActor((await cityRoot(h.ctx.db))!, 'test');
  const rows = await h.ctx.db
    .selectFrom('org_unit')
    .select(['code', 'id', 'org_path'])
    .where('level', '=', 'grid')
    .execute();
  grids = new Map(rows.map((r) => [r.code, r]));
});
afterAll(() => h.close());

describe('raiseAlerts', () => {
  it('is idempotent, dispatches to the grid worker or the police with a fallback, and records why', async () => {
    const same = candidate('Aa001');
    const police = candidate('Aa002', { rule: 'quarantine-breach', dispatchTo: 'police' });
    // no police officer's jurisdiction holds Ab001: the grid worker gets it
    const fallback = candidate('Ab001', {
      rule: 'quarantine-breach',
      dispatchTo: 'police',
      subject: null,
      houseId: null,
    });
    const first = await raise([same, same, police, fallback]);
    expect(first).toHaveLength(3);
    expect(await raise([same, police, fallback])).toEqual([]);
    const assigned = await sql<{ dedup_key: string; username: string; status: string }>`
      select a.dedup_key, u.username, a.status from alert a join app_user u on u.id = a.assignee_id
      where a.id = any(${first.map((r) => r.id)}::bigint[])`.execute(h.ctx.db);
    const by = new Map(assigned.rows.map((r) => [r.dedup_key, [r.username, r.status]]));
    expect([same, police, fallback].map((c) => by.get(c.dedupKey))).toEqual([
      ['gw-aa001', 'dispatched'],
      ['police', 'dispatched'],
      ['gw-ab001', 'dispatched'],
    ]);
    const history = await sql<{ action: string }>`
      select action from alert_action where alert_id = ${first.find((r) => r.dedupKey === same.dedupKey)!.id} order by id`.execute(
      h.ctx.db,
    );
    expect(history.rows.map((r) => r.action)).toEqual(['raise', 'dispatch']);
    await chainCommitted(h.ctx.db); // what the server's chainer does within half a second
    const audit = await sql<{ n: number }>`
      select count(*)::int as n from audit_log where action = 'alert.raise'`.execute(h.ctx.db);
    expect(audit.rows[0]!.n).toBe(3);
  });

  it('a closed alert keeps its situation quiet; a later situation is raised again', async () => {
    const c = candidate('Aa003');
    const [raised] = await raise([c]);
    const admin = await h.login('admin');
    expect(
      (await post(`/api/v1/alerts/${raised!.id}/false-alarm`, admin, { note: '误识别' })).statusCode,
    ).toBe(200);
    expect(await raise([c])).toEqual([]);
    expect(await raise([{ ...c, situationAt: new Date(c.situationAt.getTime() - 1000) }])).toEqual([]);
    expect(await raise([{ ...c, situationAt: new Date(c.situationAt.getTime() + 1000) }])).toHaveLength(1);
    // with a quiet period, even a later situation waits
    const q = candidate('Aa003', { quietHours: 24 });
    const [quiet] = await raise([q]);
    expect((await post(`/api/v1/alerts/${quiet!.id}/resolve`, admin, { note: '已登记' })).statusCode).toBe(
      200,
    );
    expect(await raise([{ ...q, situationAt: new Date(q.situationAt.getTime() + 3_600_000) }])).toEqual([]);
  });
});

describe('working an alert', () => {
  it('the page shows evidence, history and the allowed steps; reading it is audited', async () => {
    const [raised] = await raise([candidate('Aa001')]);
    const grid = await h.login('gw-aa001');
    const page = await h.app.inject({
      method: 'GET',
      url: `/api/v1/alerts/${raised!.id}`,
      headers: { cookie: grid },
    });
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({
      id: raised!.id,
      rule: 'care-not-seen',
      subject: {
        kind: 'person',
        id: '49',
        label: expect.any(String),
        idNumberMask: expect.stringMatching(/\*/),
      },
      gridCode: 'Aa001',
      houseCode: expect.any(String),
      status: 'dispatched',
      assignee: { name: expect.any(String) },
      evidence: { summary: { zh: '测试预警' } },
      history: [{ action: 'raise' }, { action: 'dispatch' }],
      allowed: ['acknowledge', 'resolve', 'false-alarm', 'case'],
    });
    await chainCommitted(h.ctx.db); // what the server's chainer does within half a second
    const audit = await sql<{ actor: string }>`
      select actor from audit_log where action = 'alert.read' and target_id = ${raised!.id}`.execute(
      h.ctx.db,
    );
    expect(audit.rows).toEqual([{ actor: 'gw-aa001' }]);
    const mine = await h.app.inject({
      method: 'GET',
      url: '/api/v1/alerts?mine=true',
      headers: { cookie: grid },
    });
    expect(
      mine
        .json()
        .alerts.every((a: { assignee: { name: string } }) => a.assignee.name === page.json().assignee.name),
    ).toBe(true);
    expect(mine.json().alerts.map((a: { id: string }) => a.id)).toContain(raised!.id);
  });

  it('acknowledge, then resolve with a note; a second acknowledgement or a step on a closed alert is refused', async () => {
    const [raised] = await raise([candidate('Aa002')]);
    const police = await h.login('police');
    const url = `/api/v1/alerts/${raised!.id}`;
    const acked = await post(`${url}/ack`, police);
    expect(acked.json()).toMatchObject({
      status: 'acknowledged',
      allowed: ['resolve', 'false-alarm', 'case'],
    });
    const again = await post(`${url}/ack`, police);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('ALERT_STATE_CONFLICT');
    const noNote = await post(`${url}/resolve`, police, { note: '  ' });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().error.field).toBe('note');
    const resolved = await post(`${url}/resolve`, police, { note: '已联系本人，平安' });
    expect(resolved.json()).toMatchObject({
      status: 'resolved',
      note: '已联系本人，平安',
      closedAt: expect.any(String),
    });
    expect((await post(`${url}/false-alarm`, police, { note: 'x' })).statusCode).toBe(409);
    await chainCommitted(h.ctx.db);
    const audit = await sql<{ action: string }>`
      select action from audit_log where target_type = 'alert' and target_id = ${raised!.id} order by seq`.execute(
      h.ctx.db,
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['alert.raise', 'alert.acknowledge', 'alert.resolve']);
    const open = await h.app.inject({
      method: 'GET',
      url: '/api/v1/alerts?status=open',
      headers: { cookie: police },
    });
    expect(open.json().alerts.map((a: { id: string }) => a.id)).not.toContain(raised!.id);
  });

  it('opens one case (source alert) from an alert, linked both ways, and acknowledges it', async () => {
    const [raised] = await raise([candidate('Aa001', { severity: 'high' })]);
    const grid = await h.login('grid');
    const opened = await post(`/api/v1/alerts/${raised!.id}/case`, grid);
    expect(opened.statusCode).toBe(201);
    const { caseId, trackingNo, alert } = opened.json();
    expect(trackingNo).toMatch(/^GD\d{6}/);
    expect(alert).toMatchObject({ caseId, status: 'acknowledged', case: { id: caseId, trackingNo } });
    expect(alert.allowed).not.toContain('case');
    const row = await sql<{
      source: string;
      category_code: string;
      priority: string;
      grid_id: string;
      title: string;
    }>`
      select source, category_code, priority, grid_id, title from case_file where id = ${caseId}`.execute(
      h.ctx.db,
    );
    expect(row.rows[0]).toMatchObject({
      source: 'alert',
      category_code: 'services.elderly',
      priority: 'urgent',
      grid_id: grids.get('Aa001')!.id,
    });
    const persons = await sql`select person_id from case_person where case_id = ${caseId}`.execute(h.ctx.db);
    expect(persons.rows).toEqual([{ person_id: '49' }]);
    const second = await post(`/api/v1/alerts/${raised!.id}/case`, grid);
    expect(second.statusCode).toBe(409);
    const casePage = await h.app.inject({
      method: 'GET',
      url: `/api/v1/cases/${caseId}`,
      headers: { cookie: grid },
    });
    expect(casePage.statusCode).toBe(200);
  });

  it('filters by rule, status and grid, and pages', async () => {
    const admin = await h.login('admin');
    const list = (q: string) =>
      h.app
        .inject({ method: 'GET', url: `/api/v1/alerts?${q}`, headers: { cookie: admin } })
        .then((r) => r.json());
    const all = await list('pageSize=200');
    const breaches = await list('rule=quarantine-breach&status=open');
    expect(breaches.alerts.length).toBeGreaterThan(0);
    expect(
      breaches.alerts.every(
        (a: { rule: string; status: string }) => a.rule === 'quarantine-breach' && a.status !== 'resolved',
      ),
    ).toBe(true);
    const ab = await list('grid=Ab001');
    expect(ab.alerts.map((a: { gridCode: string }) => a.gridCode)).toEqual(['Ab001']);
    const page2 = await list('pageSize=2&page=2');
    expect(page2).toMatchObject({ page: 2, pageSize: 2, total: all.total });
    expect(page2.alerts.map((a: { id: string }) => a.id)).toEqual(
      all.alerts.slice(2, 4).map((a: { id: string }) => a.id),
    );
    const times = all.alerts.map((a: { createdAt: string }) => a.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it("the map places an alert at its house's building, takes the list's filters and is audited", async () => {
    const house = await sql<{ code: string; lat: number; lng: number; grid: string }>`
      select h.id, b.lat, b.lng, g.code as grid from house h join building b on b.id = h.building_id
      join org_unit g on g.id = b.grid_id where h.id = 19`.execute(h.ctx.db);
    const at = house.rows[0]!;
    const [raised] = await raise([candidate(at.grid, { rule: 'occupancy-excess', severity: 'high' })]);
    const admin = await h.login('admin');
    const map = (q: string) =>
      h.app
        .inject({ method: 'GET', url: `/api/v1/alerts/map?${q}`, headers: { cookie: admin } })
        .then((r) => r.json());
    const found = (await map('rule=occupancy-excess')).points.find(
      (p: { id: string }) => p.id === raised!.id,
    );
    expect(found).toEqual({
      id: raised!.id,
      rule: 'occupancy-excess',
      severity: 'high',
      status: 'dispatched',
      lat: at.lat,
      lng: at.lng,
    });
    const list = await h.app
      .inject({
        method: 'GET',
        url: '/api/v1/alerts?rule=care-not-seen&status=open&pageSize=200',
        headers: { cookie: admin },
      })
      .then((r) => r.json());
    const mapped = await map('rule=care-not-seen&status=open');
    expect(mapped.points.map((p: { id: string }) => p.id)).toEqual(
      list.alerts.map((a: { id: string }) => a.id),
    );
    expect(mapped.truncated).toBe(false);
    await chainCommitted(h.ctx.db);
    const audited = await sql<{ details: { returned: number; rule: string } }>`
      select details from audit_log where action = 'alert.map' order by seq desc limit 1`.execute(h.ctx.db);
    expect(audited.rows[0]!.details).toMatchObject({ rule: 'care-not-seen', returned: mapped.points.length });
  });

  it('per-rule statistics for tuning count what the viewer sees', async () => {
    const admin = await h.login('admin');
    const stats = await h.app.inject({
      method: 'GET',
      url: '/api/v1/alerts/stats',
      headers: { cookie: admin },
    });
    expect(stats.statusCode).toBe(200);
    const rows = await sql<{ rule: string; n: number; fa: number; res: number }>`
      select rule, count(*)::int as n, count(*) filter (where status = 'false-alarm')::int as fa,
        count(*) filter (where status = 'resolved')::int as res
      from alert group by rule order by rule`.execute(h.ctx.db);
    expect(
      stats
        .json()
        .rules.map((r: { rule: string; raised: number; falseAlarms: number; resolved: number }) => [
          r.rule,
          r.raised,
          r.falseAlarms,
          r.resolved,
        ]),
    ).toEqual(rows.rows.map((r) => [r.rule, r.n, r.fa, r.res]));
    const care = stats.json().rules.find((r: { rule: string }) => r.rule === 'care-not-seen');
    expect(care.falseAlarmRate).toBeCloseTo(care.falseAlarms / (care.falseAlarms + care.resolved), 3);
    // a grid worker of another grid sees only its own grid's figures
    const other = await h.login('gw-ab001');
    const theirs = await h.app.inject({
      method: 'GET',
      url: '/api/v1/alerts/stats',
      headers: { cookie: other },
    });
    const inGrid = await sql<{ n: number }>`
      select count(*)::int as n from alert where org_path::text like '%.Ab001'`.execute(h.ctx.db);
    expect(theirs.json().rules.reduce((sum: number, r: { raised: number }) => sum + r.raised, 0)).toBe(
      inGrid.rows[0]!.n,
    );
  });
});
