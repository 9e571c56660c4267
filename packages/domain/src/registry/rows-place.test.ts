import { describe, expect, it } from 'vitest';
import type { RowResult } from './fields.ts';
import { validateBuildingRow, validateHouseRow, validateOrganisationRow } from './rows-place.ts';

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

describe('houses lines', () => {
  const house = { code: 'HBAb00100110302', gridCode: 'Ab001', address: '安次区幸福路1号楼1单元302室' };

  it('accepts the contract fields and the extras', () => {
    const full = {
      ...house,
      buildingCode: 'BAb001001',
      registeredResidents: 3,
      unit: 1,
      floor: -2,
      room: '302',
      areaM2: 89.5,
      use: 'rented',
    };
    expect(validateHouseRow(full)).toEqual({ ok: true, value: full });
    expect(validateHouseRow({ ...house, use: null, room: ' ' })).toEqual({ ok: true, value: house });
  });

  it('names edge cases', () => {
    const cases: [Record<string, unknown>, Partial<ReturnType<typeof rejection>>][] = [
      [
        { ...house, code: 'H 1' },
        { field: 'code', rule: 'code.format', zh: '编码应为不超过40位的字母、数字、下划线或连字符' },
      ],
      [
        { ...house, code: 'H'.repeat(41) },
        { field: 'code', rule: 'tooLong' },
      ],
      [
        { ...house, address: undefined },
        { field: 'address', rule: 'required', code: 'MISSING_FIELD' },
      ],
      [
        { ...house, address: '路'.repeat(201) },
        { field: 'address', rule: 'tooLong', zh: '地址不能超过200个字符' },
      ],
      [
        { ...house, registeredResidents: 1000 },
        { field: 'registeredResidents', rule: 'number.range', zh: '登记人数应在0至999之间' },
      ],
      [
        { ...house, registeredResidents: 2.5 },
        { field: 'registeredResidents', rule: 'number.integer' },
      ],
      [
        { ...house, registeredResidents: '3' },
        { field: 'registeredResidents', rule: 'type', en: 'registeredResidents: must be a number' },
      ],
      [
        { ...house, floor: -6 },
        { field: 'floor', rule: 'number.range' },
      ],
      [
        { ...house, areaM2: 0 },
        { field: 'areaM2', rule: 'number.range', zh: '面积（平方米）应在0（不含）至100000（不含）之间' },
      ],
      [
        { ...house, areaM2: 100_000 },
        { field: 'areaM2', rule: 'number.range' },
      ],
      [
        { ...house, use: 'own' },
        { field: 'use', rule: 'enum' },
      ],
    ];
    for (const [raw, expected] of cases) expect(rejection(validateHouseRow(raw))).toMatchObject(expected);
    expect(validateHouseRow({ ...house, registeredResidents: 0, floor: 200, areaM2: 99_999.99 }).ok).toBe(
      true,
    );
  });
});

describe('buildings lines', () => {
  const building = { code: 'BAb001001', gridCode: 'Ab001', address: '幸福路1号', lat: 39.52, lng: 116.7 };

  it('accepts the boundaries and names what breaks them', () => {
    expect(validateBuildingRow({ ...building, lat: 90, lng: -180, units: 50, floors: 1 }).ok).toBe(true);
    const cases: [Record<string, unknown>, Partial<ReturnType<typeof rejection>>][] = [
      [
        { ...building, lat: 90.01 },
        { field: 'lat', rule: 'number.range', zh: '纬度应在-90至90之间', en: 'lat: must be from -90 to 90' },
      ],
      [
        { ...building, lng: '116.7' },
        { field: 'lng', rule: 'type' },
      ],
      [
        { ...building, lat: undefined, lng: 999 },
        { field: 'lat', rule: 'required' },
      ],
      [
        { ...building, name: '楼'.repeat(101) },
        { field: 'name', rule: 'tooLong', zh: '名称不能超过100个字符' },
      ],
      [
        { ...building, units: 0 },
        { field: 'units', rule: 'number.range', zh: '单元数应在1至50之间' },
      ],
      [
        { ...building, floors: 201 },
        { field: 'floors', rule: 'number.range' },
      ],
    ];
    for (const [raw, expected] of cases) expect(rejection(validateBuildingRow(raw))).toMatchObject(expected);
  });
});

describe('organisations lines', () => {
  const org = {
    code: 'ORG-001',
    kind: 'residents-committee',
    name: '幸福社区居委会',
    unitCode: '131003001001',
  };

  it('attaches to a village or a grid, nothing else', () => {
    expect(validateOrganisationRow(org).ok).toBe(true);
    expect(validateOrganisationRow({ ...org, kind: 'party-branch', unitCode: 'Ab001' }).ok).toBe(true);
    expect(
      validateOrganisationRow({
        ...org,
        kind: 'building-head',
        contactName: '李强',
        contactPhone: '138 0013 8000',
        buildingCode: 'BAb001001',
      }),
    ).toMatchObject({ ok: true, value: { contactPhone: '13800138000' } });
    const cases: [Record<string, unknown>, Partial<ReturnType<typeof rejection>>][] = [
      [
        { ...org, unitCode: '131003001000' },
        {
          field: 'unitCode',
          rule: 'code.format',
          en: 'unitCode: must be a 12-digit village code or a grid code',
        },
      ], // a township
      [
        { ...org, unitCode: '131003' },
        { field: 'unitCode', rule: 'code.format' },
      ],
      [
        { ...org, kind: 'committee' },
        {
          field: 'kind',
          rule: 'enum',
          zh: '组织类型应为以下之一：party-branch, residents-committee, owners-committee, property-company, building-head, service-station',
        },
      ],
      [
        { ...org, name: '' },
        { field: 'name', rule: 'required', zh: '名称不能为空' },
      ],
      [
        { ...org, contactPhone: '0316-1234567' },
        { field: 'contactPhone', rule: 'phone.format', zh: '联系电话应为11位手机号码' },
      ],
    ];
    for (const [raw, expected] of cases)
      expect(rejection(validateOrganisationRow(raw))).toMatchObject(expected);
  });
});
