// The field app's writes: check-ins, patrol start and stop, and batches of GPS fixes. Each is keyed by a
// client id the phone made, so a queue that replays after a lost answer changes nothing: a check-in or a
// fix already held is answered as it was, a patrol's start and stop only ever widen it.
import { localDay, monthWindow } from '@civgrid/domain';
import { sql } from 'kysely';
import type { Actor } from '../../platform/actor.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { Context } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import * as repo from './repository.ts';
import type { TCheckin, TPatrolEvent, TPoints } from './schemas.ts';

/** How far ahead of the server's clock a phone's clock may run. */
const CLOCK_SLACK_MS = 5 * 60_000;
/** How old an offline record may be: a month's assessment is decided early in the next. */
export const MAX_AGE_DAYS = 35;

/** Why a phone's time is refused, or null: after now (beyond the slack) or older than the age limit. */
function timeProblem(at: Date, now: Date): string | null {
  if (at.getTime() > now.getTime() + CLOCK_SLACK_MS) return 'in the future';
  if (at.getTime() < now.getTime() - MAX_AGE_DAYS * 86_400_000) return `older than ${MAX_AGE_DAYS} days`;
  return null;
}

function checkTime(at: Date, now: Date, field: string) {
  const problem = timeProblem(at, now);
  if (problem)
    throw new AppError('VALIDATION_FAILED', field, {
      zh: problem === 'in the future' ? `${field} 晚于服务器时间` : `${field} 早于 ${MAX_AGE_DAYS} 天前`,
      en: `${field}: ${problem}`,
    });
}

const presentCheckin = (r: NonNullable<Awaited<ReturnType<typeof repo.checkinByClientId>>>) => ({
  id: r.id,
  clientId: r.client_id,
  kind: r.kind,
  at: r.at.toISOString(),
  receivedAt: r.received_at.toISOString(),
  location:
    r.lng === null || r.lat === null
      ? null
      : { lng: r.lng, lat: r.lat, ...(r.accuracy === null ? {} : { accuracy: r.accuracy }) },
});

/** Records a check-in (签到) or check-out (签退); a replay of its client id answers the first. */
export async function checkIn(ctx: Context, actor: Actor, input: TCheckin) {
  const now = ctx.now();
  const at = new Date(input.at);
  const userId = actor.id!;
  const earlier = await repo.checkinByClientId(ctx.db, userId, input.clientId);
  if (earlier) return { checkin: presentCheckin(earlier), isReplay: true };
  checkTime(at, now, 'at');
  return ctx.db.transaction().execute(async (tx) => {
    const inserted = await tx
      .insertInto('field_checkin')
      .values({
        user_id: userId,
        client_id: input.clientId,
        org_path: actor.scopePath,
        kind: input.kind,
        at,
        received_at: now,
        lng: input.location?.lng ?? null,
        lat: input.location?.lat ?? null,
        accuracy: input.location?.accuracy ?? null,
      })
      .onConflict((oc) => oc.columns(['user_id', 'client_id']).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!inserted) {
      // a replay that raced the first delivery
      return {
        checkin: presentCheckin((await repo.checkinByClientId(tx, userId, input.clientId))!),
        isReplay: true,
      };
    }
    await appendAudit(
      tx,
      actor,
      {
        action: `field.check-${input.kind}`,
        targetType: 'field_checkin',
        targetId: inserted.id,
        details: { clientId: input.clientId, at: at.toISOString(), day: localDay(at, ctx.config.timezone) },
      },
      now,
    );
    return { checkin: presentCheckin(inserted), isReplay: false };
  });
}

/** My check-ins of a month (the current one by default), for the app to reconcile its queue. */
export async function myCheckins(ctx: Context, actor: Actor, month: string) {
  const { from, to } = monthWindow(month, ctx.config.timezone);
  const rows = await repo.checkinsOf(ctx.db, [actor.id!], from, to);
  return { items: rows.map(presentCheckin) };
}

const presentPatrol = (p: repo.PatrolRow) => ({
  id: p.id,
  clientId: p.client_id,
  startedAt: p.started_at.toISOString(),
  endedAt: p.ended_at?.toISOString() ?? null,
  points: p.points,
});

/** The patrol named by the client id, created when it does not exist yet (its fixes or stop may arrive
 *  first), locked for the rest of the transaction. */
async function lockPatrol(tx: Queryable, actor: Actor, clientId: string, startedAt: Date, now: Date) {
  const userId = actor.id!;
  const found = await repo.patrolByClientId(tx, userId, clientId, true);
  if (found) return { patrol: found, isNew: false };
  await tx
    .insertInto('field_patrol')
    .values({
      user_id: userId,
      client_id: clientId,
      org_path: actor.scopePath,
      started_at: startedAt,
      received_at: now,
    })
    .onConflict((oc) => oc.columns(['user_id', 'client_id']).doNothing())
    .execute();
  return { patrol: (await repo.patrolByClientId(tx, userId, clientId, true))!, isNew: true };
}

