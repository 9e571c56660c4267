// Who the assign and whistle forms offer: the active users of a kind whose jurisdiction holds the case —
// the county's departments and the city's, the grid's own workers, the community's police — and nobody
// from another county, another grid, or a disabled account; every one offered is accepted by the step.
// A case out of reach is 404 like a missing one.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainCommitted } from '../src/platform/audit.ts';
import { createHarness, type Harness } from './harness.ts';

let h: Harness;
const cookies: Record<string, string> = {};
const ids: Record<string, string> = {};
let gridCode: string;
let caseId: string;
let farGrid: string;
let farTownship: string;

interface Assignee {
  id: string;
  kind: string;
  name: string;
  unit: { code: string; name: string };
}

async function call(user: string, method: 'GET' | 'POST', url: string, payload?: unknown) {
  const response = await h.app.inject({
    method,
    url,
    headers: { cookie: cookies[user]! },
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
  return { status: response.statusCode, body: response.json() };
}

async function assignees(user: string, id: string, kind: string) {
  return call(user, 'GET', `/api/v1/cases/${id}/assignees?kind=${kind}`);
}

async function createUser(username: string, role: string, scopeCode: string) {
  const created = await call('admin', 'POST', '/api/v1/users', {
    username,
    displayName: `${username} 联络员`,
    password: 'Assignee-Test-2026-pass',
    role,
    scopeCode,
  });
  expect(created.status).toBe(201);
  ids[username] = created.body.user.id;
}

async function openCase(user: string, grid: string) {
  const opened = await call(user, 'POST', '/api/v1/cases', {
    category: 'environment.refuse',
    title: '垃圾堆放',
    description: '楼下垃圾未清运',
    gridCode: grid,
    register: true,
  });
  expect(opened.status).toBe(201);
  return opened.body.case.id as string;
}

beforeAll(async () => {
  h = await createHarness();
  for (const user of ['admin', 'township', 'county', 'dept', 'auditor']) cookies[user] = await h.login(user);
  const users = await h.ctx.db
    .selectFrom('app_user')
    .innerJoin('org_unit', 'org_unit.id', 'app_user.scope_id')
    .select(['app_user.id', 'app_user.username', 'org_unit.code'])
    .where('app_user.username', 'in', ['dept', 'grid', 'police'])
    .execute();
  for (const u of users) ids[u.username] = u.id;
  gridCode = users.find((u) => u.username === 'grid')!.code;
  const other = await h.ctx.db
    .selectFrom('app_user')
    .innerJoin('org_unit', 'org_unit.id', 'app_user.scope_id')
    .select(['app_user.id', 'org_unit.code'])
    .where('app_user.role', '=', 'grid-worker')
    .where('org_unit.code', '!=', gridCode)
    .executeTakeFirstOrThrow();
  ids.otherWorker = other.id;
  // A grid of the other township, beyond the township account's reach.
  const township = await h.ctx.db
    .selectFrom('app_user')
    .select('org_path')
    .where('username', '=', 'township')
    .executeTakeFirstOrThrow();
  const far = await h.ctx.db
    .selectFrom('org_unit')
    .select(['code', 'org_path'])
    .where('level', '=', 'grid')
    .where(sql<boolean>`org_path::text not like ${`${township.org_path}.%`}`)
    .executeTakeFirstOrThrow();
  farGrid = far.code;
  farTownship = far.org_path.split('.')[2]!;
  const county = users.find((u) => u.username === 'dept')!.code;
  await createUser('dept-water', 'department', county);
  await createUser('dept-city', 'department', '131000');
  // A department of the other township: its jurisdiction does not hold the case.
  await createUser('dept-other', 'department', farTownship);
  await createUser('dept-gone', 'department', county);
  expect((await call('admin', 'POST', `/api/v1/users/${ids['dept-gone']}/disable`)).status).toBe(200);
  caseId = await openCase('township', gridCode);
});
afterAll(() => h.close());

describe('case assignees', () => {
  it('offers the departments whose jurisdiction holds the case, nearest first, none of the other township', async () => {
    const answer = await assignees('township', caseId, 'department');
    expect(answer.status).toBe(200);
    const list = answer.body.assignees as Assignee[];
    const listed = list.map((a) => a.id);
    expect(listed).toEqual(expect.arrayContaining([ids.dept, ids['dept-water'], ids['dept-city']]));
    expect(listed).not.toContain(ids['dept-other']);
    expect(listed).not.toContain(ids['dept-gone']);
    expect(list.every((a) => a.kind === 'department')).toBe(true);
    // The county's bureaus before the city's.
    expect(listed.indexOf(ids.dept!)).toBeLessThan(listed.indexOf(ids['dept-city']!));
    expect(list.find((a) => a.id === ids.dept)!.unit).toEqual({ code: '131002', name: '安次区' });
  });

  it("offers the case's own grid workers and community police, not another grid's", async () => {
    const workers = (await assignees('township', caseId, 'grid-worker')).body.assignees as Assignee[];
    expect(workers.map((a) => a.id)).toContain(ids.grid);
    expect(workers.map((a) => a.id)).not.toContain(ids.otherWorker);
    expect(workers.every((a) => a.unit.code === gridCode)).toBe(true);
    const police = (await assignees('township', caseId, 'police')).body.assignees as Assignee[];
    expect(police.map((a) => a.id)).toEqual([ids.police]);
  });

  it('offers only people the assign step accepts', async () => {
    const tasks = [];
    for (const kind of ['department', 'grid-worker', 'police'] as const) {
      for (const a of (await assignees('township', caseId, kind)).body.assignees as Assignee[])
        tasks.push({ assignee: { kind, id: a.id }, instructions: '请处置' });
    }
    const page = await call('township', 'GET', `/api/v1/cases/${caseId}`);
    const assigned = await call('township', 'POST', `/api/v1/cases/${caseId}/steps`, {
      version: page.body.case.version,
      step: 'assign',
      tasks,
    });
    expect(assigned.status).toBe(200);
    expect(assigned.body.tasks).toHaveLength(tasks.length);
  });

  it('answers a case out of reach as missing, refuses other kinds and roles without case steps', async () => {
    const elsewhere = await openCase('admin', farGrid);
    expect((await assignees('township', elsewhere, 'department')).status).toBe(404);
    // A department reaches only the cases it was given a task on.
    expect((await assignees('dept', elsewhere, 'department')).status).toBe(404);
    expect((await assignees('dept', caseId, 'department')).status).toBe(200);
    expect((await assignees('township', '999999999', 'department')).status).toBe(404);
    expect((await assignees('township', caseId, 'resident')).status).toBe(400);
    expect((await assignees('auditor', caseId, 'department')).status).toBe(403);
    await chainCommitted(h.ctx.db); // what the server's chainer does within half a second
    const denied = await h.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', elsewhere)
      .where('action', '=', 'access.out-of-scope')
      .execute();
    expect(denied.length).toBeGreaterThan(0);
  });
});
