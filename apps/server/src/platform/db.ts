// The database handle: one pg pool, one Kysely instance over it.
import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { DB } from './db-types.ts';
import { prepareRepeatedQueries } from './prepared.ts';

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
  // Nor may one on a client checked out between two queries (a database shutting down under Ctrl-C): the
  // holder's next query fails with it instead.
  pool.on('connect', (client) => {
    client.on('error', () => {});
    prepareRepeatedQueries(client);
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, pool, close: () => db.destroy() };
}

// A Kysely handle bound to one pool client, so Kysely queries (audit rows, say) join a transaction that
// the client opened for work Kysely cannot do, such as COPY. Kept per client: the pool reuses them.
const boundHandles = new WeakMap<pg.PoolClient, Db>();
function kyselyOn(client: pg.PoolClient): Db {
  let handle = boundHandles.get(client);
  if (!handle) {
    // Kysely "releases" its connection after each query; the wrapper's release is a no-op so the client
    // stays with the transaction, and the real release happens in withClientTransaction.
    const bound = { query: client.query.bind(client), release() {} };
    const pool = { connect: async () => bound, end: async () => {} };
    handle = new Kysely<DB>({ dialect: new PostgresDialect({ pool: pool as unknown as pg.Pool }) });
    boundHandles.set(client, handle);
  }
  return handle;
}

/** Runs `work` in one transaction on one client, with a Kysely handle on the same connection. A failed
 *  connection is discarded rather than returned to the pool. */
export async function withClientTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient, db: Db) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const result = await work(client, kyselyOn(client));
    await client.query('commit');
    client.release();
    return result;
  } catch (error) {
    const broken = await client.query('rollback').then(
      () => false,
      () => true,
    );
    client.release(broken);
    throw error;
  }
}
