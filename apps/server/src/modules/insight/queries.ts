// The event store's questions in SQL. Every query joins the event's device and keeps only devices in the
// caller's scope: an event's jurisdiction is its device's. Time bounds are inclusive at both ends.
import { sql } from 'kysely';
import type { Actor } from '../../platform/actor.ts';
import type { Queryable } from '../../platform/db.ts';
import type { SubjectKind } from '../../platform/db-types.ts';
import { inScope } from '../../platform/scope.ts';

export interface EventPoint {
  time: Date;
  device_code: string;
  device_name: string;
  type: string;
  direction: 'in' | 'out' | null;
  lat: number;
  lng: number;
  grid_code: string;
  snapshot_ref: string | null;
}

const pointColumns = sql`e.time, device.code as device_code, device.name as device_name, e.type, e.direction,
  device.lat, device.lng, g.code as grid_code, e.snapshot_ref`;

/** The subject ids filed under these keyed hashes. */
export async function subjectIdsOf(db: Queryable, hashes: readonly Buffer[]): Promise<string[]> {
  if (hashes.length === 0) return [];
  const rows = await db.selectFrom('sensing_subject').select('id').where('hash', 'in', hashes).execute();
  return rows.map((r) => r.id);
}

/** Every event of the subjects in [from, to], oldest first. */
export async function trajectoryPoints(
  db: Queryable,
  actor: Actor,
  subjectIds: readonly string[],
  from: Date,
  to: Date,
): Promise<EventPoint[]> {
  if (subjectIds.length === 0) return [];
  const { rows } = await sql<EventPoint>`
    select ${pointColumns}
    from sensing_event e
    join device on device.id = e.device_id
    join org_unit g on g.id = device.grid_id
    where e.subject_id = any(${subjectIds}::bigint[]) and e.time between ${from} and ${to}
      and ${inScope(actor, 'device')}
    order by e.time, device.code, e.event_id`.execute(db);
  return rows;
}

/** A page of a dossier's events, newest first: of its subjects, or at one device. */
export async function timelinePage(
  db: Queryable,
  actor: Actor,
  target: { subjectIds: readonly string[] } | { deviceId: string },
  range: { from: Date; to: Date },
  page: { limit: number; offset: number },
): Promise<{ rows: (EventPoint & { subject_id: string | null })[]; total: number }> {
  const where =
    'deviceId' in target
      ? sql`e.device_id = ${target.deviceId}`
      : sql`e.subject_id = any(${target.subjectIds}::bigint[])`;
  const filter = sql`${where} and e.time between ${range.from} and ${range.to} and ${inScope(actor, 'device')}`;
  const { rows } = await sql<EventPoint & { subject_id: string | null }>`
    select ${pointColumns}, e.subject_id
    from sensing_event e
    join device on device.id = e.device_id
    join org_unit g on g.id = device.grid_id
    where ${filter}
    order by e.time desc, device.code, e.event_id
    limit ${page.limit} offset ${page.offset}`.execute(db);
  // Counting a busy gate's whole history would cost more than the page; past 10,000 the pager says so.
  const counted = await sql<{ n: number }>`
    select count(*)::int as n from (
      select 1 from sensing_event e join device on device.id = e.device_id where ${filter} limit 10001) t`.execute(
    db,
  );
  return { rows, total: counted.rows[0]!.n };
}

export interface Condition {
  deviceIds: string[];
  from: Date;
  to: Date;
}

export interface CollisionRow {
  subject_id: string;
  kind: SubjectKind;
  hash: Buffer;
  sealed: Buffer | null;
  matched: number[];
  events: number;
}

/** Subjects of `kind` with events in at least `minMatches` of the conditions (device set × window),
 *  most conditions first, then most events. */
export async function collide(
  db: Queryable,
  conditions: readonly Condition[],
  kind: SubjectKind,
  minMatches: number,
  limit: number,
): Promise<CollisionRow[]> {
  const perCondition = conditions.map(
    (c, i) => sql`
      select ${i}::int as cond, e.subject_id, count(*)::int as n
      from sensing_event e
      where e.device_id = any(${c.deviceIds}::bigint[]) and e.time between ${c.from} and ${c.to}
        and e.subject_id is not null
      group by e.subject_id`,
  );
  const { rows } = await sql<CollisionRow>`
    select s.id as subject_id, s.kind, s.hash, s.sealed,
           array_agg(m.cond order by m.cond) as matched, sum(m.n)::int as events
    from (${sql.join(perCondition, sql` union all `)}) m
    join sensing_subject s on s.id = m.subject_id
    where s.kind = ${kind}
    group by s.id
    having count(*) >= ${minMatches}
    order by count(*) desc, sum(m.n) desc, s.id
    limit ${limit}`.execute(db);
  return rows;
}

export interface ContactRow {
  subject_id: string;
  kind: SubjectKind;
  hash: Buffer;
  sealed: Buffer | null;
  encounters: number;
  first: Date;
  last: Date;
  device_codes: string[];
}

/** Subjects with an event at the same device within ±`windowMinutes` of one of the index subjects'
 *  events in [from, to]. An encounter is one such index event; first and last are the index events'
 *  times. The index subject is not its own contact. */
export async function contactsOf(
  db: Queryable,
  actor: Actor,
  indexIds: readonly string[],
  from: Date,
  to: Date,
  windowMinutes: number,
  limit: number,
): Promise<ContactRow[]> {
  if (indexIds.length === 0) return [];
  const window = sql`make_interval(mins => ${windowMinutes})`;
  const { rows } = await sql<ContactRow>`
    with index_events as (
      select e.device_id, e.time, e.event_id
      from sensing_event e join device on device.id = e.device_id
      where e.subject_id = any(${indexIds}::bigint[]) and e.time between ${from} and ${to}
        and ${inScope(actor, 'device')}
    ),
    encounters as (
      select distinct i.device_id, i.time, i.event_id, c.subject_id
      from index_events i
      join sensing_event c on c.device_id = i.device_id
        and c.time between i.time - ${window} and i.time + ${window}
        -- constant bounds as well, so the planner prunes partitions before it starts
        and c.time between ${from}::timestamptz - ${window} and ${to}::timestamptz + ${window}
      where c.subject_id is not null and c.subject_id <> all(${indexIds}::bigint[])
    )
    select s.id as subject_id, s.kind, s.hash, s.sealed, count(*)::int as encounters,
           min(x.time) as first, max(x.time) as last,
           array_agg(distinct device.code order by device.code) as device_codes
    from encounters x
    join sensing_subject s on s.id = x.subject_id
    join device on device.id = x.device_id
    where s.kind <> 'card'
    group by s.id
    order by count(*) desc, s.id
    limit ${limit}`.execute(db);
  return rows;
}
