// GA/T 1400 times are the city's wall clock as `yyyyMMddHHmmss`, without a zone; the events contract
// wants ISO-8601 with an offset. Both directions go through the configured time zone.
import { wallClock } from '@civgrid/domain';

const two = (n: number) => String(n).padStart(2, '0');

/** Minutes the zone's clock is ahead of UTC at `at`. */
function offsetMinutes(at: Date, timeZone: string): number {
  const w = wallClock(at, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

function offsetText(minutes: number, separator: string): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${separator}${String(abs % 60).padStart(2, '0')}`;
}

/** `at` as a GA/T 1400 local time, `yyyyMMddHHmmss`. */
export function toViidTime(at: Date, timeZone: string): string {
  const w = wallClock(at, timeZone);
  return `${w.year}${two(w.month)}${two(w.day)}${two(w.hour)}${two(w.minute)}${two(w.second)}`;
}

/** The zone's offset as devices read it in SystemTimeObject (`UTC+8`, `UTC+5:30`). */
export function viidTimeZone(at: Date, timeZone: string): string {
  const minutes = offsetMinutes(at, timeZone);
  const text = offsetText(minutes, ':').replace(/^([+-])0?/, '$1');
  return `UTC${text.endsWith(':00') ? text.slice(0, -3) : text}`;
}

/** A device's local time (`yyyyMMddHHmmss`; separators and trailing milliseconds are tolerated) as
 *  ISO-8601 with the zone's offset; null when it is not a time. */
export function fromViidTime(value: unknown, timeZone: string): string | null {
  if (typeof value !== 'string') return null;
  const digits = value.replace(/[-/:\sT.]/g, '');
  const m = /^(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(\d{3})?$/.exec(digits);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(wall);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
  // The offset at the wall time, found from a first guess; the second look settles daylight-saving edges.
  let offset = offsetMinutes(new Date(wall), timeZone);
  offset = offsetMinutes(new Date(wall - offset * 60_000), timeZone);
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${offsetText(offset, ':')}`;
}
