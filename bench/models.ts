// The periodic models benchmark: a city's registers (1,000,000 persons with --full) and its sensing store
// (20,000,000 events over the last weeks), then every model run as of now — the target is all
// of them in under 60 s — against one plain scan of the same events (`count(*)` over the 30-day window
// the widest model reads). Events are generated in the database (the smart communities' residents,
// their cars, visitors and passers-by at the communities' devices), since what is measured here is the
// models, not ingestion (bench/sensing.ts measures that).
import { performance } from 'node:perf_hooks';
import { planCity, type Scale } from '@civgrid/sim';
import { sql } from 'kysely';
import type pg from 'pg';
import { runModels } from '../apps/server/src/modules/insight/models/runner.ts';
import { PartitionKeeper } from '../apps/server/src/modules/sensing/partitions.ts';
import type { Context } from '../apps/server/src/platform/context.ts';
import { seedCity } from '../apps/server/src/seed/seed-city.ts';
import { type BenchResult, compare } from './measure.ts';

const DAY_MS = 86_400_000;
/** Relative event rates by device type, as the simulator's city gives them: 38 % faces, 35 % doors,
 *  25 % Wi-Fi, 3 % plates. */
const WEIGHT = { face: 38, plate: 3, door: 35, wifi: 25 } as const;

const one = (ms: number) => ({ n: 1, meanMs: ms, p50Ms: ms, p95Ms: ms });

/** Seeds the registers and `events` events over `days` days ending now: at each smart community's gates
 *  its residents (and one visitor in ten), at a building's door reader that building's residents (and
 *  one visitor in ten), cars at the plate cameras, anyone at the Wi-Fi probe. The elderly living alone
 *  are never seen (so care-not-seen has people to find) and quarantines began before the window. */
export async function prepareModelsData(
  ctx: Context,
  pool: pg.Pool,
  scale: Scale,
  persons: number | undefined,
  events: number,
  days: number,
) {
  const log = (line: string) => process.stdout.write(`  models: ${line}\n`);
  let t = performance.now();
  const seeded = await seedCity(
    pool,
    ctx.crypto,
    planCity({ scale, ...(persons ? { residents: persons } : {}) }),
  );
  log(`seeded ${seeded.residents} residents in ${((performance.now() - t) / 1000).toFixed(0)} s`);
  t = performance.now();
  const db = ctx.db;
  const now = Date.now();
  const first = now - days * DAY_MS;
  await sql`
    create unlogged table bench_dev as
    select d.id, d.type, subpath(d.org_path, 3, 1)::text as community, d.building_id from device d
    where d.type in ('face', 'plate', 'door', 'wifi') and nlevel(d.org_path) >= 4`.execute(db);
  const communities = (
    await sql<{ community: string }>`select distinct community from bench_dev`.execute(db)
  ).rows.map((r) => r.community);
  await sql`update person_tag set valid_from = ${new Date(first)} where category = 'home-quarantine'`.execute(
    db,
  );
  // Residents of the smart communities as sensed persons (sealed like any subject; never opened here).
  await sql`
    create unlogged table bench_resident as
    select p.id as person_id, subpath(p.org_path, 3, 1)::text as community, h.building_id,
      exists (select 1 from person_tag t where t.person_id = p.id and t.category = 'elderly-alone') as unseen
    from person p left join house h on h.id = p.house_id
    where nlevel(p.org_path) >= 4 and subpath(p.org_path, 3, 1)::text = any(${communities}::text[])`.execute(
    db,
  );
  await sql`
    insert into sensing_subject (kind, hash, sealed, last_seen)
    select 'person', p.id_number_hash, p.id_number_enc, now()
    from bench_resident r join person p on p.id = r.person_id`.execute(db);
  // Visitors and passers-by: one for every ten residents, known to no register.
  await sql`
    create unlogged table bench_visitor as
    select c as community, decode(md5('v' || c || '-' || i) || md5('w' || c || '-' || i), 'hex') as hash
    from (select community as c, count(*) as n from bench_resident group by 1) x
    cross join lateral generate_series(1, greatest(1, x.n / 10)::int) i`.execute(db);
  await sql`
    insert into sensing_subject (kind, hash, sealed, last_seen)
    select 'person', hash, '\\x00'::bytea, now() from bench_visitor`.execute(db);
  // Their cars: plates are hashed and sealed here, as the pipeline would; and one car per community that
  // no register knows.
  const cars = await sql<{ plate: string; community: string }>`
    select v.plate, subpath(v.org_path, 3, 1)::text as community from vehicle v
    where nlevel(v.org_path) >= 4 and subpath(v.org_path, 3, 1)::text = any(${communities}::text[])`.execute(
    db,
  );
  const plates = [
    ...cars.rows,
    ...communities.map((community, i) => ({ plate: `冀R9${String(i).padStart(4, '0')}`, community })),
  ];
  await sql`create unlogged table bench_cars (community text, subject_id bigint)`.execute(db);
  for (let i = 0; i < plates.length; i += 10_000) {
    const chunk = plates.slice(i, i + 10_000);
    const hashes = chunk.map((p) => ctx.crypto.keyedHash(p.plate));
    await sql`
      with added as (
        insert into sensing_subject (kind, hash, sealed, last_seen)
        select 'vehicle', h, s, now()
        from unnest(${hashes}::bytea[], ${chunk.map((p) => ctx.crypto.encrypt(p.plate))}::bytea[]) as t(h, s)
        on conflict (hash) do nothing returning id, hash)
      insert into bench_cars (community, subject_id)
      select t.c, added.id from added
      join unnest(${hashes}::bytea[], ${chunk.map((p) => p.community)}::text[]) as t(h, c) on t.h = added.hash`.execute(
      db,
    );
  }
  // Who each device sees: a pool of subject ids per device.
  await sql`
    create unlogged table bench_pool as
    with rs as (
      select r.community, r.building_id, s.id as sid
      from bench_resident r join person p on p.id = r.person_id join sensing_subject s on s.hash = p.id_number_hash
      where not r.unseen
    ),
    by_community as (select community, array_agg(sid) as ids from rs group by 1),
    by_building as (select building_id, array_agg(sid) as ids from rs where building_id is not null group by 1),
    cars as (select community, array_agg(subject_id) as ids from bench_cars group by 1),
    visitors as (
      select v.community, array_agg(s.id) as ids
      from bench_visitor v join sensing_subject s on s.hash = v.hash group by 1
    )
    select d.id as device_id, d.type,
      case when d.type = 'plate' then cars.ids
           when d.type = 'door' and d.building_id is not null then b.ids
           else c.ids end as regulars,
      visitors.ids as visitors
    from bench_dev d
    left join by_community c on c.community = d.community
    left join by_building b on b.building_id = d.building_id
    left join cars on cars.community = d.community
    left join visitors on visitors.community = d.community`.execute(db);
  log(`subjects ready in ${((performance.now() - t) / 1000).toFixed(0)} s`);
  t = performance.now();
  await new PartitionKeeper(ctx).ensure(new Date(first), new Date(now + DAY_MS));
  const weights = (
    await sql<{ type: keyof typeof WEIGHT; n: number }>`
      select type, count(*)::int as n from bench_pool where regulars is not null group by type`.execute(db)
  ).rows;
  const totalWeight = weights.reduce((sum, w) => sum + WEIGHT[w.type] * w.n, 0);
  const perDay = Math.ceil(events / days);
  const per = Object.fromEntries(
    Object.entries(WEIGHT).map(([type, w]) => [type, Math.ceil((perDay * w) / totalWeight)]),
  ) as Record<keyof typeof WEIGHT, number>;
  for (let d = 0; d < days; d++) {
    const start = new Date(first + d * DAY_MS);
    const span = Math.min(DAY_MS, now - start.getTime());
    await sql`
      insert into sensing_event (time, device_id, event_id, type, direction, subject_id)
      select ${start}::timestamptz + random() * ${span}::double precision * interval '1 millisecond', p.device_id,
        'm' || ${d}::int || '-' || p.device_id || '-' || g, p.type,
        case when p.type = 'wifi' then null when random() < 0.5 then 'in' else 'out' end,
        case when p.type <> 'plate' and p.visitors is not null and random() < 0.1
               then p.visitors[1 + floor(random() * cardinality(p.visitors))::int]
             else p.regulars[1 + floor(random() * cardinality(p.regulars))::int] end
      from bench_pool p
      cross join lateral generate_series(1, case p.type when 'face' then ${per.face}::int
        when 'plate' then ${per.plate}::int when 'door' then ${per.door}::int else ${per.wifi}::int end) g
      where p.regulars is not null`.execute(db);
    if ((d + 1) % 5 === 0 || d === days - 1) log(`events: day ${d + 1} of ${days}`);
  }
  await sql`
    insert into device_status (device_id, last_event_at)
    select device_id, max(time) from sensing_event group by device_id
    on conflict (device_id) do update set last_event_at = excluded.last_event_at`.execute(db);
  await sql`drop table bench_dev, bench_resident, bench_visitor, bench_cars, bench_pool`.execute(db);
  await sql`analyze`.execute(db);
  const counted = await sql<{ n: number }>`select count(*)::int as n from sensing_event`.execute(db);
  log(`${counted.rows[0]!.n} events in ${((performance.now() - t) / 1000).toFixed(0)} s`);
  return { residents: seeded.residents, events: counted.rows[0]!.n };
}

