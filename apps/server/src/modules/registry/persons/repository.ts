// Person queries, all through the scope layer. Searching never decrypts in SQL: exact identity and phone
// numbers go through their keyed hashes, suffixes through the last four digits the mask shows anyway.
import { sql } from 'kysely';
import type { Actor } from '../../../platform/actor.ts';
import type { Queryable } from '../../../platform/db.ts';
import { pathWithin, scopedFrom } from '../../../platform/scope.ts';
import { gridCodeOf, likePrefix } from '../shared.ts';

export type PersonSearch =
  | { by: 'idHash' | 'phoneHash'; hash: Buffer }
  | { by: 'idSuffix'; last4: string }
  | { by: 'initials' | 'name'; text: string };

const activeCategories = sql<string[]>`array(select t.category from person_tag t where t.person_id = person.id
  and (t.valid_until is null or t.valid_until > now()) order by t.category)`.as('categories');

export const personColumns = [
  'person.id',
  'person.name',
  'person.id_number_mask',
  'person.gender',
  'person.birth_date',
  'person.phone_mask',
  'person.household_type',
  'person.relation',
  'person.house_id',
  'person.created_at',
  'person.updated_at',
  gridCodeOf('person'),
  activeCategories,
] as const;

export function personsQuery(
  db: Queryable,
  actor: Actor,
  filter: { search?: PersonSearch; underPath?: string; category?: string },
) {
  let query = scopedFrom(db, actor, 'person').leftJoin('house', 'house.id', 'person.house_id');
  if (filter.underPath) query = query.where(pathWithin('person.org_path', filter.underPath));
  if (filter.category) {
    // Driven from the tags (few) rather than probed per person (many): a semi-join on the category index.
    const tagged = db
      .selectFrom('person_tag as t')
      .select('t.person_id')
      .where('t.category', '=', filter.category)
      .where(pathWithin('t.org_path', actor.scopePath))
      .where(sql<boolean>`(t.valid_until is null or t.valid_until > now())`);
    query = query.where('person.id', 'in', tagged);
  }
  const s = filter.search;
  if (s?.by === 'idHash') query = query.where('person.id_number_hash', '=', s.hash);
  if (s?.by === 'phoneHash') query = query.where('person.phone_hash', '=', s.hash);
  if (s?.by === 'idSuffix') query = query.where('person.id_last4', '=', s.last4);
  if (s?.by === 'initials') query = query.where('person.name_initials', 'like', likePrefix(s.text));
  if (s?.by === 'name') query = query.where('person.name', 'like', likePrefix(s.text));
  return query;
}

export function listPersons(
  db: Queryable,
  actor: Actor,
  filter: Parameters<typeof personsQuery>[2],
  page: { limit: number; offset: number },
) {
  const query = personsQuery(db, actor, filter);
  return Promise.all([
    query
      .select([...personColumns, 'house.address'])
      .orderBy('person.name')
      .orderBy('person.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    query.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow(),
  ]);
}

export function findPerson(db: Queryable, actor: Actor, id: string) {
  return scopedFrom(db, actor, 'person')
    .leftJoin('house', 'house.id', 'person.house_id')
    .select([
      ...personColumns,
      'house.address',
      'house.code as house_code',
      'house.building_id',
      'person.org_path',
    ])
    .where('person.id', '=', id)
    .executeTakeFirst();
}

export type PersonRow = NonNullable<Awaited<ReturnType<typeof findPerson>>>;

/** Encrypted fields for an authorised reveal or a rights export; never used for lists. */
export function sealedFields(db: Queryable, id: string) {
  return db
    .selectFrom('person')
    .select(['id_number_enc', 'phone_enc'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

export function personTags(db: Queryable, personId: string) {
  return db
    .selectFrom('person_tag as t')
    .innerJoin('attention_category as c', 'c.code', 't.category')
    .select([
      't.id',
      't.category',
      'c.name_zh',
      'c.name_en',
      't.reason',
      't.valid_from',
      't.valid_until',
      't.set_by',
    ])
    .where('t.person_id', '=', personId)
    .orderBy('t.valid_from', 'desc')
    .execute();
}

/** The person's links: household, building, vehicles, devices, organisations of the building or village. */
export async function personLinks(db: Queryable, actor: Actor, person: PersonRow) {
  const [household, building, vehicles, devices, organisations] = await Promise.all([
    person.house_id
      ? scopedFrom(db, actor, 'person')
          .select(['person.id', 'person.name', 'person.relation'])
          .where('person.house_id', '=', person.house_id)
          .where('person.id', '!=', person.id)
          .orderBy('person.id')
          .execute()
      : [],
    person.building_id
      ? scopedFrom(db, actor, 'building')
          .select(['building.id', 'building.code', 'building.name'])
          .where('building.id', '=', person.building_id)
          .executeTakeFirst()
      : undefined,
    scopedFrom(db, actor, 'vehicle')
      .select(['vehicle.id', 'vehicle.plate'])
      .where('vehicle.owner_person_id', '=', person.id)
      .execute(),
    scopedFrom(db, actor, 'device')
      .select(['device.id', 'device.code', 'device.name'])
      .where((eb) =>
        eb.or([
          eb('device.owner_person_id', '=', person.id),
          ...(person.house_id ? [eb('device.house_id', '=', person.house_id)] : []),
        ]),
      )
      .execute(),
    scopedFrom(db, actor, 'organisation')
      .select(['organisation.id', 'organisation.code', 'organisation.name'])
      .where((eb) =>
        eb.or([
          ...(person.building_id ? [eb('organisation.building_id', '=', person.building_id)] : []),
          // The six-in-one organisations of the person's grid and of its village/community.
          eb(sql`organisation.org_path`, '=', sql`${person.org_path}::ltree`),
          eb(sql`organisation.org_path`, '=', sql`subpath(${person.org_path}::ltree, 0, 4)`),
        ]),
      )
      .execute(),
  ]);
  return { household, building, vehicles, devices, organisations };
}
