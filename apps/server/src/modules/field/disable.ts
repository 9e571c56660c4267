// Disabling a grid worker (离岗): the account is disabled and its sessions end at once (the users service,
// in its own transaction), its leaving date is recorded, then each open case task of the worker is handed
// back — withdrawn by the system, and a village case goes up to the township centre to be reassigned.
// The order matters: once disabled, no new task can be given to the worker (assignees must be active),
// so the tasks found afterwards are all there will be.
import { handBackTask, localDay, openTasksOf } from '@civgrid/domain';
import type { Actor } from '../../platform/actor.ts';
import { auditAlone } from '../../platform/audit.ts';
import type { Context } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { findCase } from '../cases/repository.ts';
import { loadState } from '../cases/service.ts';
import { writeStep } from '../cases/writer.ts';
import { setDisabled } from '../users/service.ts';
import * as repo from './repository.ts';
import { presentWorker, workerOr404 } from './roster.ts';

const ATTEMPTS = 3;

export async function disableWorker(
  ctx: Context,
  actor: Actor,
  id: string,
  input: { reason: string; leftOn?: string },
) {
  const worker = await workerOr404(ctx, actor, id);
  const now = ctx.now();
  // disabling again keeps the leaving date first recorded, unless given another
  const leftOn =
    input.leftOn ?? (worker.disabled_at ? worker.left_on : null) ?? localDay(now, ctx.config.timezone);
  if (worker.recruited_on && leftOn < worker.recruited_on)
    throw new AppError('VALIDATION_FAILED', 'leftOn', {
      zh: '离职日期不能早于入职日期',
      en: 'leftOn: before recruitedOn',
    });
  const sessionsBefore = await ctx.db
    .selectFrom('user_session')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', id)
    .executeTakeFirstOrThrow();
  if (worker.disabled_at === null) await setDisabled(ctx, actor, id, true);
  await ctx.db
    .insertInto('field_worker')
    .values({ user_id: id, left_on: leftOn, updated_by: actor.id, updated_at: now })
    .onConflict((oc) =>
      oc.column('user_id').doUpdateSet({ left_on: leftOn, updated_by: actor.id, updated_at: now }),
    )
    .execute();

  const reason = `网格员离岗，任务退回重新派遣：${input.reason}`;
  const handedBack: { caseId: string; trackingNo: string; task: number }[] = [];
  const left: { caseId: string; trackingNo: string; reason: string }[] = [];
  for (const open of await openCasesOf(ctx, id)) {
    const outcome = await handBackCase(ctx, actor, open.case_id, id, reason);
    if ('left' in outcome)
      left.push({ caseId: open.case_id, trackingNo: open.tracking_no, reason: outcome.left });
    else
      for (const task of outcome.tasks)
        handedBack.push({ caseId: open.case_id, trackingNo: open.tracking_no, task });
  }
  await auditAlone(
    ctx.db,
    actor,
    {
      action: 'field.worker.disable',
      targetType: 'app_user',
      targetId: id,
      orgPath: worker.org_path,
      details: {
        reason: input.reason,
        leftOn,
        handedBack: handedBack.map((h) => h.trackingNo),
        left: left.map((l) => l.trackingNo),
      },
    },
    now,
  );
  const after = (await repo.findWorker(ctx.db, actor, id))!;
  return {
    worker: await presentWorker(ctx.db, actor, after),
    endedSessions: Number(sessionsBefore.n),
    handedBack,
    left,
  };
}

/** The open cases holding an open task of the user. Read here rather than through the cases queues: a
 *  worker moved to another grid may still hold tasks of the old one, outside its queue's scope. */
function openCasesOf(ctx: Context, userId: string) {
  return ctx.db
    .selectFrom('case_task as t')
    .innerJoin('case_file as c', 'c.id', 't.case_id')
    .select(['t.case_id', 'c.tracking_no'])
    .distinct()
    .where('t.assignee_user_id', '=', userId)
    .where('t.status', 'in', ['pending', 'accepted'])
    .where('c.is_open', '=', true)
    .orderBy('t.case_id')
    .execute();
}

/** Hands back the user's open tasks of one case, one step per task, retrying when someone else's step
 *  moved the case's version meanwhile. */
async function handBackCase(
  ctx: Context,
  actor: Actor,
  caseId: string,
  userId: string,
  reason: string,
): Promise<{ tasks: number[] } | { left: string }> {
  const done: number[] = [];
  for (let attempt = 0; attempt < ATTEMPTS; ) {
    const row = await findCase(ctx.db, actor, caseId);
    if (!row) return { left: 'outside your jurisdiction' };
    const before = await loadState(ctx.db, row);
    const [task] = openTasksOf(before, userId);
    if (task === undefined) return { tasks: done };
    const result = handBackTask(before, task, reason, ctx.now());
    if (!result.ok) return { left: result.message.en };
    try {
      await ctx.db
        .transaction()
        .execute((tx) =>
          writeStep(
            tx,
            actor,
            { id: row.id, trackingNo: row.tracking_no, orgPath: row.org_path, version: row.version },
            before,
            result.case,
            result.change,
          ),
        );
      done.push(task);
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'CASE_VERSION_CONFLICT')) throw error;
      attempt++;
    }
  }
  return { left: 'changed by someone else meanwhile; try again' };
}
