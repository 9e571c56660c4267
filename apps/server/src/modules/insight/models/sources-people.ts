// The SQL feeding the models about tagged people (care-not-seen, quarantine-breach). Set-based: one
// statement per model gathers everyone in the categories, their identities (ID number, phones, vehicles)
// and their events in the window in one pass over the day partitions, grouped by person — never a query
// per person. Unscoped on purpose: the models work for the whole city and their output is alerts, which
// carry their own org_path.
import type { CarePerson, EvidenceEvent, QuarantinedPerson, SightingDay } from '@civgrid/domain';
import { type RawBuilder, sql } from 'kysely';
import type { Context } from '../../../platform/context.ts';

/** A device is a community gate when it is a face, plate or checkpoint camera at no building or house. */
export const IS_GATE = sql`(d.type in ('face', 'plate', 'checkpoint') and d.building_id is null and d.house_id is null)`;
/** The code of the community (village-level unit) a path lies in; null above that level. */
export const communityOf = (column: string) =>
  sql`(case when nlevel(${sql.ref(column)}) >= 4 then subpath(${sql.ref(column)}, 3, 1)::text end)`;

/** People with an open tag of `categories` at `asOf` and every sensing subject that is theirs: the ID
 *  number's, their phones' (by MAC hash) and their vehicles' (plates hashed here: the vehicle register
 *  keeps plates in clear and SQL has no keyed hash). Defines the CTEs `people` and `subjects`. */
async function taggedPeople(
  ctx: Context,
  categories: readonly string[],
  asOf: Date,
): Promise<RawBuilder<unknown>> {
  const vehicles = await sql<{ person_id: string; plate: string }>`
    select v.owner_person_id as person_id, v.plate from vehicle v
    where v.owner_person_id in (
      select t.person_id from person_tag t
      where t.category = any(${categories}::text[]) and t.valid_from <= ${asOf}
        and (t.valid_until is null or t.valid_until > ${asOf}))`.execute(ctx.db);
  const hashes = vehicles.rows.map((v) => ctx.crypto.keyedHash(v.plate));
  return sql`
    tagged as (
      select distinct on (t.person_id, t.category) t.person_id, t.category, t.valid_from
      from person_tag t
      where t.category = any(${categories}::text[]) and t.valid_from <= ${asOf}
        and (t.valid_until is null or t.valid_until > ${asOf})
      order by t.person_id, t.category, t.valid_from desc
    ),
    people as (
      select tg.person_id, tg.category, tg.valid_from, p.org_path, p.house_id, h.building_id, p.id_number_hash,
        u.id as grid_id, ${communityOf('p.org_path')} as community
      from tagged tg
      join person p on p.id = tg.person_id
      join org_unit u on u.org_path = p.org_path
      left join house h on h.id = p.house_id
    ),
    subjects as (
      select pe.person_id, s.id as subject_id
      from (select distinct person_id, id_number_hash from people) pe
      join sensing_subject s on s.hash = pe.id_number_hash
      union
      select d.owner_person_id, s.id
      from device d join sensing_subject s on s.hash = d.mac_hash
      where d.type = 'phone' and d.owner_person_id in (select person_id from people)
      union
      select k.person_id, s.id
      from unnest(${vehicles.rows.map((v) => v.person_id)}::bigint[], ${hashes}::bytea[]) as k(person_id, hash)
      join sensing_subject s on s.hash = k.hash
    )`;
}

const evidenceOf = (r: {
  event_id: string;
  device_id: string;
  device_code: string;
  time: Date;
  type: string;
  direction: 'in' | 'out' | null;
}): EvidenceEvent => ({
  eventId: r.event_id,
  deviceId: r.device_id,
  deviceCode: r.device_code,
  time: new Date(r.time).toISOString(),
  type: r.type,
  direction: r.direction,
});

interface CareRow {
  person_id: string;
  category: string;
  care_limit_hours: number | null;
  org_path: string;
  grid_id: string;
  house_id: string | null;
  building_id: string | null;
  covered_since: Date | null;
  days: [string, number, number | null, number | null][] | null;
  last: {
    event_id: string;
    device_id: string;
    device_code: string;
    time: string;
    type: string;
    direction: 'in' | 'out' | null;
  } | null;
}

/** Everyone in the care categories with their days of sightings in the window (first exit and last
 *  return per local day), their last sighting, and how long their community has been sensed. */
