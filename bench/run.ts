// `npm run bench`: foundation benchmarks on a real PostgreSQL (embedded in a temporary directory, or
// DATABASE_URL), each against a baseline measured in the same run. `--smoke` runs a few seconds' worth
// for CI; the default uses the demo city. Results go to bench/results/<time>.json.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { checkIdNumber, DEMO_PASSWORD } from '@civgrid/domain';
import { planCity, type Scale } from '@civgrid/sim';
import { sql } from 'kysely';
import { buildApp } from '../apps/server/src/app.ts';
import { verifyPassword } from '../apps/server/src/modules/auth/passwords.ts';
import * as orgRepo from '../apps/server/src/modules/org/repository.ts';
import type { Actor } from '../apps/server/src/platform/actor.ts';
import { appendAudit } from '../apps/server/src/platform/audit.ts';
import { loadConfig } from '../apps/server/src/platform/config.ts';
import type { Context } from '../apps/server/src/platform/context.ts';
import { createFieldCrypto } from '../apps/server/src/platform/crypto.ts';
import { type Database, openDatabase } from '../apps/server/src/platform/db.ts';
import { type EmbeddedServer, startEmbeddedPostgres } from '../apps/server/src/platform/embedded-postgres.ts';
import { migrate } from '../apps/server/src/platform/migrate.ts';
import { seedCity } from '../apps/server/src/seed/seed-city.ts';
import { casesBenchmarks } from './cases.ts';
import { type BenchResult, compare, printTable, sample } from './measure.ts';
import { modelsBenchmarks } from './models.ts';
import { registryBenchmarks } from './registry.ts';
import { sensingBenchmarks } from './sensing.ts';
import { BENCH_SECRET } from './server.ts';
import { watchlistBenchmarks } from './watchlist.ts';

export type BenchGroup = 'foundation' | 'sensing' | 'cases' | 'models' | 'watchlist';
const ONLY_FLAGS = ['cases', 'models', 'watchlist'] as const;

export interface BenchOptions {
  full?: boolean;
  smoke?: boolean;
  /** Events for the sensing benchmark; given on its own (`bench --events N`), only that one runs. */
  events?: number;
  /** One group only: `bench --cases`, `--models` or `--watchlist` (`--events N` alone: sensing). */
  only?: (typeof ONLY_FLAGS)[number];
}

