// Import rows for vehicles (一车一档) and devices (一机一档): the community's sensing devices and residents'
// registered phones, which are devices of type `phone` known by their MAC address.

import {
  compact,
  gridCodeCheck,
  idNumberCheck,
  latitude,
  longitude,
  macCheck,
  oneOf,
  pattern,
  plateCheck,
  type RowResult,
  readRow,
  recordCode,
  THING_LABELS,
  text,
} from './fields.ts';
import { type PlateKind, plateKind } from './plate.ts';

export const DEVICE_TYPES = ['face', 'plate', 'door', 'wifi', 'checkpoint', 'phone'] as const;
export type DeviceType = (typeof DEVICE_TYPES)[number];

export interface VehicleRow {
  /** Normalized: `冀R5M0K3`. */
  plate: string;
  plateKind: PlateKind;
  gridCode: string;
  ownerIdNumber?: string;
  brand?: string;
  colour?: string;
}

export interface DeviceRow {
  code: string;
  type: DeviceType;
  gridCode: string;
  name: string;
  lat: number;
  lng: number;
  houseCode?: string;
  buildingCode?: string;
  /** Lower-case colon form; given exactly when `type` is `phone`. */
  mac?: string;
  /** Required for a phone: whose phone it is. */
  ownerIdNumber?: string;
}

// Long enough for a GA/T 1400 DeviceID (20 digits) and vendors' dotted names.
const deviceCode = pattern(64, /^[A-Za-z0-9_.-]+$/, {
  zh: '不超过64位的字母、数字、点、下划线或连字符',
  en: 'up to 64 letters, digits, ., _ or -',
});
const FOR_PHONES = { zh: '手机类设备（type为phone）', en: 'for type phone' };

/** Validates and normalizes one vehicles line; `today` bounds the owner's identity number. */
export function validateVehicleRow(raw: unknown, today: Date): RowResult<VehicleRow> {
  return readRow(raw, (row) => {
    const plate = row.need('plate', plateCheck);
    return compact({
      plate,
      plateKind: plateKind(plate)!,
      gridCode: row.need('gridCode', gridCodeCheck),
      ownerIdNumber: row.may('ownerIdNumber', idNumberCheck(today)),
      brand: row.may('brand', text(40)),
      colour: row.may('colour', text(20)),
    });
  });
}

/** Validates and normalizes one devices line; a phone needs its MAC and owner, other devices have no MAC. */
export function validateDeviceRow(raw: unknown, today: Date): RowResult<DeviceRow> {
  return readRow(
    raw,
    (row) => {
      const code = row.need('code', deviceCode);
      const type = row.need('type', oneOf(DEVICE_TYPES));
      const gridCode = row.need('gridCode', gridCodeCheck);
      const name = row.need('name', text(100));
      const lat = row.need('lat', latitude);
      const lng = row.need('lng', longitude);
      const houseCode = row.may('houseCode', recordCode);
      const buildingCode = row.may('buildingCode', recordCode);
      const isPhone = type === 'phone';
      // The device table holds a MAC (as a keyed hash) exactly for phones; a wifi probe reports the MACs it
      // sees as events, so a MAC on any other device is a mistake in the file.
      if (!isPhone && row.has('mac')) row.fail('mac', 'field.notAllowed', { context: FOR_PHONES });
      const mac = isPhone ? row.need('mac', macCheck) : undefined;
      const idCheck = idNumberCheck(today);
      const ownerIdNumber = isPhone ? row.need('ownerIdNumber', idCheck) : row.may('ownerIdNumber', idCheck);
      return compact({ code, type, gridCode, name, lat, lng, houseCode, buildingCode, mac, ownerIdNumber });
    },
    THING_LABELS,
  );
}
