// What each register's import accepts: the field keys the server reads, which are required, which are
// numbers, and which take a code from a fixed list (a cell may hold the code or its name instead).
import type { MessageKey } from '../../../../i18n/zh-CN.ts';
import type { RegisterKind } from '../shared/registers.ts';

/** Field keys that have a label `field.<kind>.<key>` in the message files. */
export type FieldKey<K extends RegisterKind> = MessageKey extends infer M
  ? M extends `field.${K}.${infer F}`
    ? F
    : never
  : never;

export type ValueKind = 'text' | 'number' | 'date';

/** A fixed list of codes, named by `enum.<list>.<code>` in the message files. */
export type EnumList = 'gender' | 'householdType' | 'houseUse' | 'deviceType' | 'orgKind';

export interface ImportField<K extends RegisterKind = RegisterKind> {
  key: FieldKey<K>;
  isRequired?: boolean;
  value?: ValueKind;
  codes?: { list: EnumList; values: readonly string[] };
}

type FieldTable = { [K in RegisterKind]: readonly ImportField<K>[] };

const GENDERS = { list: 'gender', values: ['male', 'female'] } as const;
const HOUSEHOLD_TYPES = { list: 'householdType', values: ['registered', 'floating', 'overseas'] } as const;
const HOUSE_USES = { list: 'houseUse', values: ['owner-occupied', 'rented', 'vacant', 'business'] } as const;
const DEVICE_TYPES = {
  list: 'deviceType',
  values: ['face', 'plate', 'door', 'wifi', 'checkpoint', 'phone'],
} as const;
const ORG_KINDS = {
  list: 'orgKind',
  values: [
    'party-branch',
    'residents-committee',
    'owners-committee',
    'property-company',
    'building-head',
    'service-station',
  ],
} as const;

export const IMPORT_FIELDS: FieldTable = {
  persons: [
    { key: 'idNumber', isRequired: true },
    { key: 'name', isRequired: true },
    { key: 'gridCode', isRequired: true },
    { key: 'houseCode' },
    { key: 'phone' },
    { key: 'birthDate', value: 'date' },
    { key: 'gender', codes: GENDERS },
    { key: 'householdType', codes: HOUSEHOLD_TYPES },
    { key: 'relation' },
    // Sent together as `tags: [{ category, reason }]`.
    { key: 'tagCategory' },
    { key: 'tagReason' },
  ],
  houses: [
    { key: 'code', isRequired: true },
    { key: 'gridCode', isRequired: true },
    { key: 'address', isRequired: true },
    { key: 'buildingCode' },
    { key: 'registeredResidents', value: 'number' },
    { key: 'unit', value: 'number' },
    { key: 'floor', value: 'number' },
    { key: 'room' },
    { key: 'areaM2', value: 'number' },
    { key: 'use', codes: HOUSE_USES },
  ],
  buildings: [
    { key: 'code', isRequired: true },
    { key: 'gridCode', isRequired: true },
    { key: 'address', isRequired: true },
    { key: 'lat', isRequired: true, value: 'number' },
    { key: 'lng', isRequired: true, value: 'number' },
    { key: 'name' },
    { key: 'units', value: 'number' },
    { key: 'floors', value: 'number' },
  ],
  vehicles: [
    { key: 'plate', isRequired: true },
    { key: 'gridCode', isRequired: true },
    { key: 'ownerIdNumber' },
    { key: 'brand' },
    { key: 'colour' },
  ],
  devices: [
    { key: 'code', isRequired: true },
    { key: 'type', isRequired: true, codes: DEVICE_TYPES },
    { key: 'gridCode', isRequired: true },
    { key: 'name', isRequired: true },
    { key: 'lat', isRequired: true, value: 'number' },
    { key: 'lng', isRequired: true, value: 'number' },
    { key: 'houseCode' },
    { key: 'buildingCode' },
    { key: 'mac' },
    { key: 'ownerIdNumber' },
  ],
  organisations: [
    { key: 'code', isRequired: true },
    { key: 'kind', isRequired: true, codes: ORG_KINDS },
    { key: 'name', isRequired: true },
    { key: 'unitCode', isRequired: true },
    { key: 'contactName' },
    { key: 'contactPhone' },
    { key: 'buildingCode' },
  ],
};

/** The fields of `kind`, with their keys widened to strings for code that handles any register. */
export function fieldsOf(kind: RegisterKind): readonly ImportField[] {
  return IMPORT_FIELDS[kind] as readonly ImportField[];
}

/** The message key of a field's label. */
export function fieldLabelKey(kind: RegisterKind, key: string): MessageKey {
  return `field.${kind}.${key}` as MessageKey;
}
