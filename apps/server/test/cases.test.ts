// The cases loop through HTTP with the demo users: a hotline call is opened and registered by the township,
// split to two departments, reported back by both, verified and closed, rated 2/5 on a call-back and so
// reopened; stale and concurrent steps; the category tree; overdue escalation with the harness clock.
import { DEFAULT_CASE_CATEGORIES } from '@civgrid/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escalateOverdue } from '../src/modules/cases/escalation.ts';
import { casePhotoIds } from '../src/modules/cases/photos.ts';
import * as repo from '../src/modules/cases/repository.ts';
import { cityRoot } from '../src/modules/org/service.ts';
import { systemActor } from '../src/platform/actor.ts';
import { chainCommitted } from '../src/platform/audit.ts';
import { createHarness, type Harness } from './harness.ts';

let h: Harness;
const cookies: Record<string, string> = {};
const ids: Record<string, string> = {};
let gridCode: string;

const HOUR = 3_600_000;

/** Moves the clock; sessions idle for more than 30 minutes expire, so the users log in again. */
async function advance(ms: number) {
  h.clock.advance(ms);
  for (const user of Object.keys(cookies)) if (!user.startsWith('dept-')) cookies[user] = await h.login(user);
}

async function call(user: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) {
  const response = await h.app.inject({
    method,
    url,
    headers: { cookie: cookies[user]!, 'accept-language': 'en' },
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
  return { status: response.statusCode, body: response.json() };
}

async function step(user: string, id: string, body: Record<string, unknown>) {
  const page = await call(user, 'GET', `/api/v1/cases/${id}`);
  return call(user, 'POST', `/api/v1/cases/${id}/steps`, { version: page.body.case.version, ...body });
}

async function openHotlineCase(extra: Record<string, unknown> = {}) {
  const opened = await call('township', 'POST', '/api/v1/cases', {
    source: 'hotline',
    category: 'environment.refuse',
    title: '小区门口垃圾堆放',
    description: '东门外垃圾三天未清运',
    gridCode,
    address: '东门外',
    reporter: { name: '李女士', phone: '13812345678' },
    ...extra,
  });
  expect(opened.status).toBe(201);
  return opened.body;
}

beforeAll(async () => {
  h = await createHarness();
  for (const user of ['admin', 'city', 'county', 'township', 'grid', 'police', 'dept', 'auditor'])
    cookies[user] = await h.login(user);
  const users = await h.ctx.db
    .selectFrom('app_user')
    .innerJoin('org_unit', 'org_unit.id', 'app_user.scope_id')
    .select(['app_user.id', 'app_user.username', 'org_unit.code'])
    .where('app_user.username', 'in', ['dept', 'grid'])
    .execute();
  for (const u of users) ids[u.username] = u.id;
  gridCode = users.find((u) => u.username === 'grid')!.code;
  const county = users.find((u) => u.username === 'dept')!.code;
  // A second department of the same county (the demo city has one department account).
  const created = await call('admin', 'POST', '/api/v1/users', {
    username: 'dept-water',
    displayName: '水务局联络员',
    password: 'Water-Bureau-2026-liaison',
    role: 'department',
    scopeCode: county,
  });
  expect(created.status).toBe(201);
  ids['dept-water'] = created.body.user.id;
  cookies['dept-water'] = await h.login('dept-water', 'Water-Bureau-2026-liaison');
});
afterAll(() => h.close());

describe('the case loop', () => {
  it('runs open → register → split to two departments → reports → close → a 2/5 rating reopens', async () => {
    const opened = await openHotlineCase();
    const id = opened.case.id as string;
    expect(opened.case).toMatchObject({ status: 'reported', holderLevel: 'township', gridCode, version: 1 });
    expect(opened.case.trackingNo).toMatch(/^GD\d{6}[0-9A-Z]{8}$/);
    expect(opened.case.reporter).toEqual({ name: '李女士', phone: '138****5678' });
    const stored = await h.ctx.db
      .selectFrom('case_file')
      .select(['reporter_phone_enc', 'limits'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(stored.reporter_phone_enc!.toString('latin1')).not.toContain('13812345678');
    expect(stored.limits.handle).toBe(24 * 60);

    expect((await step('township', id, { step: 'register', note: '已电话回复' })).body.case.status).toBe(
      'registered',
    );
    const assigned = await step('township', id, {
      step: 'assign',
      tasks: [
        { assignee: { kind: 'department', id: ids.dept }, instructions: '协调物业清运' },
        { assignee: { kind: 'department', id: ids['dept-water'] }, instructions: '检查排水沟' },
      ],
    });
    expect(assigned.status).toBe(200);
    expect(assigned.body.case.status).toBe('assigned');
    expect(assigned.body.tasks.map((t: { assignee: { name: string } }) => t.assignee.name)).toEqual([
      expect.stringContaining('住建局'),
      '水务局联络员',
    ]);

    // Each department sees the case it was given and works only its own task.
    const wrongTask = await step('dept', id, { step: 'accept', task: 2 });
    expect(wrongTask.status).toBe(403);
    expect(wrongTask.body.error.code).toBe('CASE_STEP_FORBIDDEN');
    for (const [user, task] of [
      ['dept', 1],
      ['dept-water', 2],
    ] as const) {
      const mine = await call(user, 'GET', '/api/v1/cases?queue=mine');
      expect(mine.body.items.map((c: { id: string }) => c.id)).toContain(id);
      expect((await step(user, id, { step: 'accept', task })).status).toBe(200);
      const reported = await step(user, id, { step: 'report', task, outcome: 'done', report: '已处理完毕' });
      expect(reported.status).toBe(200);
    }
    const back = await call('township', 'GET', `/api/v1/cases/${id}`);
    expect(back.body.case.status).toBe('reported-back');

    expect((await step('township', id, { step: 'resolve' })).body.case.status).toBe('resolved');
    const rated = await step('township', id, { step: 'evaluate', rating: 2, comment: '清运不及时' });
    expect(rated.status).toBe(200);
    expect(rated.body.case).toMatchObject({ status: 'reopened', round: 2, reopenCount: 1, isOpen: true });

    const texts = rated.body.timeline.map((e: { text: { en: string } }) => e.text.en);
    expect(texts[0]).toContain('reported through the hotline');
    expect(texts).toContain('verified and resolved');
    expect(texts.at(-1)).toContain('reopened');
    expect(rated.body.timeline[0].text.zh).toContain('热线电话');

    await chainCommitted(h.ctx.db);
    const audit = await h.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_type', '=', 'case_file')
      .where('target_id', '=', id)
      .where('action', 'like', 'case.%')
      .where('action', '<>', 'case.read')
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'case.open',
      'case.register',
      'case.assign',
      'case.accept',
      'case.report',
      'case.accept',
      'case.report',
      'case.resolve',
      'case.evaluate',
    ]);
  });

  it('reads the case page in one statement exactly as the separate reads give it', async () => {
    const id = (await openHotlineCase({ register: true })).case.id as string;
    const person = await h.ctx.db.selectFrom('person').select('id').limit(1).executeTakeFirstOrThrow();
    await h.ctx.db.insertInto('case_person').values({ case_id: id, person_id: person.id }).execute();
    expect(
      (
        await step('township', id, {
          step: 'whistle',
          departments: [ids.dept],
          instructions: '联合处置',
          ackMinutes: 60,
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await step('township', id, {
          step: 'assign',
          tasks: [{ assignee: { kind: 'department', id: ids['dept-water'] }, instructions: '检查排水沟' }],
        })
      ).status,
    ).toBe(200);
    const actor = systemActor((await cityRoot(h.ctx.db))!, 'test');
    const page = await repo.findCasePage(h.ctx.db, actor, id);
    const { tasks, whistles, timeline, persons, photos, ...row } = page!;
    expect(row).toEqual(await repo.findCase(h.ctx.db, actor, id));
    // The reference: each part read on its own, as the page did before it became one statement.
    const users = await h.ctx.db.selectFrom('app_user').select(['id', 'display_name']).execute();
    const names = new Map(users.map((u) => [u.id, u.display_name]));
    expect(tasks).toEqual(
      (await repo.caseTasks(h.ctx.db, id)).map((t) => ({
        ...t,
        assignee_name: names.get(t.assignee_user_id),
      })),
    );
    expect(tasks.length).toBeGreaterThan(1);
    expect(tasks[0]!.assigned_at).toBeInstanceOf(Date);
    expect(whistles).toEqual(await repo.caseWhistles(h.ctx.db, id));
    expect(whistles).toHaveLength(1);
    expect(timeline).toEqual(await repo.caseTimeline(h.ctx.db, id));
    expect(persons).toEqual(
      await h.ctx.db
        .selectFrom('case_person')
        .leftJoin('person', 'person.id', 'case_person.person_id')
        .select(['case_person.person_id', 'case_person.relation', 'person.name'])
        .where('case_person.case_id', '=', id)
        .orderBy('case_person.person_id')
        .execute(),
    );
    expect(persons).toHaveLength(1);
    expect(photos).toEqual(await casePhotoIds(h.ctx.db, id));
  });

  it('answers an opening with its page, equal to the page read back, people concerned included', async () => {
    const person = await h.ctx.db.selectFrom('person').select('id').limit(1).executeTakeFirstOrThrow();
    for (const extra of [{ register: true, personIds: [person.id] }, {}]) {
      const opened = await openHotlineCase(extra);
      const read = await call('township', 'GET', `/api/v1/cases/${opened.case.id}`);
      expect(read.status).toBe(200);
      expect(opened).toEqual(read.body);
    }
    const withPerson = await openHotlineCase({ personIds: [person.id] });
    expect(withPerson.case.persons).toEqual([
      { id: person.id, name: expect.any(String), relation: 'concerned' },
    ]);
    expect(withPerson.timeline).toHaveLength(1);
  });

  it('audits each read of a case page with its reader, the case and its place; a page after a step is not a read', async () => {
    const opened = await openHotlineCase();
    const reads = () =>
      h.ctx.db
        .selectFrom('audit_log')
        .select(['actor', 'target_type', 'org_path', 'outcome'])
        .where('action', '=', 'case.read')
        .where('target_id', '=', opened.case.id)
        .execute();
    expect((await call('county', 'GET', `/api/v1/cases/${opened.case.id}`)).status).toBe(200);
    expect((await call('city', 'GET', `/api/v1/cases/${opened.case.id}`)).status).toBe(200);
    const path = await h.ctx.db
      .selectFrom('case_file')
      .select(sql<string>`org_path::text`.as('path'))
      .where('id', '=', opened.case.id)
      .executeTakeFirstOrThrow();
    await chainCommitted(h.ctx.db);
    const rows = await reads();
    expect(rows.map((r) => r.actor).sort()).toEqual(['city', 'county']);
    for (const row of rows)
      expect(row).toMatchObject({ target_type: 'case_file', org_path: path.path, outcome: 'ok' });
    // The opening answered the page without a read row of its own.
    expect(rows).toHaveLength(2);
  });

  it('pages a queue with the total of every match, also on a page past the end', async () => {
    for (let i = 0; i < 3; i++) await openHotlineCase();
    const all = await call('township', 'GET', '/api/v1/cases?queue=all&pageSize=200');
    const total = all.body.total;
    expect(all.body.items).toHaveLength(total);
    const pages = [];
    for (let page = 1; (page - 1) * 2 < total; page++) {
      const answer = await call('township', 'GET', `/api/v1/cases?queue=all&pageSize=2&page=${page}`);
      expect(answer.body.total).toBe(total);
      pages.push(...answer.body.items.map((c: { id: string }) => c.id));
    }
    expect(pages).toEqual(all.body.items.map((c: { id: string }) => c.id));
    const past = await call(
      'township',
      'GET',
      `/api/v1/cases?queue=all&pageSize=2&page=${Math.ceil(total / 2) + 1}`,
    );
    expect(past.body).toMatchObject({ items: [], total });
    expect(all.body.items[0]).not.toHaveProperty('total');
  });

  it('answers 409 to a step taken on a stale version, and to one of two simultaneous steps', async () => {
    const opened = await openHotlineCase({ register: true });
    const id = opened.case.id as string;
    expect(opened.case).toMatchObject({ status: 'registered', version: 1 });
    const stale = await call('township', 'POST', `/api/v1/cases/${id}/steps`, {
      version: 7,
      step: 'escalate',
      reason: '需县级协调',
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('CASE_VERSION_CONFLICT');
    for (let round = 0; round < 4; round++) {
      const { version } = (await call('township', 'GET', `/api/v1/cases/${id}`)).body.case;
      const both = await Promise.all([
        call('township', 'POST', `/api/v1/cases/${id}/steps`, { version, step: 'supervise', note: 'x' }),
        call('city', 'POST', `/api/v1/cases/${id}/steps`, {
          version,
          step: 'supervise',
          note: `督办 ${round}`,
        }),
        call('county', 'POST', `/api/v1/cases/${id}/steps`, {
          version,
          step: 'supervise',
          note: `督办 ${round}`,
        }),
      ]);
      // The township cannot supervise its own case; of the two levels above, exactly one wins.
      expect(both[0].status).toBe(403);
      expect(
        both
          .slice(1)
          .map((r) => r.status)
          .sort(),
      ).toEqual([200, 409]);
      const after = (await call('township', 'GET', `/api/v1/cases/${id}`)).body.case;
      expect(after.version).toBe(version + 1);
    }
  });

  it("places a point in its grid, refuses one outside the grid worker's grid and a level above the caller", async () => {
    const grids = await h.ctx.db
      .selectFrom('org_unit')
      .select(['code', 'centre_lng', 'centre_lat'])
      .where('level', '=', 'grid')
      .where('centre_lng', 'is not', null)
      .orderBy('code')
      .execute();
    const own = grids.find((g) => g.code === gridCode)!;
    const other = grids.find((g) => g.code !== gridCode)!;
    const report = (location: { lng: number; lat: number }) =>
      call('grid', 'POST', '/api/v1/cases', {
        source: 'grid-worker',
        category: 'dispute.neighbour',
        title: '邻里噪声纠纷',
        description: '楼上夜间装修',
        location,
      });
    const placed = await report({ lng: own.centre_lng!, lat: own.centre_lat! });
    expect(placed.status).toBe(201);
    expect(placed.body.case).toMatchObject({
      gridCode,
      holderLevel: 'village',
      location: { lng: own.centre_lng },
    });
    const outside = await report({ lng: other.centre_lng!, lat: other.centre_lat! });
    expect(outside.status).toBe(400);
    expect(outside.body.error.code).toBe('CASE_LOCATION_OUTSIDE');
    const above = await call('township', 'POST', '/api/v1/cases', {
      category: 'other',
      title: 'x',
      description: 'y',
      gridCode,
      level: 'county',
    });
    expect(above.status).toBe(403);
    expect(above.body.error.code).toBe('CASE_STEP_FORBIDDEN');
  });

  it('refuses the auditor, a department opening cases, and an unknown category', async () => {
    expect((await call('auditor', 'GET', '/api/v1/cases')).status).toBe(403);
    expect(
      (
        await call('dept', 'POST', '/api/v1/cases', {
          category: 'other',
          title: 'x',
          description: 'y',
          gridCode,
        })
      ).status,
    ).toBe(403);
    const unknown = await call('township', 'POST', '/api/v1/cases', {
      category: 'nope',
      title: 'x',
      description: 'y',
      gridCode,
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('CASE_CATEGORY_UNKNOWN');
  });

  it('keeps the seeded category tree equal to the domain defaults; admins edit it', async () => {
    const tree = (await call('township', 'GET', '/api/v1/cases/categories')).body.categories;
    expect(
      tree.map((c: { code: string; name: unknown; limits: unknown }) => ({
        code: c.code,
        name: c.name,
        limits: c.limits,
      })),
    ).toEqual(DEFAULT_CASE_CATEGORIES.map((c) => ({ code: c.code, name: c.name, limits: c.limits })));
    const edited = [
      ...tree,
      { code: 'other.lost', name: { zh: '失物招领', en: 'lost property' }, limits: { handle: 60 } },
    ];
    expect((await call('township', 'PUT', '/api/v1/cases/categories', { categories: edited })).status).toBe(
      403,
    );
    const saved = await call('admin', 'PUT', '/api/v1/cases/categories', { categories: edited });
    expect(saved.status).toBe(200);
    const bad = await call('admin', 'PUT', '/api/v1/cases/categories', {
      categories: [{ code: 'orphan.child', name: { zh: '孤儿', en: 'orphan' }, limits: {} }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('CASE_CATEGORY_TREE_INVALID');
  });
});

describe('overdue escalation', () => {
  it('escalates a case whose step is overdue past the grace time, once, with the system as actor', async () => {
    const opened = await call('grid', 'POST', '/api/v1/cases', {
      source: 'grid-worker',
      category: 'safety.fire',
      title: '楼道堆放杂物',
      description: '三单元楼道堆满纸箱',
      gridCode,
    });
    expect(opened.status).toBe(201);
    const id = opened.body.case.id as string;
    // A grid worker's report arrives at the village centre; the test city has no one there to register it.
    expect(opened.body.case).toMatchObject({ holderLevel: 'village', status: 'reported' });
    const dueAt = new Date(opened.body.case.stepDueAt).getTime();
    expect(dueAt - h.clock.now.getTime()).toBe(HOUR); // safety: register within an hour

    await advance(HOUR + 59 * 60_000); // overdue by 59 minutes: within the grace time
    await escalateOverdue(h.ctx);
    expect((await call('township', 'GET', `/api/v1/cases/${id}`)).body.case.holderLevel).toBe('village');

    await advance(2 * 60_000); // overdue by 61 minutes
    const summary = await escalateOverdue(h.ctx);
    expect(summary!.escalated).toBeGreaterThanOrEqual(1);
    const page = (await call('township', 'GET', `/api/v1/cases/${id}`)).body;
    expect(page.case).toMatchObject({ status: 'escalated', holderLevel: 'township', escalations: 1 });
    const last = page.timeline.at(-1);
    expect(last).toMatchObject({ key: 'case.escalate.overdue', actor: { kind: 'system' } });
    const levelQueue = await call('township', 'GET', '/api/v1/cases?queue=level');
    expect(levelQueue.body.items.map((c: { id: string }) => c.id)).toContain(id);

    // Run again at once: nothing more is due for this case.
    await escalateOverdue(h.ctx);
    expect((await call('township', 'GET', `/api/v1/cases/${id}`)).body.case.escalations).toBe(1);
    const taken = await step('township', id, { step: 'take', note: '乡镇承接' });
    expect(taken.body.case).toMatchObject({ status: 'registered', holderLevel: 'township' });

    const overdue = await call('county', 'GET', '/api/v1/cases?queue=overdue');
    expect(overdue.status).toBe(200);
    for (const item of overdue.body.items) expect(item.isOverdue).toBe(true);
  });
});
