import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkPlate,
  normalizePlate,
  PLATE_PROVINCES,
  type PlateKind,
  type PlateProblem,
  plateKind,
} from './plate.ts';

const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ'; // no I, no O
const DIGITS = '0123456789';
const char = (alphabet: string) => fc.constantFrom(...Array.from(alphabet));
const chars = (alphabet: string, n: number) =>
  fc.array(char(alphabet), { minLength: n, maxLength: n }).map((a) => a.join(''));

const province = char(PLATE_PROVINCES);
const issuer = char(LETTERS);
const head = fc.tuple(province, issuer).map(([p, i]) => p + i);
// 粤Z belongs to Hong Kong and Macao vehicles only.
const mainlandHead = head.filter((h) => h !== '粤Z');

const generators: Record<PlateKind, fc.Arbitrary<string>> = {
  regular: fc.tuple(mainlandHead, chars(LETTERS + DIGITS, 5)).map(([h, s]) => h + s),
  'new-energy': fc.oneof(
    fc
      .tuple(mainlandHead, char('ABCDEFGHJK'), char(LETTERS + DIGITS), chars(DIGITS, 4))
      .map((p) => p.join('')),
    fc.tuple(mainlandHead, chars(DIGITS, 5), char('DF')).map((p) => p.join('')),
  ),
  trailer: fc.tuple(mainlandHead, chars(LETTERS + DIGITS, 4)).map(([h, s]) => `${h}${s}挂`),
  coach: fc.tuple(mainlandHead, chars(LETTERS + DIGITS, 4)).map(([h, s]) => `${h}${s}学`),
  police: fc.tuple(mainlandHead, chars(LETTERS + DIGITS, 4)).map(([h, s]) => `${h}${s}警`),
  'hk-macao': fc.tuple(chars(LETTERS + DIGITS, 4), char('港澳')).map(([s, x]) => `粤Z${s}${x}`),
  consulate: fc.tuple(mainlandHead, chars(DIGITS, 4)).map(([h, s]) => `${h}${s}领`),
  embassy: chars(DIGITS, 6).map((s) => `使${s}`),
};
const KINDS = Object.keys(generators) as PlateKind[];

// An oracle written independently of plate.ts, straight from the rules in its header.
const P = `[${PLATE_PROVINCES}]`;
const A = '[A-HJ-NP-Z0-9]';
const HEAD = `(?!粤Z)${P}[A-HJ-NP-Z]`;
const ORACLE = new RegExp(
  `^(?:${HEAD}${A}{5}|${HEAD}(?:[ABCDEFGHJK]${A}\\d{4}|\\d{5}[DF])|${HEAD}${A}{4}[挂学警]|粤Z${A}{4}[港澳]|${HEAD}\\d{4}领|使\\d{6})$`,
);

// Replacement characters: valid and invalid serial characters, I and O, lower case, every province and
// suffix, and characters no plate has.
const REPLACEMENTS = `${DIGITS}${LETTERS}IOaz${PLATE_PROVINCES}使领挂学警港澳台中· `;

function expectedAt(kind: PlateKind, pos: number, length: number, replacement: string): PlateProblem | 'any' {
  if (kind === 'embassy') return pos === 0 ? 'any' : 'characters';
  if (pos === 0) {
    if (replacement === '使') return 'characters';
    if (PLATE_PROVINCES.includes(replacement)) return kind === 'hk-macao' ? 'province' : 'issuer';
    return 'province';
  }
  if (pos === 1) return 'issuer';
  return pos < length - 1 ? 'characters' : 'any';
}

