// fast-check generators of valid import rows, one per kind, with the fields in contract order and, per
// field, values that break it whatever the other fields hold. Shared by the row tests.

import fc from 'fast-check';
import { gridCode } from '../codes/grid-code.ts';
import { idGender, makeIdNumber } from '../identity/id-number.ts';
import { PLATE_PROVINCES } from './plate.ts';
import type { ImportKind } from './rows.ts';

export const TODAY = new Date('2026-11-29T08:00:00Z');

const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '0123456789';
export const charOf = (alphabet: string) => fc.constantFrom(...Array.from(alphabet));
export const charsOf = (alphabet: string, n: number) =>
  fc.array(charOf(alphabet), { minLength: n, maxLength: n }).map((a) => a.join(''));
const textOf = (alphabet: string, maxLength: number) =>
  fc.string({ unit: charOf(alphabet), minLength: 1, maxLength });

const head = fc
  .tuple(charOf(PLATE_PROVINCES), charOf(LETTERS))
  .map(([p, i]) => p + i)
  .filter((h) => h !== '粤Z');
export const plate = fc.oneof(
  fc.tuple(head, charsOf(LETTERS + DIGITS, 5)).map(([h, s]) => h + s),
  fc.tuple(head, charOf('DF'), charsOf(DIGITS, 5)).map((p) => p.join('')),
  fc.tuple(head, charsOf(DIGITS, 5), charOf('DF')).map((p) => p.join('')),
  fc.tuple(head, charsOf(DIGITS, 4), charOf('挂学警领')).map((p) => p.join('')),
);

export const grid = fc
  .tuple(fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 25 }), fc.integer({ min: 1, max: 999 }))
  .map(([c, t, n]) => gridCode(c, t, n));
export const code = fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/);
export const idNumber = fc
  .tuple(
    fc.constantFrom('131003', '131002', '110105', '130682', '440305', '370202'),
    fc.date({
      min: new Date('1900-01-01T00:00:00Z'),
      max: new Date('2026-11-28T00:00:00Z'),
      noInvalidDate: true,
    }),
    fc.integer({ min: 0, max: 999 }),
  )
  .map(([r, d, s]) =>
    makeIdNumber(r, { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() }, s),
  );
export const mobile = fc
  .tuple(fc.integer({ min: 3, max: 9 }), charsOf(DIGITS, 9))
  .map(([second, rest]) => `1${second}${rest}`);
const chineseName = textOf('张王李赵刘陈杨黄周吴伟芳娜敏静秀英丽强磊军洋', 4);
const address = textOf('廊坊市安次区幸福路号楼单元室0123456789-', 60);
const label = textOf('东西南北门岗大楼党支部物业服务站ABC0123456789', 30);
const lat = fc.double({ min: -90, max: 90, noNaN: true });
const lng = fc.double({ min: -180, max: 180, noNaN: true });
const mac = fc
  .tuple(
    fc.array(charsOf('0123456789abcdefABCDEF', 2), { minLength: 6, maxLength: 6 }),
    fc.constantFrom(':', '-'),
  )
  .map(([pairs, sep]) => pairs.join(sep));
const isoInstant = fc
  .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString());

const tag = fc
  .tuple(fc.stringMatching(/^[a-z][a-z0-9-]{1,39}$/), label, isoInstant, isoInstant, fc.boolean())
  .map(([category, reason, a, b, isOpen]) => {
    const [from, until] = a <= b ? [a, b] : [b, a];
    return isOpen ? { category, reason, from } : { category, reason, from, until };
  });
// Open-ended tags must not repeat a category; closed ones may (a fresh symbol never collides).
const tags = fc.uniqueArray(tag, { maxLength: 5, selector: (t) => ('until' in t ? Symbol() : t.category) });

const person = fc
  .record(
    {
      idNumber,
      name: chineseName,
      gridCode: grid,
      houseCode: code,
      phone: mobile,
      withBirthDate: fc.boolean(),
      withGender: fc.boolean(),
      householdType: fc.constantFrom('registered', 'floating', 'overseas'),
      relation: fc.constantFrom('户主', '配偶', '子女', '父母', '其他'),
      tags,
    },
    { requiredKeys: ['idNumber', 'name', 'gridCode', 'withBirthDate', 'withGender'] },
  )
  .map(({ withBirthDate, withGender, ...row }) => {
    const id = row.idNumber;
    const out: Record<string, unknown> = { ...row };
    if (withBirthDate) out.birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
    if (withGender) out.gender = idGender(id);
    return out;
  });

const device = fc
  .record(
    {
      code: fc.stringMatching(/^[A-Za-z0-9_.-]{1,64}$/),
      type: fc.constantFrom('face', 'plate', 'door', 'wifi', 'checkpoint', 'phone'),
      gridCode: grid,
      name: label,
      lat,
      lng,
      houseCode: code,
      buildingCode: code,
      mac,
      ownerIdNumber: idNumber,
    },
    { requiredKeys: ['code', 'type', 'gridCode', 'name', 'lat', 'lng', 'mac', 'ownerIdNumber'] },
  )
  .map(({ mac, ownerIdNumber, ...row }) => (row.type === 'phone' ? { ...row, mac, ownerIdNumber } : row));

