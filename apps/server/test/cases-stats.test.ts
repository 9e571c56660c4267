// Case statistics through HTTP: the figures of a small known set of cases by status, category, grid,
// department and level, within each user's jurisdiction (a department counts only the cases given to it).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { histogramQuantile } from '../src/modules/cases/stats.ts';
import { refreshCaseStats } from '../src/modules/cases/stats-rollup.ts';
import { createHarness, type Harness } from './harness.ts';

let h: Harness;
const cookies: Record<string, string> = {};
let gridCode: string;
let deptId: string;
const HOUR = 3_600_000;

async function call(user: string, url: string, payload?: unknown) {
  const response = await h.app.inject({
    method: payload === undefined ? 'GET' : 'POST',
    url,
    headers: { cookie: cookies[user]! },
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
  return { status: response.statusCode, body: response.json() };
}

async function step(user: string, id: string, body: Record<string, unknown>) {
  const page = await call(user, `/api/v1/cases/${id}`);
  const done = await call(user, `/api/v1/cases/${id}/steps`, { version: page.body.case.version, ...body });
  expect(done.status).toBe(200);
  return done.body;
}

async function open(category: string) {
  const opened = await call('township', '/api/v1/cases', {
    source: 'hotline',
    category,
    title: '测试案件',
    description: '统计测试',
    gridCode,
    register: true,
  });
  expect(opened.status).toBe(201);
  return opened.body.case.id as string;
}

beforeAll(async () => {
  h = await createHarness();
  for (const user of ['admin', 'township', 'dept', 'grid', 'auditor']) cookies[user] = await h.login(user);
  const users = await h.ctx.db
    .selectFrom('app_user')
    .innerJoin('org_unit', 'org_unit.id', 'app_user.scope_id')
    .select(['app_user.id', 'app_user.username', 'org_unit.code'])
    .where('app_user.username', 'in', ['dept', 'grid'])
    .execute();
  gridCode = users.find((u) => u.username === 'grid')!.code;
  deptId = users.find((u) => u.username === 'dept')!.id;

  // Four cases: resolved in 2 h and rated 5; closed unfixed; given to the department and still open;
  // still open and past its overall deadline by the time the statistics are read.
  const resolved = await open('environment.refuse');
  const unfixed = await open('environment.refuse');
  const given = await open('safety.fire');
  await open('services.advice');
  h.clock.advance(2 * HOUR);
  for (const user of Object.keys(cookies)) cookies[user] = await h.login(user);
  await step('township', given, {
    step: 'assign',
    tasks: [{ assignee: { kind: 'department', id: deptId }, instructions: '检查消防通道' }],
  });
  await step('township', unfixed, { step: 'close-unfixed', reason: '产权不清，暂无法处理' });
  await step('township', resolved, {
    step: 'assign',
    tasks: [
      {
        assignee: { kind: 'grid-worker', id: users.find((u) => u.username === 'grid')!.id },
        instructions: '清运',
      },
    ],
  });
  await step('grid', resolved, { step: 'accept', task: 1 });
  await step('grid', resolved, { step: 'report', task: 1, outcome: 'done', report: '已清运' });
  await step('township', resolved, { step: 'resolve' });
  await step('township', resolved, { step: 'evaluate', rating: 5 });
  h.clock.advance(30 * 24 * HOUR);
  for (const user of Object.keys(cookies)) cookies[user] = await h.login(user);
  expect(await refreshCaseStats(h.ctx)).toMatchObject({ days: 'all' });
});
afterAll(() => h.close());

describe('case statistics', () => {
  it('counts the window’s cases by status with handling time, on-time rate and satisfaction', async () => {
    const stats = await call('township', '/api/v1/cases/stats?by=status&from=2026-01-01T00:00:00Z');
    expect(stats.status).toBe(200);
    const { totals, groups } = stats.body;
    expect(totals).toMatchObject({
      opened: 4,
      closed: 2,
      open: 2,
      overdueOpen: 2,
      resolved: 1,
      closedUnfixed: 1,
      declined: 0,
      onTimeRate: 1,
      satisfaction: { rated: 1, mean: 5, goodShare: 1 },
      reopens: 0,
    });
    expect(totals.handlingMinutes.mean).toBe(120);
    // Read from the histogram: somewhere in the √2-wide bucket that holds 120 minutes.
    expect(totals.handlingMinutes.p50).toBeGreaterThan(2 ** 6.5);
    expect(totals.handlingMinutes.p50).toBeLessThan(2 ** 7);
    const byKey = Object.fromEntries(groups.map((g: { key: string; opened: number }) => [g.key, g]));
    expect(byKey.resolved).toMatchObject({ opened: 1, label: { zh: expect.any(String), en: 'resolved' } });
    expect(byKey['closed-unfixed'].opened).toBe(1);
    expect(groups.reduce((n: number, g: { opened: number }) => n + g.opened, 0)).toBe(4);
  });

  it('groups by top-level category, grid and level, largest first', async () => {
    const byCategory = await call('township', '/api/v1/cases/stats?by=category&from=2026-01-01T00:00:00Z');
    expect(byCategory.body.groups.map((g: { key: string; opened: number }) => [g.key, g.opened])).toEqual([
      ['environment', 2],
      ['safety', 1],
      ['services', 1],
    ]);
    const byGrid = await call('admin', '/api/v1/cases/stats?by=grid&from=2026-01-01T00:00:00Z');
    expect(byGrid.body.groups).toEqual([expect.objectContaining({ key: gridCode, opened: 4 })]);
    const byLevel = await call('township', '/api/v1/cases/stats?by=level&from=2026-01-01T00:00:00Z');
    expect(byLevel.body.groups[0]).toMatchObject({ key: 'township', opened: 4 });
  });

  it('lets a department count only the cases it was given, under its own name', async () => {
    const byDept = await call('dept', '/api/v1/cases/stats?by=department&from=2026-01-01T00:00:00Z');
    expect(byDept.status).toBe(200);
    expect(byDept.body.totals.opened).toBe(1);
    expect(byDept.body.groups).toEqual([
      expect.objectContaining({ key: deptId, opened: 1, open: 1, label: expect.any(Object) }),
    ]);
    const all = await call('admin', '/api/v1/cases/stats?by=department&from=2026-01-01T00:00:00Z');
    expect(all.body.totals.opened).toBe(4);
    expect(all.body.groups.map((g: { key: string }) => g.key)).toEqual([deptId]);
  });

  it('keeps to the window and to the reader’s jurisdiction; the auditor is refused', async () => {
    const before = await call(
      'township',
      '/api/v1/cases/stats?from=2025-01-01T00:00:00Z&to=2026-01-01T00:00:00Z',
    );
    expect(before.body.totals.opened).toBe(0);
    expect(before.body.groups).toEqual([]);
    // The default window is the last 30 days: the cases are 30 days and two hours old.
    expect((await call('township', '/api/v1/cases/stats')).body.totals.opened).toBe(0);
    const otherGrid = await h.ctx.db
      .selectFrom('org_unit')
      .select('code')
      .where('level', '=', 'grid')
      .where('code', '<>', gridCode)
      .executeTakeFirstOrThrow();
    cookies.other = await h.login(`gw-${otherGrid.code.toLowerCase()}`);
    expect((await call('other', '/api/v1/cases/stats?from=2026-01-01T00:00:00Z')).body.totals.opened).toBe(0);
    expect((await call('grid', '/api/v1/cases/stats?from=2026-01-01T00:00:00Z')).body.totals.opened).toBe(4);
    expect((await call('auditor', '/api/v1/cases/stats')).status).toBe(403);
    expect((await call('admin', '/api/v1/cases/stats?by=weather')).status).toBe(400);
  });

  it('answers the same from the rollup (a township) as live (its grid worker), and reads what is newer live', async () => {
    const query = '/api/v1/cases/stats?by=category&from=2026-01-01T00:00:00Z';
    const [rolled, live] = await Promise.all([call('township', query), call('grid', query)]);
    expect(rolled.body.groups).toEqual(live.body.groups);
    expect(rolled.body.totals).toEqual(live.body.totals);
    // Opened after the last refresh: counted at once (live); a step since the refresh shows after the next.
    const id = await open('environment.refuse');
    h.clock.advance(60_000);
    const fresh = await call('township', query);
    expect(fresh.body.totals.opened).toBe(5);
    expect(fresh.body.groups[0]).toMatchObject({ key: 'environment', opened: 3, open: 1 });
    await step('township', id, { step: 'close-unfixed', reason: '重复反映' });
    h.clock.advance(60_000);
    expect(await refreshCaseStats(h.ctx)).toMatchObject({ days: 1 });
    const after = await call('township', query);
    expect(after.body.groups[0]).toMatchObject({ key: 'environment', opened: 3, open: 0, closed: 3 });
    expect(after.body.totals).toMatchObject({ opened: 5, closedUnfixed: 2 });
    expect((await call('grid', query)).body.totals).toEqual(after.body.totals);
  });

  it('reads quantiles from the histogram, log-evenly within a bucket', () => {
    const hist = Array(36).fill(0);
    hist[10] = 1; // 32 to 45 minutes
    hist[20] = 3; // 1024 to 1448 minutes
    expect(histogramQuantile(hist, 0.25)).toBe(2 ** 5.5);
    expect(histogramQuantile(hist, 0.5)).toBeCloseTo(2 ** ((20 + 1 / 3) / 2));
    expect(histogramQuantile(hist, 1)).toBe(2 ** 10.5);
    expect(histogramQuantile(Array(36).fill(0), 0.5)).toBeNull();
  });
});
