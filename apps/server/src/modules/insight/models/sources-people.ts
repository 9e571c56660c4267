// The SQL feeding the models about tagged people (care-not-seen, quarantine-breach). Set-based: the people
// in the categories and all their identities (ID number, phones, vehicles) are gathered first — a few
// thousand in a city — and then one statement reads all their events in the window at once through the
// store's (subject, time) index, grouped by person; never a query per person. Unscoped on purpose: the
// models work for the whole city and their output is alerts, which carry their own org_path.
import type { CarePerson, EvidenceEvent, QuarantinedPerson, SightingDay } from '@civgrid/domain';
import { sql } from 'kysely';
import type { Context } from '../../../platform/context.ts';

/** A device is a community gate when it is a face, plate or checkpoint camera at no building or house. */
export const IS_GATE = sql`(d.type in ('face', 'plate', 'checkpoint') and d.building_id is null and d.house_id is null)`;
/** The code of the community (village-level unit) a path lies in; null above that level. */
export const communityOf = (column: string) =>
  sql`(case when nlevel(${sql.ref(column)}) >= 4 then subpath(${sql.ref(column)}, 3, 1)::text end)`;

interface TaggedRow {
  person_id: string;
  category: string;
  care_limit_hours: number | null;
  valid_from: Date;
  org_path: string;
  grid_id: string;
  house_id: string | null;
  building_id: string | null;
  community: string | null;
}

/** People with an open tag of `categories` at `asOf` (one row per person and category), and every sensing
 *  subject that is theirs: the ID number's, their phones' (by MAC hash) and their vehicles' (plates hashed
 *  here: the vehicle register keeps plates in clear and SQL has no keyed hash). */
async function taggedPeople(ctx: Context, categories: readonly string[], asOf: Date) {
  const { rows: people } = await sql<TaggedRow>`
    select distinct on (t.person_id, t.category) t.person_id, t.category, c.care_limit_hours, t.valid_from,
      p.org_path::text, u.id as grid_id, p.house_id, h.building_id, ${communityOf('p.org_path')} as community
    from person_tag t
    join attention_category c on c.code = t.category
    join person p on p.id = t.person_id
    join org_unit u on u.org_path = p.org_path
    left join house h on h.id = p.house_id
    where t.category = any(${categories}::text[]) and t.valid_from <= ${asOf}
      and (t.valid_until is null or t.valid_until > ${asOf})
    order by t.person_id, t.category, t.valid_from desc`.execute(ctx.db);
  const ids = [...new Set(people.map((p) => p.person_id))];
  if (ids.length === 0) return { people, subjects: [] };
  const vehicles = await sql<{ person_id: string; plate: string }>`
    select owner_person_id as person_id, plate from vehicle where owner_person_id = any(${ids}::bigint[])`.execute(
    ctx.db,
  );
  const { rows: subjects } = await sql<{ person_id: string; subject_id: string }>`
    select p.id as person_id, s.id as subject_id
    from person p join sensing_subject s on s.hash = p.id_number_hash
    where p.id = any(${ids}::bigint[])
    union
    select d.owner_person_id, s.id
    from device d join sensing_subject s on s.hash = d.mac_hash
    where d.type = 'phone' and d.owner_person_id = any(${ids}::bigint[])
    union
    select k.person_id, s.id
    from unnest(${vehicles.rows.map((v) => v.person_id)}::bigint[],
                ${vehicles.rows.map((v) => ctx.crypto.keyedHash(v.plate))}::bytea[]) as k(person_id, hash)
    join sensing_subject s on s.hash = k.hash`.execute(ctx.db);
  return { people, subjects };
}

interface EventJson {
  event_id: string;
  device_id: string;
  device_code: string;
  time: string;
  type: string;
  direction: 'in' | 'out' | null;
}

