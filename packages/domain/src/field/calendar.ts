// Local days, weeks and months for the assessment: a worker's day is the city's calendar day, a week runs
// Monday to Sunday, a month is `YYYY-MM`.

import { addDays, daysFrom, localDay, startOfLocalDay } from '../sensing/retention.ts';

/** True when `value` is a month `YYYY-MM`. */
export function isMonth(value: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(value);
}

/** The month (`YYYY-MM`) holding `at` in `timeZone`. */
export function monthOf(at: Date, timeZone: string): string {
  return localDay(at, timeZone).slice(0, 7);
}

/** The month after `month`. */
export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** Every local day of `month`, in order. */
export function monthDays(month: string): string[] {
  return daysFrom(`${month}-01`, addDays(`${nextMonth(month)}-01`, -1));
}

/** The instants `month` spans in `timeZone`: from its first moment to the next month's first. */
export function monthWindow(month: string, timeZone: string): { from: Date; to: Date } {
  return {
    from: startOfLocalDay(`${month}-01`, timeZone),
    to: startOfLocalDay(`${nextMonth(month)}-01`, timeZone),
  };
}

/** The day of the week of a local day: 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const sunday0 = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return sunday0 === 0 ? 7 : sunday0;
}

/** The Monday of the week holding `day`. */
export function weekOf(day: string): string {
  return addDays(day, 1 - isoWeekday(day));
}

/** The weeks (by their Monday) that begin in `month`: a week belongs to the month of its Monday. */
export function weeksOfMonth(month: string): string[] {
  return monthDays(month).filter((day) => isoWeekday(day) === 1);
}

/** The instants a week (named by its Monday) spans in `timeZone`. */
export function weekWindow(monday: string, timeZone: string): { from: Date; to: Date } {
  return { from: startOfLocalDay(monday, timeZone), to: startOfLocalDay(addDays(monday, 7), timeZone) };
}
