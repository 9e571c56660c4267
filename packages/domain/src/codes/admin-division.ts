// Administrative division codes.
// Counties and above use GB/T 2260 six-digit codes (PPCCDD: province, prefecture, county).
// Townships and villages use the 12-digit statistical codes of the NBS (统计用区划代码):
// six GB/T 2260 digits, three for the township (001–599) and three for the village (000 = the township itself).

/** Province-level prefixes that GB/T 2260 assigns (11 Beijing … 82 Macao). */
export const PROVINCE_PREFIXES: ReadonlySet<string> = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
]);

export type DivisionLevel = 'province' | 'prefecture' | 'county';

/** True when `code` is a well-formed GB/T 2260 code with a known province prefix. */
export function isDivisionCode(code: string): boolean {
  return /^\d{6}$/.test(code) && PROVINCE_PREFIXES.has(code.slice(0, 2));
}

/** The level a valid GB/T 2260 code denotes: `13 00 00` province, `13 10 00` prefecture, `13 10 03` county. */
export function divisionLevel(code: string): DivisionLevel {
  if (!isDivisionCode(code)) throw new RangeError(`not a GB/T 2260 code: ${code}`);
  if (code.endsWith('0000')) return 'province';
  if (code.endsWith('00')) return 'prefecture';
  return 'county';
}

/** The county code with number `n` (1–99) under a prefecture code; always a valid county-level code. */
export function countyCode(prefecture: string, n: number): string {
  if (divisionLevel(prefecture) !== 'prefecture')
    throw new RangeError(`not a prefecture code: ${prefecture}`);
  if (!Number.isInteger(n) || n < 1 || n > 99) throw new RangeError(`county number out of range: ${n}`);
  return prefecture.slice(0, 4) + String(n).padStart(2, '0');
}

/** The 12-digit statistical code of township `n` (1–599) of a county. */
export function townshipCode(county: string, n: number): string {
  if (divisionLevel(county) !== 'county') throw new RangeError(`not a county code: ${county}`);
  if (!Number.isInteger(n) || n < 1 || n > 599) throw new RangeError(`township number out of range: ${n}`);
  return `${county}${String(n).padStart(3, '0')}000`;
}

/** The 12-digit statistical code of village/community `n` (1–999) of a township. */
export function villageCode(township: string, n: number): string {
  if (statisticalLevel(township) !== 'township') throw new RangeError(`not a township code: ${township}`);
  if (!Number.isInteger(n) || n < 1 || n > 999) throw new RangeError(`village number out of range: ${n}`);
  return township.slice(0, 9) + String(n).padStart(3, '0');
}

/** 'township' or 'village' for a valid 12-digit statistical code, `null` when the code is malformed. */
export function statisticalLevel(code: string): 'township' | 'village' | null {
  if (!/^\d{12}$/.test(code)) return null;
  const county = code.slice(0, 6);
  if (!isDivisionCode(county) || divisionLevel(county) !== 'county') return null;
  if (code.slice(6, 9) === '000') return null;
  return code.slice(9) === '000' ? 'township' : 'village';
}

/** The code of the unit one level up: village → township → county (GB/T 2260). */
export function parentStatisticalCode(code: string): string {
  const level = statisticalLevel(code);
  if (level === 'village') return `${code.slice(0, 9)}000`;
  if (level === 'township') return code.slice(0, 6);
  throw new RangeError(`not a statistical code: ${code}`);
}
