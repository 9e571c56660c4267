// Watchlists (布控): a request names an identity, a reason and a window; a second person allowed to approve
// makes it active (or rejects it); the requester or an approver may revoke it. Every step is audited in
// its transaction; a refusal (approving one's own request above all) is audited too. Out of scope answers
// 404 like a missing entry, and the probe is audited.
import { type Actor, actorCan } from '../../platform/actor.ts';
import { appendAudit, auditAlone } from '../../platform/audit.ts';
import type { Context } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { reloadWatchlist } from './matcher.ts';
import { presentEntry } from './presenter.ts';
import * as repo from './repository.ts';
import {
  checkDecision,
  checkRevoke,
  type DecisionCheck,
  type StoredStatus,
  watchStatus,
  windowProblem,
} from './rules.ts';
import type { TWatchlistCreate, TWatchlistEntry, TWatchlistQuery } from './schemas.ts';
import { maskWatchSubject, readWatchSubject, type WatchSubject } from './subject.ts';

function requesterOf(actor: Actor): string {
  // An entry names the person who asked for it; keys and the system ask for nothing.
  if (actor.kind !== 'user' || actor.id === null) throw new AppError('FORBIDDEN');
  return actor.id;
}

/** The keyed hash the subject is watched under and the sealed copy the sensing store keeps of it. */
async function resolveSubject(ctx: Context, actor: Actor, subject: WatchSubject) {
  if (subject.form !== 'device-code')
    return {
      hash: ctx.crypto.keyedHash(subject.value),
      sealed: subject.kind === 'device' ? null : ctx.crypto.encrypt(subject.value),
      deviceId: null,
    };
  const phone = await repo.phoneByCode(ctx.db, actor, subject.value);
  if (!phone)
    throw new AppError('VALIDATION_FAILED', 'subject', {
      zh: '您的管辖范围内没有此编码的设备',
      en: 'No device has this code in your jurisdiction',
    });
  if (phone.type !== 'phone' || phone.mac_hash === null)
    throw new AppError('VALIDATION_FAILED', 'subject', {
      zh: '按设备编码只能布控已登记的手机（一机一档）；感知设备不能作为布控对象',
      en: 'Only a registered phone can be watched by its device code; a sensing device cannot be',
    });
  return { hash: phone.mac_hash, sealed: null, deviceId: phone.id };
}

