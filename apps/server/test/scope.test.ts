// Jurisdiction: randomised attempts by users of every role to read units, users and audit rows anywhere
// in the city. Each answer must be exactly what the role and scope allow; an out-of-scope record must
// answer the very bytes a missing one does.
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
  kind: 'unit' | 'user' | 'audit';
  key: string;
  path: string | null; // null: no such record
}
const accounts: Account[] = [];
const EXTRA_PASSWORD = 'Scope-test-2026';
const targets: Target[] = [];

beforeAll(async () => {
  h = await createHarness();
  const admin = await h.login('admin');
  // A second auditor below the city, so audit scoping has something to hide, and a village centre,
  // the one role the demo accounts leave out.
  const county = await h.ctx.db
    .selectFrom('org_unit')
    .select('code')
    .where('level', '=', 'county')
    .executeTakeFirstOrThrow();
  const village = await h.ctx.db
    .selectFrom('org_unit')
    .select('code')
    .where('level', '=', 'village')
    .orderBy('code', 'desc')
    .executeTakeFirstOrThrow();
  for (const [username, role, scopeCode] of [
    ['auditor2', 'auditor', county.code],
    ['village', 'village-centre', village.code],
  ]) {
    const created = await h.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { cookie: admin },
      payload: { username, displayName: '测试账号', password: EXTRA_PASSWORD, role, scopeCode },
    });
    expect(created.statusCode).toBe(201);
  }
  const users = await h.ctx.db
    .selectFrom('app_user')
    .select(['id', 'username', 'role', 'org_path'])
    .execute();
  const chosen = users.filter((u) => !u.username.startsWith('gw-') || u.username.endsWith('1'));
  for (const u of chosen) {
    const password = ['auditor2', 'village'].includes(u.username) ? EXTRA_PASSWORD : undefined;
    accounts.push({
      username: u.username,
      role: u.role as Role,
      path: u.org_path,
      cookie: await h.login(u.username, password),
    });
  }
  const units = await h.ctx.db.selectFrom('org_unit').select(['code', 'org_path']).execute();
  targets.push(...units.map((u) => ({ kind: 'unit' as const, key: u.code, path: u.org_path })));
  targets.push(...users.map((u) => ({ kind: 'user' as const, key: u.id, path: u.org_path })));
  await chainCommitted(h.ctx.db); // what the server's chainer does within half a second
  const audit = await h.ctx.db
    .selectFrom('audit_log')
    .select(['seq', 'org_path'])
    .where('org_path', 'is not', null)
    .execute();
  targets.push(...audit.map((a) => ({ kind: 'audit' as const, key: a.seq, path: a.org_path })));
  targets.push(
    { kind: 'unit', key: 'Zz999', path: null },
    { kind: 'user', key: '987654321', path: null },
    { kind: 'audit', key: '987654321', path: null },
  );
});
afterAll(() => h.close());

const URL = { unit: '/api/v1/org/units/', user: '/api/v1/users/', audit: '/api/v1/audit/' };
const ACTION = { unit: 'org.read', user: 'user.read', audit: 'audit.read' } as const;

function read(account: Account, kind: Target['kind'], key: string) {
  return h.app.inject({ method: 'GET', url: URL[kind] + key, headers: { cookie: account.cookie } });
}

describe('jurisdiction', () => {
  it('has accounts of every role', () => {
    expect(new Set(accounts.map((a) => a.role)).size).toBe(9);
  });

  it('never leaks a record outside the scope, and out of scope looks exactly like missing', async () => {
    const missingBody = new Map<string, string>();
    let attempts = 0;
    let allowed = 0;
    let hidden = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...accounts), fc.constantFrom(...targets), async (account, target) => {
        attempts++;
        const response = await read(account, target.kind, target.key);
        if (!can(account.role, ACTION[target.kind])) {
          expect(response.statusCode).toBe(403);
          return;
        }
        if (target.path !== null && isWithin(target.path, account.path)) {
          allowed++;
          expect(response.statusCode).toBe(200);
          return;
        }
        hidden++;
        expect(response.statusCode).toBe(404);
        const key = `${account.username}:${target.kind}`;
        if (!missingBody.has(key)) {
          const missing = await read(account, target.kind, target.kind === 'unit' ? 'Zz998' : '987654320');
          missingBody.set(key, missing.body);
        }
        expect(response.body).toBe(missingBody.get(key));
      }),
      { numRuns: 600, seed: 20260301 },
    );
    expect(attempts).toBeGreaterThanOrEqual(600);
    // The sample must have exercised both sides of the rule, or it proved nothing.
    expect(allowed).toBeGreaterThan(50);
    expect(hidden).toBeGreaterThan(50);
  });

  it('lists only what lies inside the scope', async () => {
    for (const account of accounts) {
      if (can(account.role, 'org.read')) {
        const { grids } = (
          await h.app.inject({ method: 'GET', url: '/api/v1/org/grids', headers: { cookie: account.cookie } })
        ).json();
        const expected = targets.filter(
          (t) =>
            t.kind === 'unit' &&
            t.path !== null &&
            /^[A-Z][a-z]\d{3}$/.test(t.key) &&
            isWithin(t.path, account.path),
        );
        expect(grids.map((g: { code: string }) => g.code).sort()).toEqual(expected.map((t) => t.key).sort());
      }
      if (can(account.role, 'user.read')) {
        const page = (
          await h.app.inject({
            method: 'GET',
            url: '/api/v1/users?pageSize=200',
            headers: { cookie: account.cookie },
          })
        ).json();
        expect(page.total).toBe(
          targets.filter((t) => t.kind === 'user' && t.path !== null && isWithin(t.path, account.path))
            .length,
        );
      }
      if (can(account.role, 'audit.read')) {
        const page = (
          await h.app.inject({
            method: 'GET',
            url: '/api/v1/audit?pageSize=200',
            headers: { cookie: account.cookie },
          })
        ).json();
        for (const row of page.items) expect(isWithin(row.orgPath, account.path)).toBe(true);
      }
    }
  });

  it('audits out-of-scope reads as denials', async () => {
    const grid = accounts.find((a) => a.username === 'grid')!;
    const elsewhere = targets.find((t) => t.kind === 'unit' && t.path && !isWithin(t.path, grid.path))!;
    await read(grid, 'unit', elsewhere.key);
    await chainCommitted(h.ctx.db); // what the server's chainer does within half a second
    const denial = await h.ctx.db
      .selectFrom('audit_log')
      .select(['outcome', 'target_id'])
      .where('actor', '=', 'grid')
      .where('action', '=', 'access.out-of-scope')
      .orderBy('seq', 'desc')
      .executeTakeFirst();
    expect(denial).toEqual({ outcome: 'denied', target_id: elsewhere.key });
  });
});
