import { DEMO_PASSWORD, LOCKOUT_MS, SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from '@civgrid/domain';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { chainCommitted } from '../src/platform/audit.ts';
import type { Context } from '../src/platform/context.ts';
import { openDatabase } from '../src/platform/db.ts';
import { createHarness, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

const login = (username: string, password: string) =>
  h.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
const me = (cookie: string) => h.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });

describe('login', () => {
  it('answers the contract shape and sets an HttpOnly, SameSite=Lax session cookie', async () => {
    const response = await login('admin', DEMO_PASSWORD);
    expect(response.statusCode).toBe(200);
    const { user } = response.json();
    expect(user).toMatchObject({ username: 'admin', role: 'admin', scope: { level: 'city' } });
    expect(user.permissions).toContain('user.manage');
    const cookie = response.cookies.find((c) => c.name === 'civgrid_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect((await me(`civgrid_session=${cookie.value}`)).json().user.username).toBe('admin');
  });

  it('gives the same 401 body for a wrong password, an unknown user and a locked account', async () => {
    const wrong = await login('county', 'wrong-password-1');
    const unknown = await login('nobody-here', 'wrong-password-1');
    for (let i = 0; i < 5; i++) await login('township', 'wrong-password-1');
    const locked = await login('township', DEMO_PASSWORD);
    for (const r of [wrong, unknown, locked]) expect(r.statusCode).toBe(401);
    expect(unknown.body).toBe(wrong.body);
    expect(locked.body).toBe(wrong.body);
    expect(wrong.json().error.code).toBe('INVALID_CREDENTIALS');
  });

  it('locks an account for 15 minutes after five failures, then lets the right password in', async () => {
    for (let i = 0; i < 4; i++) expect((await login('police', 'wrong-password-1')).statusCode).toBe(401);
    // Four failures do not lock: the right password still works and resets the count.
    expect((await login('police', DEMO_PASSWORD)).statusCode).toBe(200);
    for (let i = 0; i < 5; i++) await login('police', 'wrong-password-1');
    expect((await login('police', DEMO_PASSWORD)).statusCode).toBe(401);
    h.clock.advance(LOCKOUT_MS - 1000);
    expect((await login('police', DEMO_PASSWORD)).statusCode).toBe(401);
    h.clock.advance(2000);
    expect((await login('police', DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it('audits successful and failed logins', async () => {
    await login('dept', 'wrong-password-1');
    await chainCommitted(h.ctx.db);
    const rows = await h.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'outcome', 'details'])
      .where('actor', '=', 'dept')
      .where('action', '=', 'auth.login')
      .execute();
    expect(rows.some((r) => r.outcome === 'failed' && r.details.reason === 'wrong-password')).toBe(true);
  });
});

describe('sessions', () => {
  it('ends after 30 idle minutes with SESSION_EXPIRED', async () => {
    const cookie = await h.login('grid');
    h.clock.advance(SESSION_IDLE_MS - 60_000);
    expect((await me(cookie)).statusCode).toBe(200);
    h.clock.advance(SESSION_IDLE_MS - 60_000); // active a moment ago, so still alive
    expect((await me(cookie)).statusCode).toBe(200);
    h.clock.advance(SESSION_IDLE_MS + 1000);
    const expired = await me(cookie);
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.code).toBe('SESSION_EXPIRED');
  });

  it('ends 12 hours after login however active it is', async () => {
    const cookie = await h.login('city');
    for (let t = 0; t < SESSION_ABSOLUTE_MS - 20 * 60_000; t += 20 * 60_000) {
      h.clock.advance(20 * 60_000);
      expect((await me(cookie)).statusCode).toBe(200);
    }
    h.clock.advance(25 * 60_000);
    expect((await me(cookie)).statusCode).toBe(401);
  });

  it('ends at logout', async () => {
    const cookie = await h.login('county');
    await h.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } });
    expect((await me(cookie)).statusCode).toBe(401);
  });

  it('ends at once when the user is disabled, and a disabled user cannot log in', async () => {
    const admin = await h.login('admin');
    const users = await h.app.inject({
      method: 'GET',
      url: '/api/v1/users?q=auditor',
      headers: { cookie: admin },
    });
    const auditor = users.json().items.find((u: { username: string }) => u.username === 'auditor');
    const auditorCookie = await h.login('auditor');
    const second = await h.login('auditor');
    const disabled = await h.app.inject({
      method: 'POST',
      url: `/api/v1/users/${auditor.id}/disable`,
      headers: { cookie: admin },
    });
    expect(disabled.json().user.disabled).toBe(true);
    expect((await me(auditorCookie)).statusCode).toBe(401);
    expect((await me(second)).statusCode).toBe(401);
    expect((await login('auditor', DEMO_PASSWORD)).statusCode).toBe(401);
    await h.app.inject({
      method: 'POST',
      url: `/api/v1/users/${auditor.id}/enable`,
      headers: { cookie: admin },
    });
    expect((await login('auditor', DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it('stores only hashes of session tokens', async () => {
    const cookie = await h.login('admin');
    const token = cookie.split('=')[1]!;
    const rows = await h.ctx.db.selectFrom('user_session').select('token_hash').execute();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((r) => r.token_hash.toString('base64url') === token)).toBe(false);
  });
});

describe('sessions in several processes (each keeps the sessions it resolved in memory)', () => {
  let other: FastifyInstance;
  let closeOther: () => Promise<void>;
  beforeAll(async () => {
    const database = openDatabase(h.ctx.config.databaseUrl!, 2);
    const ctx: Context = { ...h.ctx, db: database.db, pool: database.pool };
    other = await buildApp(ctx, { serveWeb: false });
    closeOther = async () => {
      await other.close();
      await database.close();
    };
  });
  afterAll(() => closeOther());

  const meIn = (app: FastifyInstance, cookie: string) =>
    app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } }).then((r) => r.statusCode);
  // What another process hears comes a moment after the commit.
  const soon = { timeout: 2000, interval: 20 };

  it('a logout in one process ends the session in the other, which had it in memory', async () => {
    const cookie = await h.login('township');
    for (let i = 0; i < 3; i++) expect(await meIn(other, cookie)).toBe(200);
    await h.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } });
    expect(await meIn(h.app, cookie)).toBe(401);
    await expect.poll(() => meIn(other, cookie), soon).toBe(401);
  });

  it("disabling a user in one process ends the user's sessions in the other", async () => {
    const admin = await h.login('admin');
    const police = await h.ctx.db
      .selectFrom('app_user')
      .select('id')
      .where('username', '=', 'police')
      .executeTakeFirstOrThrow();
    const cookie = await h.login('police');
    expect(await meIn(other, cookie)).toBe(200);
    const post = (action: string) =>
      h.app.inject({
        method: 'POST',
        url: `/api/v1/users/${police.id}/${action}`,
        headers: { cookie: admin },
      });
    expect((await post('disable')).statusCode).toBe(200);
    await expect.poll(() => meIn(other, cookie), soon).toBe(401);
    expect((await post('enable')).statusCode).toBe(200);
  });

  it('a session row deleted in the database (an expiry purge, an operator) ends it everywhere', async () => {
    const cookie = await h.login('dept');
    expect(await meIn(h.app, cookie)).toBe(200);
    expect(await meIn(other, cookie)).toBe(200);
    await sql`delete from user_session where user_id = (select id from app_user where username = 'dept')`.execute(
      h.ctx.db,
    );
    await expect.poll(() => meIn(h.app, cookie), soon).toBe(401);
    await expect.poll(() => meIn(other, cookie), soon).toBe(401);
  });

  it("a changed role reaches the other process's memory: the old rights are gone", async () => {
    const admin = await h.login('admin');
    const cookie = await h.login('grid');
    const users = (app: FastifyInstance) =>
      app.inject({ method: 'GET', url: '/api/v1/users', headers: { cookie } }).then((r) => r.statusCode);
    expect(await users(other)).toBe(403);
    // Raised to administrator straight in the database (no session is ended by that path).
    await sql`update app_user set role = 'admin' where username = 'grid'`.execute(h.ctx.db);
    await expect.poll(() => users(other), soon).toBe(200);
    await sql`update app_user set role = 'grid-worker' where username = 'grid'`.execute(h.ctx.db);
    await expect.poll(() => users(other), soon).toBe(403);
    expect(
      (await h.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: admin } })).statusCode,
    ).toBe(200);
  });
});

describe('production mode', () => {
  it('refuses the demo password even when it is right', async () => {
    const prod = await createHarness({ mode: 'production' });
    try {
      const response = await prod.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'admin', password: DEMO_PASSWORD },
      });
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe('DEMO_PASSWORD_REFUSED');
    } finally {
      await prod.close();
    }
  });
});
