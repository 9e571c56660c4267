// Times in the city's zone whatever the phone's is (Intl, not a date library: the field bundle stays small).

let zone = 'Asia/Shanghai';

/** Follows the server's configured zone; Asia/Shanghai until it is known. */
export function setFieldTimeZone(timeZone: string): void {
  if (timeZone) zone = timeZone;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function parts(value: string | number | Date): Record<string, string> {
  const key = zone;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(key, formatter);
  }
  const out: Record<string, string> = {};
  for (const part of formatter.formatToParts(new Date(value))) out[part.type] = part.value;
  return out;
}

/** `MM-DD HH:mm` in the city's zone ('' for nothing). */
export function shortTime(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const p = parts(value);
  return `${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** `YYYY-MM-DD HH:mm` in the city's zone. */
export function fullTime(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const p = parts(value);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** `HH:mm:ss` in the city's zone. */
export function clockTime(value: string | number): string {
  const p = parts(value);
  return `${p.hour}:${p.minute}:${p.second}`;
}

/** `YYYY-MM-DD` of the city's zone: which local day a moment belongs to. */
export function localDay(value: string | number | Date): string {
  const p = parts(value);
  return `${p.year}-${p.month}-${p.day}`;
}
