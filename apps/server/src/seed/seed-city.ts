// Writes a synthetic city (packages/sim) into an empty database: the hierarchy, accounts, then buildings,
// houses, residents with their attention categories and cars in batches of COPY statements, then the
// smart communities' devices and the community organisations — all in one transaction, so a failed seed
// leaves nothing.
import { DEMO_PASSWORD, type Polygon, polygonBounds } from '@civgrid/domain';
import type { CityOptions, CityPlan, OrgUnitSeed } from '@civgrid/sim';
import type pg from 'pg';
import { hashPassword } from '../modules/auth/passwords.ts';
import type { FieldCrypto } from '../platform/crypto.ts';
import {
  type HouseholdCounts,
  insertHouseholds,
  type SeedProgress,
  type UnitInfo,
} from './seed-households.ts';
import { buildingsReferenced, insertDevices, insertOrganisations } from './seed-registers.ts';

export type { SeedProgress } from './seed-households.ts';

export interface SeedSummary extends HouseholdCounts {
  units: number;
  users: number;
  devices: number;
  organisations: number;
}

export async function isSeeded(pool: pg.Pool): Promise<boolean> {
  const { rowCount } = await pool.query('select 1 from org_unit limit 1');
  return (rowCount ?? 0) > 0;
}

/** Where the seed records which plan it wrote, so the event simulator can replay the same city. */
const PLAN_SETTING = 'seed.plan';

/** The options of the plan the database was seeded with; `null` when it was not seeded by civgrid. */
export async function seededPlanOptions(pool: pg.Pool): Promise<Required<CityOptions> | null> {
  const { rows } = await pool.query<{ value: Required<CityOptions> }>(
    'select value from app_setting where key = $1',
    [PLAN_SETTING],
  );
  return rows[0]?.value ?? null;
}

/** Seeds `plan`; attention categories start at `seededAt` and are set by `seed`. */
export async function seedCity(
  pool: pg.Pool,
  crypto: FieldCrypto,
  plan: CityPlan,
  onProgress?: SeedProgress,
  seededAt: Date = new Date(),
): Promise<SeedSummary> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    if ((await client.query('select 1 from org_unit limit 1')).rowCount) {
      throw new Error('the database already holds a city; seed only an empty database');
    }
    const units = await insertUnits(client, plan.units);
    const grids = new Map([...units].filter(([, u]) => u.level === 'grid'));
    const users = await insertUsers(client, plan);
    const { counts, buildingIds } = await insertHouseholds(
      client,
      crypto,
      plan,
      grids,
      buildingsReferenced(plan),
      seededAt,
      onProgress,
    );
    const devices = await insertDevices(client, plan, grids, buildingIds);
    const organisations = await insertOrganisations(client, crypto, plan, units, buildingIds);
    await client.query('insert into app_setting (key, value) values ($1, $2)', [
      PLAN_SETTING,
      JSON.stringify(plan.options),
    ]);
    // Ids assigned here must not be handed out again by the identity columns.
    for (const table of ['building', 'house', 'person']) {
      await client.query(
        `select setval(pg_get_serial_sequence('${table}', 'id'), greatest((select max(id) from ${table}), 1))`,
      );
    }
    await client.query('commit');
    await client.query('analyze');
    return { units: plan.units.length, users, ...counts, devices, organisations };
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

interface LevelledUnit extends UnitInfo {
  level: OrgUnitSeed['level'];
}

/** Inserts units level by level (parents first) and returns every unit by code. */
async function insertUnits(client: pg.PoolClient, units: OrgUnitSeed[]): Promise<Map<string, LevelledUnit>> {
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
  const { rows } = await client.query<{
    id: string;
    code: string;
    level: OrgUnitSeed['level'];
    org_path: string;
    boundary: Polygon;
  }>(`select id, code, level, org_path::text, boundary from org_unit`);
  return new Map(
    rows.map((r) => [r.code, { id: r.id, level: r.level, path: r.org_path, boundary: r.boundary }]),
  );
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