/** Starts or stops a patrol. A start earlier than what is held moves the start back; a stop later than
 *  the held one moves the end on; anything else is a replay and changes nothing. */
export async function patrolEvent(ctx: Context, actor: Actor, input: TPatrolEvent) {
  const now = ctx.now();
  const at = new Date(input.at);
  checkTime(at, now, 'at');
  return ctx.db.transaction().execute(async (tx) => {
    const { patrol, isNew } = await lockPatrol(tx, actor, input.clientId, at, now);
    const set =
      input.event === 'start'
        ? at < patrol.started_at
          ? { started_at: at }
          : null
        : patrol.ended_at === null || at > patrol.ended_at
          ? { ended_at: at }
          : null;
    if (set && !(isNew && input.event === 'start')) {
      if ('ended_at' in set && at < patrol.started_at)
        throw new AppError('VALIDATION_FAILED', 'at', {
          zh: '巡查结束时间早于开始时间',
          en: 'at: the patrol ends before it starts',
        });
      await tx.updateTable('field_patrol').set(set).where('id', '=', patrol.id).execute();
    }
    const changed = isNew || set !== null;
    if (changed)
      await appendAudit(
        tx,
        actor,
        {
          action: `field.patrol-${input.event}`,
          targetType: 'field_patrol',
          targetId: patrol.id,
          details: { clientId: input.clientId, at: at.toISOString() },
        },
        now,
      );
    const current = (await repo.patrolByClientId(tx, actor.id!, input.clientId))!;
    return { patrol: presentPatrol(current), isReplay: !changed };
  });
}

/** Adds a batch of fixes to a patrol (creating it from its first fix if its start has not arrived).
 *  accepted + duplicates + rejected = sent: a fix already held is a duplicate, one with an impossible
 *  time is rejected by index and reason — the app drops it rather than resending forever. Fixes are not
 *  audited one by one; their patrol's start and stop are. */
export async function addPoints(ctx: Context, actor: Actor, patrolClientId: string, input: TPoints) {
  const now = ctx.now();
  const rejected: { index: number; reason: string }[] = [];
  const valid: (TPoints['points'][number] & { time: Date })[] = [];
  const seen = new Set<string>();
  input.points.forEach((p, index) => {
    const time = new Date(p.at);
    const problem = timeProblem(time, now);
    if (problem) rejected.push({ index, reason: `at: ${problem}` });
    else if (seen.has(p.clientId)) rejected.push({ index, reason: 'clientId: repeated in the batch' });
    else {
      seen.add(p.clientId);
      valid.push({ ...p, time });
    }
  });
  return ctx.db.transaction().execute(async (tx) => {
    const first = new Date(Math.min(now.getTime(), ...valid.map((p) => p.time.getTime())));
    const { patrol, isNew } = await lockPatrol(tx, actor, patrolClientId, first, now);
    let accepted = 0;
    if (valid.length > 0) {
      const { rows } = await sql<{ n: number }>`
        with inserted as (
          insert into field_patrol_point (patrol_id, client_id, at, lng, lat, accuracy)
          select ${patrol.id}::bigint, p.client_id, p.at, p.lng, p.lat, p.accuracy
          from unnest(${valid.map((p) => p.clientId)}::uuid[], ${valid.map((p) => p.time)}::timestamptz[],
                      ${valid.map((p) => p.lng)}::float8[], ${valid.map((p) => p.lat)}::float8[],
                      ${valid.map((p) => p.accuracy ?? null)}::real[]) as p(client_id, at, lng, lat, accuracy)
          order by p.client_id
          on conflict (patrol_id, client_id) do nothing
          returning 1)
        select count(*)::int as n from inserted`.execute(tx);
      accepted = rows[0]!.n;
      // fixes before the held start (the start arrived late, or never) move the start back
      if (!isNew && first < patrol.started_at)
        await tx.updateTable('field_patrol').set({ started_at: first }).where('id', '=', patrol.id).execute();
    }
    if (isNew)
      await appendAudit(
        tx,
        actor,
        {
          action: 'field.patrol-start',
          targetType: 'field_patrol',
          targetId: patrol.id,
          details: { clientId: patrolClientId, at: first.toISOString(), from: 'points' },
        },
        now,
      );
    const current = (await repo.patrolByClientId(tx, actor.id!, patrolClientId))!;
    return {
      patrol: presentPatrol(current),
      accepted,
      duplicates: valid.length - accepted,
      rejected,
    };
  });
}
