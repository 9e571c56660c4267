// What every import kind provides: its key (for duplicates and upsert), a preparation step that resolves
// codes in the importer's scope and rejects what does not resolve, and a bulk upsert.
import type pg from 'pg';
import type { Actor } from '../../../platform/actor.ts';
import type { Context } from '../../../platform/context.ts';
import type { Queryable } from '../../../platform/db.ts';
import type { LookupRejection } from './rejections.ts';

export interface Item<T> {
  line: number;
  value: T;
}

/** A validated line with its key, computed once (for persons it is an HMAC, not free). */
export interface KeyedItem<T> extends Item<T> {
  key: string | Buffer;
}

export interface ImportRun {
  ctx: Context;
  actor: Actor;
  tx: Queryable;
  /** The connection `tx` runs on, for what Kysely cannot do (COPY). */
  client: pg.PoolClient;
  reject(line: number, code: LookupRejection, values?: Record<string, string | number>): void;
}

export interface Writer<V, R> {
  table: 'person' | 'house' | 'building' | 'vehicle' | 'device' | 'organisation';
  keyColumn: string;
  /** The key of each value, in order. */
  keys(values: V[], ctx: Context): (string | Buffer)[];
  prepare(run: ImportRun, items: KeyedItem<V>[]): Promise<Item<R>[]>;
  /** Inserts `rows` if none of their keys is registered yet and says whether it did; when it did not,
   *  nothing was written. Optional: a fast path for bulk loads of new records. */
  insertNew?(rows: R[], run: ImportRun): Promise<boolean>;
  /** Upserts `rows`; `existing` holds the keys (as `keyText`) already registered, so a writer may take a
   *  cheaper path for the new ones. */
  write(tx: Queryable, rows: R[], run: ImportRun, existing: ReadonlyMap<string, string>): Promise<void>;
}

/** A key as map key text: keyed hashes as hex. */
export function keyText(key: string | Buffer): string {
  return Buffer.isBuffer(key) ? key.toString('hex') : key;
}

/** The value of `pick` for every row, for `unnest($1::type[], …)`. */
export function column<R, T>(rows: R[], pick: (row: R) => T): T[] {
  return rows.map(pick);
}
