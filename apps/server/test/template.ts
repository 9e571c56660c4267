// The template database: migrated and seeded with the small `test` city once per run.
import { planCity } from '@civgrid/sim';
import pg from 'pg';
import { createFieldCrypto } from '../src/platform/crypto.ts';
import { openDatabase } from '../src/platform/db.ts';
import { migrate } from '../src/platform/migrate.ts';
import { seedCity } from '../src/seed/seed-city.ts';

export const TEST_SECRET = 'test-secret-0123456789-abcdefghijklmnop';

export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function adminQuery(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl(serverUrl, 'postgres') });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

export async function prepareTemplate(serverUrl: string): Promise<string> {
  const name = `civgrid_tpl_${process.pid}`;
  await adminQuery(serverUrl, `drop database if exists ${name}`);
  await adminQuery(serverUrl, `create database ${name}`);
  const database = openDatabase(databaseUrl(serverUrl, name), 2);
  try {
    await migrate(database.pool);
    // Seeded as of the harness clock's day, so seeded attention tags are active in tests.
    await seedCity(
      database.pool,
      createFieldCrypto(TEST_SECRET),
      planCity({ scale: 'test' }),
      undefined,
      new Date('2026-03-01T00:00:00+08:00'),
    );
  } finally {
    await database.close();
  }
  return name;
}
