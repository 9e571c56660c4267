// The SQL feeding the models about places and identities (occupancy-excess, unregistered-frequent,
// device-offline). Each is one set-based pass over the day partitions it needs, grouped by unit or by
// identity; only the few rows that may fire come back, with a handful of their latest events as evidence.
// Unscoped on purpose, like the people's sources.
import type { DeviceHealth, EvidenceEvent, FrequentIdentity, OccupancyUnit } from '@civgrid/domain';
import { sql } from 'kysely';
import type { Context } from '../../../platform/context.ts';
import { communityOf } from './sources-people.ts';

/** Latest events per identity kept as evidence. */
const SAMPLE = 5;

interface SampleRow {
  event_id: string;
  device_id: string;
  device_code: string;
  time: Date;
  type: string;
  direction: 'in' | 'out' | null;
}

const evidenceOf = (r: SampleRow): EvidenceEvent => ({
  eventId: r.event_id,
  deviceId: r.device_id,
  deviceCode: r.device_code,
  time: new Date(r.time).toISOString(),
  type: r.type,
  direction: r.direction,
});

// The door devices and the unit each one counts entries for: the house a device belongs to, the single
// house of a building whose entrance it is, or else the building.
const DOORS = sql`
  doors as (
    select d.id as device_id,
      case when d.house_id is not null then 'house' when one.house_id is not null then 'house' else 'building' end as unit_kind,
      coalesce(d.house_id, one.house_id, d.building_id) as unit_id
    from device d
    left join lateral (
      select case when count(*) = 1 then min(h.id) end as house_id from house h where h.building_id = d.building_id
    ) one on d.house_id is null
    where d.type in ('door', 'face') and (d.house_id is not null or d.building_id is not null)
  )`;

interface UnitRow {
  unit_kind: 'house' | 'building';
  unit_id: string;
  house_id: string | null;
  building_id: string | null;
  grid_id: string;
  org_path: string;
  registered: number;
  entrants: [string, string | null, boolean, number, number][];
}

/** Every unit with at least `minUnaccounted` regular entrants (entering on `minDays` days of the window)
 *  that it does not register — a condition every unit the rule could fire on meets — with all its
 *  entrants and the latest entries of the unaccounted ones. */
