import { spawnSync } from 'node:child_process';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/platform/actor.ts';
import { auditAlone, verifyAuditChain } from '../src/platform/audit.ts';
import { createHarness, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
  // Some history: logins, a denial, a write.
  const admin = await h.login('admin');
  await h.login('grid');
  await h.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username: 'grid', password: 'wrong-one-123' },
  });
  await h.app.inject({
    method: 'POST',
    url: '/api/v1/apikeys',
    headers: { cookie: admin },
    payload: { name: 'gate-1' },
  });
});
afterAll(() => h.close());

describe('audit chain', () => {
  it('holds every login, denial and write in an intact chain', async () => {
    const grid = await h.login('grid');
    await h.app.inject({ method: 'GET', url: '/api/v1/users', headers: { cookie: grid } }); // grid workers may not list users
    const actions = (await h.ctx.db.selectFrom('audit_log').select(['action', 'outcome']).execute()).map(
      (r) => `${r.action}:${r.outcome}`,
    );
    expect(actions).toEqual(
      expect.arrayContaining([
        'auth.login:ok',
        'auth.login:failed',
        'apikey.create:ok',
        'access.forbidden:denied',
      ]),
    );
    const verdict = await verifyAuditChain(h.ctx.db);
    expect(verdict).toMatchObject({ ok: true, checked: actions.length });
  });

  it('commits rows that arrive together as one group, each in its place in the chain', async () => {
    const actor = systemActor({ code: 'c', name: 'city', org_path: 'c' }, 'group-test');
    const at = new Date();
    await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        auditAlone(h.ctx.db, actor, { action: 'test.group', details: { i } }, at),
      ),
    );
    const rows = await sql<{ seq: string; i: number; tx: string }>`
      select seq, (details->>'i')::int as i, xmin::text as tx from audit_log
      where action = 'test.group' order by seq`.execute(h.ctx.db);
    // Every row is there once, in the order it was asked for, and the chain holds.
    expect(rows.rows.map((r) => r.i)).toEqual(Array.from({ length: 300 }, (_, i) => i));
    const seqs = rows.rows.map((r) => BigInt(r.seq));
    expect(seqs.every((s, k) => k === 0 || s === seqs[k - 1]! + 1n)).toBe(true);
    expect((await verifyAuditChain(h.ctx.db)).ok).toBe(true);
    // Far fewer transactions than rows: the head's lock and the commit were shared.
    expect(new Set(rows.rows.map((r) => r.tx)).size).toBeLessThan(10);
  });

  it('names the first row that was edited', async () => {
    const target = await h.ctx.db
      .selectFrom('audit_log')
      .select('seq')
      .orderBy('seq')
      .offset(2)
      .limit(1)
      .executeTakeFirstOrThrow();
    await sql`update audit_log set details = '{"reason":"nothing happened"}' where seq = ${target.seq}`.execute(
      h.ctx.db,
    );
    const verdict = await verifyAuditChain(h.ctx.db);
    expect(verdict.ok).toBe(false);
    expect(verdict.firstBroken).toMatchObject({ seq: Number(target.seq), problem: 'changed' });
    expect(verdict.checked).toBe(Number(target.seq) - 1);
  });

  it('names a row that was deleted from the middle', async () => {
    const fresh = await createHarness();
    try {
      await fresh.login('admin');
      await fresh.login('county');
      await fresh.login('police');
      await sql`delete from audit_log where seq = 2`.execute(fresh.ctx.db);
      expect((await verifyAuditChain(fresh.ctx.db)).firstBroken).toMatchObject({
        seq: 2,
        problem: 'removed',
      });
    } finally {
      await fresh.close();
    }
  });

  it('notices rows cut from the end', async () => {
    const fresh = await createHarness();
    try {
      await fresh.login('admin');
      await fresh.login('county');
      await sql`delete from audit_log where seq = (select max(seq) from audit_log)`.execute(fresh.ctx.db);
      expect((await verifyAuditChain(fresh.ctx.db)).firstBroken).toMatchObject({
        seq: 2,
        problem: 'truncated',
      });
    } finally {
      await fresh.close();
    }
  });

  it('is readable by auditors only, through the API, with a verify action', async () => {
    const admin = await h.login('admin');
    expect(
      (await h.app.inject({ method: 'GET', url: '/api/v1/audit', headers: { cookie: admin } })).statusCode,
    ).toBe(403);
    const auditor = await h.login('auditor');
    const page = (
      await h.app.inject({ method: 'GET', url: '/api/v1/audit?pageSize=5', headers: { cookie: auditor } })
    ).json();
    expect(page.items).toHaveLength(5);
    expect(page.items[0].seq).toBeGreaterThan(page.items[4].seq);
    const verify = await h.app.inject({
      method: 'POST',
      url: '/api/v1/audit/verify',
      headers: { cookie: auditor },
    });
    expect(verify.json().ok).toBe(false); // the row edited above
  });

  it('`civgrid audit verify` exits non-zero and names the row', async () => {
    const fresh = await createHarness();
    try {
      await fresh.login('admin');
      await fresh.login('county');
      await sql`update audit_log set actor = 'someone-else' where seq = 1`.execute(fresh.ctx.db);
      const run = spawnSync(
        process.execPath,
        ['--import', 'tsx', 'apps/server/src/main.ts', 'audit', 'verify'],
        {
          env: {
            ...process.env,
            DATABASE_URL: fresh.ctx.config.databaseUrl!,
            CIVGRID_SECRET: fresh.ctx.config.secret,
          },
          encoding: 'utf8',
        },
      );
      expect(run.status).toBe(1);
      expect(run.stdout).toMatch(/AUDIT CHAIN BROKEN at row 1: row 1 was changed/);
    } finally {
      await fresh.close();
    }
  });
});
