// Flat command (扁平指挥): a centre sends an instruction straight to the users of chosen areas and roles;
// recipients are resolved once, at sending, and stored. A recipient sees it in their inbox, which marks it
// received; reads it (receipt) and replies, both idempotent by the client's id. The sender's centre (and
// the centres above) follows the counts and the recipients, and reminds those who have not read or
// replied. Anyone else is answered 404 like a missing instruction, and the attempt is audited.
import { sql } from 'kysely';
import { type Actor, actorCan } from '../../platform/actor.ts';
import { appendAudit, auditAlone } from '../../platform/audit.ts';
import type { Context } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { scopedFrom } from '../../platform/scope.ts';
import { presentInstruction, presentReceipt, presentRecipient } from './presenter.ts';
import * as repo from './repository.ts';
import type {
  TInstructionPage,
  TReceipt,
  TRecipientsQuery,
  TReplyBody,
  TSendInstruction,
} from './schemas.ts';

const paging = (q: { page: number; pageSize: number }) => ({
  limit: q.pageSize,
  offset: (q.page - 1) * q.pageSize,
});

/** The client's time of an act, kept between the instruction's sending and the server's now. */
function actedAt(at: string | undefined, sentAt: Date, now: Date): Date {
  if (!at) return now;
  const t = Math.min(Math.max(new Date(at).getTime(), sentAt.getTime()), now.getTime());
  return new Date(t);
}

async function unitPaths(db: Queryable, actor: Actor, codes: readonly string[]): Promise<string[]> {
  if (codes.length === 0) return [actor.scopePath];
  const rows = await scopedFrom(db, actor, 'org_unit')
    .select(['org_unit.code', 'org_unit.org_path'])
    .where('org_unit.code', 'in', [...new Set(codes)])
    .execute();
  const byCode = new Map(rows.map((r) => [r.code, r.org_path]));
  const missing = codes.findIndex((c) => !byCode.has(c));
  if (missing >= 0) throw new AppError('UNKNOWN_UNIT', `units[${missing}]`);
  return codes.map((c) => byCode.get(c)!);
}

/** Sends an instruction; a replay of the same client id answers the instruction first sent. */
export async function sendInstruction(
  ctx: Context,
  actor: Actor,
  input: TSendInstruction,
): Promise<{ page: TInstructionPage; isReplay: boolean }> {
  const now = ctx.now();
  const senderId = actor.id!;
  const earlier = await repo.findBySenderClientId(ctx.db, senderId, input.clientId);
  if (earlier) return { page: await senderPage(ctx, earlier), isReplay: true };
  const deadline = input.deadline ? new Date(input.deadline) : null;
  if (deadline && deadline.getTime() <= now.getTime())
    throw new AppError('VALIDATION_FAILED', 'deadline', {
      zh: '截止时间须晚于当前时间',
      en: 'deadline: must be in the future',
    });
  const created = await ctx.db.transaction().execute(async (tx) => {
    const paths = await unitPaths(tx, actor, input.units);
    const inserted = await tx
      .insertInto('instruction')
      .values({
        sender_id: senderId,
        client_id: input.clientId,
        org_path: actor.scopePath,
        title: input.title,
        body: input.body,
        deadline,
        reply_required: input.replyRequired,
        target_units: input.units,
        target_roles: input.roles,
        sent_at: now,
      })
      .onConflict((oc) => oc.columns(['sender_id', 'client_id']).doNothing())
      .returning('id')
      .executeTakeFirst();
    // A replay racing the first delivery: the first one's transaction wrote it.
    if (!inserted) return null;
    const recipients = await tx
      .insertInto('instruction_recipient')
      .columns(['instruction_id', 'user_id', 'role', 'org_path'])
      .expression(
        repo
          .resolveRecipients(tx, actor, paths, input.roles)
          .clearSelect()
          .select([
            sql<string>`${inserted.id}::bigint`.as('instruction_id'),
            'app_user.id',
            'app_user.role',
            'app_user.org_path',
          ]),
      )
      .returning('user_id')
      .execute();
    if (recipients.length === 0)
      throw new AppError('VALIDATION_FAILED', 'units', {
        zh: '所选范围和角色中没有可接收指令的用户',
        en: 'No active user in the chosen units and roles',
      });
    await appendAudit(
      tx,
      actor,
      {
        action: 'instruction.send',
        targetType: 'instruction',
        targetId: inserted.id,
        details: {
          units: input.units,
          roles: input.roles,
          recipients: recipients.length,
          replyRequired: input.replyRequired,
          deadline: deadline?.toISOString() ?? null,
        },
      },
      now,
    );
    return inserted.id;
  });
  const row = created
    ? await repo.findInstruction(ctx.db, created)
    : await repo.findBySenderClientId(ctx.db, senderId, input.clientId);
  return { page: await senderPage(ctx, row!), isReplay: created === null };
}

