// Instruction queries. A centre reaches an instruction through its path (the sender's jurisdiction, by the
// scope layer's `pathWithin`); a recipient only through its own recipient row — never by path, so a user
// in the chosen area who was not resolved as a recipient sees nothing.
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Actor } from '../../platform/actor.ts';
import type { Queryable } from '../../platform/db.ts';
import { pathWithin, scopedFrom } from '../../platform/scope.ts';

/** The instruction's path lies in the actor's jurisdiction. */
export const instructionInScope = (actor: Actor): Expression<SqlBool> =>
  pathWithin('instruction.org_path', actor.scopePath);

const instructionColumns = [
  'instruction.id',
  'instruction.client_id',
  'instruction.title',
  'instruction.body',
  'instruction.deadline',
  'instruction.reply_required',
  'instruction.target_units',
  'instruction.target_roles',
  'instruction.sent_at',
  'instruction.sender_id',
  'instruction.org_path',
  'sender.display_name as sender_name',
  'sender_unit.name as sender_unit',
] as const;

function withSender(db: Queryable) {
  return db
    .selectFrom('instruction')
    .innerJoin('app_user as sender', 'sender.id', 'instruction.sender_id')
    .innerJoin('org_unit as sender_unit', 'sender_unit.id', 'sender.scope_id');
}

export function findInstruction(db: Queryable, id: string) {
  return withSender(db).select(instructionColumns).where('instruction.id', '=', id).executeTakeFirst();
}
export type InstructionRow = NonNullable<Awaited<ReturnType<typeof findInstruction>>>;

export function findBySenderClientId(db: Queryable, senderId: string, clientId: string) {
  return withSender(db)
    .select(instructionColumns)
    .where('instruction.sender_id', '=', senderId)
    .where('instruction.client_id', '=', clientId)
    .executeTakeFirst();
}

/** Active users in the actor's jurisdiction under one of `paths`, of one of `roles` (any working role
 *  when empty), other than the sender; never the auditor. */
export function resolveRecipients(
  db: Queryable,
  actor: Actor,
  paths: readonly string[],
  roles: readonly string[],
) {
  let query = scopedFrom(db, actor, 'app_user')
    .select(['app_user.id', 'app_user.role', 'app_user.org_path'])
    .where('app_user.disabled_at', 'is', null)
    .where('app_user.role', '<>', 'auditor')
    .where('app_user.id', '<>', actor.id ?? '0')
    .where((eb) => eb.or(paths.map((p) => pathWithin('app_user.org_path', p))));
  if (roles.length > 0) query = query.where('app_user.role', 'in', roles);
  return query;
}

