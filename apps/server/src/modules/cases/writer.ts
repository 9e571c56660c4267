// Writing what the domain answered: the case row (guarded by its version), the tasks and whistles that
// changed, one timeline line and one audit row — all in the caller's transaction.
import type { CaseChange, CaseState, TimelineEntry } from '@civgrid/domain';
import type { Actor } from '../../platform/actor.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { Db, Queryable } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { queueMilestone } from '../notify/outbox.ts';
import { type CaseRow, changedTasks, stateColumns, taskColumns } from './state.ts';

export function timelineColumns<Id = string>(caseId: Id, entry: TimelineEntry, actor: Actor) {
  const staff = entry.actor.kind === 'staff';
  return {
    case_id: caseId,
    at: entry.at,
    step: entry.step,
    key: entry.key,
    actor_kind: entry.actor.kind,
    actor_role: staff ? actor.role : null,
    actor_level: staff ? actor.scopeLevel : null,
    actor_user_id: staff && actor.kind === 'user' ? actor.id : null,
    actor_name: staff ? actor.name : null,
    from_status: entry.from,
    to_status: entry.to,
    holder_from: entry.holderFrom,
    holder_to: entry.holderTo,
    params: JSON.stringify(entry.params),
  };
}

/** What the audit row says of a step: the transition, never the texts (reports, reasons) themselves. */
export function auditDetails(trackingNo: string, change: CaseChange) {
  return {
    trackingNo,
    from: change.from,
    to: change.to,
    holderFrom: change.holderFrom,
    holderTo: change.holderTo,
    tasks: change.tasks,
    milestone: change.milestone,
  };
}

/** One step on a case row as read, committed in a transaction of its own (`writeStep` below). */
export function commitStep(
  db: Db,
  actor: Actor,
  row: Pick<CaseRow, 'id' | 'tracking_no' | 'org_path' | 'version'>,
  before: CaseState,
  result: { case: CaseState; change: CaseChange },
): Promise<number> {
  const target = { id: row.id, trackingNo: row.tracking_no, orgPath: row.org_path, version: row.version };
  return db.transaction().execute((tx) => writeStep(tx, actor, target, before, result.case, result.change));
}

/** Writes a step taken on `before` (read at `version`); 409 when someone else's step got there first. */
export async function writeStep(
  tx: Queryable,
  actor: Actor,
  target: { id: string; trackingNo: string; orgPath: string; version: number },
  before: CaseState,
  after: CaseState,
  change: CaseChange,
): Promise<number> {
  const updated = await tx
    .updateTable('case_file')
    .set({ ...stateColumns(after), version: target.version + 1 })
    .where('id', '=', target.id)
    .where('version', '=', target.version)
    .executeTakeFirst();
  // Under read committed a concurrent writer waits for our row lock and then finds the version moved.
  if (Number(updated.numUpdatedRows) !== 1) throw new AppError('CASE_VERSION_CONFLICT');
  const tasks = changedTasks(before, after);
  for (const task of tasks) {
    const row = taskColumns(target.id, task);
    await tx
      .insertInto('case_task')
      .values(row)
      .onConflict((oc) => oc.columns(['case_id', 'no']).doUpdateSet(row))
      .execute();
  }
  const newWhistles = after.whistles.filter((w) => !before.whistles.some((b) => b.no === w.no));
  if (newWhistles.length > 0)
    await tx
      .insertInto('case_whistle')
      .values(
        newWhistles.map((w) => ({
          case_id: target.id,
          no: w.no,
          at: w.at,
          ack_minutes: w.ackMinutes,
          instructions: w.instructions,
        })),
      )
      .execute();
  await tx
    .insertInto('case_timeline')
    .values(timelineColumns(target.id, change.timeline, actor))
    .execute();
  await queueMilestone(tx, {
    caseId: target.id,
    trackingNo: target.trackingNo,
    milestone: change.milestone,
    at: change.timeline.at,
  });
  await appendAudit(
    tx,
    actor,
    {
      action: `case.${change.step}`,
      targetType: 'case_file',
      targetId: target.id,
      orgPath: target.orgPath,
      details: auditDetails(target.trackingNo, change),
    },
    change.timeline.at,
  );
  return target.version + 1;
}
