// Jurisdiction over the registers: randomised reads, searches, exports and updates by users of every role
// against people anywhere in the city. Nothing outside a user's scope may be seen or changed.
import { can, isWithin, type Role } from '@civgrid/domain';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  name: string;
  path: string;
  gridCode: string;
}
const accounts: Account[] = [];
let targets: Target[] = [];

beforeAll(async () => {
  h = await createHarness();
  const users = await h.ctx.db
    .selectFrom('app_user')
    .select(['username', 'role', 'org_path'])
    .where((eb) => eb.or([eb('username', 'not like', 'gw-%'), eb('username', 'like', '%1')]))
    .execute();
  for (const u of users)
    accounts.push({
      username: u.username,
      role: u.role as Role,
      path: u.org_path,
      cookie: await h.login(u.username),
    });
  // A few people from every grid, so every account has targets both inside and outside its scope.
  const rows = await h.ctx.db
    .selectFrom('person')
    .select(['id', 'name', 'org_path'])
    .where((eb) =>
      eb(
        'id',
        'in',
        eb
          .selectFrom('person as p')
          .select((e) => e.fn.min('p.id').as('id'))
          .groupBy('p.org_path'),
      ),
    )
    .execute();
  targets = rows.map((r) => ({
    id: r.id,
    name: r.name,
    path: r.org_path,
    gridCode: r.org_path.split('.').at(-1)!,
  }));
});
afterAll(() => h.close());

async function exportedNames(account: Account, q: string): Promise<string[]> {
  const response = await h.app.inject({
    method: 'GET',
    url: `/api/v1/registry/persons/export.xlsx?q=${encodeURIComponent(q)}`,
    headers: { cookie: account.cookie },
  });
  expect(response.statusCode).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
  const names: string[] = [];
  workbook.worksheets[0]!.eachRow((row, n) => {
    if (n > 1) names.push(String(row.getCell(1).value));
  });
  return names;
}

describe('register jurisdiction', () => {
  it('has accounts of the roles and targets on both sides of every scope', () => {
    expect(new Set(accounts.map((a) => a.role)).size).toBeGreaterThanOrEqual(8);
    expect(targets.length).toBeGreaterThan(5);
  });

  it('leaks nothing and changes nothing outside the scope, over 500 random attempts', async () => {
    const seen = { inside: 0, outside: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...accounts),
        fc.constantFrom(...targets),
        fc.constantFrom('read', 'search', 'export', 'update'),
        async (account, target, operation) => {
          const inside = isWithin(target.path, account.path);
          seen[inside ? 'inside' : 'outside']++;
          const headers = { cookie: account.cookie };
          if (operation === 'read') {
            const response = await h.app.inject({
              method: 'GET',
              url: `/api/v1/registry/persons/${target.id}`,
              headers,
            });
            const missing = await h.app.inject({
              method: 'GET',
              url: '/api/v1/registry/persons/999999999',
              headers,
            });
            if (!can(account.role, 'person.read')) {
              expect(response.statusCode).toBe(403);
              return;
            }
            if (inside) {
              expect(response.json().person.id).toBe(target.id);
              return;
            }
            expect(response.statusCode).toBe(404);
            expect(response.body).toBe(missing.body);
          }
          if (operation === 'search') {
            const response = await h.app.inject({
              method: 'GET',
              url: `/api/v1/registry/persons?q=${encodeURIComponent(target.name)}&pageSize=200`,
              headers,
            });
            if (!can(account.role, 'person.read')) {
              expect(response.statusCode).toBe(403);
              return;
            }
            const found = response.json().items as { id: string; gridCode: string }[];
            for (const item of found) {
              const path = (
                await h.ctx.db
                  .selectFrom('person')
                  .select('org_path')
                  .where('id', '=', item.id)
                  .executeTakeFirstOrThrow()
              ).org_path;
              expect(isWithin(path, account.path)).toBe(true);
            }
            expect(found.some((p) => p.id === target.id)).toBe(inside);
          }
          if (operation === 'export') {
            if (!can(account.role, 'registry.export')) {
              const response = await h.app.inject({
                method: 'GET',
                url: '/api/v1/registry/persons/export.xlsx',
                headers,
              });
              expect(response.statusCode).toBe(403);
              return;
            }
            const names = await exportedNames(account, target.name);
            const sameName = await h.ctx.db
              .selectFrom('person')
              .select(['name', 'org_path'])
              .where('name', 'like', `${target.name}%`)
              .execute();
            const expected = sameName.filter((p) => isWithin(p.org_path, account.path)).map((p) => p.name);
            expect(names.sort()).toEqual(expected.sort());
          }
          if (operation === 'update') {
            const before = await h.ctx.db
              .selectFrom('person')
              .select(['relation', 'updated_at'])
              .where('id', '=', target.id)
              .executeTakeFirstOrThrow();
            const response = await h.app.inject({
              method: 'PATCH',
              url: `/api/v1/registry/persons/${target.id}`,
              headers,
              payload: { relation: `改-${account.username}` },
            });
            const after = await h.ctx.db
              .selectFrom('person')
              .select(['relation', 'updated_at'])
              .where('id', '=', target.id)
              .executeTakeFirstOrThrow();
            if (can(account.role, 'registry.edit') && inside) {
              expect(after.relation).toBe(`改-${account.username}`);
              return;
            }
            expect([403, 404]).toContain(response.statusCode);
            expect(after).toEqual(before);
          }
        },
      ),
      { numRuns: 520, seed: 4242 },
    );
    expect(seen.inside).toBeGreaterThan(50);
    expect(seen.outside).toBeGreaterThan(50);
  });
});
