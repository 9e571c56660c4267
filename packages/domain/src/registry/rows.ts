// The registers the bulk import accepts (`POST /api/v1/import/{kind}`) and one validator per kind, each
// taking one parsed NDJSON line.

import type { RowResult } from './fields.ts';
import { type DeviceRow, type VehicleRow, validateDeviceRow, validateVehicleRow } from './rows-device.ts';
import { type PersonRow, validatePersonRow } from './rows-person.ts';
import {
  type BuildingRow,
  type HouseRow,
  type OrganisationRow,
  validateBuildingRow,
  validateHouseRow,
  validateOrganisationRow,
} from './rows-place.ts';

/** Every import kind; the contract's four (persons, houses, vehicles, devices) plus buildings and organisations. */
export const IMPORT_KINDS = [
  'persons',
  'houses',
  'buildings',
  'vehicles',
  'devices',
  'organisations',
] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export interface ImportRows {
  persons: PersonRow;
  houses: HouseRow;
  buildings: BuildingRow;
  vehicles: VehicleRow;
  devices: DeviceRow;
  organisations: OrganisationRow;
}

/** The validator of each kind; `today` is the import instant (identity numbers, tag start defaults). */
export const IMPORT_VALIDATORS: {
  readonly [K in ImportKind]: (raw: unknown, today: Date) => RowResult<ImportRows[K]>;
} = {
  persons: validatePersonRow,
  houses: (raw) => validateHouseRow(raw),
  buildings: (raw) => validateBuildingRow(raw),
  vehicles: validateVehicleRow,
  devices: validateDeviceRow,
  organisations: (raw) => validateOrganisationRow(raw),
};

/** True for one of `IMPORT_KINDS` (the `{kind}` of the import URL). */
export function isImportKind(value: string): value is ImportKind {
  return (IMPORT_KINDS as readonly string[]).includes(value);
}

/** The normalized row, or the first rule it breaks in field order; never throws, whatever `raw` is. */
export function validateImportRow<K extends ImportKind>(
  kind: K,
  raw: unknown,
  today: Date,
): RowResult<ImportRows[K]> {
  return IMPORT_VALIDATORS[kind](raw, today);
}
