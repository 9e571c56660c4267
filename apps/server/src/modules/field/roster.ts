// The grid workers' roster (网格员队伍): the accounts of role grid-worker in the caller's jurisdiction with
// their "five uniform" items, the grids they cover and their assessment record. The identity number is
// sealed like a resident's and shown masked; revealing it needs `person.reveal` and a reason, audited.
import { checkIdNumber, GRADE_LABELS, type Grade, maskIdNumber, normalizeIdNumber } from '@civgrid/domain';
import { type Actor, actorCan } from '../../platform/actor.ts';
import { appendAudit, auditAlone } from '../../platform/audit.ts';
import type { Context } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { findInScope } from '../../platform/scope.ts';
import { underPath } from '../registry/shared.ts';
import * as repo from './repository.ts';
import type { TRosterQuery, TWorker, TWorkerSummary, TWorkerUpdate } from './schemas.ts';

export function presentWorkerSummary(r: repo.WorkerRow): TWorkerSummary {
  return {
    id: r.id,
    username: r.username,
    name: r.display_name,
    unit: { code: r.unit_code, name: r.unit_name },
    grids: r.grids.map((g) => ({ code: g.code, name: g.name })),
    title: r.title,
    badgeNo: r.badge_no,
    idNumber: r.id_number_mask,
    recruitedOn: r.recruited_on,
    leftOn: r.left_on,
    isActive: r.disabled_at === null,
  };
}

export function presentDecision(d: repo.DecisionRow) {
  return {
    month: d.month.slice(0, 7),
    score: Number(d.score),
    grade: d.grade as Grade,
    gradeLabel: GRADE_LABELS[d.grade as Grade],
    payCoefficient: d.pay_coefficient === null ? null : Number(d.pay_coefficient),
    rewardPenalty: d.reward_penalty,
    deployment: d.deployment,
    note: d.note,
    decidedBy: d.decided_by,
    decidedAt: d.decided_at.toISOString(),
  };
}

export async function workerOr404(ctx: Context, actor: Actor, id: string, db: Queryable = ctx.db) {
  const row = await findInScope(
    ctx.db,
    actor,
    { table: 'app_user', column: 'id', value: id },
    () => repo.findWorker(db, actor, id),
    ctx.now(),
  );
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

async function presentWorker(db: Queryable, actor: Actor, row: repo.WorkerRow): Promise<TWorker> {
  const decisions = await repo.decisionsOf(db, [row.id]);
  return {
    ...presentWorkerSummary(row),
    equipment: (row.equipment ?? []) as TWorker['equipment'],
    duties: row.duties,
    registrationFile: row.registration_file,
    assessments: decisions.map(presentDecision),
    updatedAt: row.updated_at?.toISOString() ?? null,
    canReveal: actorCan(actor, 'person.reveal'),
  };
}

/** The roster, paged (audited: it names people). */
export async function listRoster(ctx: Context, actor: Actor, query: TRosterQuery) {
  const filter = { q: query.q, underPath: await underPath(ctx, actor, query.under), status: query.status };
  const [rows, { total }] = await repo.listWorkers(ctx.db, actor, filter, {
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  await auditAlone(
    ctx.db,
    actor,
    {
      action: 'field.worker.list',
      details: { under: query.under ?? null, status: query.status, page: query.page, returned: rows.length },
    },
    ctx.now(),
  );
  return { items: rows.map(presentWorkerSummary), total, page: query.page, pageSize: query.pageSize };
}

/** One worker's roster entry (audited). */
export async function readWorker(ctx: Context, actor: Actor, id: string): Promise<TWorker> {
  const row = await workerOr404(ctx, actor, id);
  await auditAlone(
    ctx.db,
    actor,
    { action: 'field.worker.read', targetType: 'app_user', targetId: id, orgPath: row.org_path },
    ctx.now(),
  );
  return presentWorker(ctx.db, actor, row);
}

function sealedIdNumber(ctx: Context, value: string | null) {
  if (value === null || value === '')
    return { id_number_enc: null, id_number_hash: null, id_number_mask: null };
  const id = normalizeIdNumber(value);
  if (checkIdNumber(id, ctx.now()))
    throw new AppError('VALIDATION_FAILED', 'idNumber', {
      zh: '身份证号码无效',
      en: 'idNumber: not a valid identity number',
    });
  return {
    id_number_enc: ctx.crypto.encrypt(id),
    id_number_hash: ctx.crypto.keyedHash(id),
    id_number_mask: maskIdNumber(id),
  };
}

/** Changes the roster items given; the audit row names the fields changed, never the identity number. */
export async function updateWorker(
  ctx: Context,
  actor: Actor,
  id: string,
  input: TWorkerUpdate,
): Promise<TWorker> {
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const row = await workerOr404(ctx, actor, id, tx);
    const sealed = input.idNumber !== undefined ? sealedIdNumber(ctx, input.idNumber) : null;
    const set = {
      ...(input.title !== undefined ? { title: input.title || null } : {}),
      ...(input.badgeNo !== undefined ? { badge_no: input.badgeNo || null } : {}),
      ...(sealed ?? {}),
      ...(input.equipment !== undefined ? { equipment: JSON.stringify(input.equipment) } : {}),
      ...(input.duties !== undefined ? { duties: input.duties || null } : {}),
      ...(input.registrationFile !== undefined ? { registration_file: input.registrationFile || null } : {}),
      ...(input.recruitedOn !== undefined ? { recruited_on: input.recruitedOn } : {}),
      ...(input.leftOn !== undefined ? { left_on: input.leftOn } : {}),
    };
    const recruited = input.recruitedOn !== undefined ? input.recruitedOn : row.recruited_on;
    const left = input.leftOn !== undefined ? input.leftOn : row.left_on;
    if (recruited && left && left < recruited)
      throw new AppError('VALIDATION_FAILED', 'leftOn', {
        zh: '离职日期不能早于入职日期',
        en: 'leftOn: before recruitedOn',
      });
    if (input.badgeNo) {
      const taken = await tx
        .selectFrom('field_worker')
        .select('user_id')
        .where('badge_no', '=', input.badgeNo)
        .where('user_id', '<>', id)
        .executeTakeFirst();
      if (taken)
        throw new AppError('VALIDATION_FAILED', 'badgeNo', {
          zh: '工号已被使用',
          en: 'badgeNo: already in use',
        });
    }
    if (sealed?.id_number_hash) {
      const taken = await tx
        .selectFrom('field_worker')
        .select('user_id')
        .where('id_number_hash', '=', sealed.id_number_hash)
        .where('user_id', '<>', id)
        .executeTakeFirst();
      if (taken)
        throw new AppError('VALIDATION_FAILED', 'idNumber', {
          zh: '该身份证号码已登记给另一名网格员',
          en: 'idNumber: registered to another worker',
        });
    }
    await tx
      .insertInto('field_worker')
      .values({ user_id: id, ...set, updated_by: actor.id, updated_at: now })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ ...set, updated_by: actor.id, updated_at: now }))
      .execute();
    await appendAudit(
      tx,
      actor,
      {
        action: 'field.worker.update',
        targetType: 'app_user',
        targetId: id,
        orgPath: row.org_path,
        details: { changed: Object.keys(input).filter((k) => input[k as keyof TWorkerUpdate] !== undefined) },
      },
      now,
    );
    return presentWorker(tx, actor, (await repo.findWorker(tx, actor, id))!);
  });
}

