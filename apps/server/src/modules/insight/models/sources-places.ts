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

/** The door devices and the unit each one counts entries for: the house a device belongs to, the single
 *  house of a building whose entrance it is, or else the building. */
async function doorUnits(ctx: Context) {
  const { rows } = await sql<{ device_id: string; unit_kind: 'house' | 'building'; unit_id: string }>`
    select d.id as device_id,
      case when d.house_id is not null or one.house_id is not null then 'house' else 'building' end as unit_kind,
      coalesce(d.house_id, one.house_id, d.building_id) as unit_id
    from device d
    left join lateral (
      select case when count(*) = 1 then min(h.id) end as house_id from house h where h.building_id = d.building_id
    ) one on d.house_id is null
    where d.type in ('door', 'face') and (d.house_id is not null or d.building_id is not null)`.execute(
    ctx.db,
  );
  return rows;
}

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
 *  that it does not register — a condition every unit the rule could fire on meets — with its regular
 *  entrants (the only ones the model counts; for a building, the unaccounted ones: its registered
 *  residents count whether seen or not) and the latest entries of the unaccounted ones. The events
 *  are counted in one aggregation per unit (one integer key), identity and local day: a partition of the
 *  store is one local day, so its `tableoid` names the day without converting each event's time. */
export async function occupancyUnits(
  ctx: Context,
  asOf: Date,
  windowDays: number,
  minDays: number,
  minUnaccounted: number,
): Promise<OccupancyUnit[]> {
  const from = new Date(asOf.getTime() - windowDays * 86_400_000);
  const doors = await doorUnits(ctx);
  if (doors.length === 0) return [];
  const ids = doors.map((d) => d.device_id);
  const doorTable = sql`
    doors as (
      select d.*, d.unit_id * 2 + case when d.unit_kind = 'house' then 1 else 0 end as unit_key
      from unnest(${ids}::bigint[], ${doors.map((d) => d.unit_kind)}::text[],
        ${doors.map((d) => d.unit_id)}::bigint[]) as d(device_id, unit_kind, unit_id)
    )`;
  const { rows } = await sql<UnitRow>`
    with ${doorTable},
    -- A shared entrance's own residents are counted as registered whether seen or not, so their entries
    -- are left out before the aggregation (an anti-join on the residents' building keys, which only ever
    -- match a building unit's key); a house's are counted, since there occupants are those seen.
    residents as (
      select s.id as subject_id, h.building_id * 2 as unit_key
      from sensing_subject s
      join person p on p.id_number_hash = s.hash
      join house h on h.id = p.house_id
      where s.kind = 'person' and h.building_id is not null
    ),
    unit_days as (
      select d.unit_key, e.subject_id, e.tableoid as day, count(*)::int as n
      from sensing_event e join doors d on d.device_id = e.device_id
      where e.time > ${from} and e.time <= ${asOf} and e.subject_id is not null
        and e.direction is distinct from 'out' and e.device_id = any(${ids}::bigint[])
        and not exists (select 1 from residents r where r.subject_id = e.subject_id and r.unit_key = d.unit_key)
      group by 1, 2, 3
    ),
    entrants as (
      select case when unit_key % 2 = 1 then 'house' else 'building' end as unit_kind, unit_key / 2 as unit_id,
        subject_id, days, events
      from (
        select unit_key, subject_id, count(*)::int as days, sum(n)::int as events
        from unit_days group by 1, 2 having count(*) >= ${minDays}
      ) regular
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
    listed as (
      select i.unit_kind, i.unit_id,
        jsonb_agg(jsonb_build_array(i.subject_id::text, i.person_id::text, i.here, i.days, i.events)) as entrants
      from identified i join units u on u.unit_kind = i.unit_kind and u.unit_id = i.unit_id
      group by 1, 2
    ),
    registered as (
      select u.unit_kind, u.unit_id,
        sum(greatest(h.registered_residents, (select count(*) from person p where p.house_id = h.id)))::int as n
      from units u join house h on h.id = u.unit_id where u.unit_kind = 'house' group by 1, 2
      union all
      select u.unit_kind, u.unit_id,
        sum(greatest(h.registered_residents, (select count(*) from person p where p.house_id = h.id)))::int as n
      from units u join house h on h.building_id = u.unit_id where u.unit_kind = 'building' group by 1, 2
    )
    select l.unit_kind, l.unit_id,
      case when l.unit_kind = 'house' then l.unit_id end as house_id,
      b.id as building_id,
      coalesce(hg.id, b.grid_id) as grid_id,
      coalesce(h.org_path, b.org_path)::text as org_path,
      coalesce(r.n, 0) as registered,
      l.entrants
    from listed l
    left join registered r on r.unit_kind = l.unit_kind and r.unit_id = l.unit_id
    left join house h on l.unit_kind = 'house' and h.id = l.unit_id
    left join org_unit hg on hg.org_path = h.org_path
    left join building b on b.id = case when l.unit_kind = 'house' then h.building_id else l.unit_id end`.execute(
    ctx.db,
  );
  if (rows.length === 0) return [];
  // Evidence: the latest entries of the unit's most regular unaccounted entrants (a few are enough to
  // explain it), each taken from the partitions' (subject, time) indexes in time order.
  const wanted = rows.flatMap((r) =>
    r.entrants
      .filter(([, , here, days]) => !here && days >= minDays)
      .sort((a, b) => b[3] - a[3])
      .slice(0, SAMPLE)
      .map(([subjectId]) => ({ kind: r.unit_kind, unit: r.unit_id, subject: subjectId })),
  );
  const samples = await sql<SampleRow & { unit_kind: string; unit_id: string }>`
    with ${doorTable},
    unit_doors as (select unit_kind, unit_id, array_agg(device_id) as ids from doors group by 1, 2)
    select w.unit_kind, w.unit_id::text, x.event_id, x.device_id::text, d.code as device_code, x.time, x.type,
      x.direction
    from unnest(${wanted.map((w) => w.kind)}::text[], ${wanted.map((w) => w.unit)}::bigint[],
                ${wanted.map((w) => w.subject)}::bigint[]) as w(unit_kind, unit_id, subject_id)
    join unit_doors u on u.unit_kind = w.unit_kind and u.unit_id = w.unit_id
    cross join lateral (
      select e.event_id, e.device_id, e.time, e.type, e.direction from sensing_event e
      where e.subject_id = w.subject_id and e.time > ${from} and e.time <= ${asOf}
        and e.direction is distinct from 'out' and e.device_id = any(u.ids)
      order by e.time desc limit ${SAMPLE}
    ) x
    join device d on d.id = x.device_id`.execute(ctx.db);
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
  // Only the event types that can carry those identities: faces and doors see people, plate cameras
  // vehicles; a Wi-Fi probe's phones (a quarter of all events) are never read.
  const types = [
    ...(kinds.includes('person') ? ['face', 'door'] : []),
    ...(kinds.includes('vehicle') ? ['plate'] : []),
  ];
  // Counted per community, identity and local day (a partition is one local day: `tableoid` names it),
  // with the community as the village unit's id, so the one big aggregation hashes three integers; the
  // residents' own events in their own community — most of them — are left out before it (an anti-join
  // on a hash of the sensed residents), so it counts little more than the strangers.
  const { rows } = await sql<FrequentRow>`
    with dev as (
      select d.id, v.id as community_id from device d
      join org_unit v on v.org_path = subpath(d.org_path, 0, 4)
      where d.type <> 'phone' and nlevel(d.org_path) >= 4
    ),
    residents as (
      select s.id as subject_id, v.id as community_id
      from sensing_subject s
      join person p on p.id_number_hash = s.hash
      join org_unit v on v.org_path = subpath(p.org_path, 0, 4)
      where s.kind = 'person' and nlevel(p.org_path) >= 4
    ),
    seen as (
      select dev.community_id, e.subject_id, e.tableoid as day, count(*)::int as n, min(e.time) as first_at
      from sensing_event e join dev on dev.id = e.device_id
      where e.time > ${from} and e.time <= ${asOf} and e.subject_id is not null
        and e.type = any(${types}::text[])
        and not exists (
          select 1 from residents r where r.subject_id = e.subject_id and r.community_id = dev.community_id)
      group by 1, 2, 3
    ),
    frequent as (
      select community_id, subject_id, count(*)::int as days, sum(n)::int as events, min(first_at) as first_at
      from seen group by 1, 2 having count(*) >= ${minDays}
    )
    select v.code as community, f.subject_id, s.kind, s.hash, s.sealed, p.id as person_id, f.days, f.events,
      f.first_at
    from frequent f
    join org_unit v on v.id = f.community_id
    join sensing_subject s on s.id = f.subject_id and s.kind = any(${kinds}::text[])
    left join person p on s.kind = 'person' and p.id_number_hash = s.hash
    where not (s.kind = 'person' and p.id is not null and nlevel(p.org_path) >= 4
               and subpath(p.org_path, 0, 4) = v.org_path)`.execute(ctx.db);
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
  // The latest events of each in its community: the limit is taken from the partitions' (subject, time)
  // indexes in time order, the community's devices being a filter on them.
  const communities = [...new Set(unregistered.map((r) => r.community))];
  const samples = await sql<
    SampleRow & { community: string; subject_id: string; grid_id: string; org_path: string }
  >`
    with cd as (
      select ${communityOf('d.org_path')} as community, array_agg(d.id) as ids from device d
      where d.type <> 'phone' and ${communityOf('d.org_path')} = any(${communities}::text[])
      group by 1
    )
    select w.community, w.subject_id::text, x.event_id, x.device_id::text, d.code as device_code, x.time,
      x.type, x.direction, d.grid_id, d.org_path::text
    from unnest(${unregistered.map((r) => r.community)}::text[], ${unregistered.map((r) => r.subject_id)}::bigint[])
      as w(community, subject_id)
    join cd on cd.community = w.community
    cross join lateral (
      select e.event_id, e.device_id, e.time, e.type, e.direction from sensing_event e
      where e.subject_id = w.subject_id and e.time > ${from} and e.time <= ${asOf} and e.device_id = any(cd.ids)
      order by e.time desc limit ${SAMPLE}
    ) x
    join device d on d.id = x.device_id
    order by w.subject_id, w.community, x.time desc`.execute(ctx.db);
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
        lastAt: new Date(latest.time),
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
