// Residents' notifications through the outbox: milestones queue one message per recipient in the step's
// own transaction (refused steps and steps residents do not hear of queue none); the sender delivers to a
// real local HTTP server standing in for the SMS gateway's webhook, retries a failing one with back-off on
// the harness clock until it recovers, gives up after MAX_ATTEMPTS, and two senders at once never send
// one message twice. The administrators' outbox listing shows recipients only masked.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { transition } from '@civgrid/domain';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openResidentCase } from '../src/modules/cases/residents.ts';
import { loadState } from '../src/modules/cases/service.ts';
import { caseActorOf } from '../src/modules/cases/state.ts';
import { writeStep } from '../src/modules/cases/writer.ts';
import { type ChannelAdapters, channelAdapters } from '../src/modules/notify/adapters.ts';
import { queueMilestone } from '../src/modules/notify/outbox.ts';
import { MAX_ATTEMPTS, retryDelayMs, sendDue } from '../src/modules/notify/sender.ts';
import { type Database, openDatabase } from '../src/platform/db.ts';
import { createHarness, type Harness } from './harness.ts';

interface Received {
  id: string;
  channel: string;
  to: string;
  topic: string;
  trackingNo: string;
  text: string;
  textEn: string;
}

/** The SMS gateway's webhook: records what it accepted, answers 500 while `failing`. */
const gateway = {
  server: null as Server | null,
  failing: false,
  delayMs: 0,
  accepted: [] as Received[],
  refused: 0,
};

let h: Harness;
let adapters: ChannelAdapters;
const logged: string[] = [];
const cookies: Record<string, string> = {};
let gridCode: string;
const MINUTE = 60_000;

async function call(user: string, method: 'GET' | 'POST', url: string, payload?: unknown) {
  const response = await h.app.inject({
    method,
    url,
    headers: { cookie: cookies[user]! },
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
  return { status: response.statusCode, body: response.json() };
}

async function step(id: string, body: Record<string, unknown>) {
  const page = await call('township', 'GET', `/api/v1/cases/${id}`);
  return call('township', 'POST', `/api/v1/cases/${id}/steps`, { version: page.body.case.version, ...body });
}

async function openCall(phone: string | null, extra: Record<string, unknown> = {}) {
  const opened = await call('township', 'POST', '/api/v1/cases', {
    source: 'hotline',
    category: 'environment.refuse',
    title: '垃圾未清运',
    description: '小区东门垃圾三天未清运',
    gridCode,
    ...(phone ? { reporter: { name: '李女士', phone } } : {}),
    ...extra,
  });
  expect(opened.status).toBe(201);
  return opened.body.case as { id: string; trackingNo: string };
}

const outboxOf = (caseId: string) =>
  h.ctx.db.selectFrom('outbox').selectAll().where('case_id', '=', caseId).orderBy('id').execute();

/** Sends until nothing is due (as the worker does every few seconds). */
async function drain(ctx = h.ctx) {
  const total = { claimed: 0, delivered: 0, retried: 0, failed: 0 };
  for (;;) {
    const s = await sendDue(ctx, adapters, (line) => logged.push(line));
    for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += s[k];
    if (s.claimed === 0) return total;
  }
}

beforeAll(async () => {
  gateway.server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      setTimeout(() => {
        if (gateway.failing) {
          gateway.refused++;
          response.writeHead(500).end('gateway down');
          return;
        }
        gateway.accepted.push(JSON.parse(body));
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      }, gateway.delayMs);
    });
  });
  await new Promise<void>((resolve) => gateway.server!.listen(0, '127.0.0.1', resolve));
  const { port } = gateway.server.address() as AddressInfo;
  h = await createHarness({ smsWebhook: `http://127.0.0.1:${port}/sms` });
  adapters = channelAdapters(h.ctx.config, (line) => logged.push(line));
  for (const user of ['township', 'grid', 'admin', 'auditor']) cookies[user] = await h.login(user);
  const grid = await h.ctx.db
    .selectFrom('app_user')
    .innerJoin('org_unit', 'org_unit.id', 'app_user.scope_id')
    .select('org_unit.code')
    .where('app_user.username', '=', 'grid')
    .executeTakeFirstOrThrow();
  gridCode = grid.code;
});
afterAll(async () => {
  await h.close();
  await new Promise((resolve) => gateway.server!.close(resolve));
});
beforeEach(async () => {
  // Each test starts with nothing due: earlier tests' messages are delivered or given up.
  gateway.failing = false;
  gateway.delayMs = 0;
  await drain();
  // Tests move the clock by hours: sessions idle for 30 minutes are gone.
  for (const user of Object.keys(cookies)) cookies[user] = await h.login(user);
  gateway.accepted = [];
  gateway.refused = 0;
  logged.length = 0;
});

