// Buildings, houses, residents, their attention categories, their cars and the door cards of the
// residents of buildings with a door reader, in COPY batches of about 20,000 residents. Ids are assigned here (COPY may set identity columns) so houses, residents, tags and
// cars can point at their building, house and person without a lookup per row.
import { maskIdNumber, maskMobileNumber, type Polygon, plateKind, polygonContains } from '@civgrid/domain';
import { accessCardNumber, type CityPlan, carriesAccessCard, doorReaderBuildings } from '@civgrid/sim';
import type pg from 'pg';
import { nameInitials } from '../modules/registry/name-initials.ts';
import { type CopyValue, copyRows } from '../platform/copy.ts';
import type { FieldCrypto } from '../platform/crypto.ts';

export type SeedProgress = (residentsDone: number, residentsTotal: number) => void;

export interface UnitInfo {
  id: string;
  path: string;
  boundary: Polygon;
}

export interface HouseholdCounts {
  buildings: number;
  houses: number;
  residents: number;
  tags: number;
  vehicles: number;
  cards: number;
}

const BATCH_RESIDENTS = 20_000;

const BUILDING_COLUMNS = [
  'id',
  'code',
  'grid_id',
  'org_path',
  'name',
  'address',
  'lng',
  'lat',
  'units',
  'floors',
];
const HOUSE_COLUMNS = [
  'id',
  'code',
  'building_id',
  'org_path',
  'unit',
  'floor',
  'room',
  'address',
  'area_m2',
  'use',
  'registered_residents',
];
const PERSON_COLUMNS = [
  'id',
  'org_path',
  'id_number_enc',
  'id_number_hash',
  'id_number_mask',
  'id_last4',
  'name',
  'name_initials',
  'gender',
  'birth_date',
  'phone_enc',
  'phone_hash',
  'phone_mask',
  'household_type',
  'house_id',
  'relation',
];
const TAG_COLUMNS = ['person_id', 'org_path', 'category', 'reason', 'valid_from', 'set_by', 'set_at'];
const VEHICLE_COLUMNS = ['plate', 'plate_kind', 'org_path', 'owner_person_id', 'brand', 'colour'];
const CARD_COLUMNS = ['card_hash', 'person_id', 'org_path', 'issued_at'];

/** The grid whose polygon holds the point: the planned grid when it does, else whichever does. */
function placeInGrid(grids: Map<string, UnitInfo>, plannedCode: string, lng: number, lat: number): UnitInfo {
  const planned = grids.get(plannedCode);
  if (planned && polygonContains(planned.boundary, [lng, lat])) return planned;
  for (const grid of grids.values()) if (polygonContains(grid.boundary, [lng, lat])) return grid;
  throw new Error(`no grid holds the point ${lng},${lat}`);
}

/**
 * Writes every household of the plan. Returns the counts and the ids of the buildings in `wanted`
 * (those devices and organisations refer to), so they need no lookup either.
 */
export async function insertHouseholds(
  client: pg.PoolClient,
  crypto: FieldCrypto,
  plan: CityPlan,
  grids: Map<string, UnitInfo>,
  wanted: ReadonlySet<string>,
  seededAt: Date,
  onProgress?: SeedProgress,
): Promise<{ counts: HouseholdCounts; buildingIds: Map<string, number> }> {
  const counts: HouseholdCounts = { buildings: 0, houses: 0, residents: 0, tags: 0, vehicles: 0, cards: 0 };
  const doorBuildings = doorReaderBuildings(plan);
  const buildingIds = new Map<string, number>();
  const at = seededAt.toISOString();
  let buildings: CopyValue[][] = [];
  let houses: CopyValue[][] = [];
  let persons: CopyValue[][] = [];
  let tags: CopyValue[][] = [];
  let vehicles: CopyValue[][] = [];
  let cards: CopyValue[][] = [];
  const flush = async () => {
    // Parents before children: the foreign keys are checked statement by statement.
    await copyRows(client, 'building', BUILDING_COLUMNS, buildings);
    await copyRows(client, 'house', HOUSE_COLUMNS, houses);
    await copyRows(client, 'person', PERSON_COLUMNS, persons);
    await copyRows(client, 'person_tag', TAG_COLUMNS, tags);
    await copyRows(client, 'vehicle', VEHICLE_COLUMNS, vehicles);
    await copyRows(client, 'access_card', CARD_COLUMNS, cards);
    buildings = [];
    houses = [];
    persons = [];
    tags = [];
    vehicles = [];
    cards = [];
    onProgress?.(counts.residents, plan.options.residents);
  };
  for (const { building, houses: rooms, vehicles: cars } of plan.households()) {
    const grid = placeInGrid(grids, building.gridCode, building.lng, building.lat);
    const buildingId = ++counts.buildings;
    if (wanted.has(building.code)) buildingIds.set(building.code, buildingId);
    buildings.push([
      buildingId,
      building.code,
      grid.id,
      grid.path,
      building.name,
      building.address,
      building.lng,
      building.lat,
      building.units,
      building.floors,
    ]);
    // Cars belong to residents of the same building: their ids are known by the time the cars are written.
    const personIds = new Map<string, number>();
    const hasDoorReader = doorBuildings.has(building.code);
    for (const { house, persons: residents } of rooms) {
      const houseId = ++counts.houses;
      houses.push([
        houseId,
        house.code,
        buildingId,
        grid.path,
        house.unit,
        house.floor,
        house.room,
        house.address,
        house.areaM2,
        house.use,
        house.registeredResidents,
      ]);
      for (const p of residents) {
        const personId = ++counts.residents;
        if (cars.length > 0) personIds.set(p.idNumber, personId);
        persons.push([
          personId,
          grid.path,
          crypto.encrypt(p.idNumber),
          crypto.keyedHash(p.idNumber),
          maskIdNumber(p.idNumber),
          p.idNumber.slice(-4),
          p.name,
          nameInitials(p.name),
          p.gender,
          p.birthDate,
          p.phone ? crypto.encrypt(p.phone) : null,
          p.phone ? crypto.keyedHash(p.phone) : null,
          p.phone ? maskMobileNumber(p.phone) : null,
          p.householdType,
          houseId,
          p.relation,
        ]);
        // Card numbers follow the resident's place in the plan (person id − 1), as the simulator's do.
        if (hasDoorReader && carriesAccessCard(p)) {
          counts.cards++;
          const cardNo = accessCardNumber(plan.options.seed, personId - 1);
          cards.push([crypto.keyedHash(`card:${cardNo}`), personId, grid.path, at]);
        }
        for (const tag of p.tags) {
          counts.tags++;
          tags.push([personId, grid.path, tag.category, tag.reason, at, 'seed', at]);
        }
      }
    }
    for (const car of cars) {
      const kind = plateKind(car.plate);
      const owner = personIds.get(car.ownerIdNumber);
      if (!kind || owner === undefined) throw new Error(`car ${car.plate}: invalid plate or unknown owner`);
      counts.vehicles++;
      vehicles.push([car.plate, kind, grid.path, owner, car.brand, car.colour]);
    }
    if (persons.length >= BATCH_RESIDENTS) await flush();
  }
  await flush();
  return { counts, buildingIds };
}