async function senderPage(ctx: Context, row: repo.InstructionRow): Promise<TInstructionPage> {
  const counts = await repo.countsOf(ctx.db, [row.id], ctx.now());
  return { instruction: presentInstruction(row), mine: null, counts: counts.get(row.id) ?? null };
}

/** How the actor reaches an instruction: as a recipient, as a centre over its sender, both, or not at all
 *  (404, with the attempt audited when the instruction exists). */
async function reach(ctx: Context, actor: Actor, id: string) {
  const row = await repo.findInstruction(ctx.db, id);
  const recipient = row && actor.id ? await repo.myRecipientRow(ctx.db, id, actor.id) : undefined;
  const isFollower =
    row !== undefined &&
    actorCan(actor, 'command.send') &&
    (row.org_path === actor.scopePath || row.org_path.startsWith(`${actor.scopePath}.`));
  if (row && (recipient || isFollower)) return { row, recipient, isFollower };
  if (row)
    await auditAlone(
      ctx.db,
      actor,
      {
        action: 'access.out-of-scope',
        outcome: 'denied',
        targetType: 'instruction',
        targetId: id,
        orgPath: row.org_path,
      },
      ctx.now(),
    );
  throw new AppError('NOT_FOUND');
}

/** The instruction page: the recipient's own copy (fetching it marks it received) and, for the centres
 *  that follow it, the counts. */
export async function readInstruction(ctx: Context, actor: Actor, id: string): Promise<TInstructionPage> {
  const { row, recipient, isFollower } = await reach(ctx, actor, id);
  const now = ctx.now();
  let mine: TInstructionPage['mine'] = null;
  if (recipient) {
    const received = await ctx.db.transaction().execute(async (tx) => {
      const marked = await repo.markReceived(tx, [id], actor.id!, now);
      if (marked.length > 0)
        await appendAudit(
          tx,
          actor,
          { action: 'instruction.receive', targetType: 'instruction', targetId: id, orgPath: row.org_path },
          now,
        );
      return marked.length > 0;
    });
    const replies = await repo.myReplies(ctx.db, [id], actor.id!);
    mine = presentReceipt({ ...recipient, received_at: received ? now : recipient.received_at }, replies);
  }
  let counts: TInstructionPage['counts'] = null;
  if (isFollower) {
    counts = (await repo.countsOf(ctx.db, [id], now)).get(id) ?? null;
    await auditAlone(
      ctx.db,
      actor,
      { action: 'instruction.read', targetType: 'instruction', targetId: id, orgPath: row.org_path },
      now,
    );
  }
  return { instruction: presentInstruction(row), mine, counts };
}