export async function runBenchmarks(options: BenchOptions = {}): Promise<void> {
  const smoke = options.smoke ?? false;
  const only: BenchGroup | null =
    options.only ?? (options.events !== undefined && !options.full && !smoke ? 'sensing' : null);
  const runs = (group: BenchGroup) => only === null || only === group;
  const events = options.events ?? (smoke ? 20_000 : options.full ? 20_000_000 : 1_000_000);
  const scale = smoke ? 'test' : options.full ? 'city' : 'demo';
  const dir = mkdtempSync(join(tmpdir(), 'civgrid-bench-'));
  const embedded = process.env.DATABASE_URL
    ? null
    : await startEmbeddedPostgres(dir, Number(process.env.CIVGRID_BENCH_PG_PORT ?? 15_990), 'civgrid_bench');
  const database = openDatabase(process.env.DATABASE_URL ?? embedded!.url, 4);
  const results: BenchResult[] = [];
  try {
    await migrate(database.pool);
    const crypto = createFieldCrypto(BENCH_SECRET);
    // A whole configuration from the defaults (a hand-made partial one let new settings go missing).
    const config = loadConfig({
      CIVGRID_DATA: dir,
      CIVGRID_SECRET: BENCH_SECRET,
      CIVGRID_SEED: 'none',
      CIVGRID_SIMULATE: '0',
    });
    const ctx: Context = { db: database.db, pool: database.pool, crypto, config, now: () => new Date() };

    if (runs('foundation'))
      results.push(
        ...(await foundationAndRegistry(ctx, database, embedded, {
          smoke,
          scale,
          full: options.full ?? false,
        })),
      );
    if (runs('sensing'))
      results.push(
        ...(await onOwnDatabase(database, embedded, 'sensing', (db, pool, url) =>
          sensingBenchmarks({ ...ctx, db, pool }, pool, url, { events, smoke }),
        )),
      );
    if (runs('cases'))
      results.push(
        ...(await onOwnDatabase(database, embedded, 'cases', (db, pool, url) =>
          casesBenchmarks({ ...ctx, db, pool }, pool, url, { smoke }),
        )),
      );
    if (runs('watchlist'))
      results.push(
        ...(await onOwnDatabase(database, embedded, 'watchlist', (db, pool, url) =>
          watchlistBenchmarks({ ...ctx, db, pool }, pool, url, { smoke }),
        )),
      );
    if (runs('models'))
      results.push(
        ...(await onOwnDatabase(database, embedded, 'models', (db, pool) =>
          modelsBenchmarks({ ...ctx, db, pool }, pool, {
            scale,
            events: smoke ? 20_000 : options.full ? 20_000_000 : 1_000_000,
          }),
        )),
      );
  } finally {
    await database.close();
    await embedded?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  printTable(results);
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  const file = new URL(
    `./results/${new Date().toISOString().replace(/[:.]/g, '-')}${smoke ? '-smoke' : ''}.json`,
    import.meta.url,
  );
  writeFileSync(file, `${JSON.stringify({ at: new Date().toISOString(), smoke, results }, null, 2)}\n`);
  console.log(`\nwritten ${file.pathname}`);
}

/** The foundation benchmarks on the main bench database, then the registers on one of their own. */
async function foundationAndRegistry(
  ctx: Context,
  database: Database,
  embedded: EmbeddedServer | null,
  options: { smoke: boolean; scale: Scale; full: boolean },
): Promise<BenchResult[]> {
  const { smoke, scale } = options;
  const results: BenchResult[] = [];
  // Seeding: the whole write path (encrypt, hash, COPY) against generating the same city alone.
  const plan = planCity({ scale });
  const generateStart = performance.now();
  for (const household of plan.households()) void household;
  const generateMs = performance.now() - generateStart;
  const seedStart = performance.now();
  const seeded = await seedCity(database.pool, ctx.crypto, plan);
  const seedMs = performance.now() - seedStart;
  const one = (ms: number) => ({ n: 1, meanMs: ms, p50Ms: ms, p95Ms: ms });
  results.push(
    compare(
      `seed ${scale} scale (${seeded.residents} residents)`,
      'migrate-free seed of an empty database',
      one(seedMs),
      'generate only',
      one(generateMs),
    ),
  );

  const root = await database.db
    .selectFrom('org_unit')
    .select(['code', 'name', 'org_path'])
    .where('level', '=', 'city')
    .executeTakeFirstOrThrow();
  const township = await database.db
    .selectFrom('org_unit')
    .select(['code', 'name', 'org_path'])
    .where('level', '=', 'township')
    .executeTakeFirstOrThrow();
  const actor = (u: { code: string; name: string; org_path: string }, level: Actor['scopeLevel']): Actor => ({
    kind: 'user',
    id: null,
    name: 'bench',
    role: 'admin',
    scopeCode: u.code,
    scopeName: u.name,
    scopeLevel: level,
    scopePath: u.org_path,
    ip: null,
  });
  const townshipActor = actor(township, 'township');
  const grids = await database.db.selectFrom('org_unit').select('code').where('level', '=', 'grid').execute();
  const n = smoke ? 200 : 3000;

  results.push(
    compare(
      'scoped unit lookup',
      'findUnit through the scope layer (township operator)',
      await sample(n, (i) => orgRepo.findUnit(database.db, townshipActor, grids[i % grids.length]!.code)),
      'same query without the scope filter',
      await sample(n, (i) =>
        database.db
          .selectFrom('org_unit')
          .select([...orgRepo.unitColumns, orgRepo.childCount, orgRepo.parentCode])
          .where('org_unit.code', '=', grids[i % grids.length]!.code)
          .executeTakeFirst(),
      ),
    ),
  );

  await sql`create table if not exists bench_plain_log (like audit_log)`.execute(database.db);
  let plainSeq = 0;
  results.push(
    compare(
      'audit append (hash chain)',
      'one chained audit row in its own transaction',
      await sample(n, (i) =>
        database.db
          .transaction()
          .execute((tx) =>
            appendAudit(tx, actor(root, 'city'), { action: 'bench.append', details: { i } }, new Date()),
          ),
      ),
      'plain insert, own transaction',
      await sample(n, (i) =>
        database.db.transaction().execute((tx) =>
          sql`insert into bench_plain_log (seq, at, actor, action, outcome, details, prev_hash, hash)
              values (${++plainSeq}, now(), 'bench', 'bench.append', 'ok', ${JSON.stringify({ i })}, '', '')`.execute(
            tx,
          ),
        ),
      ),
    ),
  );

  const app = await buildApp(ctx, { serveWeb: false });
  const logins = smoke ? 5 : 40;
  const passwordHash = (
    await database.db
      .selectFrom('app_user')
      .select('password_hash')
      .where('username', '=', 'admin')
      .executeTakeFirstOrThrow()
  ).password_hash;
  results.push(
    compare(
      'login over HTTP (inject)',
      'argon2id verify, lock-out bookkeeping, session, audit',
      await sample(
        logins,
        () =>
          app.inject({
            method: 'POST',
            url: '/api/v1/auth/login',
            payload: { username: 'admin', password: DEMO_PASSWORD },
          }),
        2,
      ),
      'argon2id verify alone',
      await sample(logins, () => verifyPassword(passwordHash, DEMO_PASSWORD), 2),
    ),
  );
  const admin = (
    await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'admin', password: DEMO_PASSWORD },
    })
  ).cookies[0]!;
  const cookie = `${admin.name}=${admin.value}`;
  results.push(
    compare(
      'GET /api/v1/org/grids (admin)',
      'all grids of the city, scoped, with ancestor names',
      await sample(smoke ? 20 : 300, () =>
        app.inject({ method: 'GET', url: '/api/v1/org/grids', headers: { cookie } }),
      ),
      'GET /api/health',
      await sample(smoke ? 20 : 300, () => app.inject({ method: 'GET', url: '/api/health' })),
    ),
  );
  await app.close();

  const ids = [...plan.households()]
    .flatMap((h) => h.houses.flatMap((x) => x.persons.map((p) => p.idNumber)))
    .slice(0, 1000);
  const today = new Date();
  results.push(
    compare(
      'ID number check ×1000',
      'GB 11643 format, region, date and check digit',
      await sample(smoke ? 50 : 500, () => ids.filter((id) => checkIdNumber(id, today) === null).length),
      'regex only ×1000',
      await sample(smoke ? 50 : 500, () => ids.filter((id) => /^\d{17}[\dX]$/.test(id)).length),
    ),
  );

  // Registers on a database of their own: the hierarchy of the same scale, persons imported.
  const persons = smoke ? 5_000 : options.full ? 1_000_000 : 100_000;
  results.push(
    ...(await onOwnDatabase(database, embedded, 'registry', (db, pool) =>
      registryBenchmarks({ ...ctx, db, pool }, pool, { scale, persons }),
    )),
  );
  return results;
}

