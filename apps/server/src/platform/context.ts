// What services need from the platform, passed explicitly (no globals): the database, the clock,
// field crypto and configuration. Tests build one with a movable clock.

import type pg from 'pg';
import type { Config } from './config.ts';
import type { FieldCrypto } from './crypto.ts';
import type { Db } from './db.ts';

export interface Context {
  db: Db;
  /** The pool under `db`, for what Kysely cannot do: COPY streams and LISTEN. */
  pool: pg.Pool;
  crypto: FieldCrypto;
  config: Config;
  now(): Date;
}
