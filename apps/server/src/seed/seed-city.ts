// Writes a synthetic city (packages/sim) into an empty database: the hierarchy, accounts, and buildings,
// houses and residents in batches of COPY statements, all in one transaction so a failed seed leaves nothing.
import {
  DEMO_PASSWORD,
  maskIdNumber,
  maskMobileNumber,
  type Polygon,
  polygonBounds,
  polygonContains,
} from '@civgrid/domain';
import type { CityPlan, OrgUnitSeed } from '@civgrid/sim';
import type pg from 'pg';
import { hashPassword } from '../modules/auth/passwords.ts';
import { nameInitials } from '../modules/registry/name-initials.ts';
import type { FieldCrypto } from '../platform/crypto.ts';
import { type CopyValue, copyRows } from './copy.ts';

export type SeedProgress = (residentsDone: number, residentsTotal: number) => void;

export interface SeedSummary {
  units: number;
  users: number;
  buildings: number;
  houses: number;
  residents: number;
}

const BATCH_RESIDENTS = 20_000;

export async function isSeeded(pool: pg.Pool): Promise<boolean> {
  const { rowCount } = await pool.query('select 1 from org_unit limit 1');
  return (rowCount ?? 0) > 0;
}

export async function seedCity(
  pool: pg.Pool,
  crypto: FieldCrypto,
  plan: CityPlan,
  onProgress?: SeedProgress,
): Promise<SeedSummary> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    if ((await client.query('select 1 from org_unit limit 1')).rowCount) {
      throw new Error('the database already holds a city; seed only an empty database');
    }
    const grids = await insertUnits(client, plan.units);
    const users = await insertUsers(client, plan);
    const counts = await insertHouseholds(client, crypto, plan, grids, onProgress);
    for (const table of ['building', 'house', 'person']) {
      await client.query(
        `select setval(pg_get_serial_sequence('${table}', 'id'), greatest((select max(id) from ${table}), 1))`,
      );
    }
    await client.query('commit');
    await client.query('analyze');
    return { units: plan.units.length, users, ...counts };
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

interface GridInfo {
  id: string;
  path: string;
  boundary: Polygon;
}

/** Inserts units level by level (parents first) and returns the grids by code. */
async function insertUnits(client: pg.PoolClient, units: OrgUnitSeed[]): Promise<Map<string, GridInfo>> {
  const paths = new Map<string, string>();
  for (const unit of units) {
    const parentPath = unit.parentCode ? paths.get(unit.parentCode) : '';
    if (parentPath === undefined)
      throw new Error(`unit ${unit.code} comes before its parent ${unit.parentCode}`);
    paths.set(unit.code, parentPath ? `${parentPath}.${unit.code}` : unit.code);
  }
  for (const level of ['city', 'county', 'township', 'village', 'grid'] as const) {
    const rows = units.filter((u) => u.level === level);
    const column = <T>(pick: (u: OrgUnitSeed) => T) => rows.map(pick);
    await client.query(
      `insert into org_unit (level, code, name, parent_id, org_path, boundary, bbox, centre_lng, centre_lat, smart_community)
       select $1, u.code, u.name, p.id, u.path::ltree, u.boundary::jsonb, u.bbox::box, u.lng, u.lat, u.smart
       from unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::float8[], $9::float8[], $10::bool[])
         as u(code, name, parent, path, boundary, bbox, lng, lat, smart)
       left join org_unit p on p.code = u.parent`,
      [
        level,
        column((u) => u.code),
        column((u) => u.name),
        column((u) => u.parentCode),
        column((u) => paths.get(u.code)),
        column((u) => JSON.stringify(u.boundary)),
        column((u) => {
          const [w, s, e, n] = polygonBounds(u.boundary);
          return `(${w},${s}),(${e},${n})`;
        }),
        column((u) => u.centre[0]),
        column((u) => u.centre[1]),
        column((u) => u.smartCommunity),
      ],
    );
  }
  const { rows } = await client.query<{ id: string; code: string; org_path: string; boundary: Polygon }>(
    `select id, code, org_path::text, boundary from org_unit where level = 'grid'`,
  );
  return new Map(rows.map((r) => [r.code, { id: r.id, path: r.org_path, boundary: r.boundary }]));
}

async function insertUsers(client: pg.PoolClient, plan: CityPlan): Promise<number> {
  // Every demo account has the same public password; one argon2id hash serves them all, which keeps
  // a city-scale seed (5,378 grid workers) from spending minutes hashing the same string.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const { rowCount } = await client.query(
    `insert into app_user (username, display_name, role, scope_id, org_path, password_hash)
     select u.username, u.display_name, u.role, o.id, o.org_path, $5
     from unnest($1::text[], $2::text[], $3::text[], $4::text[]) as u(username, display_name, role, scope)
     join org_unit o on o.code = u.scope`,
    [
      plan.users.map((u) => u.username),
      plan.users.map((u) => u.displayName),
      plan.users.map((u) => u.role),
      plan.users.map((u) => u.scopeCode),
      passwordHash,
    ],
  );
  if (rowCount !== plan.users.length)
    throw new Error('a demo account is scoped to a unit that does not exist');
  return rowCount ?? 0;
}

/** The grid whose polygon holds the point: the planned grid when it does, else whichever does. */
function placeInGrid(grids: Map<string, GridInfo>, plannedCode: string, lng: number, lat: number): GridInfo {
  const planned = grids.get(plannedCode);
  if (planned && polygonContains(planned.boundary, [lng, lat])) return planned;
  for (const grid of grids.values()) if (polygonContains(grid.boundary, [lng, lat])) return grid;
  throw new Error(`no grid holds the point ${lng},${lat}`);
}

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

async function insertHouseholds(
  client: pg.PoolClient,
  crypto: FieldCrypto,
  plan: CityPlan,
  grids: Map<string, GridInfo>,
  onProgress?: SeedProgress,
) {
  // Ids are assigned here (COPY may set identity columns) so houses and residents can point at their
  // building and house without a lookup per row.
  const counts = { buildings: 0, houses: 0, residents: 0 };
  let buildings: CopyValue[][] = [];
  let houses: CopyValue[][] = [];
  let persons: CopyValue[][] = [];
  const flush = async () => {
    await copyRows(client, 'building', BUILDING_COLUMNS, buildings);
    await copyRows(client, 'house', HOUSE_COLUMNS, houses);
    await copyRows(client, 'person', PERSON_COLUMNS, persons);
    buildings = [];
    houses = [];
    persons = [];
    onProgress?.(counts.residents, plan.options.residents);
  };
  for (const { building, houses: rooms } of plan.households()) {
    const grid = placeInGrid(grids, building.gridCode, building.lng, building.lat);
    const buildingId = ++counts.buildings;
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
        counts.residents++;
        persons.push([
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
      }
    }
    if (persons.length >= BATCH_RESIDENTS) await flush();
  }
  await flush();
  return counts;
}