/** Runs `work` on a fresh, migrated database of its own, dropped afterwards. */
async function onOwnDatabase<T>(
  database: Database,
  embedded: EmbeddedServer | null,
  name: string,
  work: (db: Database['db'], pool: Database['pool'], url: string) => Promise<T>,
): Promise<T> {
  const dbName = `civgrid_bench_${name}_${process.pid}`;
  await sql`create database ${sql.id(dbName)}`.execute(database.db);
  const url = new URL(process.env.DATABASE_URL ?? embedded!.url);
  url.pathname = `/${dbName}`;
  const own = openDatabase(url.toString(), 4);
  try {
    await migrate(own.pool);
    return await work(own.db, own.pool, url.toString());
  } finally {
    await own.close();
    await sql`drop database if exists ${sql.id(dbName)} with (force)`.execute(database.db);
  }
}

/** `--cases`, `--models` or `--watchlist` on the command line, as `only`. */
export function benchGroupFlag(argv: readonly string[]): Pick<BenchOptions, 'only'> {
  const flag = ONLY_FLAGS.find((group) => argv.includes(`--${group}`));
  return flag ? { only: flag } : {};
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const events = process.argv.indexOf('--events');
  runBenchmarks({
    smoke: process.argv.includes('--smoke'),
    full: process.argv.includes('--full'),
    ...benchGroupFlag(process.argv),
    ...(events > 0 ? { events: Number(process.argv[events + 1]) } : {}),
  }).catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
