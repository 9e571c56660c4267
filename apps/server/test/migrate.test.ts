import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { openDatabase } from '../src/platform/db.ts';
import { MIGRATIONS_DIR, migrate } from '../src/platform/migrate.ts';
import { adminQuery, databaseUrl } from './template.ts';

const serverUrl = inject('civgridServerUrl');
const name = `civgrid_mig_${process.pid}`;
const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const fn of cleanup) await fn();
});

describe('migrations', () => {
  it('apply once, record checksums, and stop start-up when an applied file was edited', async () => {
    await adminQuery(serverUrl, `create database ${name}`);
    const database = openDatabase(databaseUrl(serverUrl, name), 2);
    cleanup.push(async () => {
      await database.close();
      await adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
    });
    const dir = mkdtempSync(join(tmpdir(), 'civgrid-migrations-'));
    cpSync(MIGRATIONS_DIR, dir, { recursive: true });
    const first = await migrate(database.pool, dir);
    expect(first[0]).toBe('0001_foundation.sql');
    expect(await migrate(database.pool, dir)).toEqual([]);

    writeFileSync(join(dir, '0099_extra.sql'), 'create table extra_thing (id int);');
    expect(await migrate(database.pool, dir)).toEqual(['0099_extra.sql']);

    writeFileSync(join(dir, '0099_extra.sql'), 'create table extra_thing (id bigint);');
    await expect(migrate(database.pool, dir)).rejects.toThrow(
      /0099_extra\.sql was edited after it was applied/,
    );
  });

  it('roll back a failing migration completely', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'civgrid-migrations-'));
    writeFileSync(join(dir, '0001_half.sql'), 'create table half_done (id int); select no_such_function();');
    const other = `${name}_b`;
    await adminQuery(serverUrl, `create database ${other}`);
    const database = openDatabase(databaseUrl(serverUrl, other), 2);
    cleanup.push(async () => {
      await database.close();
      await adminQuery(serverUrl, `drop database if exists ${other} with (force)`);
    });
    await expect(migrate(database.pool, dir)).rejects.toThrow(/0001_half\.sql failed/);
    const { rows } = await database.pool.query(`select to_regclass('half_done') as t`);
    expect(rows[0].t).toBeNull();
  });
});