/** A valid row of each kind, as a sender would write it. */
export const VALID_ROWS: Record<ImportKind, fc.Arbitrary<Record<string, unknown>>> = {
  persons: person,
  houses: fc.record(
    {
      code,
      gridCode: grid,
      address,
      buildingCode: code,
      registeredResidents: fc.integer({ min: 0, max: 999 }),
      unit: fc.integer({ min: 1, max: 50 }),
      floor: fc.integer({ min: -5, max: 200 }),
      room: charsOf(DIGITS, 4),
      areaM2: fc.double({ min: 0.01, max: 99_999.99, noNaN: true }),
      use: fc.constantFrom('owner-occupied', 'rented', 'vacant', 'business'),
    },
    { requiredKeys: ['code', 'gridCode', 'address'] },
  ),
  buildings: fc.record(
    {
      code,
      gridCode: grid,
      address,
      lat,
      lng,
      name: label,
      units: fc.integer({ min: 1, max: 50 }),
      floors: fc.integer({ min: 1, max: 200 }),
    },
    { requiredKeys: ['code', 'gridCode', 'address', 'lat', 'lng'] },
  ),
  vehicles: fc.record(
    {
      plate,
      gridCode: grid,
      ownerIdNumber: idNumber,
      brand: label,
      colour: fc.constantFrom('白', '黑', '银'),
    },
    { requiredKeys: ['plate', 'gridCode'] },
  ),
  devices: device,
  organisations: fc.record(
    {
      code,
      kind: fc.constantFrom(
        'party-branch',
        'residents-committee',
        'owners-committee',
        'property-company',
        'building-head',
        'service-station',
      ),
      name: label,
      unitCode: fc.oneof(grid, fc.constantFrom('131003001001', '131002004201')),
      contactName: chineseName,
      contactPhone: mobile,
      buildingCode: code,
    },
    { requiredKeys: ['code', 'kind', 'name', 'unitCode'] },
  ),
};

const missing = [undefined, null, '', '   '];
const notText = [42, true, ['x'], { a: 1 }];
const badCode = ['a b', 'x'.repeat(41), '楼1', ...notText];
const badGrid = ['ab001', 'AB001', 'Ab000', 'Ab01', 'Aé001', ...notText];
const badId = [
  '13068219900101123',
  '130682199001011235',
  '990682199001011234',
  '130682199002301234',
  130682199001011230, // a spreadsheet's number: an ID number must be text
];
const badPhone = ['12800138000', '1380013800', '010-12345678', 13800138000];
const badLat = [90.5, -91, '39.5', Number.NaN, Number.POSITIVE_INFINITY];
const badLng = [180.5, -181, '116.4', Number.NaN];
const tooLong = (n: number) => 'x'.repeat(n + 1);

/** Per kind and field (in field order), values that break the field whatever the other fields hold. */
export const INVALID_VALUES: Record<ImportKind, Record<string, unknown[]>> = {
  persons: {
    idNumber: [...missing, ...badId],
    name: [...missing, tooLong(50), 'a\u0000b', ...notText],
    gridCode: [...missing, ...badGrid],
    houseCode: badCode,
    phone: badPhone,
    birthDate: ['1990-02-30', '1990/01/01', '19900101', 19900101],
    gender: ['M', 'Male', 1],
    householdType: ['local', 'Registered', 0],
    relation: [tooLong(20), 5],
    tags: ['elderly-alone', { category: 'elderly-alone' }, [1], [{}], [{ category: 'Elderly', reason: 'x' }]],
  },
  houses: {
    code: [...missing, ...badCode],
    gridCode: [...missing, ...badGrid],
    address: [...missing, tooLong(200), 7],
    buildingCode: badCode,
    registeredResidents: [-1, 1000, 2.5, '3'],
    unit: [0, 51, 1.5, '1'],
    floor: [-6, 201, 3.5, '3'],
    room: [tooLong(20), 301],
    areaM2: [0, -5, 100_000, '80'],
    use: ['own', 'Rented', 1],
  },
  buildings: {
    code: [...missing, ...badCode],
    gridCode: [...missing, ...badGrid],
    address: [...missing, tooLong(200)],
    lat: [...missing, ...badLat],
    lng: [...missing, ...badLng],
    name: [tooLong(100), 3],
    units: [0, 51, 2.5],
    floors: [0, 201, '6'],
  },
  vehicles: {
    plate: [...missing, '冀R5M0K', 'AR5M0K3', '冀I5M0K3', '冀R5M0I3', '粤Z12345', 12345],
    gridCode: [...missing, ...badGrid],
    ownerIdNumber: badId,
    brand: [tooLong(40), 1],
    colour: [tooLong(20), 1],
  },
  devices: {
    code: [...missing, 'a b', 'x'.repeat(65), '摄像头1', 1],
    type: [...missing, 'camera', 'Face', 1],
    gridCode: [...missing, ...badGrid],
    name: [...missing, tooLong(100)],
    lat: [...missing, ...badLat],
    lng: [...missing, ...badLng],
    houseCode: badCode,
    buildingCode: badCode,
    mac: ['00:11:22:33:44', '00:11:22-33:44:55', '0011.2233.4455', 'zz:11:22:33:44:55', 1],
    ownerIdNumber: badId,
  },
  organisations: {
    code: [...missing, ...badCode],
    kind: [...missing, 'party', 'Party-Branch'],
    name: [...missing, tooLong(100)],
    unitCode: [...missing, '131003001000', '131003', 'ab001', 131003001001],
    contactName: [tooLong(50), 1],
    contactPhone: badPhone,
    buildingCode: badCode,
  },
};