/** The caller's inbox, newest first: what the field app caches. Listing marks what it shows received. */
export async function listMine(
  ctx: Context,
  actor: Actor,
  query: { unread?: 'true' | 'false'; page: number; pageSize: number },
) {
  const now = ctx.now();
  const userId = actor.id!;
  const [rows, { total }, { unread }] = await repo.listMine(
    ctx.db,
    userId,
    query.unread === 'true',
    paging(query),
  );
  const ids = rows.map((r) => r.id);
  const marked = new Set(
    await ctx.db.transaction().execute(async (tx) => {
      const newly = await repo.markReceived(tx, ids, userId, now);
      if (newly.length > 0)
        await appendAudit(
          tx,
          actor,
          { action: 'instruction.receive', details: { instructions: newly } },
          now,
        );
      return newly;
    }),
  );
  const replies = await repo.myReplies(ctx.db, ids, userId);
  return {
    items: rows.map((r) => ({
      ...presentInstruction(r),
      mine: presentReceipt(
        { ...r, received_at: marked.has(r.id) ? now : r.received_at },
        replies.filter((x) => x.instruction_id === r.id),
      ),
    })),
    total,
    unread,
    page: query.page,
    pageSize: query.pageSize,
  };
}

async function recipientOr404(ctx: Context, actor: Actor, id: string) {
  const found = await reach(ctx, actor, id);
  if (!found.recipient) {
    // A centre that follows the instruction but did not receive it cannot acknowledge it.
    throw new AppError('NOT_FOUND');
  }
  return { row: found.row, recipient: found.recipient };
}

/** The read receipt (已读). Idempotent: the first receipt's time stays, whatever client id repeats it. */
export async function markRead(ctx: Context, actor: Actor, id: string, input: TReceipt) {
  const { row } = await recipientOr404(ctx, actor, id);
  const now = ctx.now();
  const readAt = actedAt(input.at, row.sent_at, now);
  return ctx.db.transaction().execute(async (tx) => {
    const updated = await tx
      .updateTable('instruction_recipient')
      .set((eb) => ({
        read_at: readAt,
        read_client_id: input.clientId,
        received_at: eb.fn.coalesce('received_at', eb.val(now)),
      }))
      .where('instruction_id', '=', id)
      .where('user_id', '=', actor.id!)
      .where('read_at', 'is', null)
      .returning('read_at')
      .executeTakeFirst();
    if (updated) {
      await appendAudit(
        tx,
        actor,
        {
          action: 'instruction.read-receipt',
          targetType: 'instruction',
          targetId: id,
          orgPath: row.org_path,
          details: { clientId: input.clientId, readAt: readAt.toISOString() },
        },
        now,
      );
      return { readAt: readAt.toISOString(), isReplay: false };
    }
    const current = await repo.myRecipientRow(tx, id, actor.id!);
    return { readAt: current!.read_at!.toISOString(), isReplay: true };
  });
}

/** A reply (回复). Idempotent by client id: a replay answers the reply first received. A reply also
 *  counts as reading. */
export async function reply(ctx: Context, actor: Actor, id: string, input: TReplyBody) {
  const { row } = await recipientOr404(ctx, actor, id);
  const now = ctx.now();
  const writtenAt = actedAt(input.at, row.sent_at, now);
  const userId = actor.id!;
  return ctx.db.transaction().execute(async (tx) => {
    const inserted = await tx
      .insertInto('instruction_reply')
      .values({
        instruction_id: id,
        user_id: userId,
        client_id: input.clientId,
        body: input.body,
        written_at: writtenAt,
        received_at: now,
      })
      .onConflict((oc) => oc.columns(['instruction_id', 'user_id', 'client_id']).doNothing())
      .returning(['id', 'client_id', 'body', 'written_at'])
      .executeTakeFirst();
    if (!inserted) {
      const earlier = await tx
        .selectFrom('instruction_reply')
        .select(['id', 'client_id', 'body', 'written_at'])
        .where('instruction_id', '=', id)
        .where('user_id', '=', userId)
        .where('client_id', '=', input.clientId)
        .executeTakeFirstOrThrow();
      return { reply: presentReply(earlier), isReplay: true };
    }
    await tx
      .updateTable('instruction_recipient')
      .set((eb) => ({
        replies: eb('replies', '+', 1),
        first_reply_at: eb.fn.coalesce('first_reply_at', eb.val(writtenAt)),
        read_at: eb.fn.coalesce('read_at', eb.val(writtenAt)),
        received_at: eb.fn.coalesce('received_at', eb.val(now)),
      }))
      .where('instruction_id', '=', id)
      .where('user_id', '=', userId)
      .execute();
    await appendAudit(
      tx,
      actor,
      {
        action: 'instruction.reply',
        targetType: 'instruction',
        targetId: id,
        orgPath: row.org_path,
        details: { clientId: input.clientId, replyId: inserted.id },
      },
      now,
    );
    return { reply: presentReply(inserted), isReplay: false };
  });
}

