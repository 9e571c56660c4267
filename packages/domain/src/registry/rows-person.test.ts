import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idGender, makeIdNumber } from '../identity/id-number.ts';
import { parseInstant } from './dates.ts';
import { TODAY } from './generators.test-support.ts';
import { validatePersonRow } from './rows-person.ts';

const ID = '11010519491231002X'; // GB 11643's own example: born 1949-12-31, female
const base = { idNumber: ID, name: '王芳', gridCode: 'Ab001' };
const rejectionOf = (raw: unknown) => {
  const result = validatePersonRow(raw, TODAY);
  if (result.ok) throw new Error(`accepted ${JSON.stringify(raw)}`);
  return {
    field: result.field,
    rule: result.rule,
    code: result.code,
    zh: result.message.zh,
    en: result.message.en,
  };
};

describe('persons lines', () => {
  it('normalizes what people type and takes gender and birth date from the identity number', () => {
    const result = validatePersonRow(
      {
        ...base,
        idNumber: ' 11010519491231002x ',
        name: ' 王芳 ',
        phone: '+86 138-0013-8000',
        houseCode: null,
      },
      TODAY,
    );
    expect(result).toEqual({
      ok: true,
      value: {
        idNumber: ID,
        name: '王芳',
        gridCode: 'Ab001',
        phone: '13800138000',
        birthDate: '1949-12-31',
        gender: 'female',
        householdType: 'registered',
      },
    });
    // Only given fields are carried: an update can tell "not given" from "cleared".
    expect(Object.keys(result.ok ? result.value : {})).not.toContain('houseCode');
    expect(Object.keys(result.ok ? result.value : {})).not.toContain('tags');
  });

  it('keeps given gender and birth date only when they agree with the identity number', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1930-01-01T00:00:00Z'),
          max: new Date('2020-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.integer({ min: 0, max: 999 }),
        fc.integer({ min: 1, max: 3000 }),
        (birth, seq, shiftDays) => {
          const id = makeIdNumber(
            '131003',
            { year: birth.getUTCFullYear(), month: birth.getUTCMonth() + 1, day: birth.getUTCDate() },
            seq,
          );
          const date = birth.toISOString().slice(0, 10);
          const other = new Date(birth.getTime() - shiftDays * 86_400_000).toISOString().slice(0, 10);
          const gender = idGender(id);
          const row = { ...base, idNumber: id };
          expect(validatePersonRow({ ...row, birthDate: date, gender }, TODAY)).toMatchObject({
            ok: true,
            value: { birthDate: date, gender },
          });
          expect(rejectionOf({ ...row, birthDate: other })).toMatchObject({
            field: 'birthDate',
            rule: 'birthDate.mismatch',
          });
          const wrong = gender === 'male' ? 'female' : 'male';
          expect(rejectionOf({ ...row, gender: wrong })).toMatchObject({ field: 'gender', rule: 'enum' });
        },
      ),
    );
  });

  it('names the rule, the API code and the field for each kind of mistake', () => {
    const cases: [Record<string, unknown>, Partial<ReturnType<typeof rejectionOf>>][] = [
      [
        { ...base, idNumber: '110105194912310021' },
        {
          field: 'idNumber',
          rule: 'idNumber.checkDigit',
          code: 'INVALID_ID_NUMBER',
          zh: '身份证号校验位不正确',
          en: 'idNumber: the check digit is wrong',
        },
      ],
      [{ ...base, idNumber: '1101051949123100' }, { rule: 'idNumber.format' }],
      [
        { ...base, idNumber: makeIdNumber('990105', { year: 1990, month: 1, day: 1 }, 1) },
        { rule: 'idNumber.region' },
      ],
      [
        { ...base, idNumber: makeIdNumber('110105', { year: 2027, month: 1, day: 1 }, 1) },
        { rule: 'idNumber.birthDate' },
      ], // after the import day
      [
        { ...base, idNumber: 110105194912310020 },
        { field: 'idNumber', rule: 'type', zh: '身份证号应为文本', en: 'idNumber: must be text' },
      ],
      [
        { idNumber: ID, gridCode: 'Ab001' },
        {
          field: 'name',
          rule: 'required',
          code: 'MISSING_FIELD',
          zh: '姓名不能为空',
          en: 'name: is required',
        },
      ],
      [
        { ...base, name: '王'.repeat(51) },
        { field: 'name', rule: 'tooLong', zh: '姓名不能超过50个字符' },
      ],
      [
        { ...base, name: '王\u0000芳' },
        { field: 'name', rule: 'text.characters' },
      ],
      [
        { ...base, gridCode: 'ab001' },
        { field: 'gridCode', rule: 'gridCode.format', code: 'INVALID_GRID_CODE' },
      ],
      [
        { ...base, phone: '1380013800' },
        { field: 'phone', rule: 'phone.format', code: 'INVALID_PHONE', zh: '手机号应为11位手机号码' },
      ],
      [
        { ...base, phone: 13800138000 },
        { field: 'phone', rule: 'type' },
      ],
      [
        { ...base, birthDate: '1949-12-30' },
        {
          field: 'birthDate',
          rule: 'birthDate.mismatch',
          code: 'INVALID_DATE',
          zh: '出生日期与身份证号中的出生日期不一致',
        },
      ],
      [
        { ...base, birthDate: '1949/12/31' },
        { field: 'birthDate', rule: 'date.format', en: 'birthDate: must be a date as YYYY-MM-DD' },
      ],
      [
        { ...base, gender: 'male' },
        { field: 'gender', rule: 'enum', code: 'INVALID_FIELD', zh: '性别应为以下之一：female' },
      ],
      [
        { ...base, householdType: 'local' },
        {
          field: 'householdType',
          rule: 'enum',
          en: 'householdType: must be one of registered, floating, overseas',
        },
      ],
      [
        { ...base, relation: '户'.repeat(21) },
        { field: 'relation', rule: 'tooLong' },
      ],
      // The first problem in field order wins.
      [
        { ...base, name: '', gridCode: 'x', phone: 'x' },
        { field: 'name', rule: 'required' },
      ],
    ];
    for (const [raw, expected] of cases) expect(rejectionOf(raw)).toMatchObject(expected);
  });

  it('checks attention tags and starts them at the import time by default', () => {
    const tags = [
      { category: 'elderly-alone', reason: '独居，子女在外地' },
      { category: 'home-quarantine', reason: '密接', from: '2026-03-01', until: '2026-03-15T00:00:00+08:00' },
      { category: 'home-quarantine', reason: '第二次', from: '2026-04-01T08:00:00Z', until: '2026-04-08' },
    ];
    const result = validatePersonRow({ ...base, tags }, TODAY);
    expect(result.ok && result.value.tags).toEqual([
      { category: 'elderly-alone', reason: '独居，子女在外地', from: TODAY.toISOString() },
      {
        category: 'home-quarantine',
        reason: '密接',
        from: '2026-02-28T16:00:00.000Z',
        until: '2026-03-14T16:00:00.000Z',
      },
      {
        category: 'home-quarantine',
        reason: '第二次',
        from: '2026-04-01T08:00:00.000Z',
        until: '2026-04-07T16:00:00.000Z',
      },
    ]);
    expect(validatePersonRow({ ...base, tags: [] }, TODAY)).toMatchObject({ ok: true, value: { tags: [] } });
  });

  it('names the tag and the tag field that is wrong', () => {
    const tag = { category: 'elderly-alone', reason: '独居' };
    const cases: [unknown, Partial<ReturnType<typeof rejectionOf>>][] = [
      ['elderly-alone', { field: 'tags', rule: 'type', zh: '关注类别应为列表' }],
      [Array.from({ length: 21 }, () => tag), { field: 'tags', rule: 'tooMany' }],
      [[tag, 'home-quarantine'], { field: 'tags[1]', rule: 'type', zh: '关注类别第2项应为JSON对象' }],
      [
        [{ reason: '独居' }],
        { field: 'tags[0].category', rule: 'required', zh: '关注类别第1项的类别不能为空' },
      ],
      [[{ ...tag, category: 'Elderly' }], { field: 'tags[0].category', rule: 'code.format' }],
      [[{ ...tag, reason: '' }], { field: 'tags[0].reason', rule: 'required' }],
      [
        [{ ...tag, from: '2026-03-01 08:00' }],
        { field: 'tags[0].from', rule: 'date.format', code: 'INVALID_DATE' },
      ],
      [
        [{ ...tag, from: '2026-03-02', until: '2026-03-01' }],
        {
          field: 'tags[0].until',
          rule: 'date.order',
          zh: '关注类别第1项的结束时间不能早于关注类别第1项的开始时间',
          en: 'tags[0].until: must not be before tags[0].from',
        },
      ],
      [
        [{ ...tag, until: '2026-01-01' }],
        { field: 'tags[0].until', rule: 'date.order', zh: '关注类别第1项的结束时间不能早于导入时间' },
      ],
      [[tag, { ...tag, reason: '又一次' }], { field: 'tags[1].category', rule: 'duplicate' }],
    ];
    for (const [tags, expected] of cases) expect(rejectionOf({ ...base, tags })).toMatchObject(expected);
  });
});