describe('licence plates (GA 36-2018)', () => {
  it('accepts every generated plate of each kind, knows its kind and is unchanged by normalizing', () => {
    for (const kind of KINDS) {
      fc.assert(
        fc.property(generators[kind], (plate) => {
          expect(ORACLE.test(plate)).toBe(true);
          expect(checkPlate(plate)).toBeNull();
          expect(plateKind(plate)).toBe(kind);
          expect(normalizePlate(plate)).toBe(plate);
        }),
        { numRuns: 200 },
      );
    }
  });

  it('normalizes the ways people write plates back to the plate', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...KINDS).chain((k) => generators[k]),
        fc.constantFrom('·', ' ', '•', '・'),
        (plate, dot) => {
          const cut = plate.startsWith('使') ? 4 : 2;
          const written = ` ${plate.slice(0, cut)}${dot}${plate.slice(cut).toLowerCase()}  `;
          expect(normalizePlate(written)).toBe(plate);
        },
      ),
    );
    expect(normalizePlate('冀R·5M0K3')).toBe('冀R5M0K3');
    expect(normalizePlate('京Ａ１２３４５')).toBe('京A12345'); // full-width input
    expect(normalizePlate('使224-009')).toBe('使224009');
  });

  it('catches a change of any single character, naming the position that is wrong', () => {
    for (const kind of KINDS) {
      fc.assert(
        fc.property(generators[kind], fc.nat(), char(REPLACEMENTS), (plate, n, replacement) => {
          const chars = Array.from(plate);
          const pos = n % chars.length;
          chars[pos] = replacement;
          const changed = chars.join('');
          fc.pre(!ORACLE.test(changed)); // the change may happen to make another valid plate
          const problem = checkPlate(changed);
          expect(problem).not.toBeNull();
          expect(plateKind(changed)).toBeNull();
          const expected = expectedAt(kind, pos, chars.length, replacement);
          if (expected !== 'any') expect(problem).toBe(expected);
        }),
        { numRuns: 300 },
      );
    }
  });

  it('rejects every length other than 7 or 8 as a format problem', () => {
    fc.assert(
      fc.property(fc.string({ unit: char(`${PLATE_PROVINCES}${LETTERS}${DIGITS}`), maxLength: 12 }), (s) => {
        fc.pre(s.length !== 7 && s.length !== 8);
        expect(checkPlate(s)).toBe('format');
      }),
    );
  });

  it('knows real-looking plates', () => {
    const valid: [string, PlateKind][] = [
      ['冀R5M0K3', 'regular'],
      ['京A12345', 'regular'],
      ['冀RD12345', 'new-energy'],
      ['粤BFA1234', 'new-energy'],
      ['沪AA12345', 'new-energy'], // 2021 letters for pure electric
      ['冀R12345D', 'new-energy'],
      ['京A12345F', 'new-energy'],
      ['冀R1234挂', 'trailer'],
      ['冀RA234学', 'coach'],
      ['冀R0001警', 'police'],
      ['粤Z1234港', 'hk-macao'],
      ['粤ZA123澳', 'hk-macao'],
      ['沪A1234领', 'consulate'],
      ['使224009', 'embassy'],
    ];
    for (const [plate, kind] of valid) expect([plate, plateKind(plate)]).toEqual([plate, kind]);
  });

  it('names what is wrong with near misses', () => {
    const misses: [string, PlateProblem][] = [
      ['', 'format'],
      ['冀R5M0K', 'format'], // one short
      ['冀R5M0K3X9', 'format'], // one too many
      ['AR5M0K3', 'province'],
      ['台A12345', 'province'], // not a mainland plate
      ['港A12345', 'province'],
      ['冀I5M0K3', 'issuer'],
      ['冀O5M0K3', 'issuer'],
      ['冀15M0K3', 'issuer'],
      ['冀r5m0k3', 'issuer'], // not normalized
      ['冀R5M0I3', 'characters'],
      ['冀R5MOK3', 'characters'],
      ['京AI12345', 'characters'], // I cannot start a new-energy serial
      ['京AL12345', 'characters'], // L is not an energy letter
      ['京AD1234A', 'characters'], // small new-energy plates end in four digits
      ['京A12345E', 'characters'], // large new-energy plates end in D or F only
      ['京A1234DX', 'characters'],
      ['冀R123挂4', 'characters'],
      ['京A1234港', 'province'], // 港 and 澳 plates are 粤Z only
      ['粤A1234港', 'issuer'],
      ['粤Z12345', 'issuer'], // 粤Z is only for 港 and 澳
      ['粤ZD12345', 'issuer'],
      ['沪A12B4领', 'characters'], // consulate serials are digits
      ['使22400A', 'characters'],
      ['使2240091', 'characters'],
    ];
    for (const [plate, problem] of misses) expect([plate, checkPlate(plate)]).toEqual([plate, problem]);
    expect(PLATE_PROVINCES).toHaveLength(31);
  });
});
