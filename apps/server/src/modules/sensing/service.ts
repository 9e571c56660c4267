// Device health: heartbeats, online/offline state and last-seen per device, and device API keys.
import type { TDeviceStatus } from '@civgrid/contracts';
import { sql } from 'kysely';
import type { Actor } from '../../platform/actor.ts';
import type { Context } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { pathWithin, scopedFrom } from '../../platform/scope.ts';
import { createApiKey } from '../system/service.ts';
import { maySendFor } from './devices.ts';
import { ingestState } from './ingest.ts';

/** A device (or its gateway) says it is alive. Unknown or out-of-scope devices answer 404. */
export async function heartbeat(ctx: Context, actor: Actor, code: string): Promise<{ at: string }> {
  const device = (await ingestState(ctx).devices.find([code])).get(code);
  if (!device || !maySendFor(actor, device)) throw new AppError('UNKNOWN_DEVICE');
  const now = ctx.now();
  await ctx.db
    .insertInto('device_status')
    .values({ device_id: device.id, last_heartbeat_at: now })
    .onConflict((oc) => oc.column('device_id').doUpdateSet({ last_heartbeat_at: now }))
    .execute();
  return { at: now.toISOString() };
}

/** The sensing devices in scope with their state, a page at a time, and the online/offline totals. */
export async function deviceStatusPage(
  ctx: Context,
  actor: Actor,
  query: {
    page: number;
    pageSize: number;
    under?: string | undefined;
    online?: 'true' | 'false' | undefined;
  },
) {
  const now = ctx.now();
  const lastSeen = sql<Date | null>`greatest(s.last_event_at, s.last_heartbeat_at)`;
  const online = sql<boolean>`coalesce(greatest(s.last_event_at, s.last_heartbeat_at) > ${now}::timestamptz - make_interval(mins => device.offline_minutes), false)`;
  let base = scopedFrom(ctx.db, actor, 'device')
    .leftJoin('device_status as s', 's.device_id', 'device.id')
    .innerJoin('org_unit as g', 'g.id', 'device.grid_id')
    .where('device.type', '!=', 'phone');
  if (query.under) {
    const unit = await ctx.db
      .selectFrom('org_unit')
      .select('org_path')
      .where('code', '=', query.under)
      .executeTakeFirst();
    if (!unit)
      return { items: [], total: 0, page: query.page, pageSize: query.pageSize, online: 0, offline: 0 };
    base = base.where(pathWithin('device.org_path', unit.org_path));
  }
  const counts = await base
    .select([
      sql<number>`count(*) filter (where ${online})::int`.as('online'),
      sql<number>`count(*)::int`.as('total'),
    ])
    .executeTakeFirstOrThrow();
  const filtered = query.online
    ? base.where(query.online === 'true' ? online : sql<boolean>`not ${online}`)
    : base;
  const rows = await filtered
    .select([
      'device.code',
      'device.name',
      'device.type',
      'g.code as grid_code',
      'device.lng',
      'device.lat',
      'device.offline_minutes',
      lastSeen.as('last_seen'),
      online.as('online'),
    ])
    .orderBy('device.code')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  const total = query.online
    ? query.online === 'true'
      ? counts.online
      : counts.total - counts.online
    : counts.total;
  const items: TDeviceStatus[] = rows.map((r) => ({
    code: r.code,
    name: r.name,
    type: r.type,
    gridCode: r.grid_code,
    lng: r.lng,
    lat: r.lat,
    online: r.online,
    lastSeen: r.last_seen ? new Date(r.last_seen).toISOString() : null,
    offlineMinutes: r.offline_minutes,
  }));
  return {
    items,
    total,
    page: query.page,
    pageSize: query.pageSize,
    online: counts.online,
    offline: counts.total - counts.online,
  };
}

/** An API key that sends only this device's events (for a camera or reader that speaks HTTP itself). */
export async function createDeviceKey(ctx: Context, actor: Actor, code: string) {
  const device = await scopedFrom(ctx.db, actor, 'device')
    .select(['id', 'org_path', 'name'])
    .where('code', '=', code)
    .where('type', '!=', 'phone')
    .executeTakeFirst();
  if (!device) throw new AppError('UNKNOWN_DEVICE');
  return createApiKey(ctx, actor, `device ${code}`, { id: device.id, orgPath: device.org_path });
}