const presentReply = (r: { id: string; client_id: string; body: string; written_at: Date }) => ({
  id: r.id,
  clientId: r.client_id,
  body: r.body,
  writtenAt: r.written_at.toISOString(),
});

async function followedOr404(ctx: Context, actor: Actor, id: string) {
  const found = await reach(ctx, actor, id);
  if (!found.isFollower) throw new AppError('NOT_FOUND');
  return found.row;
}

/** The instructions sent from the caller's jurisdiction, newest first, with their counts (audited: the
 *  list shows who was instructed). */
export async function listSent(ctx: Context, actor: Actor, query: { page: number; pageSize: number }) {
  const now = ctx.now();
  const [rows, { total }] = await repo.listSent(ctx.db, actor, paging(query));
  const counts = await repo.countsOf(
    ctx.db,
    rows.map((r) => r.id),
    now,
  );
  await auditAlone(
    ctx.db,
    actor,
    { action: 'instruction.list', details: { page: query.page, returned: rows.length } },
    now,
  );
  return {
    items: rows.map((r) => ({ ...presentInstruction(r), counts: counts.get(r.id)! })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** Who received, read and replied, filtered and paged, with the replies (audited). */
export async function listRecipients(ctx: Context, actor: Actor, id: string, query: TRecipientsQuery) {
  const row = await followedOr404(ctx, actor, id);
  const now = ctx.now();
  const [rows, { total }] = await repo.listRecipients(ctx.db, id, query.status, paging(query));
  const [replies, counts] = await Promise.all([
    repo.repliesOf(
      ctx.db,
      id,
      rows.map((r) => r.user_id),
    ),
    repo.countsOf(ctx.db, [id], now),
  ]);
  await auditAlone(
    ctx.db,
    actor,
    {
      action: 'instruction.recipients',
      targetType: 'instruction',
      targetId: id,
      orgPath: row.org_path,
      details: { status: query.status, page: query.page, returned: rows.length },
    },
    now,
  );
  return {
    items: rows.map((r) => presentRecipient(r, replies)),
    total,
    counts: counts.get(id)!,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** Reminds the recipients who have not read (or not replied) yet; the reminder is recorded with who it
 *  went to, for notifications to pick up later. */
export async function remind(ctx: Context, actor: Actor, id: string, target: 'unread' | 'unreplied') {
  const row = await followedOr404(ctx, actor, id);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const reminded = await tx
      .updateTable('instruction_recipient')
      .set((eb) => ({ reminders: eb('reminders', '+', 1), last_reminded_at: now }))
      .where('instruction_id', '=', id)
      .where(target === 'unread' ? 'read_at' : 'first_reply_at', 'is', null)
      .returning('user_id')
      .execute();
    const userIds = reminded.map((r) => r.user_id);
    await tx
      .insertInto('instruction_reminder')
      .values({ instruction_id: id, sent_by: actor.id!, at: now, target, user_ids: userIds })
      .execute();
    await appendAudit(
      tx,
      actor,
      {
        action: 'instruction.remind',
        targetType: 'instruction',
        targetId: id,
        orgPath: row.org_path,
        details: { target, reminded: userIds.length },
      },
      now,
    );
    return { reminded: userIds.length, at: now.toISOString() };
  });
}
