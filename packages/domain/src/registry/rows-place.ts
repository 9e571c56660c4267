// Import rows for places and the bodies attached to them: houses (一房一档), buildings and the six-in-one
// community organisations (六位一体).

import { statisticalLevel } from '../codes/admin-division.ts';
import { isGridCode } from '../codes/grid-code.ts';
import {
  type Check,
  compact,
  gridCodeCheck,
  integer,
  latitude,
  longitude,
  mobileCheck,
  NOT_TEXT,
  number,
  oneOf,
  type RowResult,
  readRow,
  recordCode,
  THING_LABELS,
  text,
} from './fields.ts';

export const HOUSE_USES = ['owner-occupied', 'rented', 'vacant', 'business'] as const;
export type HouseUse = (typeof HOUSE_USES)[number];

export const ORGANISATION_KINDS = [
  'party-branch',
  'residents-committee',
  'owners-committee',
  'property-company',
  'building-head',
  'service-station',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export interface HouseRow {
  code: string;
  gridCode: string;
  address: string;
  buildingCode?: string;
  registeredResidents?: number;
  unit?: number;
  floor?: number;
  room?: string;
  areaM2?: number;
  use?: HouseUse;
}

export interface BuildingRow {
  code: string;
  gridCode: string;
  address: string;
  lat: number;
  lng: number;
  name?: string;
  units?: number;
  floors?: number;
}

export interface OrganisationRow {
  code: string;
  kind: OrganisationKind;
  name: string;
  /** A village's 12-digit statistical code or a grid code. */
  unitCode: string;
  contactName?: string;
  /** Bare 11 digits. */
  contactPhone?: string;
  buildingCode?: string;
}

const unitCodeCheck: Check<string> = (v) => {
  if (typeof v !== 'string') return NOT_TEXT;
  const value = v.trim();
  return statisticalLevel(value) === 'village' || isGridCode(value)
    ? { value }
    : {
        rule: 'code.format',
        extra: {
          expected: { zh: '12位村（社区）统计代码或网格编码', en: 'a 12-digit village code or a grid code' },
        },
      };
};

/** Validates and normalizes one houses line. */
export function validateHouseRow(raw: unknown): RowResult<HouseRow> {
  return readRow(raw, (row) =>
    compact({
      code: row.need('code', recordCode),
      gridCode: row.need('gridCode', gridCodeCheck),
      address: row.need('address', text(200)),
      buildingCode: row.may('buildingCode', recordCode),
      registeredResidents: row.may('registeredResidents', integer(0, 999)),
      unit: row.may('unit', integer(1, 50)),
      floor: row.may('floor', integer(-5, 200)),
      room: row.may('room', text(20)),
      areaM2: row.may('areaM2', number({ min: 0, max: 100_000, exclusive: true })),
      use: row.may('use', oneOf(HOUSE_USES)),
    }),
  );
}

/** Validates and normalizes one buildings line. */
export function validateBuildingRow(raw: unknown): RowResult<BuildingRow> {
  return readRow(
    raw,
    (row) =>
      compact({
        code: row.need('code', recordCode),
        gridCode: row.need('gridCode', gridCodeCheck),
        address: row.need('address', text(200)),
        lat: row.need('lat', latitude),
        lng: row.need('lng', longitude),
        name: row.may('name', text(100)),
        units: row.may('units', integer(1, 50)),
        floors: row.may('floors', integer(1, 200)),
      }),
    THING_LABELS,
  );
}

/** Validates and normalizes one organisations line. */
export function validateOrganisationRow(raw: unknown): RowResult<OrganisationRow> {
  return readRow(
    raw,
    (row) =>
      compact({
        code: row.need('code', recordCode),
        kind: row.need('kind', oneOf(ORGANISATION_KINDS)),
        name: row.need('name', text(100)),
        unitCode: row.need('unitCode', unitCodeCheck),
        contactName: row.may('contactName', text(50)),
        contactPhone: row.may('contactPhone', mobileCheck),
        buildingCode: row.may('buildingCode', recordCode),
      }),
    THING_LABELS,
  );
}
