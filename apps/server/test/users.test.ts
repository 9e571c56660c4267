import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainCommitted } from '../src/platform/audit.ts';
import { createHarness, type Harness } from './harness.ts';

let h: Harness;
let admin: string;
beforeAll(async () => {
  h = await createHarness();
  admin = await h.login('admin');
});
afterAll(() => h.close());

const create = (payload: Record<string, unknown>, cookie = admin) =>
  h.app.inject({
    method: 'POST',
    url: '/api/v1/users',
    headers: { cookie, 'accept-language': 'zh-CN' },
    payload,
  });

async function someUnit(level: 'township' | 'grid') {
  return h.ctx.db
    .selectFrom('org_unit')
    .select('code')
    .where('level', '=', level)
    .orderBy('code')
    .executeTakeFirstOrThrow();
}

describe('user management', () => {
  it('creates a user with a role and a scope, who can then log in and sees only that scope', async () => {
    const grid = await someUnit('grid');
    const response = await create({
      username: 'wang.li',
      displayName: '王丽',
      password: 'Grid-worker-2026',
      role: 'grid-worker',
      scopeCode: grid.code,
    });
    expect(response.statusCode).toBe(201);
    expect(response.json().user).toMatchObject({
      username: 'wang.li',
      role: 'grid-worker',
      scope: { code: grid.code, level: 'grid' },
      disabled: false,
    });
    const cookie = await h.login('wang.li', 'Grid-worker-2026');
    const { grids } = (
      await h.app.inject({ method: 'GET', url: '/api/v1/org/grids', headers: { cookie } })
    ).json();
    expect(grids.map((g: { code: string }) => g.code)).toEqual([grid.code]);
    await chainCommitted(h.ctx.db);
    const audit = await h.ctx.db
      .selectFrom('audit_log')
      .select(['actor', 'details'])
      .where('action', '=', 'user.create')
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor: 'admin', details: { username: 'wang.li', role: 'grid-worker' } });
  });

  it('names the broken password rule in the field, in Chinese', async () => {
    const grid = await someUnit('grid');
    const response = await create({
      username: 'weak.one',
      displayName: '弱',
      password: 'abcdefghijk',
      role: 'grid-worker',
      scopeCode: grid.code,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toEqual({
      code: 'WEAK_PASSWORD',
      field: 'password',
      message: '密码须包含字母、数字、符号中的至少两类',
    });
  });

  it('refuses a scope the role cannot have, an unknown unit and a taken username', async () => {
    const township = await someUnit('township');
    const grid = await someUnit('grid');
    const base = { displayName: '测试', password: 'Valid-pass-2026' };
    expect(
      (await create({ ...base, username: 'x1', role: 'grid-worker', scopeCode: township.code })).json().error,
    ).toMatchObject({
      code: 'SCOPE_LEVEL_NOT_ALLOWED',
      field: 'scopeCode',
    });
    expect(
      (await create({ ...base, username: 'x2', role: 'grid-worker', scopeCode: 'Zz001' })).json().error.code,
    ).toBe('UNKNOWN_UNIT');
    expect(
      (await create({ ...base, username: 'admin', role: 'grid-worker', scopeCode: grid.code })).statusCode,
    ).toBe(409);
    expect(
      (await create({ ...base, username: 'Bad Name', role: 'grid-worker', scopeCode: grid.code })).json()
        .error,
    ).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'username',
    });
  });

  it('is for admins only; centres may read the users of their scope', async () => {
    const township = await h.login('township');
    const grid = await someUnit('grid');
    const attempt = await create(
      {
        username: 'x3',
        displayName: '测试',
        password: 'Valid-pass-2026',
        role: 'grid-worker',
        scopeCode: grid.code,
      },
      township,
    );
    expect(attempt.statusCode).toBe(403);
    const list = (
      await h.app.inject({ method: 'GET', url: '/api/v1/users?pageSize=200', headers: { cookie: township } })
    ).json();
    expect(list.items.length).toBeGreaterThan(0);
    expect(
      list.items.every((u: { scope: { level: string } }) =>
        ['township', 'village', 'grid'].includes(u.scope.level),
      ),
    ).toBe(true);
  });

  it('ends the sessions of a user whose role or scope changes', async () => {
    const list = (
      await h.app.inject({ method: 'GET', url: '/api/v1/users?q=county', headers: { cookie: admin } })
    ).json();
    const county = list.items.find((u: { username: string }) => u.username === 'county');
    const cookie = await h.login('county');
    const township = await someUnit('township');
    const changed = await h.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${county.id}`,
      headers: { cookie: admin },
      payload: { role: 'township-centre', scopeCode: township.code },
    });
    expect(changed.json().user).toMatchObject({ role: 'township-centre', scope: { code: township.code } });
    expect(
      (await h.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } })).statusCode,
    ).toBe(401);
  });

  it('pages long lists', async () => {
    const first = (
      await h.app.inject({
        method: 'GET',
        url: '/api/v1/users?page=1&pageSize=3',
        headers: { cookie: admin },
      })
    ).json();
    const second = (
      await h.app.inject({
        method: 'GET',
        url: '/api/v1/users?page=2&pageSize=3',
        headers: { cookie: admin },
      })
    ).json();
    expect(first.items).toHaveLength(3);
    expect(first.total).toBeGreaterThan(6);
    expect(second.items[0].username > first.items[2].username).toBe(true);
  });
});