export async function carePeople(
  ctx: Context,
  categories: readonly string[],
  asOf: Date,
  lookbackDays: number,
): Promise<CarePerson[]> {
  if (categories.length === 0) return [];
  const from = new Date(asOf.getTime() - lookbackDays * 86_400_000);
  const tz = ctx.config.timezone;
  const tagged = await taggedPeople(ctx, categories, asOf);
  const { rows } = await sql<CareRow>`
    with ${tagged},
    events as (
      select sub.person_id, e.time, e.event_id, e.device_id, e.type, e.direction,
        (e.time at time zone ${tz})::date as day,
        (extract(hour from e.time at time zone ${tz}) * 60 + extract(minute from e.time at time zone ${tz}))::int as minute
      from sensing_event e join subjects sub on sub.subject_id = e.subject_id
      where e.time > ${from} and e.time <= ${asOf}
    ),
    days as (
      select person_id, jsonb_agg(jsonb_build_array(day::text, n, first_out, last_in) order by day) as days
      from (
        select person_id, day, count(*)::int as n,
          min(minute) filter (where direction = 'out') as first_out,
          max(minute) filter (where direction = 'in') as last_in
        from events group by person_id, day
      ) x group by person_id
    ),
    last as (
      select distinct on (ev.person_id) ev.person_id, jsonb_build_object(
        'event_id', ev.event_id, 'device_id', ev.device_id::text, 'device_code', d.code,
        'time', ev.time, 'type', ev.type, 'direction', ev.direction) as last
      from events ev join device d on d.id = ev.device_id
      order by ev.person_id, ev.time desc, ev.event_id
    ),
    coverage as (
      select ${communityOf('d.org_path')} as community, min(x.first) as covered_since
      from device d
      cross join lateral (
        select min(e.time) as first from sensing_event e
        where e.device_id = d.id and e.time > ${from} and e.time <= ${asOf}
      ) x
      where d.type <> 'phone' and ${communityOf('d.org_path')} in (select community from people)
      group by 1
    )
    select pe.person_id, pe.category, c.care_limit_hours, pe.org_path::text, pe.grid_id, pe.house_id,
      pe.building_id, cov.covered_since, dy.days, l.last
    from people pe
    join attention_category c on c.code = pe.category
    left join coverage cov on cov.community = pe.community
    left join days dy on dy.person_id = pe.person_id
    left join last l on l.person_id = pe.person_id`.execute(ctx.db);
  return rows.map((r) => ({
    personId: r.person_id,
    category: r.category,
    categoryLimitHours: r.care_limit_hours,
    gridId: r.grid_id,
    orgPath: r.org_path,
    houseId: r.house_id,
    buildingId: r.building_id,
    coveredSince: r.covered_since,
    days: (r.days ?? []).map(
      ([day, events, firstOut, lastIn]): SightingDay => ({ day, events, firstOut, lastIn }),
    ),
    lastSeen: r.last ? evidenceOf({ ...r.last, time: new Date(r.last.time) }) : null,
  }));
}

interface QuarantineRow {
  person_id: string;
  category: string;
  valid_from: Date;
  org_path: string;
  grid_id: string;
  house_id: string | null;
  building_id: string | null;
  community: string | null;
  sightings:
    | {
        event_id: string;
        device_id: string;
        device_code: string;
        time: string;
        type: string;
        direction: 'in' | 'out' | null;
        is_gate: boolean;
        community: string | null;
      }[]
    | null;
}

/** Everyone in the stay-at-home categories with their sightings since the later of the tag's start and
 *  the lookback, each with whether its device is a community gate and which community it is in. */
export async function quarantinedPeople(
  ctx: Context,
  categories: readonly string[],
  asOf: Date,
  lookbackHours: number,
): Promise<QuarantinedPerson[]> {
  if (categories.length === 0) return [];
  const from = new Date(asOf.getTime() - lookbackHours * 3_600_000);
  const tagged = await taggedPeople(ctx, categories, asOf);
  const { rows } = await sql<QuarantineRow>`
    with ${tagged},
    sightings as (
      select sub.person_id, jsonb_agg(jsonb_build_object(
        'event_id', e.event_id, 'device_id', e.device_id::text, 'device_code', d.code, 'time', e.time,
        'type', e.type, 'direction', e.direction, 'is_gate', ${IS_GATE},
        'community', ${communityOf('d.org_path')}) order by e.time) as sightings
      from sensing_event e
      join subjects sub on sub.subject_id = e.subject_id
      join device d on d.id = e.device_id
      where e.time > ${from} and e.time <= ${asOf}
      group by sub.person_id
    )
    select pe.person_id, pe.category, pe.valid_from, pe.org_path::text, pe.grid_id, pe.house_id,
      pe.building_id, pe.community, s.sightings
    from people pe join sightings s on s.person_id = pe.person_id`.execute(ctx.db);
  return rows.map((r) => ({
    personId: r.person_id,
    category: r.category,
    community: r.community,
    gridId: r.grid_id,
    orgPath: r.org_path,
    houseId: r.house_id,
    buildingId: r.building_id,
    tagFrom: r.valid_from,
    sightings: (r.sightings ?? []).map((s) => ({
      ...evidenceOf({ ...s, time: new Date(s.time) }),
      isGate: s.is_gate,
      community: s.community,
    })),
  }));
}
