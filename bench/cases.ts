// Case benchmarks against a real civgrid server process (spawned, listening, as bench/sensing.ts does):
// opening cases through `POST /api/v1/cases` with many requests in flight against plain SQL inserts of
// the same rows; the case page and a work queue against `GET /api/health` at the same concurrency, over a
// city holding a million cases; the statistics of that million against a bare `count(*)`. The issue's
// figures: ≥ 1,000 cases/s opened; ≥ 3,000 reads/s with p95 < 25 ms; statistics < 500 ms.
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { planCity } from '@civgrid/sim';
import { sql } from 'kysely';
import type pg from 'pg';
import { refreshCaseStats } from '../apps/server/src/modules/cases/stats-rollup.ts';
import type { Context } from '../apps/server/src/platform/context.ts';
import { seedCity } from '../apps/server/src/seed/seed-city.ts';
import { type BenchResult, compare, type Sample, sample, summarise } from './measure.ts';
import { loadClient, logIn, startServer, stopServer } from './server.ts';

const IN_FLIGHT = 16;
const DEPARTMENTS = 24;
const log = (line: string) => process.stdout.write(`${line}\n`);
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

/** `n` calls of `fn` with `concurrency` in flight. mean = wall time per call (1000 / mean = calls a
 *  second); p50 and p95 are the calls' own latencies. */