describe('queueing milestones', () => {
  it('queues one message per recipient for each milestone, none for other or refused steps', async () => {
    const opened = await openCall('13812345678');
    let rows = await outboxOf(opened.id);
    expect(rows.map((r) => [r.topic, r.channel])).toEqual([['case.received', 'sms']]);
    expect(rows[0]!.payload).toMatchObject({
      trackingNo: opened.trackingNo,
      milestone: 'received',
      text: {
        zh: expect.stringContaining(opened.trackingNo),
        en: expect.stringContaining(opened.trackingNo),
      },
    });
    // Sealed like every phone number: the clear number is not in the row.
    expect(rows[0]!.recipient_enc!.toString('latin1')).not.toContain('13812345678');
    expect(h.ctx.crypto.decrypt(rows[0]!.recipient_enc!)).toBe('13812345678');

    expect((await step(opened.id, { step: 'register', note: '已电话回复' })).status).toBe(200);
    // A refused step (resolve before anyone reported back) queues nothing.
    const refused = await step(opened.id, { step: 'resolve' });
    expect(refused.status).toBe(409);
    rows = await outboxOf(opened.id);
    expect(rows.map((r) => r.topic)).toEqual(['case.received', 'case.registered']);
    expect(JSON.stringify(rows[1]!.payload)).not.toContain('值班员');

    const gridWorker = await h.ctx.db
      .selectFrom('app_user')
      .select('id')
      .where('username', '=', 'grid')
      .executeTakeFirstOrThrow();
    expect(
      (
        await step(opened.id, {
          step: 'assign',
          tasks: [{ assignee: { kind: 'grid-worker', id: gridWorker.id }, instructions: '联系物业清运' }],
        })
      ).status,
    ).toBe(200);
    // Nor does a step residents do not hear of (the grid worker taking the task).
    const page = await call('grid', 'GET', `/api/v1/cases/${opened.id}`);
    const accepted = await call('grid', 'POST', `/api/v1/cases/${opened.id}/steps`, {
      version: page.body.case.version,
      step: 'accept',
      task: 1,
    });
    expect(accepted.status).toBe(200);
    rows = await outboxOf(opened.id);
    expect(rows.map((r) => r.topic)).toEqual(['case.received', 'case.registered', 'case.assigned']);
  });

  it('queues one message a channel for a resident with a phone and an openid, none without either', async () => {
    const receipt = await openResidentCase(h.ctx, {
      channel: 'wechat',
      category: 'other',
      description: '路灯不亮',
      reporter: { phone: '13900001111' },
      openid: 'oWx-resident-0001',
    });
    const rows = await outboxOf(receipt.id);
    expect(rows.map((r) => [r.topic, r.channel]).sort()).toEqual([
      ['case.received', 'sms'],
      ['case.received', 'wechat'],
    ]);
    expect(h.ctx.crypto.decrypt(rows.find((r) => r.channel === 'wechat')!.recipient_enc!)).toBe(
      'oWx-resident-0001',
    );
    // A case without a phone or openid has no one to tell.
    const silent = await openCall(null, { register: true });
    expect(await outboxOf(silent.id)).toEqual([]);
    // A call registered at once is told once, that it was registered.
    const registered = await openCall('13812340000', { register: true });
    expect((await outboxOf(registered.id)).map((r) => r.topic)).toEqual(['case.registered']);
  });

  it("writes the message in the step's transaction: rolled back with it", async () => {
    const opened = await openCall('13812345679');
    const row = await h.ctx.db
      .selectFrom('case_file')
      .selectAll()
      .where('id', '=', opened.id)
      .executeTakeFirstOrThrow();
    const before = await loadState(h.ctx.db, row);
    const township = await h.ctx.db
      .selectFrom('app_user')
      .innerJoin('org_unit', 'org_unit.id', 'app_user.scope_id')
      .select(['app_user.id', 'org_unit.code', 'org_unit.name', 'app_user.org_path'])
      .where('app_user.username', '=', 'township')
      .executeTakeFirstOrThrow();
    const actor = {
      kind: 'user' as const,
      id: township.id,
      name: 'township',
      role: 'township-centre' as const,
      scopeCode: township.code,
      scopeName: township.name,
      scopeLevel: 'township' as const,
      scopePath: township.org_path,
      ip: null,
    };
    const result = transition(before, { step: 'register' }, caseActorOf(actor), h.clock.now);
    if (!result.ok) throw new Error(result.code);
    let seenInside = 0;
    await expect(
      h.ctx.db.transaction().execute(async (tx) => {
        await writeStep(
          tx,
          actor,
          { id: row.id, trackingNo: row.tracking_no, orgPath: row.org_path, version: row.version },
          before,
          result.case,
          result.change,
        );
        seenInside = (await tx.selectFrom('outbox').select('id').where('case_id', '=', row.id).execute())
          .length;
        throw new Error('the step fails after its writes');
      }),
    ).rejects.toThrow('the step fails');
    expect(seenInside).toBe(2);
    expect((await outboxOf(row.id)).map((r) => r.topic)).toEqual(['case.received']);
  });
});