describe('dates and instants', () => {
  it('reads every ISO instant back to itself, whatever the offset it is written in', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1900-01-02T00:00:00Z'),
          max: new Date('9999-12-30T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.integer({ min: -12 * 60, max: 14 * 60 }),
        (date, offset) => {
          expect(parseInstant(date.toISOString())).toBe(date.getTime());
          const local = new Date(date.getTime() + offset * 60_000).toISOString().slice(0, 23);
          const sign = offset < 0 ? '-' : '+';
          const hhmm = `${String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0')}:${String(Math.abs(offset) % 60).padStart(2, '0')}`;
          expect(parseInstant(`${local}${sign}${hhmm}`)).toBe(date.getTime());
        },
      ),
    );
  });

  it('takes a bare date as midnight in China and rejects what is not a date', () => {
    expect(parseInstant('2026-03-01')).toBe(Date.UTC(2026, 1, 28, 16));
    expect(parseInstant('2026-03-01T08:00+08:00')).toBe(Date.UTC(2026, 2, 1));
    for (const bad of [
      '2026-02-29',
      '2026-13-01',
      '1899-12-31',
      '2026-03-01T24:00:00Z',
      '2026-03-01T08:00:00',
      '2026-03-01T08:00:60Z',
      '2026-03-01t08:00:00z',
      '26-03-01',
    ])
      expect([bad, parseInstant(bad)]).toEqual([bad, null]);
  });
});
