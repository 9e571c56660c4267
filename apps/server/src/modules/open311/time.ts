// GeoReport v2 times: the W3C profile of ISO 8601, always with a zone. Answers are written in the city's
// own zone (`2026-03-01T08:00:00+08:00`); filters are read as the W3C note allows them.
import { addDays, startOfLocalDay, wallClock } from '@civgrid/domain';

const two = (n: number) => String(n).padStart(2, '0');

/** `at` on the wall clock of `timeZone`, to the second, with that zone's offset at that instant. */
export function isoInZone(at: Date, timeZone: string): string {
  const w = wallClock(at, timeZone);
  const seconds = Math.floor(at.getTime() / 1000) * 1000;
  const offset = Math.round(
    (Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - seconds) / 60_000,
  );
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return (
    `${w.year}-${two(w.month)}-${two(w.day)}T${two(w.hour)}:${two(w.minute)}:${two(w.second)}` +
    `${sign}${two(Math.floor(abs / 60))}:${two(abs % 60)}`
  );
}

const DATE_ONLY = /^(\d{4}-\d{2}-\d{2})$/;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** True for a day the calendar has (`Date` would read 30 February as 2 March). */
function isCalendarDay(date: string): boolean {
  const at = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(at.getTime()) && at.toISOString().slice(0, 10) === date;
}

/**
 * A `start_date` or `end_date` filter, or null when it is not a W3C date-time. A bare date is a whole
 * local day: its first instant as a start, its last as an end. A time must carry its zone, as the spec
 * says. A `+` left unencoded in a query string arrives as a space, so a space before the offset is read
 * as the `+` it was.
 */
export function parseW3cDate(value: string, bound: 'start' | 'end', timeZone: string): Date | null {
  const text = value.trim().replace(/ (\d{2}:\d{2})$/, '+$1');
  const date = (DATE_ONLY.exec(text) ?? DATE_TIME.exec(text))?.[1];
  if (!date || !isCalendarDay(date)) return null;
  if (text === date)
    return bound === 'start'
      ? startOfLocalDay(date, timeZone)
      : new Date(startOfLocalDay(addDays(date, 1), timeZone).getTime() - 1);
  const at = new Date(text);
  return Number.isNaN(at.getTime()) ? null : at;
}
