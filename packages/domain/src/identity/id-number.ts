// Resident identity numbers (GB 11643-1999): 6-digit region (GB/T 2260), 8-digit birth date,
// 3-digit sequence (odd = male, even = female) and an ISO 7064 MOD 11-2 check character.

import { PROVINCE_PREFIXES } from '../codes/admin-division.ts';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export type IdNumberProblem = 'format' | 'region' | 'birthDate' | 'checkDigit';

// Residence permits for residents of Hong Kong, Macao and Taiwan (港澳台居民居住证, since 2018) carry
// these region codes instead of a county's.
const RESIDENCE_PERMIT_REGIONS: ReadonlySet<string> = new Set(['810000', '820000', '830000']);

function isPlausibleRegion(region: string): boolean {
  if (RESIDENCE_PERMIT_REGIONS.has(region)) return true;
  return PROVINCE_PREFIXES.has(region.slice(0, 2)) && region.slice(2) !== '0000';
}

/** The check character for the first 17 digits of an identity number. */
export function idCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('expected 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/** A complete identity number from its parts; always passes `checkIdNumber` for a plausible region and date. */
export function makeIdNumber(
  region: string,
  birth: { year: number; month: number; day: number },
  seq: number,
): string {
  const date = `${birth.year}${String(birth.month).padStart(2, '0')}${String(birth.day).padStart(2, '0')}`;
  const first17 = `${region}${date}${String(seq).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

/** Why `value` is not a valid identity number (as of `today`), or `null` when it is valid. */
export function checkIdNumber(value: string, today: Date = new Date()): IdNumberProblem | null {
  if (!/^\d{17}[\dX]$/.test(value)) return 'format';
  if (!isPlausibleRegion(value.slice(0, 6))) return 'region';
  const birth = idBirthDate(value);
  if (!birth || birth.getTime() > today.getTime() || birth.getUTCFullYear() < 1900) return 'birthDate';
  if (idCheckChar(value.slice(0, 17)) !== value[17]) return 'checkDigit';
  return null;
}

/** Upper-cases a trailing `x` and trims spaces, the way people type identity numbers. */
export function normalizeIdNumber(value: string): string {
  return value.trim().toUpperCase();
}

/** The birth date an identity number encodes (UTC midnight), or `null` when it is not a calendar date. */
export function idBirthDate(value: string): Date | null {
  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  const date = new Date(Date.UTC(year, month - 1, day));
  const isCalendarDate =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return isCalendarDate ? date : null;
}

/** 'male' for an odd sequence digit, 'female' for an even one. */
export function idGender(value: string): 'male' | 'female' {
  return Number(value[16]) % 2 === 1 ? 'male' : 'female';
}

/** The number with the middle hidden, as shown to roles that may not see it: `130682********1234`. */
export function maskIdNumber(value: string): string {
  return value.length < 10
    ? '*'.repeat(value.length)
    : `${value.slice(0, 6)}${'*'.repeat(value.length - 10)}${value.slice(-4)}`;
}
