import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeRule, FIELD_LABELS, fieldLabel, RULES, type RuleCode, ruleErrorCode } from './rules.ts';

const CODES = Object.keys(RULES) as RuleCode[];
const EXTRA = {
  expected: { zh: '文本', en: 'text' },
  max: 5,
  min: 1,
  allowed: 'a, b',
  other: { zh: '开始时间', en: 'from' },
  context: { zh: '手机', en: 'for phones' },
};

describe('rule catalogue', () => {
  it('has a message in both languages for every rule, each naming the field first in English', () => {
    for (const code of CODES) {
      expect(RULES[code].zh.startsWith('{field}')).toBe(true);
      expect(RULES[code].en.startsWith('{field}: ')).toBe(true);
    }
  });

  it('fills every placeholder and names every field in both languages', () => {
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(FIELD_LABELS)), fc.constantFrom(...CODES), (field, rule) => {
        const message = describeRule(field, rule, EXTRA);
        expect(message.zh).toContain(FIELD_LABELS[field as keyof typeof FIELD_LABELS].zh);
        expect(message.en.startsWith(`${field}: `)).toBe(true);
        expect(message.zh + message.en).not.toMatch(/[{}]/);
      }),
    );
  });

  it('words the examples as the product shows them', () => {
    expect(describeRule('idNumber', 'idNumber.checkDigit')).toEqual({
      zh: '身份证号校验位不正确',
      en: 'idNumber: the check digit is wrong',
    });
    expect(describeRule('plate', 'tooLong', { max: 8 })).toEqual({
      zh: '号牌号码不能超过8个字符',
      en: 'plate: at most 8 characters',
    });
    expect(describeRule('name', 'required', {}, { zh: '名称', en: 'name' }).zh).toBe('名称不能为空');
  });

  it('labels nested and unknown fields', () => {
    expect(fieldLabel('tags[0].reason')).toEqual({ zh: '关注类别第1项的原因', en: 'tags[0].reason' });
    expect(fieldLabel('tags[2]')).toEqual({ zh: '关注类别第3项', en: 'tags[2]' });
    expect(fieldLabel('nickname')).toEqual({ zh: 'nickname', en: 'nickname' });
    expect(fieldLabel('constructor')).toEqual({ zh: 'constructor', en: 'constructor' });
    for (const field of [
      'idNumber',
      'name',
      'gridCode',
      'houseCode',
      'phone',
      'birthDate',
      'plate',
      'ownerIdNumber',
      'code',
      'type',
      'lat',
      'lng',
      'address',
      'buildingCode',
      'registeredResidents',
      'tags',
      'category',
      'reason',
      'from',
      'until',
      'gender',
      'householdType',
      'relation',
      'units',
      'floors',
      'kind',
      'unitCode',
      'contactName',
      'contactPhone',
      'mac',
    ])
      expect(Object.hasOwn(FIELD_LABELS, field), field).toBe(true);
  });

  it('maps each rule family to its API error code', () => {
    const expected: [RuleCode, string][] = [
      ['required', 'MISSING_FIELD'],
      ['idNumber.format', 'INVALID_ID_NUMBER'],
      ['idNumber.checkDigit', 'INVALID_ID_NUMBER'],
      ['phone.format', 'INVALID_PHONE'],
      ['plate.issuer', 'INVALID_PLATE'],
      ['gridCode.format', 'INVALID_GRID_CODE'],
      ['date.format', 'INVALID_DATE'],
      ['date.order', 'INVALID_DATE'],
      ['birthDate.mismatch', 'INVALID_DATE'],
      ['enum', 'INVALID_FIELD'],
      ['tooLong', 'INVALID_FIELD'],
      ['mac.format', 'INVALID_FIELD'],
    ];
    for (const [rule, code] of expected) expect([rule, ruleErrorCode(rule)]).toEqual([rule, code]);
  });
});
