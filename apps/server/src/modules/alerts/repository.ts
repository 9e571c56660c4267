// Alert queries, always from the scope layer: an alert carries its grid's org_path, so who sees it is the
// same question as for any other row.
import { OPEN_ALERT_STATUSES } from '@civgrid/domain';
import { sql } from 'kysely';
import type { Actor } from '../../platform/actor.ts';
import type { Queryable } from '../../platform/db.ts';
import { pathWithin, scopedFrom } from '../../platform/scope.ts';
import type { TAlertListQuery } from './schemas.ts';

/** The alert columns and the names its presenter shows beside them. */
function withNames(db: Queryable, actor: Actor) {
  return scopedFrom(db, actor, 'alert')
    .innerJoin('org_unit as g', 'g.id', 'alert.grid_id')
    .leftJoin('person as p', 'p.id', 'alert.person_id')
    .leftJoin('vehicle as v', 'v.id', 'alert.vehicle_id')
    .leftJoin('device as d', 'd.id', 'alert.device_id')
    .leftJoin('house as h', 'h.id', 'alert.house_id')
    .leftJoin('app_user as u', 'u.id', 'alert.assignee_id')
    .selectAll('alert')
    .select([
      'g.code as grid_code',
      'g.name as grid_name',
      'p.name as person_name',
      'p.id_number_mask as person_id_mask',
      'v.plate as vehicle_plate',
      'd.code as device_code',
      'd.name as device_name',
      'h.code as house_code',
      'h.address as house_address',
      'u.display_name as assignee_name',
    ]);
}

export type AlertRow = Awaited<ReturnType<ReturnType<typeof withNames>['executeTakeFirstOrThrow']>>;

/** The alerts in scope matching the list's filters (every column and the names beside them). */
function matching(db: Queryable, actor: Actor, query: TAlertListQuery, gridPath: string | null) {
  let q = withNames(db, actor);
  if (query.rule) q = q.where('alert.rule', '=', query.rule);
  if (query.status === 'open') q = q.where('alert.status', 'in', [...OPEN_ALERT_STATUSES]);
  else if (query.status) q = q.where('alert.status', '=', query.status);
  if (gridPath) q = q.where(pathWithin('alert.org_path', gridPath));
  if (query.mine === 'true') q = q.where('alert.assignee_id', '=', actor.id ?? '0');
  return q;
}

/** A page of the alerts in scope matching the filters, newest first, and how many match. */
export async function listAlerts(
  db: Queryable,
  actor: Actor,
  query: TAlertListQuery,
  gridPath: string | null,
): Promise<{ rows: AlertRow[]; total: number }> {
  const q = matching(db, actor, query, gridPath);
  const rows = await q
    .orderBy('alert.raised_at', 'desc')
    .orderBy('alert.id', 'desc')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  const counted = await q.clearSelect().select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return { rows, total: counted.n };
}

export type AlertPoint = Pick<AlertRow, 'id' | 'rule' | 'severity' | 'status'> & { lat: number; lng: number };

/** Where the newest `limit` matching alerts are, for the alert centre's map: the building (named, or the
 *  house's), else the device, else the grid's centre; alerts with none of these are left off. */
export function alertPoints(
  db: Queryable,
  actor: Actor,
  query: TAlertListQuery,
  gridPath: string | null,
  limit: number,
): Promise<AlertPoint[]> {
  const place = (column: 'lat' | 'lng') =>
    sql<number>`coalesce(b.${sql.ref(column)}, d.${sql.ref(column)}, g.${sql.ref(`centre_${column}`)})`;
  return matching(db, actor, query, gridPath)
    .leftJoin('building as b', (join) =>
      join.on(sql<boolean>`b.id = coalesce(alert.building_id, h.building_id)`),
    )
    .clearSelect()
    .select([
      'alert.id',
      'alert.rule',
      'alert.severity',
      'alert.status',
      place('lat').as('lat'),
      place('lng').as('lng'),
    ])
    .where(place('lat'), 'is not', null)
    .orderBy('alert.raised_at', 'desc')
    .orderBy('alert.id', 'desc')
    .limit(limit)
    .execute();
}

/** One alert in scope, or undefined (missing and out of scope alike). */
export function findAlert(db: Queryable, actor: Actor, id: string): Promise<AlertRow | undefined> {
  return withNames(db, actor).where('alert.id', '=', id).executeTakeFirst();
}

/** An alert's history, oldest first. */
export function alertHistory(db: Queryable, id: string) {
  return db
    .selectFrom('alert_action')
    .select(['at', 'action', 'actor', 'note', 'details'])
    .where('alert_id', '=', id)
    .orderBy('id')
    .execute();
}

/** The path of the unit with this code, when the actor's scope reaches it. */
export async function unitPath(db: Queryable, actor: Actor, code: string): Promise<string | null> {
  const unit = await scopedFrom(db, actor, 'org_unit')
    .select('org_path')
    .where('code', '=', code)
    .executeTakeFirst();
  return unit?.org_path ?? null;
}

export interface RuleStatsRow {
  rule: string;
  raised: number;
  open: number;
  acknowledged: number;
  resolved: number;
  false_alarms: number;
  escalated: number;
  with_case: number;
  median_ack_minutes: number | null;
}

/** Per rule, the alerts in scope raised in [from, to] (both included): how many, where they stand, how many were
 *  confirmed (resolved) or called false alarms, escalated, turned into cases, and the median time to
 *  acknowledge. */
export async function ruleStats(db: Queryable, actor: Actor, from: Date, to: Date): Promise<RuleStatsRow[]> {
  return scopedFrom(db, actor, 'alert')
    .where('alert.raised_at', '>=', from)
    .where('alert.raised_at', '<=', to)
    .select([
      'alert.rule',
      sql<number>`count(*)::int`.as('raised'),
      sql<number>`count(*) filter (where alert.status in ('new', 'dispatched', 'acknowledged'))::int`.as(
        'open',
      ),
      sql<number>`count(*) filter (where alert.acknowledged_at is not null)::int`.as('acknowledged'),
      sql<number>`count(*) filter (where alert.status = 'resolved')::int`.as('resolved'),
      sql<number>`count(*) filter (where alert.status = 'false-alarm')::int`.as('false_alarms'),
      sql<number>`count(*) filter (where alert.escalated_at is not null)::int`.as('escalated'),
      sql<number>`count(*) filter (where alert.case_id is not null)::int`.as('with_case'),
      sql<
        number | null
      >`(percentile_cont(0.5) within group (order by extract(epoch from alert.acknowledged_at - alert.raised_at) / 60)
        filter (where alert.acknowledged_at is not null))::float8`.as('median_ack_minutes'),
    ])
    .groupBy('alert.rule')
    .orderBy('alert.rule')
    .execute();
}
