export { parseInstant } from './dates.ts';
export type { RowRejection, RowResult } from './fields.ts';
export { normalizeMacAddress } from './fields.ts';
export * from './plate.ts';
export * from './rows.ts';
export * from './rows-device.ts';
export * from './rows-person.ts';
export * from './rows-place.ts';
export * from './rules.ts';