export function myRecipientRow(db: Queryable, instructionId: string, userId: string) {
  return db
    .selectFrom('instruction_recipient')
    .selectAll()
    .where('instruction_id', '=', instructionId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export function myReplies(db: Queryable, instructionIds: readonly string[], userId: string) {
  if (instructionIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('instruction_reply')
    .select(['id', 'instruction_id', 'client_id', 'body', 'written_at'])
    .where('instruction_id', 'in', instructionIds)
    .where('user_id', '=', userId)
    .orderBy('written_at')
    .orderBy('id')
    .execute();
}

export function mineQuery(db: Queryable, userId: string, unreadOnly: boolean) {
  let query = withSender(db)
    .innerJoin('instruction_recipient as r', 'r.instruction_id', 'instruction.id')
    .where('r.user_id', '=', userId);
  if (unreadOnly) query = query.where('r.read_at', 'is', null);
  return query;
}

export function listMine(
  db: Queryable,
  userId: string,
  unreadOnly: boolean,
  page: { limit: number; offset: number },
) {
  return Promise.all([
    mineQuery(db, userId, unreadOnly)
      .select([...instructionColumns, 'r.received_at', 'r.read_at', 'r.last_reminded_at'])
      .orderBy('instruction.sent_at', 'desc')
      .orderBy('instruction.id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    mineQuery(db, userId, unreadOnly)
      .select(sql<number>`count(*)::int`.as('total'))
      .executeTakeFirstOrThrow(),
    mineQuery(db, userId, true).select(sql<number>`count(*)::int`.as('unread')).executeTakeFirstOrThrow(),
  ]);
}

/** Marks the given instructions received by `userId` now, where not yet; answers those marked. */
export async function markReceived(db: Queryable, ids: readonly string[], userId: string, now: Date) {
  if (ids.length === 0) return [];
  const rows = await db
    .updateTable('instruction_recipient')
    .set({ received_at: now })
    .where('instruction_id', 'in', ids)
    .where('user_id', '=', userId)
    .where('received_at', 'is', null)
    .returning('instruction_id')
    .execute();
  return rows.map((r) => r.instruction_id);
}

/** Counts across recipients, for each of `ids`. */
export async function countsOf(db: Queryable, ids: readonly string[], now: Date) {
  if (ids.length === 0) return new Map<string, Counts>();
  const { rows } = await sql<Counts & { instruction_id: string }>`
    select r.instruction_id,
      count(*)::int as recipients,
      count(r.received_at)::int as received,
      count(r.read_at)::int as read,
      count(r.first_reply_at)::int as replied,
      count(*) filter (where i.deadline < ${now} and
        (case when i.reply_required then r.first_reply_at is null else r.read_at is null end))::int as overdue,
      (select count(*)::int from instruction_reminder m where m.instruction_id = r.instruction_id) as reminders
    from instruction_recipient r join instruction i on i.id = r.instruction_id
    where r.instruction_id = any(${ids}::bigint[])
    group by r.instruction_id, i.deadline, i.reply_required`.execute(db);
  return new Map(rows.map(({ instruction_id, ...counts }) => [instruction_id, counts]));
}

export interface Counts {
  recipients: number;
  received: number;
  read: number;
  replied: number;
  overdue: number;
  reminders: number;
}

export function listSent(db: Queryable, actor: Actor, page: { limit: number; offset: number }) {
  const query = withSender(db).where(instructionInScope(actor));
  return Promise.all([
    query
      .select(instructionColumns)
      .orderBy('instruction.sent_at', 'desc')
      .orderBy('instruction.id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    query.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow(),
  ]);
}

type RecipientStatus = 'all' | 'unreceived' | 'unread' | 'unreplied' | 'replied';

export function recipientsQuery(db: Queryable, instructionId: string, status: RecipientStatus) {
  let query = db
    .selectFrom('instruction_recipient as r')
    .innerJoin('app_user as u', 'u.id', 'r.user_id')
    .innerJoin('org_unit as o', 'o.id', 'u.scope_id')
    .where('r.instruction_id', '=', instructionId);
  if (status === 'unreceived') query = query.where('r.received_at', 'is', null);
  if (status === 'unread') query = query.where('r.read_at', 'is', null);
  if (status === 'unreplied') query = query.where('r.first_reply_at', 'is', null);
  if (status === 'replied') query = query.where('r.first_reply_at', 'is not', null);
  return query;
}

export function listRecipients(
  db: Queryable,
  instructionId: string,
  status: RecipientStatus,
  page: { limit: number; offset: number },
) {
  const query = recipientsQuery(db, instructionId, status);
  return Promise.all([
    query
      .select([
        'r.user_id',
        'r.role',
        'r.received_at',
        'r.read_at',
        'r.first_reply_at',
        'r.reminders',
        'r.last_reminded_at',
        'u.display_name',
        'o.code as unit_code',
        'o.name as unit_name',
      ])
      .orderBy('o.code')
      .orderBy('r.user_id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    query.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow(),
  ]);
}

export function repliesOf(db: Queryable, instructionId: string, userIds: readonly string[]) {
  if (userIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('instruction_reply')
    .select(['user_id', 'body', 'written_at'])
    .where('instruction_id', '=', instructionId)
    .where('user_id', 'in', userIds)
    .orderBy('written_at')
    .orderBy('id')
    .execute();
}
