import { describe, expect, it } from 'vitest';
import type { RowResult } from './fields.ts';
import { TODAY } from './generators.test-support.ts';
import { validateDeviceRow, validateVehicleRow } from './rows-device.ts';

const OWNER = '11010519491231002X';
const rejection = <T>(result: RowResult<T>) => {
  if (result.ok) throw new Error(`accepted: ${JSON.stringify(result.value)}`);
  return {
    field: result.field,
    rule: result.rule,
    code: result.code,
    zh: result.message.zh,
    en: result.message.en,
  };
};

describe('vehicles lines', () => {
  it('normalizes the plate and records its kind', () => {
    expect(
      validateVehicleRow(
        { plate: '冀r·5m0k3', gridCode: 'Ab001', ownerIdNumber: OWNER.toLowerCase(), brand: '大众' },
        TODAY,
      ),
    ).toEqual({
      ok: true,
      value: {
        plate: '冀R5M0K3',
        plateKind: 'regular',
        gridCode: 'Ab001',
        ownerIdNumber: OWNER,
        brand: '大众',
      },
    });
    expect(validateVehicleRow({ plate: '冀R·D12345', gridCode: 'Ab001' }, TODAY)).toMatchObject({
      ok: true,
      value: { plate: '冀RD12345', plateKind: 'new-energy' },
    });
  });

  it('names the plate problem', () => {
    const row = { plate: '冀R5M0K3', gridCode: 'Ab001' };
    const cases: [Record<string, unknown>, Partial<ReturnType<typeof rejection>>][] = [
      [
        { ...row, plate: '冀R5M0K' },
        { field: 'plate', rule: 'plate.format', code: 'INVALID_PLATE' },
      ],
      [
        { ...row, plate: '台A12345' },
        { field: 'plate', rule: 'plate.province', zh: '号牌号码的省份简称不正确' },
      ],
      [
        { ...row, plate: '冀I5M0K3' },
        { field: 'plate', rule: 'plate.issuer' },
      ],
      [
        { ...row, plate: '冀R5M0I3' },
        {
          field: 'plate',
          rule: 'plate.characters',
          en: 'plate: the serial has characters this kind of plate cannot have',
        },
      ],
      [
        { ...row, plate: 5 },
        { field: 'plate', rule: 'type' },
      ],
      [
        { ...row, ownerIdNumber: '11010519491231002' },
        { field: 'ownerIdNumber', rule: 'idNumber.format', zh: '车主身份证号应为18位：17位数字加1位数字或X' },
      ],
      [
        { ...row, colour: '白'.repeat(21) },
        { field: 'colour', rule: 'tooLong' },
      ],
    ];
    for (const [raw, expected] of cases)
      expect(rejection(validateVehicleRow(raw, TODAY))).toMatchObject(expected);
  });
});

describe('devices lines', () => {
  const camera = {
    code: 'LF-GATE-0001',
    type: 'face',
    gridCode: 'Ab001',
    name: '东门人脸抓拍',
    lat: 39.52,
    lng: 116.7,
  };
  const phone = {
    ...camera,
    code: 'PH-0001',
    type: 'phone',
    name: '张伟的手机',
    mac: '00-1A-2B-3C-4D-5E',
    ownerIdNumber: OWNER,
  };

  it('accepts sensing devices and registered phones, MACs in lower-case colon form', () => {
    expect(validateDeviceRow({ ...camera, houseCode: 'H1', buildingCode: 'B1' }, TODAY)).toEqual({
      ok: true,
      value: { ...camera, houseCode: 'H1', buildingCode: 'B1' },
    });
    expect(validateDeviceRow({ ...camera, code: '13100300001190000001' }, TODAY).ok).toBe(true); // GA/T 1400 DeviceID
    expect(validateDeviceRow(phone, TODAY)).toEqual({
      ok: true,
      value: { ...phone, mac: '00:1a:2b:3c:4d:5e' },
    });
  });

  it('asks a phone for its MAC and owner, and refuses a MAC on anything else', () => {
    const cases: [Record<string, unknown>, Partial<ReturnType<typeof rejection>>][] = [
      [
        { ...phone, mac: undefined },
        { field: 'mac', rule: 'required', code: 'MISSING_FIELD', zh: 'MAC地址不能为空' },
      ],
      [
        { ...phone, ownerIdNumber: null },
        { field: 'ownerIdNumber', rule: 'required' },
      ],
      [
        { ...phone, mac: '00:1a:2b:3c:4d' },
        { field: 'mac', rule: 'mac.format' },
      ],
      [
        { ...phone, mac: '00:1a-2b:3c:4d:5e' },
        { field: 'mac', rule: 'mac.format' },
      ], // mixed separators
      [
        { ...camera, mac: '00:1a:2b:3c:4d:5e' },
        { field: 'mac', rule: 'field.notAllowed', en: 'mac: only allowed for type phone' },
      ],
      [
        { ...camera, type: 'camera' },
        {
          field: 'type',
          rule: 'enum',
          en: 'type: must be one of face, plate, door, wifi, checkpoint, phone',
        },
      ],
      [
        { ...camera, code: '摄像头1' },
        { field: 'code', rule: 'code.format' },
      ],
      [
        { ...camera, name: 7 },
        { field: 'name', rule: 'type', zh: '名称应为文本' },
      ],
      [
        { ...camera, lng: 181 },
        { field: 'lng', rule: 'number.range', zh: '经度应在-180至180之间' },
      ],
    ];
    for (const [raw, expected] of cases)
      expect(rejection(validateDeviceRow(raw, TODAY))).toMatchObject(expected);
  });
});
