// The smart communities' devices and the community organisations, written after the households so the
// buildings they name exist. Contact phones are kept exactly as residents' phones are: ciphertext, keyed
// hash and mask, never in clear.
import { maskMobileNumber, polygonContains } from '@civgrid/domain';
import type { CityPlan } from '@civgrid/sim';
import type pg from 'pg';
import { type CopyValue, copyRows } from '../platform/copy.ts';
import type { FieldCrypto } from '../platform/crypto.ts';
import type { UnitInfo } from './seed-households.ts';

const DEVICE_COLUMNS = ['code', 'type', 'name', 'org_path', 'grid_id', 'lng', 'lat', 'building_id'];
const ORGANISATION_COLUMNS = [
  'code',
  'kind',
  'name',
  'unit_id',
  'org_path',
  'building_id',
  'contact_name',
  'contact_phone_enc',
  'contact_phone_hash',
  'contact_phone_mask',
];

/** The building codes devices and organisations refer to. */
export function buildingsReferenced(plan: CityPlan): Set<string> {
  return new Set(
    [...plan.devices, ...plan.organisations].flatMap((r) => (r.buildingCode ? [r.buildingCode] : [])),
  );
}

function buildingIdOf(buildingIds: Map<string, number>, code: string | undefined, owner: string) {
  if (code === undefined) return null;
  const id = buildingIds.get(code);
  if (id === undefined) throw new Error(`${owner} names building ${code}, which the plan does not have`);
  return id;
}

export async function insertDevices(
  client: pg.PoolClient,
  plan: CityPlan,
  grids: Map<string, UnitInfo>,
  buildingIds: Map<string, number>,
): Promise<number> {
  const rows: CopyValue[][] = plan.devices.map((d) => {
    const grid = grids.get(d.gridCode);
    if (!grid || !polygonContains(grid.boundary, [d.lng, d.lat]))
      throw new Error(`device ${d.code} does not lie inside grid ${d.gridCode}`);
    return [
      d.code,
      d.type,
      d.name,
      grid.path,
      grid.id,
      d.lng,
      d.lat,
      buildingIdOf(buildingIds, d.buildingCode, d.code),
    ];
  });
  await copyRows(client, 'device', DEVICE_COLUMNS, rows);
  return rows.length;
}

export async function insertOrganisations(
  client: pg.PoolClient,
  crypto: FieldCrypto,
  plan: CityPlan,
  units: Map<string, UnitInfo>,
  buildingIds: Map<string, number>,
): Promise<number> {
  const rows: CopyValue[][] = plan.organisations.map((o) => {
    const unit = units.get(o.unitCode);
    if (!unit) throw new Error(`organisation ${o.code}: no unit ${o.unitCode}`);
    return [
      o.code,
      o.kind,
      o.name,
      unit.id,
      unit.path,
      buildingIdOf(buildingIds, o.buildingCode, o.code),
      o.contactName,
      crypto.encrypt(o.contactPhone),
      crypto.keyedHash(o.contactPhone),
      maskMobileNumber(o.contactPhone),
    ];
  });
  await copyRows(client, 'organisation', ORGANISATION_COLUMNS, rows);
  return rows.length;
}