export async function occupancyUnits(
  ctx: Context,
  asOf: Date,
  windowDays: number,
  minDays: number,
  minUnaccounted: number,
): Promise<OccupancyUnit[]> {
  const from = new Date(asOf.getTime() - windowDays * 86_400_000);
  const tz = ctx.config.timezone;
  const { rows } = await sql<UnitRow>`
    with ${DOORS},
    entries as (
      select doors.unit_kind, doors.unit_id, e.subject_id, (e.time at time zone ${tz})::date as day, count(*)::int as n
      from sensing_event e join doors on doors.device_id = e.device_id
      where e.time > ${from} and e.time <= ${asOf} and e.subject_id is not null
        and e.direction is distinct from 'out'
      group by 1, 2, 3, 4
    ),
    entrants as (
      select unit_kind, unit_id, subject_id, count(*)::int as days, sum(n)::int as events
      from entries group by 1, 2, 3
    ),
    identified as (
      select en.*, p.id as person_id,
        coalesce(case when en.unit_kind = 'house' then p.house_id = en.unit_id
                      else ph.building_id = en.unit_id end, false) as here
      from entrants en
      join sensing_subject s on s.id = en.subject_id and s.kind in ('person', 'card')
      left join person p on s.kind = 'person' and p.id_number_hash = s.hash
      left join house ph on ph.id = p.house_id
    ),
    units as (
      select unit_kind, unit_id from identified
      group by 1, 2 having count(*) filter (where days >= ${minDays} and not here) >= ${minUnaccounted}
    ),
    registered as (
      select h.id as house_id, h.building_id,
        greatest(h.registered_residents, (select count(*) from person p where p.house_id = h.id))::int as n
      from house h
      where h.id in (select unit_id from units where unit_kind = 'house')
         or h.building_id in (select unit_id from units where unit_kind = 'building')
    )
    select u.unit_kind, u.unit_id,
      case when u.unit_kind = 'house' then u.unit_id end as house_id,
      case when u.unit_kind = 'house' then h.building_id else u.unit_id end as building_id,
      coalesce(hg.id, b.grid_id) as grid_id,
      coalesce(h.org_path, b.org_path)::text as org_path,
      (select coalesce(sum(r.n), 0)::int from registered r
        where (u.unit_kind = 'house' and r.house_id = u.unit_id)
           or (u.unit_kind = 'building' and r.building_id = u.unit_id)) as registered,
      (select jsonb_agg(jsonb_build_array(i.subject_id::text, i.person_id::text, i.here, i.days, i.events))
        from identified i where i.unit_kind = u.unit_kind and i.unit_id = u.unit_id) as entrants
    from units u
    left join house h on u.unit_kind = 'house' and h.id = u.unit_id
    left join org_unit hg on hg.org_path = h.org_path
    left join building b on b.id = coalesce(h.building_id, case when u.unit_kind = 'building' then u.unit_id end)`.execute(
    ctx.db,
  );
  if (rows.length === 0) return [];
  const wanted = rows.flatMap((r) =>
    r.entrants
      .filter(([, , here, days]) => !here && days >= minDays)
      .map(([subjectId]) => ({ kind: r.unit_kind, unit: r.unit_id, subject: subjectId })),
  );
  const samples = await sql<SampleRow & { unit_kind: string; unit_id: string }>`
    with ${DOORS}
    select w.unit_kind, w.unit_id::text, x.*
    from unnest(${wanted.map((w) => w.kind)}::text[], ${wanted.map((w) => w.unit)}::bigint[],
                ${wanted.map((w) => w.subject)}::bigint[]) as w(unit_kind, unit_id, subject_id)
    cross join lateral (
      select e.event_id, e.device_id::text, d.code as device_code, e.time, e.type, e.direction
      from sensing_event e
      join doors on doors.device_id = e.device_id and doors.unit_kind = w.unit_kind and doors.unit_id = w.unit_id
      join device d on d.id = e.device_id
      where e.subject_id = w.subject_id and e.time > ${from} and e.time <= ${asOf}
        and e.direction is distinct from 'out'
      order by e.time desc limit ${SAMPLE}
    ) x`.execute(ctx.db);
  const byUnit = new Map<string, EvidenceEvent[]>();
  for (const s of samples.rows) {
    const key = `${s.unit_kind}:${s.unit_id}`;
    byUnit.set(key, [...(byUnit.get(key) ?? []), evidenceOf(s)]);
  }
  return rows.map((r) => ({
    kind: r.unit_kind,
    houseId: r.house_id,
    buildingId: r.building_id,
    gridId: r.grid_id,
    orgPath: r.org_path,
    registered: r.registered,
    entrants: r.entrants.map(([subjectId, personId, isRegisteredHere, days, events]) => ({
      subjectId,
      personId,
      isRegisteredHere,
      days,
      events,
    })),
    sample: byUnit.get(`${r.unit_kind}:${r.unit_id}`) ?? [],
  }));
}

interface FrequentRow {
  community: string;
  subject_id: string;
  kind: 'person' | 'vehicle' | 'card';
  hash: Buffer;
  sealed: Buffer | null;
  person_id: string | null;
  days: number;
  events: number;
  first_at: Date;
  last_at: Date;
}

/** Identities of `kinds` seen in a community on at least `minDays` days of the window that the
 *  community's registers do not hold (a person filed under it; a vehicle registered under it), with the
 *  grid of the device they were last seen at and their latest events there. */
