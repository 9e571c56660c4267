// Dates and instants in import rows. A bare date in a tag's from/until means the start of that day in
// China (UTC+8, no daylight saving), the time zone every civgrid user works in.

import type { Check } from './fields.ts';
import type { Message } from './rules.ts';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|([+-])(\d{2}):(\d{2}))$/;
const CHINA_OFFSET_MINUTES = 8 * 60;

const DATE_EXPECTED: Message = { zh: 'YYYY-MM-DD格式的日期', en: 'a date as YYYY-MM-DD' };
const INSTANT_EXPECTED: Message = {
  zh: 'YYYY-MM-DD格式的日期或带时区的ISO时间',
  en: 'a date (YYYY-MM-DD) or an ISO date-time with an offset',
};

// Years before 1900 are not register data, and excluding them keeps Date.UTC away from its 0–99 quirk.
function utcMidnight(year: string, month: string, day: string): number | null {
  const [y, m, d] = [Number(year), Number(month), Number(day)];
  if (y < 1900) return null;
  const ms = Date.UTC(y, m - 1, d);
  const date = new Date(ms);
  const isCalendarDate =
    date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  return isCalendarDate ? ms : null;
}

/** A calendar date written YYYY-MM-DD (from 1900), unchanged. */
export const calendarDate: Check<string> = (v) => {
  const bad = { rule: 'date.format', extra: { expected: DATE_EXPECTED } } as const;
  if (typeof v !== 'string') return bad;
  const value = v.trim();
  const parts = DATE.exec(value);
  return parts && utcMidnight(parts[1]!, parts[2]!, parts[3]!) !== null ? { value } : bad;
};

/** The instant a YYYY-MM-DD date (start of day in China) or an ISO date-time with offset denotes, in ms. */
export function parseInstant(value: string): number | null {
  const date = DATE.exec(value);
  if (date) {
    const midnight = utcMidnight(date[1]!, date[2]!, date[3]!);
    return midnight === null ? null : midnight - CHINA_OFFSET_MINUTES * 60_000;
  }
  const p = DATE_TIME.exec(value);
  if (!p) return null;
  const midnight = utcMidnight(p[1]!, p[2]!, p[3]!);
  const [hour, minute, second] = [Number(p[4]), Number(p[5]), Number(p[6] ?? 0)];
  const [offsetHours, offsetMinutes] = [Number(p[10] ?? 0), Number(p[11] ?? 0)];
  if (midnight === null || hour > 23 || minute > 59 || second > 59 || offsetHours > 14 || offsetMinutes > 59)
    return null;
  const fraction = Math.floor(Number(`0.${p[7] ?? '0'}`) * 1000);
  const offset = (p[9] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes);
  return midnight + ((hour * 60 + minute - offset) * 60 + second) * 1000 + fraction;
}

/** A date or a date-time with offset, as a UTC ISO string (`2026-03-01T00:00:00.000Z`). */
export const instant: Check<string> = (v) => {
  const ms = typeof v === 'string' ? parseInstant(v.trim()) : null;
  return ms === null
    ? { rule: 'date.format', extra: { expected: INSTANT_EXPECTED } }
    : { value: new Date(ms).toISOString() };
};
