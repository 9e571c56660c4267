// Houses, buildings, vehicles, devices and organisations: list and lookup queries through the scope layer.
import { sql } from 'kysely';
import type { Actor } from '../../../platform/actor.ts';
import type { Queryable } from '../../../platform/db.ts';
import { pathWithin, scopedFrom } from '../../../platform/scope.ts';
import { gridCodeOf, likeAnywhere, likePrefix } from '../shared.ts';

export interface ListFilter {
  q?: string;
  underPath?: string;
}

const under = (table: string, path?: string) =>
  path ? pathWithin(`${table}.org_path`, path) : sql<boolean>`true`;

const residentsOfHouse = sql<number>`(select count(*)::int from person p where p.house_id = house.id)`.as(
  'residents',
);

export const houseColumns = [
  'house.id',
  'house.code',
  'house.address',
  'house.unit',
  'house.floor',
  'house.room',
  'house.area_m2',
  'house.use',
  'house.registered_residents',
  'house.building_id',
  'b.code as building_code',
  'b.name as building_name',
  gridCodeOf('house'),
  residentsOfHouse,
] as const;

export function housesQuery(db: Queryable, actor: Actor, filter: ListFilter) {
  let query = scopedFrom(db, actor, 'house')
    .leftJoin('building as b', 'b.id', 'house.building_id')
    .where(under('house', filter.underPath));
  if (filter.q) {
    const q = filter.q;
    query = query.where((eb) =>
      eb.or([eb('house.code', 'like', likePrefix(q)), eb('house.address', 'ilike', likeAnywhere(q))]),
    );
  }
  return query;
}

export const buildingColumns = [
  'building.id',
  'building.code',
  'building.name',
  'building.address',
  'building.lng',
  'building.lat',
  'building.units',
  'building.floors',
  gridCodeOf('building'),
  sql<number>`(select count(*)::int from house h where h.building_id = building.id)`.as('houses'),
  sql<number>`(select count(*)::int from person p join house h on h.id = p.house_id where h.building_id = building.id)`.as(
    'residents',
  ),
] as const;

export function buildingsQuery(db: Queryable, actor: Actor, filter: ListFilter) {
  let query = scopedFrom(db, actor, 'building').where(under('building', filter.underPath));
  if (filter.q) {
    const q = filter.q;
    query = query.where((eb) =>
      eb.or([
        eb('building.code', 'like', likePrefix(q)),
        eb('building.name', 'ilike', likeAnywhere(q)),
        eb('building.address', 'ilike', likeAnywhere(q)),
      ]),
    );
  }
  return query;
}

export const vehicleColumns = [
  'vehicle.id',
  'vehicle.plate',
  'vehicle.plate_kind',
  'vehicle.brand',
  'vehicle.colour',
  'vehicle.owner_person_id',
  'owner.name as owner_name',
  gridCodeOf('vehicle'),
] as const;

export function vehiclesQuery(db: Queryable, actor: Actor, filter: ListFilter) {
  let query = scopedFrom(db, actor, 'vehicle')
    // The owner is shown only when the owner is in the viewer's jurisdiction too.
    .leftJoin('person as owner', (join) =>
      join
        .onRef('owner.id', '=', 'vehicle.owner_person_id')
        .on(pathWithin('owner.org_path', actor.scopePath)),
    )
    .where(under('vehicle', filter.underPath));
  if (filter.q)
    query = query.where('vehicle.plate', 'like', likePrefix(filter.q.toUpperCase().replace(/[·\s]/g, '')));
  return query;
}

export const deviceColumns = [
  'device.id',
  'device.code',
  'device.type',
  'device.name',
  'device.lng',
  'device.lat',
  'device.house_id',
  'h.code as house_code',
  'device.building_id',
  'b.code as building_code',
  'device.owner_person_id',
  'owner.name as owner_name',
  gridCodeOf('device'),
] as const;

export function devicesQuery(db: Queryable, actor: Actor, filter: ListFilter) {
  let query = scopedFrom(db, actor, 'device')
    .leftJoin('house as h', 'h.id', 'device.house_id')
    .leftJoin('building as b', 'b.id', 'device.building_id')
    .leftJoin('person as owner', (join) =>
      join.onRef('owner.id', '=', 'device.owner_person_id').on(pathWithin('owner.org_path', actor.scopePath)),
    )
    .where(under('device', filter.underPath));
  if (filter.q) {
    const q = filter.q;
    query = query.where((eb) =>
      eb.or([eb('device.code', 'like', likePrefix(q)), eb('device.name', 'ilike', likeAnywhere(q))]),
    );
  }
  return query;
}

export const organisationColumns = [
  'organisation.id',
  'organisation.code',
  'organisation.kind',
  'organisation.name',
  'organisation.contact_name',
  'organisation.contact_phone_mask',
  'organisation.building_id',
  'b.code as building_code',
  'b.name as building_name',
  'u.code as unit_code',
  'u.name as unit_name',
  'u.level as unit_level',
] as const;

export function organisationsQuery(db: Queryable, actor: Actor, filter: ListFilter) {
  let query = scopedFrom(db, actor, 'organisation')
    .innerJoin('org_unit as u', 'u.id', 'organisation.unit_id')
    .leftJoin('building as b', 'b.id', 'organisation.building_id')
    .where(under('organisation', filter.underPath));
  if (filter.q) {
    const q = filter.q;
    query = query.where((eb) =>
      eb.or([
        eb('organisation.code', 'like', likePrefix(q)),
        eb('organisation.name', 'ilike', likeAnywhere(q)),
      ]),
    );
  }
  return query;
}