export async function frequentUnregistered(
  ctx: Context,
  asOf: Date,
  windowDays: number,
  minDays: number,
  kinds: readonly string[],
): Promise<FrequentIdentity[]> {
  const from = new Date(asOf.getTime() - windowDays * 86_400_000);
  const tz = ctx.config.timezone;
  const { rows } = await sql<FrequentRow>`
    with dev as (
      select d.id, ${communityOf('d.org_path')} as community from device d
      where d.type <> 'phone' and nlevel(d.org_path) >= 4
    ),
    seen as (
      select dev.community, e.subject_id, (e.time at time zone ${tz})::date as day, count(*)::int as n,
        min(e.time) as first_at, max(e.time) as last_at
      from sensing_event e join dev on dev.id = e.device_id
      where e.time > ${from} and e.time <= ${asOf} and e.subject_id is not null
      group by 1, 2, 3
    ),
    frequent as (
      select community, subject_id, count(*)::int as days, sum(n)::int as events,
        min(first_at) as first_at, max(last_at) as last_at
      from seen group by 1, 2 having count(*) >= ${minDays}
    )
    select f.community, f.subject_id, s.kind, s.hash, s.sealed, p.id as person_id, f.days, f.events,
      f.first_at, f.last_at
    from frequent f
    join sensing_subject s on s.id = f.subject_id and s.kind = any(${kinds}::text[])
    left join person p on s.kind = 'person' and p.id_number_hash = s.hash
    where not (s.kind = 'person' and p.id is not null and ${communityOf('p.org_path')} is not distinct from f.community)`.execute(
    ctx.db,
  );
  // Vehicles: the register keeps plates in clear, so the sealed plates are opened here and looked up at once.
  const plates = new Map<string, string>();
  for (const r of rows)
    if (r.kind === 'vehicle' && r.sealed) plates.set(r.subject_id, ctx.crypto.decrypt(r.sealed));
  const registered = new Set<string>();
  if (plates.size > 0) {
    const found = await sql<{ plate: string; community: string | null }>`
      select v.plate, ${communityOf('v.org_path')} as community from vehicle v
      where v.plate = any(${[...new Set(plates.values())]}::text[])`.execute(ctx.db);
    for (const v of found.rows) if (v.community) registered.add(`${v.plate}@${v.community}`);
  }
  const unregistered = rows.filter(
    (r) => r.kind !== 'vehicle' || !registered.has(`${plates.get(r.subject_id)}@${r.community}`),
  );
  if (unregistered.length === 0) return [];
  const samples = await sql<
    SampleRow & { community: string; subject_id: string; grid_id: string; org_path: string }
  >`
    select w.community, w.subject_id::text, x.*
    from unnest(${unregistered.map((r) => r.community)}::text[], ${unregistered.map((r) => r.subject_id)}::bigint[])
      as w(community, subject_id)
    cross join lateral (
      select e.event_id, e.device_id::text, d.code as device_code, e.time, e.type, e.direction,
        d.grid_id, d.org_path::text
      from sensing_event e join device d on d.id = e.device_id
      where e.subject_id = w.subject_id and e.time > ${from} and e.time <= ${asOf}
        and ${communityOf('d.org_path')} = w.community
      order by e.time desc limit ${SAMPLE}
    ) x`.execute(ctx.db);
  const byKey = new Map<string, typeof samples.rows>();
  for (const s of samples.rows) {
    const key = `${s.subject_id}@${s.community}`;
    byKey.set(key, [...(byKey.get(key) ?? []), s]);
  }
  return unregistered.flatMap((r) => {
    const events = byKey.get(`${r.subject_id}@${r.community}`) ?? [];
    const latest = events[0];
    if (!latest) return [];
    return [
      {
        subjectId: r.subject_id,
        identityKind: r.kind,
        hash: r.hash.toString('hex'),
        community: r.community,
        personId: r.person_id,
        days: r.days,
        events: r.events,
        firstAt: r.first_at,
        lastAt: r.last_at,
        gridId: latest.grid_id,
        orgPath: latest.org_path,
        sample: events.map(evidenceOf),
      },
    ];
  });
}

interface DeviceRow {
  id: string;
  code: string;
  type: string;
  grid_id: string;
  org_path: string;
  house_id: string | null;
  building_id: string | null;
  offline_minutes: number;
  created_at: Date;
  last_event_at: Date | null;
  last_heartbeat_at: Date | null;
}

/** Every sensing device (not residents' phones) with its last event and heartbeat up to `asOf`: the
 *  event from the store (the per-device primary key answers it partition by partition), or the
 *  device's health row when that is older than the lookback. */
export async function deviceHealth(ctx: Context, asOf: Date, lookbackDays: number): Promise<DeviceHealth[]> {
  const from = new Date(asOf.getTime() - lookbackDays * 86_400_000);
  const { rows } = await sql<DeviceRow>`
    select d.id, d.code, d.type, d.grid_id, d.org_path::text, d.house_id, d.building_id, d.offline_minutes,
      d.created_at,
      greatest(
        (select max(e.time) from sensing_event e where e.device_id = d.id and e.time > ${from} and e.time <= ${asOf}),
        case when s.last_event_at <= ${asOf} then s.last_event_at end) as last_event_at,
      case when s.last_heartbeat_at <= ${asOf} then s.last_heartbeat_at end as last_heartbeat_at
    from device d left join device_status s on s.device_id = d.id
    where d.type <> 'phone'`.execute(ctx.db);
  return rows.map((r) => ({
    deviceId: r.id,
    code: r.code,
    type: r.type,
    gridId: r.grid_id,
    orgPath: r.org_path,
    houseId: r.house_id,
    buildingId: r.building_id,
    offlineMinutes: r.offline_minutes,
    lastEventAt: r.last_event_at,
    lastHeartbeatAt: r.last_heartbeat_at,
    createdAt: r.created_at,
  }));
}
