// Register benchmarks: importing persons through the import endpoint (validation, encryption, keyed
// hashes, scoped look-ups, upsert, audit) against a raw COPY of the same rows, and search latency over
// the imported population.
import { planCity, type Scale } from '@civgrid/sim';
import { sql } from 'kysely';
import { buildApp } from '../apps/server/src/app.ts';
import type { Context } from '../apps/server/src/platform/context.ts';
import { copyRows } from '../apps/server/src/platform/copy.ts';
import { seedCity } from '../apps/server/src/seed/seed-city.ts';
import { type BenchResult, compare, sample } from './measure.ts';

const CHUNK = 20_000;

interface PersonLine {
  idNumber: string;
  name: string;
  gridCode: string;
  phone: string | null;
  householdType: string;
}

function personLines(scale: Scale, residents: number): PersonLine[] {
  const lines: PersonLine[] = [];
  for (const household of planCity({ scale, residents }).households()) {
    for (const { persons } of household.houses) {
      for (const p of persons) {
        lines.push({
          idNumber: p.idNumber,
          name: p.name,
          gridCode: household.building.gridCode,
          phone: p.phone,
          householdType: p.householdType,
        });
      }
    }
  }
  return lines;
}

export async function registryBenchmarks(
  ctx: Context,
  pool: import('pg').Pool,
  options: { scale: Scale; persons: number },
): Promise<BenchResult[]> {
  // The hierarchy only: the persons arrive through the import endpoint.
  await seedCity(pool, ctx.crypto, planCity({ scale: options.scale, residents: 0 }));
  const lines = personLines(options.scale, options.persons);
  const app = await buildApp(ctx, { serveWeb: false });
  const login = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username: 'admin', password: 'civgrid-demo' },
  });
  const cookie = `civgrid_session=${login.cookies.find((c) => c.name === 'civgrid_session')!.value}`;

  const chunks: string[] = [];
  for (let i = 0; i < lines.length; i += CHUNK) {
    chunks.push(
      lines
        .slice(i, i + CHUNK)
        .map((l) => JSON.stringify(l.phone ? l : { ...l, phone: undefined }))
        .join('\n'),
    );
  }
  let accepted = 0;
  const importStart = performance.now();
  // Two requests in flight, as a bulk loader would send them: one is validated and encrypted while the
  // other is being written, so both cores work.
  let next = 0;
  const sender = async () => {
    while (next < chunks.length) {
      const body = chunks[next++]!;
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/import/persons',
        headers: { cookie, 'content-type': 'application/x-ndjson' },
        payload: body,
      });
      accepted += response.json().accepted;
    }
  };
  await Promise.all([sender(), sender()]);
  const importMs = performance.now() - importStart;
  if (accepted !== lines.length) throw new Error(`import accepted ${accepted} of ${lines.length}`);

  await sql`create table bench_person_raw (id_number text, name text, grid_code text, phone text, household_type text)`.execute(
    ctx.db,
  );
  const client = await pool.connect();
  const copyStart = performance.now();
  try {
    for (let i = 0; i < lines.length; i += CHUNK) {
      const rows = lines
        .slice(i, i + CHUNK)
        .map((l) => [l.idNumber, l.name, l.gridCode, l.phone, l.householdType]);
      await copyRows(
        client,
        'bench_person_raw',
        ['id_number', 'name', 'grid_code', 'phone', 'household_type'],
        rows,
      );
    }
  } finally {
    client.release();
  }
  const copyMs = performance.now() - copyStart;
  await sql`analyze person`.execute(ctx.db);

  const one = (ms: number) => ({ n: 1, meanMs: ms, p50Ms: ms, p95Ms: ms });
  const results: BenchResult[] = [
    compare(
      `import ${lines.length} persons (${Math.round(lines.length / (importMs / 1000))}/s)`,
      'POST /api/v1/import/persons in 20,000-line requests',
      one(importMs),
      `raw COPY (${Math.round(lines.length / (copyMs / 1000))}/s)`,
      one(copyMs),
    ),
  ];
  const runs = options.persons >= 100_000 ? 200 : 40;
  const pick = (i: number) => lines[(i * 7919) % lines.length]!;
  const search = (q: (l: PersonLine) => string) => (i: number) =>
    app.inject({
      method: 'GET',
      url: `/api/v1/registry/persons?q=${encodeURIComponent(q(pick(i)))}`,
      headers: { cookie },
    });
  const baseline = await sample(runs, () =>
    app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } }),
  );
  for (const [name, q] of [
    ['search: name prefix', (l: PersonLine) => l.name],
    ['search: ID number suffix', (l: PersonLine) => l.idNumber.slice(-4)],
    ['search: pinyin initials', (l: PersonLine) => (l.name.length > 1 ? 'zw' : 'w')],
    ['search: full ID number', (l: PersonLine) => l.idNumber],
  ] as const) {
    results.push(
      compare(
        `${name} (${lines.length} persons)`,
        'GET /api/v1/registry/persons?q=… as admin (whole city)',
        await sample(runs, search(q)),
        'GET /api/v1/auth/me',
        baseline,
      ),
    );
  }
  await app.close();
  return results;
}
