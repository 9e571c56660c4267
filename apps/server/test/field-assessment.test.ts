// The monthly assessment through HTTP: a worker's March — check-ins, a patrol past its grid's buildings,
// cases reported, a task done on time, one alert acknowledged in time and one missed, a resident's rating —
// gives the sheet the domain computes from the same record; the county's weights change the score as the
// formula says; a centre's decision is kept on the assessment record; the week's track for the map.
import { randomUUID } from 'node:crypto';
import { type AlertCandidate, assessmentSheet, DEFAULT_ASSESSMENT_SETTINGS } from '@civgrid/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raiseAlerts } from '../src/modules/alerts/raise.ts';
import { cityRoot } from '../src/modules/org/service.ts';
import { systemActor } from '../src/platform/actor.ts';
import { createHarness, type Harness } from './harness.ts';

let h: Harness;
const cookies: Record<string, string> = {};
let worker: { id: string; username: string; gridId: string; gridCode: string; path: string };
const at = (local: string) => new Date(`${local}+08:00`);
const WORKDAYS = [2, 3, 4, 5, 6, 9, 10, 11, 12, 13, 16, 17, 18, 19, 20, 23, 24, 25, 26, 27, 30, 31];
const day = (d: number) => `2026-03-${String(d).padStart(2, '0')}`;
let checkins: { at: Date; kind: 'in' }[];
let points: { at: Date; lng: number; lat: number; accuracy: number }[];
let buildings: { id: string; lng: number; lat: number }[];

