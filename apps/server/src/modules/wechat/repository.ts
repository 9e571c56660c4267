// `wechat_message` (migration 0011): the last half hour of messages, so a resend is answered once and a
// text finds the location sent before it. The table belongs to no jurisdiction (a sender is a keyed hash
// of an openid, with no place in the hierarchy) and no row of it leaves the module, so it is queried
// directly, in plain SQL: it has no table type beside the shared ones.
import { sql } from 'kysely';
import type { Queryable } from '../../platform/db.ts';

export interface MessageClaim {
  openidHash: Buffer;
  msgKey: string;
  kind: string;
  location?: { lng: number; lat: number; label: string | null } | undefined;
  receivedAt: Date;
}

/** Records a message's first delivery; false when it was seen already (a resend). */
export async function claimMessage(db: Queryable, claim: MessageClaim): Promise<boolean> {
  const { rows } = await sql<{ one: number }>`
    insert into wechat_message (openid_hash, msg_key, kind, lng, lat, label, received_at)
    values (${claim.openidHash}, ${claim.msgKey}, ${claim.kind}, ${claim.location?.lng ?? null},
            ${claim.location?.lat ?? null}, ${claim.location?.label ?? null}, ${claim.receivedAt})
    on conflict do nothing
    returning 1 as one`.execute(db);
  return rows.length === 1;
}

/** Keeps the reply made to a first delivery, for its resends. */
export async function recordReply(db: Queryable, openidHash: Buffer, msgKey: string, reply: string | null) {
  await sql`update wechat_message set reply = ${reply}, is_answered = true
            where openid_hash = ${openidHash} and msg_key = ${msgKey}`.execute(db);
}

/** Forgets a first delivery whose handling failed, so a resend is handled afresh. */
export async function releaseMessage(db: Queryable, openidHash: Buffer, msgKey: string) {
  await sql`delete from wechat_message where openid_hash = ${openidHash} and msg_key = ${msgKey}`.execute(db);
}

/** The reply made to a first delivery: undefined while it is still being handled. */
export async function storedReply(
  db: Queryable,
  openidHash: Buffer,
  msgKey: string,
): Promise<{ reply: string | null } | undefined> {
  const { rows } = await sql<{ reply: string | null; is_answered: boolean }>`
    select reply, is_answered from wechat_message
    where openid_hash = ${openidHash} and msg_key = ${msgKey}`.execute(db);
  const row = rows[0];
  return row?.is_answered ? { reply: row.reply } : undefined;
}

/** The sender's latest location sent since `since`. */
export async function latestLocation(db: Queryable, openidHash: Buffer, since: Date) {
  const { rows } = await sql<{ lng: number; lat: number; label: string | null }>`
    select lng, lat, label from wechat_message
    where openid_hash = ${openidHash} and kind = 'location' and received_at >= ${since}
    order by received_at desc limit 1`.execute(db);
  return rows[0];
}

/** Deletes what is older than `before`: nobody's messages or whereabouts are kept past their use. */
export async function purgeMessages(db: Queryable, before: Date) {
  await sql`delete from wechat_message where received_at < ${before}`.execute(db);
}
