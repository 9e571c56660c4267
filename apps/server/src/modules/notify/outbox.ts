// Queueing notifications (the transactional outbox): a row per recipient, written in the transaction of
// the step that caused it, so a step that rolls back leaves nothing to send and one that commits is never
// forgotten. The sender (sender.ts) delivers afterwards.
import { sql } from 'kysely';
import type { Queryable } from '../../platform/db.ts';
import { milestoneMessage, type NotifyMilestone } from './messages.ts';

export interface MilestoneNotice {
  caseId: string;
  trackingNo: string;
  /** Null for a step residents do not hear of: nothing is queued. */
  milestone: NotifyMilestone | null;
  /** The step's time: the message is due from then. */
  at: Date;
}

/** What every recipient of a milestone is sent: its topic and message. */
function envelope(trackingNo: string, milestone: NotifyMilestone) {
  return { topic: `case.${milestone}`, payload: JSON.stringify(milestoneMessage(trackingNo, milestone)) };
}

/** The outbox rows of a milestone for recipients already in hand (a case being opened, whose row the
 *  statement writing them cannot read back yet): sealed SMS and WeChat recipients, nulls skipped.
 *  `caseId` may be an SQL expression (the new case's id inside the same statement). */
export function milestoneRows<Id>(
  notice: Omit<MilestoneNotice, 'caseId'> & { caseId: Id },
  recipients: { sms: Buffer | null | undefined; wechat: Buffer | null | undefined },
) {
  if (notice.milestone === null) return [];
  const { topic, payload } = envelope(notice.trackingNo, notice.milestone);
  return (['sms', 'wechat'] as const).flatMap((channel) => {
    const recipient = recipients[channel];
    if (!recipient) return [];
    return [
      {
        topic,
        channel,
        recipient_enc: recipient,
        case_id: notice.caseId,
        payload,
        created_at: notice.at,
        next_attempt_at: notice.at,
      },
    ];
  });
}

/** Queues the milestone for the case's reporter: by SMS to the phone and by WeChat to the openid the
 *  case holds, one row each; none without either. The sealed recipient is copied as it is (same key),
 *  so the clear number never passes through here. */
export async function queueMilestone(tx: Queryable, notice: MilestoneNotice): Promise<void> {
  if (notice.milestone === null) return;
  const { topic, payload } = envelope(notice.trackingNo, notice.milestone);
  await sql`
    insert into outbox (topic, channel, recipient_enc, case_id, payload, created_at, next_attempt_at)
    select ${topic}, r.channel, r.recipient, c.id, ${payload}::jsonb, ${notice.at}, ${notice.at}
    from case_file c
    cross join lateral (values ('sms', c.reporter_phone_enc), ('wechat', c.reporter_openid_enc)) r (channel, recipient)
    where c.id = ${notice.caseId} and r.recipient is not null`.execute(tx);
}
