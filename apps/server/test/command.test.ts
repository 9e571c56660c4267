// Flat command: recipients resolved at sending from units and roles; the inbox, read receipts and replies
// counted right and idempotent by client id; reminders recorded; and no user outside the chosen area ever
// sees an instruction — random instructions from every centre, every user's inbox and direct reads checked.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainCommitted } from '../src/platform/audit.ts';
import { createHarness, type Harness } from './harness.ts';

let h: Harness;
interface User {
  id: string;
  username: string;
  role: string;
  path: string;
  cookie: string;
}
let users: User[];
let units: { code: string; path: string; level: string }[];

const within = (path: string, scope: string) => path === scope || path.startsWith(`${scope}.`);
const byName = (name: string) => users.find((u) => u.username === name)!;

beforeAll(async () => {
  h = await createHarness();
  const rows = await sql<Omit<User, 'cookie'>>`select id, username, role, org_path::text as path from app_user
    where disabled_at is null order by id`.execute(h.ctx.db);
  users = [];
  for (const u of rows.rows) users.push({ ...u, cookie: await h.login(u.username) });
  units = (
    await sql<{ code: string; path: string; level: string }>`select code, org_path::text as path, level
      from org_unit order by org_path`.execute(h.ctx.db)
  ).rows;
});
afterAll(() => h.close());

const call = (method: 'GET' | 'POST', url: string, user: User, payload?: object) =>
  h.app.inject({ method, url, headers: { cookie: user.cookie }, ...(payload ? { payload } : {}) });

/** The recipients the rule names, computed here independently of the server's query. */
function expectedRecipients(sender: User, unitCodes: string[], roles: string[]): string[] {
  const paths =
    unitCodes.length === 0 ? [sender.path] : unitCodes.map((c) => units.find((u) => u.code === c)!.path);
  return users
    .filter(
      (u) =>
        u.id !== sender.id &&
        u.role !== 'auditor' &&
        paths.some((p) => within(u.path, p)) &&
        (roles.length === 0 || roles.includes(u.role)),
    )
    .map((u) => u.id)
    .sort();
}

async function recipientIds(id: string, sender: User): Promise<string[]> {
  const answer = await call('GET', `/api/v1/instructions/${id}/recipients?pageSize=500`, sender);
  expect(answer.statusCode).toBe(200);
  return answer
    .json()
    .items.map((r: { userId: string }) => r.userId)
    .sort();
}

