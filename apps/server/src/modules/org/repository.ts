// Org-unit queries. All start from the scoped query layer, so a unit outside the actor's subtree is
// never returned.
import { sql } from 'kysely';
import type { Actor } from '../../platform/actor.ts';
import type { Queryable } from '../../platform/db.ts';
import { pathWithin, scopedFrom } from '../../platform/scope.ts';

/** What a unit is presented with (exported so the benchmark can run the same query unscoped). */
export const unitColumns = [
  'org_unit.id',
  'org_unit.code',
  'org_unit.name',
  'org_unit.level',
  'org_unit.org_path',
  'org_unit.smart_community',
  'org_unit.centre_lng',
  'org_unit.centre_lat',
] as const;

export const childCount =
  sql<number>`(select count(*)::int from org_unit c where c.parent_id = org_unit.id)`.as('child_count');
export const parentCode = sql<
  string | null
>`(select p.code from org_unit p where p.id = org_unit.parent_id)`.as('parent_code');

export function findUnit(db: Queryable, actor: Actor, code: string) {
  return scopedFrom(db, actor, 'org_unit')
    .select([...unitColumns, childCount, parentCode])
    .where('org_unit.code', '=', code)
    .executeTakeFirst();
}

/** The unit the actor's scope starts at. */
export function scopeRoot(db: Queryable, actor: Actor) {
  return findUnit(db, actor, actor.scopeCode);
}

export function listChildren(db: Queryable, actor: Actor, parentId: string) {
  return scopedFrom(db, actor, 'org_unit')
    .select([...unitColumns, childCount, parentCode])
    .where('org_unit.parent_id', '=', parentId)
    .orderBy('org_unit.code')
    .execute();
}

/** Ancestors of a unit the actor can see, city first. Ancestors above the scope are names only, so
 *  a township operator can see "which county am I in" but not list it. */
export function listAncestors(db: Queryable, path: string) {
  return db
    .selectFrom('org_unit')
    .select(['code', 'name', 'level'])
    .where(sql<boolean>`org_path @> ${path}::ltree and org_path <> ${path}::ltree`)
    .orderBy(sql`nlevel(org_path)`)
    .execute();
}

export async function countWithin(db: Queryable, path: string) {
  const within = (table: string) =>
    sql<number>`(select count(*)::int from ${sql.table(table)} t where ${pathWithin('t.org_path', path)})`;
  const { rows } = await sql<{ grids: number; buildings: number; houses: number; residents: number }>`select
      (select count(*)::int from org_unit g where g.level = 'grid' and ${pathWithin('g.org_path', path)}) as grids,
      ${within('building')} as buildings, ${within('house')} as houses, ${within('person')} as residents`.execute(
    db,
  );
  return rows[0]!;
}

/** Grids inside the actor's scope (and under `underPath` when given), with the names of their ancestors. */
export function listGrids(
  db: Queryable,
  actor: Actor,
  filter: { underPath?: string; q?: string; limit: number; offset: number },
) {
  let query = scopedFrom(db, actor, 'org_unit')
    .innerJoin('org_unit as v', 'v.id', 'org_unit.parent_id')
    .innerJoin('org_unit as t', 't.id', 'v.parent_id')
    .innerJoin('org_unit as c', 'c.id', 't.parent_id')
    .where('org_unit.level', '=', 'grid');
  if (filter.underPath) query = query.where(pathWithin('org_unit.org_path', filter.underPath));
  if (filter.q) {
    const like = `%${filter.q.replace(/[%_\\]/g, '\\$&')}%`;
    query = query.where((eb) =>
      eb.or([eb('org_unit.code', 'ilike', like), eb('org_unit.name', 'ilike', like)]),
    );
  }
  return Promise.all([
    query
      .select([
        'org_unit.code',
        'org_unit.name',
        'org_unit.boundary',
        'org_unit.smart_community',
        'v.code as village_code',
        'v.name as village',
        'v.smart_community as village_smart',
        't.name as township',
        'c.name as county',
      ])
      .orderBy('org_unit.code')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    query.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow(),
  ]);
}

/** The grid whose polygon's bounding box holds the point; the caller checks the polygon itself. */
export function gridCandidatesAt(db: Queryable, actor: Actor, lng: number, lat: number) {
  return scopedFrom(db, actor, 'org_unit')
    .select(['org_unit.code', 'org_unit.name', 'org_unit.boundary'])
    .where('org_unit.level', '=', 'grid')
    .where(sql<boolean>`org_unit.bbox @> point(${lng}, ${lat})`)
    .execute();
}