describe('sending', () => {
  it('delivers by SMS through the webhook and by WeChat to the log when no webhook is set', async () => {
    const opened = await openCall('13812345600');
    const resident = await openResidentCase(h.ctx, {
      channel: 'wechat',
      category: 'other',
      description: '井盖缺失',
      openid: 'oWx-resident-0002',
    });
    const sent = await drain();
    expect(sent).toMatchObject({ delivered: 2, retried: 0, failed: 0 });
    expect(gateway.accepted).toEqual([
      expect.objectContaining({
        channel: 'sms',
        to: '13812345600',
        topic: 'case.received',
        trackingNo: opened.trackingNo,
        text: expect.stringContaining(opened.trackingNo),
        textEn: expect.stringContaining('received'),
      }),
    ]);
    expect(logged.join('\n')).toContain(resident.trackingNo);
    expect(logged.join('\n')).not.toContain('oWx-resident-0002');
    for (const row of [...(await outboxOf(opened.id)), ...(await outboxOf(resident.id))])
      expect(row).toMatchObject({ delivered_at: h.clock.now, attempts: 1, last_error: null });
  });

  it('retries a failing webhook with growing waits on the clock and delivers once it recovers, once', async () => {
    const opened = await openCall('13812345601');
    gateway.failing = true;
    expect(await sendDue(h.ctx, adapters)).toMatchObject({ claimed: 1, retried: 1 });
    let [row] = await outboxOf(opened.id);
    expect(row).toMatchObject({
      attempts: 1,
      delivered_at: null,
      last_error: expect.stringContaining('500'),
    });
    const firstWait = row!.next_attempt_at.getTime() - h.clock.now.getTime();
    expect(firstWait).toBeGreaterThanOrEqual(0.8 * MINUTE);
    expect(firstWait).toBeLessThanOrEqual(MINUTE);
    // Not due again before its time.
    h.clock.advance(firstWait - 1000);
    expect((await sendDue(h.ctx, adapters)).claimed).toBe(0);
    h.clock.advance(1000);
    expect(await sendDue(h.ctx, adapters)).toMatchObject({ claimed: 1, retried: 1 });
    [row] = await outboxOf(opened.id);
    const secondWait = row!.next_attempt_at.getTime() - h.clock.now.getTime();
    expect(secondWait).toBeGreaterThanOrEqual(1.6 * MINUTE);
    expect(secondWait).toBeLessThanOrEqual(2 * MINUTE);
    expect(gateway.refused).toBe(2);

    gateway.failing = false;
    h.clock.advance(secondWait);
    expect(await sendDue(h.ctx, adapters)).toMatchObject({ claimed: 1, delivered: 1 });
    [row] = await outboxOf(opened.id);
    expect(row).toMatchObject({ attempts: 3, delivered_at: h.clock.now, last_error: null });
    h.clock.advance(24 * 60 * MINUTE);
    expect((await drain()).claimed).toBe(0);
    expect(gateway.accepted.filter((m) => m.trackingNo === opened.trackingNo)).toHaveLength(1);
  });

  it('waits 1 minute doubling up to 6 hours, less up to a fifth at random', () => {
    expect([1, 2, 3, 9, 10, 20].map((n) => retryDelayMs(n, () => 0) / MINUTE)).toEqual([
      1, 2, 4, 256, 360, 360,
    ]);
    expect(retryDelayMs(1, () => 1)).toBe(0.8 * MINUTE);
  });

  it('gives up after MAX_ATTEMPTS, keeps the last error, and lists the message as failed, masked', async () => {
    const opened = await openCall('13812345602');
    gateway.failing = true;
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      expect((await sendDue(h.ctx, adapters, (line) => logged.push(line))).claimed).toBe(1);
      h.clock.advance(6 * 60 * MINUTE);
    }
    for (const user of ['admin', 'auditor', 'township']) cookies[user] = await h.login(user);
    expect((await drain()).claimed).toBe(0);
    const [row] = await outboxOf(opened.id);
    expect(row).toMatchObject({ attempts: MAX_ATTEMPTS, delivered_at: null });
    expect(logged.join('\n')).toContain(`gave up on message #${row!.id}`);

    const failed = await call('admin', 'GET', '/api/v1/admin/outbox?state=failed');
    expect(failed.status).toBe(200);
    expect(failed.body.items).toContainEqual(
      expect.objectContaining({
        id: row!.id,
        state: 'failed',
        channel: 'sms',
        recipient: '138****5602',
        trackingNo: opened.trackingNo,
        attempts: MAX_ATTEMPTS,
        nextAttemptAt: null,
        lastError: expect.stringContaining('500'),
      }),
    );
    expect(JSON.stringify(failed.body)).not.toContain('13812345602');
    const pending = await call('admin', 'GET', '/api/v1/admin/outbox?state=pending');
    expect(pending.body.items.map((i: { id: string }) => i.id)).not.toContain(row!.id);
    const delivered = await call('admin', 'GET', '/api/v1/admin/outbox?state=delivered&pageSize=5');
    expect(delivered.body).toMatchObject({ page: 1, pageSize: 5 });
    expect(delivered.body.total).toBeGreaterThan(5);
    expect(delivered.body.items).toHaveLength(5);
    expect((await call('auditor', 'GET', '/api/v1/admin/outbox')).status).toBe(403);
    expect((await call('township', 'GET', '/api/v1/admin/outbox')).status).toBe(403);
  });

  it('never sends one message twice when two senders work at once', async () => {
    const opened = await openCall('13812345603');
    await h.ctx.db.transaction().execute(async (tx) => {
      for (let i = 0; i < 150; i++)
        await queueMilestone(tx, {
          caseId: opened.id,
          trackingNo: opened.trackingNo,
          milestone: 'assigned',
          at: h.clock.now,
        });
    });
    gateway.delayMs = 2;
    // The second sender on a pool of its own, as another process would be.
    const other: Database = openDatabase(h.ctx.config.databaseUrl!, 3);
    try {
      const [a, b] = await Promise.all([drain(), drain({ ...h.ctx, db: other.db, pool: other.pool })]);
      expect(a.delivered + b.delivered).toBe(151);
      expect(a.delivered).toBeGreaterThan(0);
      expect(b.delivered).toBeGreaterThan(0);
    } finally {
      await other.close();
    }
    const ids = gateway.accepted.map((m) => m.id);
    expect(ids).toHaveLength(151);
    expect(new Set(ids).size).toBe(151);
    const rows = await outboxOf(opened.id);
    expect(rows.every((r) => r.delivered_at !== null && r.attempts === 1)).toBe(true);
  });
});