const evidenceOf = (r: EventJson): EvidenceEvent => ({
  eventId: r.event_id,
  deviceId: r.device_id,
  deviceCode: r.device_code,
  time: new Date(r.time).toISOString(),
  type: r.type,
  direction: r.direction,
});

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
  const { people, subjects } = await taggedPeople(ctx, categories, asOf);
  if (people.length === 0) return [];
  const { rows: seen } = await sql<{
    person_id: string;
    days: [string, number, number | null, number | null][];
    last: EventJson;
  }>`
    with owner as (
      select * from unnest(${subjects.map((s) => s.person_id)}::bigint[], ${subjects.map((s) => s.subject_id)}::bigint[])
        as m(person_id, subject_id)
    ),
    events as (
      select o.person_id, e.time, e.event_id, e.device_id, e.type, e.direction,
        (e.time at time zone ${tz})::date as day,
        (extract(hour from e.time at time zone ${tz}) * 60 + extract(minute from e.time at time zone ${tz}))::int as minute
      from sensing_event e join owner o on o.subject_id = e.subject_id
      where e.subject_id = any(${subjects.map((s) => s.subject_id)}::bigint[])
        and e.time > ${from} and e.time <= ${asOf}
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
    )
    select dy.person_id, dy.days, l.last from days dy join last l on l.person_id = dy.person_id`.execute(
    ctx.db,
  );
  // How long each of their communities has been sensed: the earliest event of the window at its devices,
  // read per device from the store's (device, time) key.
  const communities = [...new Set(people.flatMap((p) => (p.community ? [p.community] : [])))];
  const coverage = await sql<{ community: string; covered_since: Date | null }>`
    select ${communityOf('d.org_path')} as community, min(x.first) as covered_since
    from device d
    cross join lateral (
      select min(e.time) as first from sensing_event e
      where e.device_id = d.id and e.time > ${from} and e.time <= ${asOf}
    ) x
    where d.type <> 'phone' and ${communityOf('d.org_path')} = any(${communities}::text[])
    group by 1`.execute(ctx.db);
  const covered = new Map(coverage.rows.map((c) => [c.community, c.covered_since]));
  const byPerson = new Map(seen.map((s) => [s.person_id, s]));
  return people.map((p) => {
    const s = byPerson.get(p.person_id);
    return {
      personId: p.person_id,
      category: p.category,
      categoryLimitHours: p.care_limit_hours,
      gridId: p.grid_id,
      orgPath: p.org_path,
      houseId: p.house_id,
      buildingId: p.building_id,
      coveredSince: p.community ? (covered.get(p.community) ?? null) : null,
      days: (s?.days ?? []).map(
        ([day, events, firstOut, lastIn]): SightingDay => ({ day, events, firstOut, lastIn }),
      ),
      lastSeen: s ? evidenceOf(s.last) : null,
    };
  });
}

/** Everyone in the stay-at-home categories with their sightings in the lookback, each with whether its
 *  device is a community gate and which community it is in. */
export async function quarantinedPeople(
  ctx: Context,
  categories: readonly string[],
  asOf: Date,
  lookbackHours: number,
): Promise<QuarantinedPerson[]> {
  if (categories.length === 0) return [];
  const from = new Date(asOf.getTime() - lookbackHours * 3_600_000);
  const { people, subjects } = await taggedPeople(ctx, categories, asOf);
  if (subjects.length === 0) return [];
  const { rows } = await sql<{
    person_id: string;
    sightings: (EventJson & { is_gate: boolean; community: string | null })[];
  }>`
    with owner as (
      select * from unnest(${subjects.map((s) => s.person_id)}::bigint[], ${subjects.map((s) => s.subject_id)}::bigint[])
        as m(person_id, subject_id)
    )
    select o.person_id, jsonb_agg(jsonb_build_object(
      'event_id', e.event_id, 'device_id', e.device_id::text, 'device_code', d.code, 'time', e.time,
      'type', e.type, 'direction', e.direction, 'is_gate', ${IS_GATE},
      'community', ${communityOf('d.org_path')}) order by e.time) as sightings
    from sensing_event e
    join owner o on o.subject_id = e.subject_id
    join device d on d.id = e.device_id
    where e.subject_id = any(${subjects.map((s) => s.subject_id)}::bigint[]) and e.time > ${from} and e.time <= ${asOf}
    group by o.person_id`.execute(ctx.db);
  const byPerson = new Map(rows.map((r) => [r.person_id, r.sightings]));
  return people.flatMap((p) => {
    const sightings = byPerson.get(p.person_id);
    if (!sightings) return [];
    return [
      {
        personId: p.person_id,
        category: p.category,
        community: p.community,
        gridId: p.grid_id,
        orgPath: p.org_path,
        houseId: p.house_id,
        buildingId: p.building_id,
        tagFrom: p.valid_from,
        sightings: sightings.map((s) => ({ ...evidenceOf(s), isGate: s.is_gate, community: s.community })),
      },
    ];
  });
}
