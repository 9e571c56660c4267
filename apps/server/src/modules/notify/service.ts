// The outbox as administrators watch it: what waits, what went, what was given up — recipients only as
// masks. The outbox has no jurisdiction of its own and only the administrator (scoped to the whole city)
// reads it, so the query is not narrowed by the scope layer.
import { sql } from 'kysely';
import type { Context } from '../../platform/context.ts';
import { maskRecipient, type NotifyPayload } from './messages.ts';

export type OutboxState = 'pending' | 'failed' | 'delivered';

export interface OutboxItem {
  id: string;
  state: OutboxState;
  topic: string;
  channel: string;
  recipient: string | null;
  caseId: string | null;
  trackingNo: string | null;
  text: { zh: string; en: string } | null;
  createdAt: string;
  attempts: number;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  lastError: string | null;
}

/** One page of the outbox in a state: pending soonest due first, the others newest first. */
export async function listOutbox(
  ctx: Context,
  query: { state: OutboxState; page: number; pageSize: number },
): Promise<{ items: OutboxItem[]; total: number; page: number; pageSize: number }> {
  let rows = ctx.db.selectFrom('outbox');
  if (query.state === 'delivered') rows = rows.where('delivered_at', 'is not', null);
  else
    rows = rows
      .where('delivered_at', 'is', null)
      .where(sql<boolean>`next_attempt_at ${sql.raw(query.state === 'failed' ? '=' : '<')} 'infinity'`);
  const ordered =
    query.state === 'pending'
      ? rows.orderBy('next_attempt_at').orderBy('id')
      : rows
          .orderBy(query.state === 'delivered' ? 'delivered_at' : 'created_at', 'desc')
          .orderBy('id', 'desc');
  const [page, count] = await Promise.all([
    ordered
      .select([
        'id',
        'topic',
        'channel',
        'recipient_enc',
        'case_id',
        'payload',
        'created_at',
        'attempts',
        sql<Date | null>`case when next_attempt_at = 'infinity' then null else next_attempt_at end`.as(
          'next_at',
        ),
        'delivered_at',
        'last_error',
      ])
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    rows.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: page.map((r) => {
      const payload = r.payload as Partial<NotifyPayload>;
      return {
        id: r.id,
        state: query.state,
        topic: r.topic,
        channel: r.channel,
        recipient: r.recipient_enc ? maskRecipient(r.channel, ctx.crypto.decrypt(r.recipient_enc)) : null,
        caseId: r.case_id,
        trackingNo: payload.trackingNo ?? null,
        text: payload.text ?? null,
        createdAt: r.created_at.toISOString(),
        attempts: r.attempts,
        nextAttemptAt: query.state === 'pending' ? (r.next_at?.toISOString() ?? null) : null,
        deliveredAt: r.delivered_at?.toISOString() ?? null,
        lastError: r.last_error,
      };
    }),
    total: count.total,
    page: query.page,
    pageSize: query.pageSize,
  };
}