/** Files a request; answers `{id, status:"pending"}`. */
export async function requestEntry(ctx: Context, actor: Actor, body: TWatchlistCreate) {
  const requestedBy = requesterOf(actor);
  const now = ctx.now();
  const reading = readWatchSubject(body.subject, now);
  if (!reading.ok) throw new AppError('VALIDATION_FAILED', reading.field, reading.message);
  const { subject } = reading;
  const from = new Date(body.from);
  const to = new Date(body.to);
  const problem = windowProblem(from, to, now);
  if (problem) throw new AppError('VALIDATION_FAILED', problem.field, problem.message);
  const { hash, sealed, deviceId } = await resolveSubject(ctx, actor, subject);
  const display = maskWatchSubject(subject);
  const dossier =
    deviceId ??
    (await repo.dossierOf(ctx.db, subject.kind, hash, subject.kind === 'vehicle' ? subject.value : null));
  const id = await ctx.db.transaction().execute(async (tx) => {
    const open = await tx
      .selectFrom('watchlist_entry')
      .select('id')
      .where('subject_hash', '=', hash)
      .where('org_path', '=', actor.scopePath)
      .where('status', 'in', ['pending', 'active'])
      .where('valid_to', '>', now)
      .executeTakeFirst();
    if (open)
      throw new AppError('VALIDATION_FAILED', 'subject', {
        zh: `此对象已有待审批或生效中的布控（编号 ${open.id}）`,
        en: `This subject already has a pending or active entry (no. ${open.id})`,
      });
    await repo.ensureSensingSubject(tx, subject.kind, hash, sealed, now);
    const inserted = await tx
      .insertInto('watchlist_entry')
      .values({
        subject_kind: subject.kind,
        subject_form: subject.form,
        subject_hash: hash,
        subject_display: display,
        person_id: subject.kind === 'person' ? dossier : null,
        vehicle_id: subject.kind === 'vehicle' ? dossier : null,
        device_id: subject.kind === 'device' ? dossier : null,
        reason: body.reason,
        valid_from: from,
        valid_to: to,
        status: 'pending',
        org_path: actor.scopePath,
        requested_by: requestedBy,
        requested_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(
      tx,
      actor,
      {
        action: 'watchlist.request',
        targetType: 'watchlist_entry',
        targetId: inserted.id,
        details: { subject: display, form: subject.form, reason: body.reason, from: body.from, to: body.to },
      },
      now,
    );
    return inserted.id;
  });
  return { id, status: 'pending' as const };
}

async function entryOr404(ctx: Context, actor: Actor, id: string) {
  const row = await repo.findEntry(ctx.db, actor, id);
  if (row) return row;
  const outside = await repo.entryPath(ctx.db, id);
  if (outside !== undefined)
    await auditAlone(
      ctx.db,
      actor,
      {
        action: 'access.out-of-scope',
        outcome: 'denied',
        targetType: 'watchlist_entry',
        targetId: id,
        orgPath: outside,
      },
      ctx.now(),
    );
  throw new AppError('NOT_FOUND');
}

export async function listEntries(ctx: Context, actor: Actor, query: TWatchlistQuery) {
  const now = ctx.now();
  const { rows, total } = await repo.listEntries(ctx.db, actor, query, now);
  await auditAlone(
    ctx.db,
    actor,
    { action: 'watchlist.list', details: { ...query, returned: rows.length } },
    now,
  );
  return {
    entries: rows.map((r) => presentEntry(r, actor, now)),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function readEntry(
  ctx: Context,
  actor: Actor,
  id: string,
  options: { audited: boolean } = { audited: true },
): Promise<TWatchlistEntry> {
  const row = await entryOr404(ctx, actor, id);
  if (options.audited)
    await auditAlone(
      ctx.db,
      actor,
      { action: 'watchlist.read', targetType: 'watchlist_entry', targetId: id, orgPath: row.org_path },
      ctx.now(),
    );
  return presentEntry(row, actor, ctx.now());
}

type Step = 'approve' | 'reject' | 'revoke';

/** Approves, rejects or revokes an entry in scope, on its row locked for the step. A refusal is audited
 *  as denied and answered 403 (who may not) or 400 (the entry's state does not allow it). */
export async function decideEntry(
  ctx: Context,
  actor: Actor,
  id: string,
  step: Step,
  note: string | null,
): Promise<TWatchlistEntry> {
  const found = await entryOr404(ctx, actor, id);
  const now = ctx.now();
  const decider = {
    userId: actor.kind === 'user' ? actor.id : null,
    mayApprove: actorCan(actor, 'watchlist.approve'),
  };
  const refusal = await ctx.db.transaction().execute(async (tx): Promise<DecisionCheck> => {
    const row = await tx
      .selectFrom('watchlist_entry')
      .select(['status', 'valid_to', 'requested_by'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const status = watchStatus(row.status as StoredStatus, row.valid_to, now);
    const check =
      step === 'revoke'
        ? checkRevoke(decider, row.requested_by, status)
        : checkDecision(decider, row.requested_by, status);
    if (!check.ok) return check;
    const userId = decider.userId;
    await tx
      .updateTable('watchlist_entry')
      .set(
        step === 'revoke'
          ? { status: 'revoked', revoked_by: userId, revoked_at: now, revoke_note: note }
          : {
              status: step === 'approve' ? 'active' : 'rejected',
              decided_by: userId,
              decided_at: now,
              decision_note: note,
            },
      )
      .where('id', '=', id)
      .execute();
    await appendAudit(
      tx,
      actor,
      {
        action: `watchlist.${step}`,
        targetType: 'watchlist_entry',
        targetId: id,
        orgPath: found.org_path,
        details: { subject: found.subject_display, from: status, ...(note ? { note } : {}) },
      },
      now,
    );
    return check;
  });
  if (!refusal.ok) {
    await auditAlone(
      ctx.db,
      actor,
      {
        action: `watchlist.${step}`,
        outcome: 'denied',
        targetType: 'watchlist_entry',
        targetId: id,
        orgPath: found.org_path,
        details: { refused: refusal.kind },
      },
      now,
    );
    throw refusal.kind === 'state'
      ? new AppError('WATCHLIST_STATE_CONFLICT', 'status', refusal.message)
      : new AppError('FORBIDDEN', undefined, refusal.message);
  }
  await reloadWatchlist(ctx);
  return readEntry(ctx, actor, id, { audited: false });
}
