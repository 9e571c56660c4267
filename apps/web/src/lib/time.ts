// Times are shown in the city's own time zone whatever the browser's is, so that two operators reading
// the same record (or an operator and the audit log) always see the same clock time.
import dayjs, { type Dayjs } from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

let displayZone = 'Asia/Shanghai';

/** Follows the server's configured zone (TPublicConfig.timezone); Asia/Shanghai until it is known. */
export function setDisplayTimeZone(zone: string): void {
  if (zone) displayZone = zone;
}

/** `YYYY-MM-DD HH:mm:ss` in the display zone, or null for a missing time. */
export function formatTime(iso: string | null | undefined): string | null {
  if (!iso) return null;
  const time = dayjs(iso);
  return time.isValid() ? time.tz(displayZone).format('YYYY-MM-DD HH:mm:ss') : null;
}

/** The picked wall-clock time read as display-zone time, as ISO-8601 with its offset. */
export function toZonedIso(picked: Dayjs): string {
  return dayjs.tz(picked.format('YYYY-MM-DDTHH:mm:ss'), displayZone).format();
}

/** Now as a wall-clock time of the display zone, for pickers (which read it back with toZonedIso). */
export function zonedNow(): Dayjs {
  return dayjs(dayjs().tz(displayZone).format('YYYY-MM-DDTHH:mm:ss'));
}

/** `MM-DD HH:mm` in the display zone (axes and slider tips, where the year is obvious). */
export function formatShortTime(iso: string | number): string {
  return dayjs(iso).tz(displayZone).format('MM-DD HH:mm');
}

/** The zone times are shown and picked in (Asia/Shanghai unless the server says otherwise). */
export function displayTimeZone(): string {
  return displayZone;
}

/** `YYYY-MM-DD HH:mm` in the display zone (dense tables, where seconds add nothing). */
export function formatMinute(iso: string): string {
  return dayjs(iso).tz(displayZone).format('YYYY-MM-DD HH:mm');
}