/** Every model as of now, twice (the first raises, the second finds everything raised already), against
 *  one plain scan of the widest window. */
export async function modelsBenchmarks(
  ctx: Context,
  pool: pg.Pool,
  options: { scale: Scale; persons?: number; events: number },
): Promise<BenchResult[]> {
  // About 1.1 million events a day for a city of a million (five per smart-community resident).
  const days = Math.max(2, Math.min(30, Math.ceil(options.events / 1_100_000)));
  const { residents, events } = await prepareModelsData(
    ctx,
    pool,
    options.scale,
    options.persons,
    options.events,
    days,
  );
  const scanStart = performance.now();
  await sql`select count(*) from sensing_event where time > now() - interval '30 days'`.execute(ctx.db);
  const scanMs = performance.now() - scanStart;
  const results: BenchResult[] = [];
  const label = `${residents.toLocaleString('en')} persons, ${events.toLocaleString('en')} events`;
  for (const pass of ['first run', 'next run'] as const) {
    // Nothing feeds the devices live here: most of them say they are alive before each run, one in twenty
    // stays silent (so device-offline has its few, the same ones each run).
    await sql`update device_status set last_heartbeat_at = now() where device_id % 20 <> 0`.execute(ctx.db);
    const started = performance.now();
    const summary = (await runModels(ctx, new Date(), { trigger: 'admin', wait: true }))!;
    const totalMs = performance.now() - started;
    results.push(
      compare(
        `models: all five, ${pass} (${label})`,
        `every periodic model as of now; ${summary.raised} alerts raised (target < 60 s)`,
        one(totalMs),
        'count(*) of the 30-day window',
        one(scanMs),
      ),
    );
    if (pass === 'first run')
      for (const [rule, r] of Object.entries(summary.rules))
        results.push(
          compare(
            `model ${rule}`,
            `${r.candidates} candidates, ${r.raised} raised`,
            one(r.ms),
            'count(*) of the 30-day window',
            one(scanMs),
          ),
        );
  }
  return results;
}
