// The conditions of a collision query as the page holds them: devices and a time window each, and a
// colour that marks their devices on the map and their matches in the results.
import type { TimeRange } from '../shared/time-range.tsx';
import { recentRange } from '../shared/time-range.tsx';

export interface Condition {
  id: number;
  deviceCodes: string[];
  range: TimeRange | null;
}

export const CONDITION_COLOURS = ['#1458c8', '#d46b08', '#722ed1', '#08979c', '#c41d7f', '#7cb305'] as const;
/** The API's limit. */
export const MAX_CONDITIONS = 20;

export function conditionColour(index: number): string {
  return CONDITION_COLOURS[index % CONDITION_COLOURS.length]!;
}

let nextId = 1;

/** A new, empty condition over the last day. */
export function newCondition(): Condition {
  return { id: nextId++, deviceCodes: [], range: recentRange(24) };
}

export function isComplete(condition: Condition): boolean {
  return condition.deviceCodes.length > 0 && condition.range !== null;
}

/** `code` added to the condition, or taken out when it is already there. */
export function toggled(condition: Condition, code: string): Condition {
  const deviceCodes = condition.deviceCodes.includes(code)
    ? condition.deviceCodes.filter((c) => c !== code)
    : [...condition.deviceCodes, code];
  return { ...condition, deviceCodes };
}
