// The grid workers' roster: the five uniform items with the identity number sealed and masked, its reveal
// for a reason, jurisdiction; and disabling a worker: its sessions end at once and its open case tasks go
// back — a village case to the township centre, which can reassign it at once.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainCommitted } from '../src/platform/audit.ts';
import { createHarness, type Harness } from './harness.ts';

let h: Harness;
const cookies: Record<string, string> = {};
const ids: Record<string, string> = {};
let gridCode: string;
let villageCode: string;
const ID_NUMBER = '110101199003077774';

async function call(user: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) {
  const response = await h.app.inject({
    method,
    url,
    headers: { cookie: cookies[user]!, 'accept-language': 'en' },
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
  return { status: response.statusCode, body: response.body ? response.json() : null };
}

async function step(user: string, id: string, body: Record<string, unknown>) {
  const page = await call(user, 'GET', `/api/v1/cases/${id}`);
  const answer = await call(user, 'POST', `/api/v1/cases/${id}/steps`, {
    version: page.body.case.version,
    ...body,
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body;
}

beforeAll(async () => {
  h = await createHarness();
  for (const user of ['admin', 'county', 'township', 'grid', 'police']) cookies[user] = await h.login(user);
  const rows = await h.ctx.db
    .selectFrom('app_user')
    .innerJoin('org_unit as o', 'o.id', 'app_user.scope_id')
    .select(['app_user.id', 'app_user.username', 'o.code', 'o.org_path'])
    .where('app_user.username', 'in', ['grid', 'township', 'county'])
    .execute();
  for (const r of rows) ids[r.username] = r.id;
  const grid = rows.find((r) => r.username === 'grid')!;
  gridCode = grid.code;
  villageCode = grid.org_path.split('.')[3]!;
  const created = await call('admin', 'POST', '/api/v1/users', {
    username: 'village',
    displayName: '社区综治中心值班员',
    password: 'Centre-Duty-2026-cv',
    role: 'village-centre',
    scopeCode: villageCode,
  });
  expect(created.status).toBe(201);
  cookies.village = await h.login('village', 'Centre-Duty-2026-cv');
});
afterAll(() => h.close());

describe('the roster', () => {
  it('lists the grid workers of the jurisdiction; the identity number is sealed, shown masked, revealed for a reason', async () => {
    const list = await call('township', 'GET', '/api/v1/field/workers?pageSize=200');
    expect(list.status).toBe(200);
    const township = await h.ctx.db
      .selectFrom('app_user')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('role', '=', 'grid-worker')
      .where(sql<boolean>`org_path <@ (select org_path from app_user where username = 'township')`)
      .executeTakeFirstOrThrow();
    expect(list.body.total).toBe(township.n);
    expect(list.body.items.every((w: { grids: unknown[] }) => w.grids.length === 1)).toBe(true);

    const updated = await call('township', 'PATCH', `/api/v1/field/workers/${ids.grid}`, {
      title: '专职网格员',
      badgeNo: 'LF-AC-0001',
      idNumber: ID_NUMBER,
      equipment: [
        { item: '网格员工作证', serial: 'GZ-0001', issuedOn: '2025-06-01' },
        { item: '执法记录仪' },
      ],
      duties: '信息采集、矛盾排查、安全巡查、政策宣传、服务群众',
      registrationFile: '档案号 LF-2025-0001',
      recruitedOn: '2025-06-01',
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      title: '专职网格员',
      badgeNo: 'LF-AC-0001',
      idNumber: '110101********7774',
      recruitedOn: '2025-06-01',
      isActive: true,
    });
    expect(updated.body.equipment).toHaveLength(2);
    const stored = await h.ctx.db
      .selectFrom('field_worker')
      .select(['id_number_enc', 'id_number_hash'])
      .where('user_id', '=', ids.grid!)
      .executeTakeFirstOrThrow();
    expect(stored.id_number_enc!.toString('latin1')).not.toContain(ID_NUMBER);
    await chainCommitted(h.ctx.db);
    const audits = await sql<{ line: string }>`select details::text as line from audit_log
      where target_id = ${ids.grid} and action like 'field.%'`.execute(h.ctx.db);
    for (const a of audits.rows) expect(a.line).not.toContain(ID_NUMBER);

    expect(
      (
        await call('township', 'PATCH', `/api/v1/field/workers/${ids.grid}`, {
          idNumber: '110101199003077775',
        })
      ).status,
    ).toBe(400);
    const noReason = await call('township', 'POST', `/api/v1/field/workers/${ids.grid}/reveal`, {});
    expect(noReason.status).toBe(400);
    const revealed = await call('township', 'POST', `/api/v1/field/workers/${ids.grid}/reveal`, {
      reason: '核对工作证',
    });
    expect(revealed.body).toEqual({ idNumber: ID_NUMBER });
    await chainCommitted(h.ctx.db);
    const reveal = await sql<{ details: { reason: string } }>`select details from audit_log
      where action = 'field.worker.reveal' and target_id = ${ids.grid}`.execute(h.ctx.db);
    expect(reveal.rows.map((r) => r.details.reason)).toEqual(['核对工作证']);
  });

  it('is for centres: the field roles are refused, a worker outside the jurisdiction is not found', async () => {
    expect((await call('grid', 'GET', '/api/v1/field/workers')).status).toBe(403);
    expect((await call('police', 'GET', '/api/v1/field/workers')).status).toBe(403);
    const elsewhere = await h.ctx.db
      .selectFrom('app_user')
      .select('id')
      .where('role', '=', 'grid-worker')
      .where(sql<boolean>`not org_path <@ (select org_path from app_user where username = 'township')`)
      .executeTakeFirstOrThrow();
    expect((await call('township', 'GET', `/api/v1/field/workers/${elsewhere.id}`)).status).toBe(404);
    expect(
      (await call('township', 'POST', `/api/v1/field/workers/${elsewhere.id}/disable`, { reason: '离职' }))
        .status,
    ).toBe(404);
    expect((await call('county', 'GET', `/api/v1/field/workers/${elsewhere.id}`)).status).toBe(200);
    // the township may not disable a centre operator through the roster
    expect(
      (await call('county', 'POST', `/api/v1/field/workers/${ids.township}/disable`, { reason: '测试' }))
        .status,
    ).toBe(404);
  });
});

describe('disabling a worker', () => {
  it('ends its sessions at once and hands its open tasks back to the township', async () => {
    // A village case reported by the worker, registered by the village centre and given back to the worker
    const reported = await call('grid', 'POST', '/api/v1/cases', {
      source: 'grid-worker',
      category: 'safety.fire',
      title: '楼道堆放杂物',
      description: '三单元楼道堆满纸箱',
      gridCode,
    });
    expect(reported.status).toBe(201);
    const villageCase = reported.body.case.id as string;
    await step('village', villageCase, { step: 'register' });
    await step('village', villageCase, {
      step: 'assign',
      tasks: [{ assignee: { kind: 'grid-worker', id: ids.grid }, instructions: '督促清理' }],
    });
    await step('grid', villageCase, { step: 'accept', task: 1 });
    // A township case with a task for the worker and one for the police officer
    const opened = await call('township', 'POST', '/api/v1/cases', {
      source: 'hotline',
      category: 'environment.refuse',
      title: '垃圾堆放',
      description: '东门外垃圾未清运',
      gridCode,
      register: true,
    });
    const townshipCase = opened.body.case.id as string;
    const police = await h.ctx.db
      .selectFrom('app_user')
      .select('id')
      .where('username', '=', 'police')
      .executeTakeFirstOrThrow();
    await step('township', townshipCase, {
      step: 'assign',
      tasks: [
        { assignee: { kind: 'grid-worker', id: ids.grid }, instructions: '现场核实' },
        { assignee: { kind: 'police', id: police.id }, instructions: '协助' },
      ],
    });
    // A case whose task the worker already reported stays as it is
    const other = await call('township', 'POST', '/api/v1/cases', {
      source: 'hotline',
      category: 'environment.refuse',
      title: '另一处垃圾',
      description: '西门',
      gridCode,
      register: true,
    });
    const doneCase = other.body.case.id as string;
    await step('township', doneCase, {
      step: 'assign',
      tasks: [{ assignee: { kind: 'grid-worker', id: ids.grid }, instructions: '核实' }],
    });
    await step('grid', doneCase, { step: 'report', task: 1, outcome: 'done', report: '已清运' });

    const second = await h.login('grid');
    expect((await call('grid', 'GET', '/api/v1/field/my-grid')).status).toBe(200);
    const disabled = await call('township', 'POST', `/api/v1/field/workers/${ids.grid}/disable`, {
      reason: '辞职',
      leftOn: '2026-03-01',
    });
    expect(disabled.status, JSON.stringify(disabled.body)).toBe(200);
    expect(disabled.body.worker).toMatchObject({ isActive: false, leftOn: '2026-03-01' });
    expect(disabled.body.endedSessions).toBeGreaterThanOrEqual(2);
    expect(disabled.body.handedBack.map((x: { caseId: string }) => x.caseId).sort()).toEqual(
      [villageCase, townshipCase].sort(),
    );
    expect(disabled.body.left).toEqual([]);

    // sessions: gone at once, both of them
    const sessions = await h.ctx.db
      .selectFrom('user_session')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('user_id', '=', ids.grid!)
      .executeTakeFirstOrThrow();
    expect(sessions.n).toBe(0);
    for (const cookie of [cookies.grid!, second]) {
      const after = await h.app.inject({ method: 'GET', url: '/api/v1/field/my-grid', headers: { cookie } });
      expect(after.statusCode).toBe(401);
    }
    await expect(h.login('grid')).rejects.toThrow(/401/);

    // the village case: task withdrawn by the system, now the township's to reassign
    const village = (await call('township', 'GET', `/api/v1/cases/${villageCase}`)).body;
    expect(village.case).toMatchObject({ status: 'registered', holderLevel: 'township' });
    expect(village.tasks[0].status).toBe('withdrawn');
    expect(village.timeline.at(-1)).toMatchObject({ key: 'task.withdraw', actor: { kind: 'system' } });
    const queue = await call('township', 'GET', '/api/v1/cases?queue=level&pageSize=200');
    expect(queue.body.items.map((c: { id: string }) => c.id)).toContain(villageCase);
    const other2 = await h.ctx.db
      .selectFrom('app_user')
      .select('id')
      .where('role', '=', 'grid-worker')
      .where('disabled_at', 'is', null)
      .where(sql<boolean>`org_path::text = (select org_path::text from org_unit where code = ${gridCode})`)
      .executeTakeFirstOrThrow(); // gw-<grid>, the grid's own account
    const reassigned = await step('township', villageCase, {
      step: 'assign',
      tasks: [{ assignee: { kind: 'grid-worker', id: other2.id }, instructions: '接手督促清理' }],
    });
    expect(reassigned.case.status).toBe('assigned');
    // the township case: the police task goes on, the worker's is withdrawn
    const township = (await call('township', 'GET', `/api/v1/cases/${townshipCase}`)).body;
    expect(township.case).toMatchObject({ status: 'assigned', holderLevel: 'township' });
    expect(township.tasks.map((t: { status: string }) => t.status)).toEqual(['withdrawn', 'pending']);
    // the reported task stays reported
    const done = (await call('township', 'GET', `/api/v1/cases/${doneCase}`)).body;
    expect(done.case.status).toBe('reported-back');
    expect(done.tasks[0].status).toBe('done');

    // no new task can be given to a disabled worker
    const refused = await call('township', 'POST', `/api/v1/cases/${townshipCase}/steps`, {
      version: township.case.version,
      step: 'assign',
      tasks: [{ assignee: { kind: 'grid-worker', id: ids.grid }, instructions: '再派' }],
    });
    expect(refused.status).toBe(400);

    await chainCommitted(h.ctx.db);
    const audit = await sql<{ action: string }>`select action from audit_log
      where (target_id = ${ids.grid} and action in ('user.disable', 'field.worker.disable'))
         or (target_id in (${villageCase}, ${townshipCase}) and action = 'case.withdraw') order by seq`.execute(
      h.ctx.db,
    );
    expect(audit.rows.map((r) => r.action)).toEqual([
      'user.disable',
      'case.withdraw',
      'case.withdraw',
      'field.worker.disable',
    ]);

    // disabling again hands back nothing and keeps the first leaving date unless given another
    const again = await call('township', 'POST', `/api/v1/field/workers/${ids.grid}/disable`, {
      reason: '辞职',
    });
    expect(again.body.handedBack).toEqual([]);
    const roster = await call('township', 'GET', '/api/v1/field/workers?status=left');
    expect(roster.body.items.map((w: { id: string }) => w.id)).toContain(ids.grid);
  });
});
