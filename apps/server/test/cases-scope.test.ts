// Jurisdiction over cases: users of every role try, at random, to read, list and step on cases anywhere
// in the city. A case lies within reach when its grid is in the user's scope — for a department only when
// it was given a task on it. Out of reach reads as missing, never shows in a queue, and changes nothing.
import { can, isWithin, type Role } from '@civgrid/domain';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainCommitted } from '../src/platform/audit.ts';
import { createHarness, type Harness } from './harness.ts';

let h: Harness;
interface Account {
  username: string;
  role: Role;
  path: string;
  cookie: string;
}
interface Target {
  id: string;
  path: string;
  givenToDept: boolean;
}
const accounts: Account[] = [];
const targets: Target[] = [];
let deptId: string;

const reaches = (account: Account, target: Target) =>
  can(account.role, 'case.read') &&
  isWithin(target.path, account.path) &&
  (account.role !== 'department' || target.givenToDept);

beforeAll(async () => {
  h = await createHarness();
  const users = await h.ctx.db
    .selectFrom('app_user')
    .select(['id', 'username', 'role', 'org_path'])
    .where((eb) => eb.or([eb('username', 'not like', 'gw-%'), eb('username', 'like', '%1')]))
    .execute();
  for (const u of users)
    accounts.push({
      username: u.username,
      role: u.role as Role,
      path: u.org_path,
      cookie: await h.login(u.username),
    });
  deptId = users.find((u) => u.username === 'dept')!.id;
  const admin = accounts.find((a) => a.username === 'admin')!.cookie;
  const grids = await h.ctx.db
    .selectFrom('org_unit')
    .select(['code', 'org_path'])
    .where('level', '=', 'grid')
    .orderBy('code')
    .execute();
  // Two cases per grid: one given to the county's department, one not.
  for (const grid of grids) {
    for (const givenToDept of [true, false]) {
      const opened = await h.app.inject({
        method: 'POST',
        url: '/api/v1/cases',
        headers: { cookie: admin },
        payload: {
          category: 'other',
          title: `case in ${grid.code}`,
          description: 'scope test',
          gridCode: grid.code,
          register: true,
        },
      });
      expect(opened.statusCode).toBe(201);
      const id = opened.json().case.id as string;
      if (givenToDept) {
        const assigned = await h.app.inject({
          method: 'POST',
          url: `/api/v1/cases/${id}/steps`,
          headers: { cookie: admin },
          payload: {
            version: 1,
            step: 'assign',
            tasks: [{ assignee: { kind: 'department', id: deptId }, instructions: 'handle it' }],
          },
        });
        expect(assigned.statusCode).toBe(200);
      }
      targets.push({ id, path: grid.org_path, givenToDept });
    }
  }
});
afterAll(() => h.close());

async function versionOf(id: string) {
  return (
    await h.ctx.db.selectFrom('case_file').select('version').where('id', '=', id).executeTakeFirstOrThrow()
  ).version;
}

async function attempt(account: Account, target: Target, operation: 'read' | 'list' | 'step') {
  const headers = { cookie: account.cookie };
  const inside = reaches(account, target);
  if (operation === 'read') {
    const response = await h.app.inject({ method: 'GET', url: `/api/v1/cases/${target.id}`, headers });
    if (!can(account.role, 'case.read')) return expect(response.statusCode).toBe(403);
    if (inside) return expect(response.json().case.id).toBe(target.id);
    const missing = await h.app.inject({ method: 'GET', url: '/api/v1/cases/999999999', headers });
    expect(response.statusCode).toBe(404);
    expect(response.body).toBe(missing.body);
    return;
  }
  if (operation === 'list') {
    for (const queue of ['all', 'mine', 'level', 'overdue', 'supervised']) {
      const response = await h.app.inject({
        method: 'GET',
        url: `/api/v1/cases?queue=${queue}&pageSize=200`,
        headers,
      });
      if (!can(account.role, 'case.read')) return expect(response.statusCode).toBe(403);
      const ids = (response.json().items as { id: string }[]).map((c) => c.id);
      for (const id of ids) expect(reaches(account, targets.find((t) => t.id === id)!)).toBe(true);
      if (queue === 'all') expect(ids.includes(target.id)).toBe(inside);
    }
    return;
  }
  const before = await versionOf(target.id);
  const response = await h.app.inject({
    method: 'POST',
    url: `/api/v1/cases/${target.id}/steps`,
    headers,
    payload: { version: before, step: 'supervise', note: 'probe' },
  });
  if (!can(account.role, 'case.step')) expect(response.statusCode).toBe(403);
  else if (!inside) expect(response.statusCode).toBe(404);
  if (!inside) expect(await versionOf(target.id)).toBe(before);
}

describe('case jurisdiction', () => {
  it('has accounts of every working role and cases on both sides of every scope', () => {
    expect(new Set(accounts.map((a) => a.role)).size).toBeGreaterThanOrEqual(8);
    expect(targets.length).toBeGreaterThanOrEqual(12);
    const limited = accounts.filter((a) => can(a.role, 'case.read') && targets.some((t) => !reaches(a, t)));
    expect(limited.map((a) => a.role)).toEqual(
      expect.arrayContaining(['township-centre', 'grid-worker', 'police', 'department']),
    );
  });

  it('leaks nothing and changes nothing over at least 500 attempts at cases out of reach', async () => {
    const outside = accounts.flatMap((account) =>
      targets.filter((t) => !reaches(account, t)).map((target) => ({ account, target })),
    );
    await chainCommitted(h.ctx.db);
    const auditBefore = await h.ctx.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('action', '=', 'access.out-of-scope')
      .where('target_type', '=', 'case_file')
      .executeTakeFirstOrThrow();
    let reads = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...outside),
        fc.constantFrom('read', 'list', 'step'),
        async ({ account, target }, operation) => {
          if (operation !== 'list' && can(account.role, 'case.read')) reads++;
          await attempt(account, target, operation as 'read' | 'list' | 'step');
        },
      ),
      { numRuns: 540 },
    );
    // Every probe of a case that exists out of reach is on the audit chain as a denial.
    await chainCommitted(h.ctx.db); // what the server's chainer does within half a second
    const auditAfter = await h.ctx.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('action', '=', 'access.out-of-scope')
      .where('target_type', '=', 'case_file')
      .executeTakeFirstOrThrow();
    expect(Number(auditAfter.n) - Number(auditBefore.n)).toBe(reads);
  });

  it('lets every user reach what is within reach (random pairs)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...accounts),
        fc.constantFrom(...targets),
        fc.constantFrom('read', 'list'),
        async (account, target, operation) => {
          await attempt(account, target, operation as 'read' | 'list');
        },
      ),
      { numRuns: 150 },
    );
  });
});
