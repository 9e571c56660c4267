// What every import kind provides: its key (for duplicates and upsert), a preparation step that resolves
// codes in the importer's scope and rejects what does not resolve, and a bulk upsert.
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
  reject(line: number, code: LookupRejection, values?: Record<string, string | number>): void;
}

export interface Writer<V, R> {
  table: 'person' | 'house' | 'building' | 'vehicle' | 'device' | 'organisation';
  keyColumn: string;
  key(value: V, ctx: Context): string | Buffer;
  prepare(run: ImportRun, items: KeyedItem<V>[]): Promise<Item<R>[]>;
  write(tx: Queryable, rows: R[], run: ImportRun): Promise<void>;
}

/** The value of `pick` for every row, for `unnest($1::type[], …)`. */
export function column<R, T>(rows: R[], pick: (row: R) => T): T[] {
  return rows.map(pick);
}
