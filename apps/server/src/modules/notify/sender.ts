// The outbox sender. Every few seconds in every process it claims the due messages — `for update skip
// locked`, and the claim pushes their next attempt out by a lease, so two senders never take the same
// row — hands each to its channel's adapter, then marks it delivered or schedules the next attempt with
// exponential back-off (1 minute doubling to 6 hours, less up to a fifth at random so a gateway's
// backlog does not return all at once). After MAX_ATTEMPTS a message is given up: it stays in the outbox
// with its last error and `next_attempt_at = 'infinity'`, which is how the console lists it as failed.
// Delivery is at least once: a process that dies between the adapter's answer and the mark leaves the
// row to be sent again after the lease, so webhooks get the outbox id to drop a repeat.
import { sql } from 'kysely';
import type { Context } from '../../platform/context.ts';
import { type ChannelAdapters, channelAdapters } from './adapters.ts';
import type { NotifyPayload } from './messages.ts';

export const SEND_INTERVAL_MS = 5_000;
export const MAX_ATTEMPTS = 12;
const FIRST_RETRY_MS = 60_000;
const LONGEST_RETRY_MS = 6 * 3_600_000;
/** How long a claimed message is left alone: far longer than an adapter may take (10 s timeout). */
const LEASE_MS = 5 * 60_000;
const BATCH = 50;
/** Messages of one batch in flight at once: a slow gateway must not hold up the rest for long. */
const IN_FLIGHT = 8;

/** The wait before attempt `attempts + 1`, after `attempts` failed ones. */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const full = Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(full * (1 - 0.2 * random()));
}

interface ClaimedRow {
  id: string;
  topic: string;
  channel: string;
  recipient_enc: Buffer | null;
  payload: NotifyPayload;
  attempts: number;
}

export interface SendSummary {
  claimed: number;
  delivered: number;
  retried: number;
  failed: number;
}

/** Claims up to one batch of due messages and sends them; answers what became of them. */
export async function sendDue(
  ctx: Context,
  adapters: ChannelAdapters,
  log: (line: string) => void = () => {},
): Promise<SendSummary> {
  const now = ctx.now();
  const claimed = await sql<ClaimedRow>`
    with due as (
      select id from outbox
      where delivered_at is null and next_attempt_at <= ${now}
      order by next_attempt_at
      limit ${BATCH}
      for update skip locked)
    update outbox o set attempts = o.attempts + 1, next_attempt_at = ${new Date(now.getTime() + LEASE_MS)}
    from due where o.id = due.id
    returning o.id, o.topic, o.channel, o.recipient_enc, o.payload, o.attempts`.execute(ctx.db);
  const summary: SendSummary = { claimed: claimed.rows.length, delivered: 0, retried: 0, failed: 0 };
  const queue = [...claimed.rows];
  const worker = async () => {
    for (let row = queue.shift(); row; row = queue.shift()) {
      const outcome = await attempt(ctx, adapters, row);
      summary[outcome]++;
      if (outcome === 'failed')
        log(`notify: gave up on message #${row.id} (${row.topic}) after ${row.attempts} attempts`);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return summary;
}

async function attempt(
  ctx: Context,
  adapters: ChannelAdapters,
  row: ClaimedRow,
): Promise<'delivered' | 'retried' | 'failed'> {
  let error: string;
  try {
    const adapter = adapters[row.channel];
    if (!adapter) throw new Error(`no adapter for channel ${row.channel}`);
    if (!row.recipient_enc) throw new Error('no recipient');
    await adapter.send({
      id: row.id,
      channel: row.channel,
      topic: row.topic,
      recipient: ctx.crypto.decrypt(row.recipient_enc),
      payload: row.payload,
    });
    await ctx.db
      .updateTable('outbox')
      .set({ delivered_at: ctx.now(), last_error: null })
      .where('id', '=', row.id)
      .execute();
    return 'delivered';
  } catch (caught) {
    error = (caught instanceof Error ? caught.message : String(caught)).slice(0, 500);
  }
  const givenUp = row.attempts >= MAX_ATTEMPTS;
  await ctx.db
    .updateTable('outbox')
    .set({
      last_error: error,
      next_attempt_at: givenUp
        ? sql<Date>`'infinity'::timestamptz`
        : new Date(ctx.now().getTime() + retryDelayMs(row.attempts)),
    })
    .where('id', '=', row.id)
    .execute();
  return givenUp ? 'failed' : 'retried';
}

/** Sends what is due now and then every few seconds; returns the function that stops it. */
export function startNotifySender(ctx: Context, log: (line: string) => void): () => void {
  const adapters = channelAdapters(ctx.config, log);
  let isRunning = false;
  const run = async () => {
    if (isRunning) return;
    isRunning = true;
    try {
      // A full batch means more may be waiting: go on until the outbox has nothing due.
      while ((await sendDue(ctx, adapters, log)).claimed === BATCH);
    } catch (error) {
      log(`notify: sending failed: ${(error as Error).message}`);
    } finally {
      isRunning = false;
    }
  };
  void run();
  const timer = setInterval(run, SEND_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
