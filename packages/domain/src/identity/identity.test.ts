import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkIdNumber, idCheckChar, idGender, makeIdNumber, maskIdNumber } from './id-number.ts';
import { isMobileNumber, maskMobileNumber, normalizeMobileNumber } from './phone.ts';

const today = new Date('2026-11-29T00:00:00Z');
const birth = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2026-11-28T00:00:00Z'), noInvalidDate: true })
  .map((d) => ({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() }));
const region = fc.constantFrom('131003', '110105', '130682', '370202', '440305');
const validId = fc
  .tuple(region, birth, fc.integer({ min: 0, max: 999 }))
  .map(([r, b, s]) => makeIdNumber(r, b, s));

describe('identity numbers (GB 11643)', () => {
  it('accepts every number made with the right check character', () => {
    fc.assert(
      fc.property(validId, (id) => {
        expect(checkIdNumber(id, today)).toBeNull();
      }),
    );
  });

  it('rejects every single-character change of the check character', () => {
    fc.assert(
      fc.property(validId, fc.constantFrom(...'0123456789X'), (id, c) => {
        fc.pre(c !== id[17]);
        expect(checkIdNumber(id.slice(0, 17) + c, today)).toBe('checkDigit');
      }),
    );
  });

  it('catches a changed body digit through the check character (or the date)', () => {
    fc.assert(
      fc.property(
        validId,
        fc.integer({ min: 14, max: 16 }),
        fc.integer({ min: 1, max: 9 }),
        (id, pos, delta) => {
          const changed = id.slice(0, pos) + ((Number(id[pos]) + delta) % 10) + id.slice(pos + 1);
          expect(checkIdNumber(changed, today)).toBe('checkDigit');
        },
      ),
    );
  });

  it('knows the published example and the parts it encodes', () => {
    // The standard's own example: 11010519491231002X.
    expect(idCheckChar('11010519491231002')).toBe('X');
    expect(checkIdNumber('11010519491231002X', today)).toBeNull();
    expect(idGender('11010519491231002X')).toBe('female');
    expect(maskIdNumber('130682199001011234')).toBe('130682********1234');
  });

  it('accepts residence permits of Hong Kong, Macao and Taiwan residents', () => {
    for (const region of ['810000', '820000', '830000']) {
      expect(checkIdNumber(makeIdNumber(region, { year: 1990, month: 1, day: 1 }, 12), today)).toBeNull();
    }
    expect(checkIdNumber(makeIdNumber('840000', { year: 1990, month: 1, day: 1 }, 12), today)).toBe('region');
  });

  it('names what is wrong', () => {
    expect(checkIdNumber('13068219900101123', today)).toBe('format');
    expect(checkIdNumber('13068219900101123x', today)).toBe('format');
    expect(checkIdNumber(makeIdNumber('990682', { year: 1990, month: 1, day: 1 }, 123), today)).toBe(
      'region',
    );
    expect(checkIdNumber('130682199002301234', today)).toBe('birthDate'); // 30 February
    expect(checkIdNumber(makeIdNumber('130682', { year: 2027, month: 1, day: 1 }, 1), today)).toBe(
      'birthDate',
    );
  });
});

describe('mobile numbers', () => {
  it('accepts mainland mobiles with common decorations and masks them', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 9 }), fc.stringMatching(/^\d{9}$/), (second, rest) => {
        const number = `1${second}${rest}`;
        expect(isMobileNumber(number)).toBe(true);
        expect(isMobileNumber(`+86 ${number.slice(0, 3)}-${number.slice(3)}`)).toBe(true);
        expect(maskMobileNumber(number)).toBe(`${number.slice(0, 3)}****${number.slice(7)}`);
      }),
    );
    expect(normalizeMobileNumber('+86 138-0013-8000')).toBe('13800138000');
    for (const bad of ['12800138000', '1380013800', '138001380000', '010-12345678'])
      expect(isMobileNumber(bad)).toBe(false);
  });
});
