// The database handle: one pg pool, one Kysely instance over it.
import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { DB } from './db-types.ts';

export type Db = Kysely<DB>;
export type Tx = Transaction<DB>;
/** Anything queries can run on: the database or an open transaction. */
export type Queryable = Kysely<DB>;

// bigint (int8) stays a string so ids never lose precision; counts are cast to int in SQL where wanted.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => v);
// `date` stays 'YYYY-MM-DD' instead of a local-midnight Date that shifts with the server's time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export interface Database {
  db: Db;
  pool: pg.Pool;
  close(): Promise<void>;
}

export function openDatabase(url: string, max = 10): Database {
  const pool = new pg.Pool({ connectionString: url, max, application_name: 'civgrid' });
  // An idle client's error (e.g. the server restarting) must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, pool, close: () => db.destroy() };
}