describe('sending', () => {
  it('resolves the recipients from the chosen units and roles, once, at sending; a replay sends nothing new', async () => {
    const county = byName('county');
    const clientId = randomUUID();
    const body = {
      clientId,
      title: '防汛检查',
      body: '请于今日 18 时前完成辖区防汛隐患排查并回复。',
      roles: ['grid-worker'],
    };
    const sent = await call('POST', '/api/v1/instructions', county, { ...body, replyRequired: true });
    expect(sent.statusCode).toBe(201);
    const page = sent.json();
    const expected = expectedRecipients(county, [], ['grid-worker']);
    expect(expected.length).toBeGreaterThan(3);
    expect(page.counts).toMatchObject({ recipients: expected.length, received: 0, read: 0, replied: 0 });
    expect(await recipientIds(page.instruction.id, county)).toEqual(expected);

    const replay = await call('POST', '/api/v1/instructions', county, { ...body, replyRequired: true });
    expect(replay.statusCode).toBe(200);
    expect(replay.json().instruction.id).toBe(page.instruction.id);
    const { rows } = await sql<{
      n: number;
    }>`select count(*)::int as n from instruction where client_id = ${clientId}`.execute(h.ctx.db);
    expect(rows[0]!.n).toBe(1);
    await chainCommitted(h.ctx.db);
    const audits = await sql<{ n: number }>`select count(*)::int as n from audit_log
      where action = 'instruction.send' and target_id = ${page.instruction.id}`.execute(h.ctx.db);
    expect(audits.rows[0]!.n).toBe(1);
  });

  it('refuses units outside the jurisdiction, an empty audience, a past deadline and a role without the right', async () => {
    const township = byName('township');
    const otherTownship = units.find(
      (u) => u.level === 'township' && !within(township.path, u.path) && u.path !== township.path,
    )!;
    const outside = await call('POST', '/api/v1/instructions', township, {
      clientId: randomUUID(),
      title: 't',
      body: 'b',
      units: [otherTownship.code],
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error).toMatchObject({ code: 'UNKNOWN_UNIT', field: 'units[0]' });
    const nobody = await call('POST', '/api/v1/instructions', township, {
      clientId: randomUUID(),
      title: 't',
      body: 'b',
      roles: ['city-centre'],
    });
    expect(nobody.statusCode).toBe(400);
    const past = await call('POST', '/api/v1/instructions', township, {
      clientId: randomUUID(),
      title: 't',
      body: 'b',
      deadline: new Date(h.clock.now.getTime() - 60_000).toISOString(),
    });
    expect(past.json().error.field).toBe('deadline');
    for (const name of ['grid', 'police', 'dept', 'auditor']) {
      const refused = await call('POST', '/api/v1/instructions', byName(name), {
        clientId: randomUUID(),
        title: 't',
        body: 'b',
      });
      expect(refused.statusCode, name).toBe(403);
    }
  });
});

describe('receipts and replies', () => {
  it('counts received, read and replied per recipient; replays change nothing', async () => {
    const township = byName('township');
    const deadline = new Date(h.clock.now.getTime() + 20 * 60_000).toISOString();
    const sent = await call('POST', '/api/v1/instructions', township, {
      clientId: randomUUID(),
      title: '入户走访',
      body: '请走访独居老人并回复情况。',
      deadline,
      replyRequired: true,
      roles: ['grid-worker'],
    });
    expect(sent.statusCode).toBe(201);
    const id = sent.json().instruction.id as string;
    const recipients = (await recipientIds(id, township)).map((rid) => users.find((u) => u.id === rid)!);
    expect(recipients.length).toBeGreaterThanOrEqual(4);
    const [a, b, c, d] = recipients as [User, User, User, User];

    // a: fetches the inbox only → received
    const inbox = await call('GET', '/api/v1/instructions/mine', a);
    expect(inbox.statusCode).toBe(200);
    const mine = inbox.json().items.find((i: { id: string }) => i.id === id);
    expect(mine.mine).toMatchObject({ readAt: null, replies: [] });
    expect(mine.mine.receivedAt).not.toBeNull();
    expect(inbox.json().unread).toBeGreaterThanOrEqual(1);

    // b: reads (read receipt at the phone's time, replayed twice, once with another client id)
    h.clock.advance(10 * 60_000);
    const readAt = new Date(h.clock.now.getTime() - 5 * 60_000).toISOString();
    const receipt = { clientId: randomUUID(), at: readAt };
    const first = await call('POST', `/api/v1/instructions/${id}/read`, b, receipt);
    expect(first.json()).toEqual({ readAt, isReplay: false });
    expect((await call('POST', `/api/v1/instructions/${id}/read`, b, receipt)).json()).toEqual({
      readAt,
      isReplay: true,
    });
    const other = await call('POST', `/api/v1/instructions/${id}/read`, b, { clientId: randomUUID() });
    expect(other.json()).toEqual({ readAt, isReplay: true });

    // c: replies twice (each replayed) → one replier, two replies; a reply counts as reading
    const r1 = { clientId: randomUUID(), body: '已走访 3 户，无异常。' };
    const r2 = { clientId: randomUUID(), body: '补充：2 号楼王大爷需送药。' };
    expect((await call('POST', `/api/v1/instructions/${id}/replies`, c, r1)).statusCode).toBe(201);
    const again = await call('POST', `/api/v1/instructions/${id}/replies`, c, r1);
    expect(again.statusCode).toBe(200);
    expect(again.json().isReplay).toBe(true);
    expect((await call('POST', `/api/v1/instructions/${id}/replies`, c, r2)).statusCode).toBe(201);
    expect((await call('POST', `/api/v1/instructions/${id}/replies`, c, r2)).statusCode).toBe(200);

    // d: nothing at all
    void d;
    const list = await call('GET', `/api/v1/instructions/${id}/recipients?status=all&pageSize=500`, township);
    const counts = list.json().counts;
    expect(counts).toMatchObject({
      recipients: recipients.length,
      received: 3,
      read: 2,
      replied: 1,
      overdue: 0,
    });
    const rowOf = (u: User) => list.json().items.find((r: { userId: string }) => r.userId === u.id);
    expect(rowOf(c).replies.map((x: { body: string }) => x.body)).toEqual([r1.body, r2.body]);
    expect(rowOf(b)).toMatchObject({ readAt, firstReplyAt: null });
    expect(rowOf(d)).toMatchObject({ receivedAt: null, readAt: null });
    const unreplied = await call(
      'GET',
      `/api/v1/instructions/${id}/recipients?status=unreplied&pageSize=500`,
      township,
    );
    expect(unreplied.json().total).toBe(recipients.length - 1);

    // past the deadline, everyone without a reply is overdue
    h.clock.advance(15 * 60_000);
    const later = await call('GET', `/api/v1/instructions/${id}`, township);
    expect(later.json().counts).toMatchObject({ overdue: recipients.length - 1 });

    // c's own copy carries both replies, once each
    const own = await call('GET', `/api/v1/instructions/${id}`, c);
    expect(own.json().mine.replies.map((x: { clientId: string }) => x.clientId)).toEqual([
      r1.clientId,
      r2.clientId,
    ]);
    expect(own.json().counts).toBeNull();

    await chainCommitted(h.ctx.db);
    const audited = await sql<{ action: string; n: number }>`select action, count(*)::int as n from audit_log
      where target_id = ${id} and action in ('instruction.reply', 'instruction.read-receipt') group by action`.execute(
      h.ctx.db,
    );
    expect(Object.fromEntries(audited.rows.map((r) => [r.action, r.n]))).toEqual({
      'instruction.reply': 2,
      'instruction.read-receipt': 1,
    });

    // reminders go to those who have not read; recorded and shown to them
    const reminded = await call('POST', `/api/v1/instructions/${id}/reminders`, township, {
      target: 'unread',
    });
    expect(reminded.json().reminded).toBe(recipients.length - 2);
    const { rows } = await sql<{ user_ids: string[] }>`select user_ids from instruction_reminder
      where instruction_id = ${id}`.execute(h.ctx.db);
    expect(rows[0]!.user_ids.map(String).sort()).toEqual(
      recipients
        .filter((u) => u !== b && u !== c)
        .map((u) => u.id)
        .sort(),
    );
    const seen = await call('GET', `/api/v1/instructions/${id}`, d);
    expect(seen.json().mine.lastRemindedAt).not.toBeNull();
    expect((await call('GET', `/api/v1/instructions/${id}`, township)).json().counts.reminders).toBe(1);
  });
});

/** Fresh sessions for everyone: the clock moved on in the tests before. */
async function relogin() {
  for (const u of users) u.cookie = await h.login(u.username);
}

describe('scope', () => {
  beforeAll(relogin);

  it('random instructions from every centre: each user sees exactly what was sent to them, nothing else leaks', async () => {
    const senders = users.filter((u) =>
      ['admin', 'city-centre', 'county-centre', 'township-centre', 'village-centre'].includes(u.role),
    );
    const roleSets = [
      [],
      ['grid-worker'],
      ['police'],
      ['grid-worker', 'police'],
      ['department'],
      ['village-centre', 'township-centre'],
    ];
    const plans = fc.sample(
      fc.record({
        sender: fc.constantFrom(...senders),
        unitPicks: fc.array(fc.nat(), { maxLength: 3 }),
        roles: fc.constantFrom(...roleSets),
      }),
      { numRuns: 30, seed: 20260301 },
    );
    const sent: { id: string; sender: User; recipients: string[] }[] = [];
    for (const plan of plans) {
      const inScope = units.filter((u) => within(u.path, plan.sender.path));
      const chosen = [...new Set(plan.unitPicks.map((n) => inScope[n % inScope.length]!.code))];
      const recipients = expectedRecipients(plan.sender, chosen, plan.roles);
      const answer = await call('POST', '/api/v1/instructions', plan.sender, {
        clientId: randomUUID(),
        title: `随机指令 ${sent.length}`,
        body: '范围测试',
        units: chosen,
        roles: plan.roles,
      });
      if (recipients.length === 0) {
        expect(answer.statusCode).toBe(400);
        continue;
      }
      expect(answer.statusCode, answer.body).toBe(201);
      const id = answer.json().instruction.id as string;
      expect(await recipientIds(id, plan.sender)).toEqual(recipients);
      sent.push({ id, sender: plan.sender, recipients });
    }
    expect(sent.length).toBeGreaterThan(20);
    const ours = new Set(sent.map((s) => s.id));

    let refusals = 0;
    for (const user of users.filter((u) => u.role !== 'auditor')) {
      const inbox = await call('GET', '/api/v1/instructions/mine?pageSize=200', user);
      expect(inbox.statusCode).toBe(200);
      const listed = inbox
        .json()
        .items.map((i: { id: string }) => i.id)
        .filter((id: string) => ours.has(id))
        .sort();
      expect(listed, user.username).toEqual(
        sent
          .filter((s) => s.recipients.includes(user.id))
          .map((s) => s.id)
          .sort(),
      );
      for (const s of sent) {
        const isRecipient = s.recipients.includes(user.id);
        const follows =
          ['admin', 'city-centre', 'county-centre', 'township-centre', 'village-centre'].includes(
            user.role,
          ) && within(s.sender.path, user.path);
        const page = await call('GET', `/api/v1/instructions/${s.id}`, user);
        expect(page.statusCode, `${user.username} → ${s.id}`).toBe(isRecipient || follows ? 200 : 404);
        if (page.statusCode === 200) {
          expect(page.json().mine === null).toBe(!isRecipient);
          expect(page.json().counts === null).toBe(!follows);
        }
        // one write a try, alternating between the two kinds, so every user tries both across instructions
        const turn = sent.indexOf(s) % 2 === 0;
        if (!isRecipient) {
          const attempt = turn
            ? await call('POST', `/api/v1/instructions/${s.id}/read`, user, { clientId: randomUUID() })
            : await call('POST', `/api/v1/instructions/${s.id}/replies`, user, {
                clientId: randomUUID(),
                body: '不该收到',
              });
          expect(attempt.statusCode).toBe(404);
          refusals++;
        }
        if (!follows) {
          const attempt = turn
            ? await call('GET', `/api/v1/instructions/${s.id}/recipients`, user)
            : await call('POST', `/api/v1/instructions/${s.id}/reminders`, user, { target: 'unread' });
          expect([403, 404]).toContain(attempt.statusCode);
        }
      }
    }
    expect(refusals).toBeGreaterThan(50);
    // nothing was written by the refused attempts
    const { rows } = await sql<{
      n: number;
    }>`select count(*)::int as n from instruction_reply where body = '不该收到'`.execute(h.ctx.db);
    expect(rows[0]!.n).toBe(0);
    await chainCommitted(h.ctx.db);
    const denials = await sql<{ n: number }>`select count(*)::int as n from audit_log
      where action = 'access.out-of-scope' and target_type = 'instruction'`.execute(h.ctx.db);
    expect(denials.rows[0]!.n).toBeGreaterThanOrEqual(refusals);
  }, 180_000);

  it('the auditor neither sends nor receives', async () => {
    const auditor = byName('auditor');
    expect((await call('GET', '/api/v1/instructions/mine', auditor)).statusCode).toBe(403);
  });
});
