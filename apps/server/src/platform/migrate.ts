// Numbered plain-SQL migrations, applied in order, each in its own transaction, recorded with a checksum.
// An applied migration whose file changed stops start-up: the database no longer matches the code.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';

export const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../migrations');

export class MigrationError extends Error {}

interface MigrationFile {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrations(dir = MIGRATIONS_DIR): MigrationFile[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name), 'utf8');
      return {
        version: Number(name.slice(0, 4)),
        name,
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      };
    });
}

/** Applies pending migrations; returns the names applied. Concurrent starters wait on an advisory lock. */
export async function migrate(pool: pg.Pool, dir = MIGRATIONS_DIR): Promise<string[]> {
  const files = readMigrations(dir);
  const client = await pool.connect();
  try {
    await client.query('select pg_advisory_lock(7261001)');
    await client.query(`create table if not exists schema_migration (
      version integer primary key, name text not null, checksum text not null,
      applied_at timestamptz not null default now())`);
    const { rows } = await client.query<{ version: number; name: string; checksum: string }>(
      'select version, name, checksum from schema_migration order by version',
    );
    const applied = new Map(rows.map((r) => [r.version, r]));
    for (const row of rows) {
      const file = files.find((f) => f.version === row.version);
      if (!file) throw new MigrationError(`migration ${row.name} is applied but its file is missing`);
      if (file.checksum !== row.checksum) {
        throw new MigrationError(
          `migration ${row.name} was edited after it was applied (checksum ${row.checksum.slice(0, 12)} in the ` +
            `database, ${file.checksum.slice(0, 12)} on disk); add a new migration instead of editing an applied one`,
        );
      }
    }
    const done: string[] = [];
    for (const file of files.filter((f) => !applied.has(f.version))) {
      await client.query('begin');
      try {
        await client.query(file.sql);
        await client.query('insert into schema_migration (version, name, checksum) values ($1, $2, $3)', [
          file.version,
          file.name,
          file.checksum,
        ]);
        await client.query('commit');
      } catch (error) {
        await client.query('rollback');
        throw new MigrationError(`migration ${file.name} failed: ${(error as Error).message}`);
      }
      done.push(file.name);
    }
    return done;
  } finally {
    await client.query('select pg_advisory_unlock(7261001)').catch(() => {});
    client.release();
  }
}