/** Sets the grids a worker covers: grids in the caller's jurisdiction, the worker's own scope grid
 *  always among them. */
export async function setGrids(ctx: Context, actor: Actor, id: string, codes: readonly string[]) {
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const row = await workerOr404(ctx, actor, id, tx);
    const wanted = [...new Set([row.unit_code, ...codes])];
    const grids = await repo.gridsByCode(tx, actor, wanted);
    const byCode = new Map(grids.map((g) => [g.code, g]));
    const bad = codes.findIndex((c) => byCode.get(c)?.level !== 'grid');
    if (bad >= 0) throw new AppError('UNKNOWN_GRID', `grids[${bad}]`);
    await tx.deleteFrom('field_worker_grid').where('user_id', '=', id).execute();
    await tx
      .insertInto('field_worker_grid')
      .values(
        wanted.map((code) => {
          const g = byCode.get(code)!;
          return { user_id: id, grid_id: g.id, org_path: g.org_path, assigned_at: now };
        }),
      )
      .execute();
    await appendAudit(
      tx,
      actor,
      {
        action: 'field.worker.grids',
        targetType: 'app_user',
        targetId: id,
        orgPath: row.org_path,
        details: { before: row.grids.map((g) => g.code), after: wanted },
      },
      now,
    );
    return presentWorker(tx, actor, (await repo.findWorker(tx, actor, id))!);
  });
}

/** The identity number in clear, for a stated reason (audited with the reason, never the number). */
export async function revealWorker(ctx: Context, actor: Actor, id: string, reason: string) {
  if (!actorCan(actor, 'person.reveal')) {
    await auditAlone(
      ctx.db,
      actor,
      { action: 'access.forbidden', outcome: 'denied', details: { wanted: 'person.reveal', worker: id } },
      ctx.now(),
    );
    throw new AppError('FORBIDDEN');
  }
  const row = await workerOr404(ctx, actor, id);
  return ctx.db.transaction().execute(async (tx) => {
    const sealed = await tx
      .selectFrom('field_worker')
      .select('id_number_enc')
      .where('user_id', '=', id)
      .executeTakeFirst();
    await appendAudit(
      tx,
      actor,
      {
        action: 'field.worker.reveal',
        targetType: 'app_user',
        targetId: id,
        orgPath: row.org_path,
        details: { reason, fields: ['idNumber'] },
      },
      ctx.now(),
    );
    return { idNumber: sealed?.id_number_enc ? ctx.crypto.decrypt(sealed.id_number_enc) : null };
  });
}

export { presentWorker };
