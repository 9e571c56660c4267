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
