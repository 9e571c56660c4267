// Look-ups an import needs, all through the scope layer: a code outside the importer's jurisdiction is
// treated exactly like an unknown one.
import { sql } from 'kysely';
import type { Actor } from '../../../platform/actor.ts';
import type { Queryable } from '../../../platform/db.ts';
import { scopedFrom } from '../../../platform/scope.ts';

const unique = <T>(values: (T | undefined | null)[]) => [...new Set(values.filter((v): v is T => v != null))];

export interface Placed {
  id: string;
  org_path: string;
}

export async function gridsByCode(db: Queryable, actor: Actor, codes: (string | undefined)[]) {
  const wanted = unique(codes);
  if (wanted.length === 0) return new Map<string, Placed & { boundary: unknown }>();
  const rows = await scopedFrom(db, actor, 'org_unit')
    .select(['org_unit.id', 'org_unit.code', 'org_unit.org_path', 'org_unit.boundary'])
    .where('org_unit.level', '=', 'grid')
    .where('org_unit.code', 'in', wanted)
    .execute();
  return new Map(rows.map((r) => [r.code, r]));
}

/** Villages/communities or grids by code: organisations attach to either. */
export async function unitsByCode(db: Queryable, actor: Actor, codes: (string | undefined)[]) {
  const wanted = unique(codes);
  if (wanted.length === 0) return new Map<string, Placed & { level: string }>();
  const rows = await scopedFrom(db, actor, 'org_unit')
    .select(['org_unit.id', 'org_unit.code', 'org_unit.org_path', 'org_unit.level'])
    .where('org_unit.level', 'in', ['village', 'grid'])
    .where('org_unit.code', 'in', wanted)
    .execute();
  return new Map(rows.map((r) => [r.code, r]));
}

export async function housesByCode(db: Queryable, actor: Actor, codes: (string | undefined)[]) {
  const wanted = unique(codes);
  if (wanted.length === 0) return new Map<string, Placed & { building_id: string | null }>();
  const rows = await scopedFrom(db, actor, 'house')
    .select(['house.id', 'house.code', 'house.org_path', 'house.building_id'])
    .where('house.code', 'in', wanted)
    .execute();
  return new Map(rows.map((r) => [r.code, r]));
}

export async function buildingsByCode(db: Queryable, actor: Actor, codes: (string | undefined)[]) {
  const wanted = unique(codes);
  if (wanted.length === 0) return new Map<string, Placed>();
  const rows = await scopedFrom(db, actor, 'building')
    .select(['building.id', 'building.code', 'building.org_path'])
    .where('building.code', 'in', wanted)
    .execute();
  return new Map(rows.map((r) => [r.code, r]));
}

/** People by the keyed hash of their identity number, as hex, in scope. */
export async function personsByIdHash(db: Queryable, actor: Actor, hashes: Buffer[]) {
  if (hashes.length === 0) return new Map<string, Placed>();
  const rows = await scopedFrom(db, actor, 'person')
    .select(['person.id', 'person.org_path', 'person.id_number_hash'])
    .where(sql<boolean>`person.id_number_hash = any(${hashes})`)
    .execute();
  return new Map(rows.map((r) => [r.id_number_hash.toString('hex'), r]));
}

/** Which of these keys already exist anywhere, with where they are; the caller decides on scope. */
export async function existingKeys(
  db: Queryable,
  table: 'person' | 'house' | 'building' | 'vehicle' | 'device' | 'organisation',
  column: string,
  keys: (string | Buffer)[],
) {
  if (keys.length === 0) return new Map<string, string>();
  const { rows } = await sql<{
    key: string | Buffer;
    org_path: string;
  }>`select ${sql.ref(column)} as key, org_path::text
    from ${sql.table(table)} where ${sql.ref(column)} = any(${keys})`.execute(db);
  return new Map(rows.map((r) => [Buffer.isBuffer(r.key) ? r.key.toString('hex') : r.key, r.org_path]));
}