async function call(user: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) {
  const response = await h.app.inject({
    method,
    url,
    headers: { cookie: cookies[user]! },
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
  return { status: response.statusCode, body: response.body ? response.json() : null };
}

async function step(user: string, id: string, body: Record<string, unknown>) {
  const page = await call(user, 'GET', `/api/v1/cases/${id}`);
  const answer = await call(user, 'POST', `/api/v1/cases/${id}/steps`, {
    version: page.body.case.version,
    ...body,
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
}

async function loginAll() {
  for (const user of ['township', 'county', 'admin', 'grid', worker.username])
    cookies[user] = await h.login(user);
}

beforeAll(async () => {
  h = await createHarness();
  // the grid of the demo township with a single worker (so alerts there are dispatched to that worker) and
  // the most buildings
  const { rows } = await sql<{ id: string; username: string; grid_id: string; code: string; path: string }>`
    select min(u.id)::text as id, min(u.username) as username, o.id::text as grid_id, o.code, o.org_path::text as path
    from app_user u join org_unit o on o.id = u.scope_id
    where u.role = 'grid-worker' and o.org_path <@ (select org_path from app_user where username = 'township')
    group by o.id, o.code, o.org_path having count(*) = 1
    order by (select count(*) from building b where b.grid_id = o.id) desc, o.code limit 1`.execute(h.ctx.db);
  const row = rows[0]!;
  worker = { id: row.id, username: row.username, gridId: row.grid_id, gridCode: row.code, path: row.path };
  h.clock.now = at('2026-03-31T20:00:00');
  await loginAll();

  // the daily check: 18 workdays and two Saturdays
  checkins = [...WORKDAYS.slice(0, 18), 7, 14].map((d) => ({
    at: at(`${day(d)}T08:30:00`),
    kind: 'in' as const,
  }));
  for (const c of checkins)
    expect(
      (
        await call(worker.username, 'POST', '/api/v1/field/checkins', {
          clientId: randomUUID(),
          at: c.at.toISOString(),
        })
      ).status,
    ).toBe(201);

  // a patrol on Monday 2 March from the grid's first building 200 m north; two buildings planted, one on
  // the way and one a kilometre east of it, so the week's coverage lies strictly between 0 and 1
  const [first] = await h.ctx.db
    .selectFrom('building')
    .select(['lng', 'lat'])
    .where('grid_id', '=', worker.gridId)
    .orderBy('code')
    .execute();
  for (const [suffix, dLng, dLat] of [
    ['P1', 0, 0.0012],
    ['P2', 0.012, 0.001],
  ] as const)
    await h.ctx.db
      .insertInto('building')
      .values({
        code: `${worker.gridCode}-${suffix}`,
        grid_id: worker.gridId,
        org_path: worker.path,
        name: `测试楼 ${suffix}`,
        address: `测试地址 ${suffix}`,
        lng: first!.lng + dLng,
        lat: first!.lat + dLat,
      })
      .execute();
  buildings = await h.ctx.db
    .selectFrom('building')
    .select(['id', 'lng', 'lat'])
    .where('grid_id', '=', worker.gridId)
    .orderBy('code')
    .execute();
  expect(buildings.length).toBeGreaterThanOrEqual(3);
  points = [0, 0.001, 0.0018].map((dLat, i) => ({
    at: new Date(at('2026-03-02T09:00:00').getTime() + i * 200_000),
    lng: first!.lng,
    lat: first!.lat + dLat,
    accuracy: 8,
  }));
  const patrol = randomUUID();
  await call(worker.username, 'POST', '/api/v1/field/patrols', {
    clientId: patrol,
    event: 'start',
    at: at('2026-03-02T09:00:00').toISOString(),
  });
  const sent = await call(worker.username, 'POST', `/api/v1/field/patrols/${patrol}/points`, {
    points: points.map((p) => ({ ...p, at: p.at.toISOString(), clientId: randomUUID() })),
  });
  expect(sent.body.accepted).toBe(3);
  await call(worker.username, 'POST', '/api/v1/field/patrols', {
    clientId: patrol,
    event: 'stop',
    at: at('2026-03-02T09:20:00').toISOString(),
  });

  // performance: two cases reported, a task reported on time
  for (const title of ['井盖缺失', '路灯不亮'])
    expect(
      (
        await call(worker.username, 'POST', '/api/v1/cases', {
          source: 'grid-worker',
          category: 'safety',
          title,
          description: title,
          gridCode: worker.gridCode,
        })
      ).status,
    ).toBe(201);
  const opened = await call('township', 'POST', '/api/v1/cases', {
    source: 'hotline',
    category: 'environment.refuse',
    title: '垃圾堆放',
    description: '东门外',
    gridCode: worker.gridCode,
    register: true,
  });
  const caseId = opened.body.case.id as string;
  await step('township', caseId, {
    step: 'assign',
    tasks: [{ assignee: { kind: 'grid-worker', id: worker.id }, instructions: '现场核实' }],
  });
  await step(worker.username, caseId, { step: 'report', task: 1, outcome: 'done', report: '已清运' });
  // a resident's rating of that case (4 stars), as the residents' channel writes it
  await sql`insert into case_timeline (case_id, at, step, key, actor_kind, from_status, to_status, holder_from, holder_to, params)
    values (${caseId}, ${h.clock.now}, 'evaluate', 'case.evaluate', 'resident', 'resolved', 'resolved', 'township', 'township',
      '{"rating": 4}')`.execute(h.ctx.db);

  // alerts: two dispatched to the worker; one acknowledged in time, the other never
  const root = (await cityRoot(h.ctx.db))!;
  const candidate = (key: string): AlertCandidate => ({
    rule: 'device-offline',
    dedupKey: key,
    situationAt: h.clock.now,
    severity: 'medium',
    subject: null,
    houseId: null,
    buildingId: null,
    gridId: worker.gridId,
    orgPath: worker.path,
    evidence: { summary: { zh: '测试', en: 'test' }, figures: {}, thresholds: {}, events: [] },
    dispatchTo: 'grid-worker',
    ackMinutes: 60,
    quietHours: 0,
  });
  const raised = await h.ctx.db.transaction().execute((tx) =>
    raiseAlerts(tx, [candidate('assess:1'), candidate('assess:2')], {
      actor: systemActor(root, 'test'),
      now: h.clock.now,
      source: 'test',
    }),
  );
  expect(raised.map((r) => r.assigneeId)).toEqual([worker.id, worker.id]);
  expect((await call(worker.username, 'POST', `/api/v1/alerts/${raised[0]!.id}/ack`, {})).status).toBe(200);
  h.clock.advance(61 * 60_000); // 21:01 on the 31st: the second alert's hour has passed
  await loginAll();
});
afterAll(() => h.close());

const FIGURES = {
  casesReported: 2,
  tasksOnTime: 1,
  tasksLate: 0,
  tasksOverdue: 0,
  alertsOnTime: 1,
  alertsLate: 0,
  alertsMissed: 1,
};

describe('the monthly sheet', () => {
  it("gives the worker's own sheet as the domain computes it from the same record", async () => {
    const mine = await call(worker.username, 'GET', '/api/v1/field/assessments/mine?month=2026-03');
    expect(mine.status, JSON.stringify(mine.body)).toBe(200);
    const sheet = mine.body;
    expect(sheet.daily).toEqual({ present: 20, required: 22 });
    expect(sheet.performance).toEqual(FIGURES);
    expect(sheet.residents).toEqual({ count: 1, mean: 4 });
    expect(sheet.patrol[0]).toMatchObject({ week: '2026-03-02', patrols: 1, minutes: 20 });
    expect(sheet.patrol[0].buildingsPassed).toBeGreaterThanOrEqual(2);
    expect(sheet.patrol[0].buildingsPassed).toBeLessThan(buildings.length);
    expect(sheet.patrol.slice(1).every((w: { patrols: number }) => w.patrols === 0)).toBe(true);
    // performance: 40 · 2/8 + 40 · 1/1 + 20 · 1/2 = 60; residents: 100 · (4 − 1) / 4 = 75
    expect(sheet.parts.performance).toBeCloseTo(60, 9);
    expect(sheet.parts.residents).toBe(75);
    expect(sheet.parts.daily).toBeCloseTo((100 * 20) / 22, 9);
    const expected = assessmentSheet(
      {
        month: '2026-03',
        asOf: h.clock.now,
        timeZone: 'Asia/Shanghai',
        checkins,
        patrols: [{ startedAt: at('2026-03-02T09:00:00'), endedAt: at('2026-03-02T09:20:00'), points }],
        buildings,
        performance: FIGURES,
        ratings: [4],
      },
      DEFAULT_ASSESSMENT_SETTINGS,
    );
    expect(sheet.parts.patrol).toBeCloseTo(expected.parts.patrol!, 9);
    expect(sheet.score).toBe(expected.score);
    expect(sheet.grade).toBe(expected.grade);
    expect(sheet.payCoefficient).toBe(DEFAULT_ASSESSMENT_SETTINGS.pay[expected.grade!]);
    expect(sheet.shares).toEqual({ daily: 0.2, patrol: 0.3, performance: 0.3, residents: 0.2 });
  });

  it("the county's weights change the score as documented: Σ wᵢ·partᵢ / Σ wᵢ, one decimal", async () => {
    const before = (
      await call('township', 'GET', `/api/v1/field/assessments?month=2026-03&under=${worker.gridCode}`)
    ).body.items[0];
    const weights = { daily: 40, patrol: 10, performance: 30, residents: 20 };
    const put = await call('county', 'PATCH', '/api/v1/field/assessment-settings/131002', {
      settings: { weights }, // only the keys changed: laid over the settings in force
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body).toMatchObject({
      county: '131002',
      isDefault: false,
      settings: { ...DEFAULT_ASSESSMENT_SETTINGS, weights },
    });
    const after = (
      await call('township', 'GET', `/api/v1/field/assessments?month=2026-03&under=${worker.gridCode}`)
    ).body.items[0];
    const p = before.parts;
    const score = (40 * p.daily + 10 * p.patrol + 30 * p.performance + 20 * p.residents) / 100;
    expect(after.score).toBe(Math.round(score * 10) / 10);
    expect(after.score).not.toBe(before.score);
    expect(after.shares).toEqual({ daily: 0.4, patrol: 0.1, performance: 0.3, residents: 0.2 });

    // the township reads its county's settings but may not change them; bad settings name the field
    expect((await call('township', 'GET', '/api/v1/field/assessment-settings/131002')).status).toBe(200);
    expect(
      (await call('township', 'PATCH', '/api/v1/field/assessment-settings/131002', { settings: {} })).status,
    ).toBe(403);
    const bad = await call('county', 'PATCH', '/api/v1/field/assessment-settings/131002', {
      settings: { grades: { excellent: 70 } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('settings.grades');
    await call('county', 'PATCH', '/api/v1/field/assessment-settings/131002', {
      settings: DEFAULT_ASSESSMENT_SETTINGS,
    });
  });

  it("lists the sheets of the centre's workers; a decision is kept with the sheet and on the assessment record", async () => {
    const list = await call('township', 'GET', '/api/v1/field/assessments?month=2026-03&pageSize=50');
    expect(list.status).toBe(200);
    const expectedIds = await sql<{ id: string }>`select id::text from app_user where role = 'grid-worker'
      and org_path <@ (select org_path from app_user where username = 'township') order by id`.execute(
      h.ctx.db,
    );
    expect(list.body.total).toBe(expectedIds.rows.length);
    expect(list.body.items.map((s: { worker: { id: string } }) => s.worker.id).sort()).toEqual(
      expectedIds.rows.map((r) => r.id).sort(),
    );
    const sheet = list.body.items.find((s: { worker: { id: string } }) => s.worker.id === worker.id);
    const decided = await call('township', 'PATCH', `/api/v1/field/assessments/${worker.id}/2026-03`, {
      rewardPenalty: '通报表扬',
      deployment: '留用',
    });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect(decided.body.decision).toMatchObject({
      month: '2026-03',
      score: sheet.score,
      grade: sheet.grade,
      payCoefficient: sheet.payCoefficient,
      rewardPenalty: '通报表扬',
      deployment: '留用',
    });
    const record = await call('township', 'GET', `/api/v1/field/workers/${worker.id}`);
    expect(record.body.assessments).toHaveLength(1);
    expect(record.body.assessments[0]).toMatchObject({ month: '2026-03', deployment: '留用' });
    const stored = await h.ctx.db
      .selectFrom('field_assessment')
      .select(['sheet'])
      .where('user_id', '=', worker.id)
      .executeTakeFirstOrThrow();
    expect(stored.sheet).toMatchObject({ score: sheet.score, parts: sheet.parts });

    expect((await call(worker.username, 'GET', '/api/v1/field/assessments')).status).toBe(403);
    expect((await call('township', 'GET', '/api/v1/field/assessments?month=2026-04')).status).toBe(400);
  });

  it("draws the week's track: the patrol's fixes and the grid's buildings, passed or not", async () => {
    const track = await call('township', 'GET', `/api/v1/field/patrols?worker=${worker.id}&week=2026-03-02`);
    expect(track.status, JSON.stringify(track.body)).toBe(200);
    expect(track.body.patrols).toHaveLength(1);
    expect(track.body.patrols[0].points).toHaveLength(3);
    expect(track.body.buildings).toHaveLength(buildings.length);
    const passed = track.body.buildings.filter((b: { passed: boolean }) => b.passed).length;
    expect(passed).toBe(track.body.check.buildingsPassed);
    expect(track.body.check.coverage).toBeCloseTo(passed / buildings.length, 9);
    expect(
      (await call('township', 'GET', `/api/v1/field/patrols?worker=${worker.id}&week=2026-03-03`)).status,
    ).toBe(400);
  });
});
