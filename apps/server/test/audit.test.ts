import { spawnSync } from 'node:child_process';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/platform/actor.ts';
import {
  appendAudit,
  auditAlone,
  chainCommitted,
  startAuditChainer,
  verifyAuditChain,
} from '../src/platform/audit.ts';
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
    await chainCommitted(h.ctx.db); // what the server's chainer does within half a second
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

  it('chains rows that arrive together in shared turns, each once, in an unbroken sequence', async () => {
    const actor = systemActor({ code: 'c', name: 'city', org_path: 'c' }, 'group-test');
    const at = new Date();
    // 300 reads audited at once, each then waiting for the chain, as a request that wrote would.
    await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        auditAlone(h.ctx.db, actor, { action: 'test.group', details: { i } }, at).then(() =>
          chainCommitted(h.ctx.db),
        ),
      ),
    );
    const rows = await sql<{ seq: string; i: number; tx: string }>`
      select seq, (details->>'i')::int as i, xmin::text as tx from audit_log
      where action = 'test.group' order by seq`.execute(h.ctx.db);
    expect(rows.rows.map((r) => r.i).sort((a, b) => a - b)).toEqual(Array.from({ length: 300 }, (_, i) => i));
    const seqs = rows.rows.map((r) => BigInt(r.seq));
    expect(seqs.every((s, k) => k === 0 || s === seqs[k - 1]! + 1n)).toBe(true);
    expect((await verifyAuditChain(h.ctx.db)).ok).toBe(true);
    // Far fewer turns than rows: the head's lock and the commit were shared.
    expect(new Set(rows.rows.map((r) => r.tx)).size).toBeLessThan(20);
  });

  it("writers do not wait on each other: an open transaction holds back no one else's audit row", async () => {
    const actor = systemActor({ code: 'c', name: 'city', org_path: 'c' }, 'writer-test');
    const at = new Date();
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let wrote: () => void = () => {};
    const written = new Promise<void>((resolve) => {
      wrote = resolve;
    });
    // A slow writer: its audit row is written, its transaction stays open.
    const slow = h.ctx.db.transaction().execute(async (tx) => {
      await appendAudit(tx, actor, { action: 'test.slow' }, at);
      wrote();
      await held;
    });
    await written;
    // Fifty quick writers commit and are chained while it is open (with the head's lock held until commit,
    // each would have waited for the slow one).
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        h.ctx.db
          .transaction()
          .execute((tx) => appendAudit(tx, actor, { action: 'test.quick', details: { i } }, at)),
      ),
    );
    await chainCommitted(h.ctx.db);
    const count = (action: string) =>
      sql<{ n: number }>`select count(*)::int as n from audit_log where action = ${action}`
        .execute(h.ctx.db)
        .then((r) => r.rows[0]!.n);
    expect(await count('test.quick')).toBe(50);
    expect(await count('test.slow')).toBe(0);
    release();
    await slow;
    await chainCommitted(h.ctx.db);
    expect(await count('test.slow')).toBe(1);
    expect((await verifyAuditChain(h.ctx.db)).ok).toBe(true);
    const waiting = await sql<{ n: number }>`select count(*)::int as n from audit_inbox`.execute(h.ctx.db);
    expect(waiting.rows[0]!.n).toBe(0);
  });

  it('rows a process left unchained (it died after its commit) are chained by the next chainer', async () => {
    const actor = systemActor({ code: 'c', name: 'city', org_path: 'c' }, 'crash-test');
    // Committed straight into the inbox, as by a process killed before it chained.
    await h.ctx.db
      .transaction()
      .execute((tx) => appendAudit(tx, actor, { action: 'test.orphan', details: { n: 1 } }, new Date()));
    const stop = startAuditChainer(h.ctx.db, () => {}, 50);
    try {
      await expect
        .poll(async () => {
          const rows = await sql`select 1 from audit_log where action = 'test.orphan'`.execute(h.ctx.db);
          return rows.rows.length;
        })
        .toBe(1);
    } finally {
      stop();
    }
    expect((await verifyAuditChain(h.ctx.db)).ok).toBe(true);
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
      await chainCommitted(fresh.ctx.db);
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
      await chainCommitted(fresh.ctx.db);
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
      await chainCommitted(fresh.ctx.db);
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