async function underLoad(
  n: number,
  concurrency: number,
  fn: (i: number) => Promise<unknown>,
  warmup = Math.min(200, Math.ceil(n / 4)),
): Promise<Sample> {
  let next = 0;
  const run = async (count: number, times: number[] | null) => {
    next = 0;
    const worker = async () => {
      while (next < count) {
        const i = next++;
        const t = performance.now();
        await fn(i);
        times?.push(performance.now() - t);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  };
  await run(warmup, null);
  const times: number[] = [];
  const start = performance.now();
  await run(n, times);
  return summarise(times, (performance.now() - start) / n);
}

const perSecond = (s: Sample) => Math.round(1000 / s.meanMs);

/** Department accounts spread over the counties (the seeded city has one), for tasks and statistics. */
async function addDepartments(ctx: Context): Promise<void> {
  await sql`insert into app_user (username, display_name, role, scope_id, org_path, password_hash)
    select 'bench-dept-' || n, c.name || (array['住建局','水务局','城管局','生态环境局','市场监管局','公安分局'])[1 + n % 6] || '联络员',
           'department', c.id, c.org_path, (select password_hash from app_user where username = 'admin')
    from generate_series(0, ${DEPARTMENTS - 1}) n
    join lateral (select id, name, org_path from org_unit where level = 'county' order by code
                  offset n % (select count(*) from org_unit where level = 'county') limit 1) c on true`.execute(
    ctx.db,
  );
}

/** `count` cases straight into the tables (no API): a year of intake over every grid, most closed, about
 *  4 in 10 with a department's task. Deterministic (hashes of the row number, not random()). */
export async function insertCases(ctx: Context, count: number, now: Date): Promise<void> {
  // u(k): a uniform number in [0, 1) for row g, the k-th draw.
  const u = (k: number) => sql.raw(`((hashint4(g * 16 + ${k}) & 2147483647) / 2147483648.0)`);
  await sql`
    with grids as (select array_agg(id order by id) as ids, array_agg(org_path order by id) as paths,
                          count(*)::int as n from org_unit where level = 'grid'),
         cats as (select array_agg(code order by code) as codes, count(*)::int as n
                  from case_category where code like '%.%'),
         raw as (
           select g, ${u(1)} as u1, ${u(2)} as u2, ${u(3)} as u3, ${u(4)} as u4, ${u(5)} as u5,
                  ${u(6)} as u6, ${u(7)} as u7, ${u(8)} as u8
           from generate_series(1, ${count}) g),
         shaped as (
           select raw.*, ${now}::timestamptz - (u1 * 365) * interval '1 day' as opened,
                  u2 < case when u1 * 365 < 14 then 0.5 else 0.03 end as is_open,
                  interval '1 minute' * exp(ln(30) + u3 * ln(28800.0 / 30)) as handling
           from raw)
    insert into case_file (tracking_no, source, category_code, priority, title, description, grid_id,
      org_path, origin_level, holder_level, status, is_open, limits, opened_at, updated_at, status_since,
      holder_since, step_due_at, due_at, closed_at, rating, rated_at, rated_by, reopen_count)
    select 'GD' || to_char(opened, 'YYMMDD') || 'B' || lpad(g::text, 7, '0'),
           (array['hotline','grid-worker','portal','wechat','open311','instruction'])[1 + floor(u4 * 6)::int],
           cats.codes[1 + floor(u5 * cats.n)::int],
           case when u6 < 0.05 then 'urgent' else 'normal' end,
           '生成的案件', '性能测试生成的案件描述',
           grids.ids[1 + floor(u7 * grids.n)::int], grids.paths[1 + floor(u7 * grids.n)::int],
           'village',
           (array['village','village','village','village','village','village','township','township','township','county'])[1 + floor(u8 * 10)::int],
           case when is_open then (array['reported','registered','assigned','in-action','reported-back','escalated'])[1 + floor(u4 * 6)::int]
                when u6 < 0.06 then 'declined' when u6 < 0.15 then 'closed-unfixed' else 'resolved' end,
           is_open,
           '{"register":120,"assign":240,"ack":240,"handle":2880,"verify":1440,"respond":480,"evaluate":10080,"total":7200}',
           opened, opened, opened, opened,
           case when is_open then ${now}::timestamptz + u3 * interval '2 days' end,
           opened + interval '5 days',
           case when not is_open then least(${now}::timestamptz, opened + handling) end,
           case when not is_open and u6 >= 0.06 and u5 < 0.6 then 1 + floor(power(u2, 0.4) * 5)::int end,
           case when not is_open and u6 >= 0.06 and u5 < 0.6 then least(${now}::timestamptz, opened + handling) end,
           case when not is_open and u6 >= 0.06 and u5 < 0.6 then 'resident' end,
           case when u8 < 0.03 then 1 else 0 end
    from shaped, grids, cats`.execute(ctx.db);
  await sql`
    with depts as (select array_agg(id order by id) as ids, count(*)::int as n from app_user where role = 'department')
    insert into case_task (case_id, no, round, assignee_kind, assignee_user_id, instructions, status,
                           assigned_at, ack_due_at, due_at, finished_at)
    select c.id, 1, 1, 'department', depts.ids[1 + (hashint8(c.id) & 2147483647) % depts.n], '请核实处置',
           case when c.is_open then 'pending' else 'done' end,
           c.opened_at, c.opened_at + interval '4 hours', c.opened_at + interval '2 days', c.closed_at
    from case_file c, depts
    where c.tracking_no like 'GD______B%' and (hashint8(c.id * 3) & 2147483647) % 10 < 4`.execute(ctx.db);
  await sql`analyze case_file`.execute(ctx.db);
  await sql`analyze case_task`.execute(ctx.db);
}

export async function casesBenchmarks(
  ctx: Context,
  pool: pg.Pool,
  url: string,
  options: { smoke: boolean },
): Promise<BenchResult[]> {
  const { smoke } = options;
  const results: BenchResult[] = [];
  await seedCity(pool, ctx.crypto, planCity({ scale: smoke ? 'test' : 'city', residents: 0 }));
  await addDepartments(ctx);
  const port = 19_000 + (process.pid % 1000);
  const server = await startServer(url, port);
  const base = `http://127.0.0.1:${port}`;
  try {
    const login = (username: string) => logIn(base, username);
    const township = await login('township');
    const city = await login('city');
    const admin = await login('admin');
    // Calls to the city's hotline (12345), placed anywhere in the city.
    const grids = (
      await sql<{ code: string }>`select code from org_unit where level = 'grid' order by code`.execute(
        ctx.db,
      )
    ).rows.map((r) => r.code);
    const call = loadClient(base, IN_FLIGHT);

    // Opening: a hotline call with the caller's phone (so a notification is queued), half registered at once.
    const opened: string[] = [];
    const creates = smoke ? 150 : 5_000;
    const intake = (i: number) => ({
      source: 'hotline',
      category: 'environment.refuse',
      title: `楼道堆放杂物 ${i}`,
      description: '单元楼道堆放大量杂物，存在消防隐患，请尽快处理。',
      gridCode: grids[i % grids.length],
      address: `${1 + (i % 30)}号楼${1 + (i % 6)}单元`,
      reporter: { name: '王先生', phone: `139${String(10_000_000 + i).slice(-8)}` },
      // Half registered at the city centre at once, half sent on to the village centre of the grid.
      level: i % 2 === 0 ? 'city' : 'village',
      register: i % 2 === 0,
    });
    log(`cases: opening ${creates} cases through the API, ${IN_FLIGHT} in flight (load ${load()})`);
    const createSample = await underLoad(
      creates,
      IN_FLIGHT,
      async (i) => {
        const page = JSON.parse(await call('/api/v1/cases', city, intake(i))) as { case: { id: string } };
        opened.push(page.case.id);
      },
      smoke ? 20 : 200,
    );
    const gridIds = (
      await sql<{
        id: string;
        org_path: string;
      }>`select id, org_path from org_unit where code = any(${grids})`.execute(ctx.db)
    ).rows;
    let plain = 0;
    const insertSample = await underLoad(creates, IN_FLIGHT, (i) => {
      const grid = gridIds[i % gridIds.length]!;
      const at = new Date();
      return sql`insert into case_file (tracking_no, source, category_code, priority, title, description,
          grid_id, org_path, origin_level, holder_level, status, is_open, limits, opened_at, updated_at,
          status_since, holder_since, due_at, reporter_name)
        values (${`GDPLAIN${++plain}`}, 'hotline', 'environment.refuse', 'normal', ${intake(i).title},
          ${intake(i).description}, ${grid.id}, ${grid.org_path}, 'village', 'village', 'reported', true,
          '{}', ${at}, ${at}, ${at}, ${at}, ${at}, '王先生')`.execute(ctx.db);
    });
    await sql`delete from case_file where tracking_no like 'GDPLAIN%'`.execute(ctx.db);
    log(
      `  opened ${perSecond(createSample)} cases/s (plain insert ${perSecond(insertSample)}/s), load ${load()}`,
    );
    results.push(
      compare(
        `open a case (HTTP, ${perSecond(createSample)}/s)`,
        `POST /api/v1/cases, ${IN_FLIGHT} in flight; mean = ms per case, p95 = latency; target ≥ 1,000/s; load ${load()}`,
        createSample,
        `plain SQL insert (${perSecond(insertSample)}/s)`,
        insertSample,
      ),
    );

    // A city's year of cases underneath the reads and the statistics.
    const total = smoke ? 20_000 : 1_000_000;
    const loadStart = performance.now();
    await insertCases(ctx, total - creates, new Date());
    log(
      `  ${total.toLocaleString()} cases in the store (bulk insert ${((performance.now() - loadStart) / 1000).toFixed(1)} s)`,
    );
    // Written around the steps, so the rollup is rebuilt (the server's own refresh may hold the lock).
    const rebuildStart = performance.now();
    while (!(await refreshCaseStats(ctx, { rebuild: true }))) await new Promise((r) => setTimeout(r, 500));
    log(`  statistics rollup rebuilt in ${((performance.now() - rebuildStart) / 1000).toFixed(1)} s`);

    const reads = smoke ? 200 : 10_000;
    const health = await underLoad(reads, IN_FLIGHT, () => call('/api/health', township));
    const page = await underLoad(reads, IN_FLIGHT, (i) =>
      call(`/api/v1/cases/${opened[i % opened.length]}`, city),
    );
    const queue = await underLoad(reads, IN_FLIGHT, () =>
      call('/api/v1/cases?queue=level&pageSize=20', township),
    );
    log(
      `  case page ${perSecond(page)}/s, queue ${perSecond(queue)}/s, health ${perSecond(health)}/s, load ${load()}`,
    );
    for (const [name, s] of [
      ['case page', page],
      ['work queue (township, level)', queue],
    ] as const)
      results.push(
        compare(
          `${name} (HTTP, ${perSecond(s)}/s)`,
          `${IN_FLIGHT} in flight over ${total.toLocaleString()} cases; target ≥ 3,000/s, p95 < 25 ms; load ${load()}`,
          s,
          `GET /api/health (${perSecond(health)}/s)`,
          health,
        ),
      );

    const runs = smoke ? 3 : 10;
    const count = await sample(runs, () => sql`select count(*) from case_file`.execute(ctx.db), 1);
    for (const by of ['status', 'category', 'grid', 'department', 'level']) {
      const stats = await sample(
        runs,
        () => call(`/api/v1/cases/stats?by=${by}&from=2000-01-01T00:00:00Z`, admin),
        1,
      );
      results.push(
        compare(
          `case statistics by ${by}`,
          `GET /api/v1/cases/stats, whole city, ${total.toLocaleString()} cases; target < 500 ms; load ${load()}`,
          stats,
          'select count(*) from case_file',
          count,
        ),
      );
    }
  } finally {
    await stopServer(server);
  }
  return results;
}
