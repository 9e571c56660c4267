// Reading what a step carries. Commands arrive from HTTP bodies the server has shaped but not judged, so
// every reader accepts `unknown` and answers the value or the rule it breaks.

import { type CaseRejection, reject } from './messages.ts';

/** The longest free text a step carries (reasons, instructions, reports, comments). */
export const MAX_CASE_TEXT = 2000;

export type Read<T> = { value: T } | { problem: CaseRejection };

/** A trimmed text: required ones must not be empty; optional ones read as null when absent or blank. */
export function readText(value: unknown, field: string, required: boolean): Read<string | null> {
  const text = typeof value === 'string' ? value.trim() : '';
  if (value !== undefined && value !== null && typeof value !== 'string')
    return { problem: reject('text.required', { field }) };
  if (text === '') return required ? { problem: reject('text.required', { field }) } : { value: null };
  if (text.length > MAX_CASE_TEXT) return { problem: reject('text.tooLong', { field, max: MAX_CASE_TEXT }) };
  return { value: text };
}

/** A required text. */
export function readRequired(value: unknown, field: string): Read<string> {
  return readText(value, field, true) as Read<string>;
}

/** An optional deadline: absent is null, otherwise a valid time after `now`. */
export function readDue(value: unknown, field: string, now: Date): Read<Date | null> {
  if (value === undefined || value === null) return { value: null };
  if (!(value instanceof Date) || !(value.getTime() > now.getTime()))
    return { problem: reject('due.past', { field }) };
  return { value };
}
