// Reading one import row: field checks that turn an `unknown` JSON value into a normalized value or the
// rule it breaks. A validator reads its fields in contract order and the first broken rule ends the row,
// so the answer always names the first thing the sender has to fix.

import { isGridCode } from '../codes/grid-code.ts';
import { checkIdNumber, normalizeIdNumber } from '../identity/id-number.ts';
import { isMobileNumber, normalizeMobileNumber } from '../identity/phone.ts';
import { checkPlate, normalizePlate } from './plate.ts';
import {
  describeRule,
  type Message,
  type RuleCode,
  type RuleErrorCode,
  type RuleExtra,
  ruleErrorCode,
} from './rules.ts';

export type RowRejection = {
  ok: false;
  /** The JSON path of the offending field: `idNumber`, `tags[0].until`, or `row` for a line that is no object. */
  field: string;
  rule: RuleCode;
  message: Message;
  code: RuleErrorCode;
};
export type RowResult<T> = { ok: true; value: T } | RowRejection;

/** What a field check returns: the normalized value, or the rule the value breaks. */
export type Checked<T> = { value: T } | { rule: RuleCode; extra?: RuleExtra };
export type Check<T> = (value: unknown) => Checked<T>;

/** Thrown only inside `readRow` and caught there: it carries the first problem out of the field reads. */
class RowProblem {
  constructor(
    readonly field: string,
    readonly rule: RuleCode,
    readonly extra: RuleExtra | undefined,
    readonly label: Message | undefined,
  ) {}
}

const TEXT: Message = { zh: '文本', en: 'text' };
const NUMBER: Message = { zh: '数字', en: 'a number' };
const OBJECT: Message = { zh: 'JSON对象', en: 'a JSON object' };
const LIST: Message = { zh: '列表', en: 'a list' };

/** The answer of a check given something other than a JSON string. */
export const NOT_TEXT: Checked<never> = { rule: 'type', extra: { expected: TEXT } };

/** Reads the fields of one JSON object; `labels` overrides a field's label (a device's name is 名称, not 姓名). */
export class RowReader {
  constructor(
    private readonly object: Record<string, unknown>,
    private readonly prefix = '',
    private readonly labels: Readonly<Record<string, Message>> = {},
  ) {}

  /** Ends the row with `rule` broken by `key`. */
  fail(key: string, rule: RuleCode, extra?: RuleExtra): never {
    throw new RowProblem(this.prefix + key, rule, extra, this.prefix ? undefined : this.labels[key]);
  }

  /** True when the field holds something: absent, null and blank text all count as not given. */
  has(key: string): boolean {
    return !isBlank(Object.hasOwn(this.object, key) ? this.object[key] : undefined);
  }

  /** The checked value of a field that must be given. */
  need<T>(key: string, check: Check<T>): T {
    if (!this.has(key)) this.fail(key, 'required');
    const checked = check(this.object[key]);
    if ('rule' in checked) this.fail(key, checked.rule, checked.extra);
    return checked.value;
  }

  /** The checked value of an optional field, `undefined` when it is not given. */
  may<T>(key: string, check: Check<T>): T | undefined {
    return this.has(key) ? this.need(key, check) : undefined;
  }

  /** Readers for the objects of a list field (`tags[0]`, `tags[1]`, …); each must be a JSON object. */
  objects(key: string, max: number): RowReader[] | undefined {
    const list = this.may(
      key,
      (v): Checked<unknown[]> =>
        !Array.isArray(v)
          ? { rule: 'type', extra: { expected: LIST } }
          : v.length > max
            ? { rule: 'tooMany', extra: { max } }
            : { value: v as unknown[] },
    );
    return list?.map((item, i) => {
      if (!isObject(item)) this.fail(`${key}[${i}]`, 'type', { expected: OBJECT });
      return new RowReader(item, `${this.prefix}${key}[${i}].`);
    });
  }
}

/** Runs `read` over `raw`, turning the first failed field read into a rejection; never throws for bad input. */
export function readRow<T>(
  raw: unknown,
  read: (row: RowReader) => T,
  labels: Readonly<Record<string, Message>> = {},
): RowResult<T> {
  try {
    if (!isObject(raw)) throw new RowProblem('row', 'type', { expected: OBJECT }, undefined);
    return { ok: true, value: read(new RowReader(raw, '', labels)) };
  } catch (error) {
    if (!(error instanceof RowProblem)) throw error;
    return {
      ok: false,
      field: error.field,
      rule: error.rule,
      message: describeRule(error.field, error.rule, error.extra, error.label),
      code: ruleErrorCode(error.rule),
    };
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

// PostgreSQL text refuses NUL, and control characters or lone surrogates in a register are always
// damage from the source system, never data.
function hasBadCharacters(value: string): boolean {
  for (const ch of value) {
    const c = ch.codePointAt(0)!;
    if (c < 0x20 || c === 0x7f || (c >= 0xd800 && c <= 0xdfff)) return true;
  }
  return false;
}

/** Trimmed text of 1–`max` characters (counted as code points) without control characters. */
export function text(max: number): Check<string> {
  return (v): Checked<string> => {
    if (typeof v !== 'string') return NOT_TEXT;
    const value = v.trim();
    if (hasBadCharacters(value)) return { rule: 'text.characters' };
    if (Array.from(value).length > max) return { rule: 'tooLong', extra: { max } };
    return { value };
  };
}

/** Text of at most `max` characters matching `pattern`; `expected` describes the pattern to the sender. */
export function pattern(max: number, re: RegExp, expected: Message): Check<string> {
  const asText = text(max);
  return (v) => {
    const checked = asText(v);
    if ('rule' in checked) return checked;
    return re.test(checked.value) ? checked : { rule: 'code.format', extra: { expected } };
  };
}

/** A record code: letters, digits, `_` and `-`, at most 40 characters (houses, buildings, organisations). */
export const recordCode = pattern(40, /^[A-Za-z0-9_-]+$/, {
  zh: '不超过40位的字母、数字、下划线或连字符',
  en: 'up to 40 letters, digits, _ or -',
});

/** One of `values`, exactly as written (after trimming). */
export function oneOf<const T extends string>(values: readonly T[]): Check<T> {
  const allowed = values.join(', ');
  return (v): Checked<T> => {
    if (typeof v !== 'string') return NOT_TEXT;
    const value = v.trim();
    return (values as readonly string[]).includes(value)
      ? { value: value as T }
      : { rule: 'enum', extra: { allowed } };
  };
}

/** A finite JSON number within [min, max] (or strictly inside when `exclusive`), and whole when `integer`. */
export function number(opts: {
  min: number;
  max: number;
  integer?: boolean;
  exclusive?: boolean;
}): Check<number> {
  const bound = (n: number): string | Message =>
    opts.exclusive ? { zh: `${n}（不含）`, en: `${n} (exclusive)` } : String(n);
  return (v): Checked<number> => {
    if (typeof v !== 'number' || !Number.isFinite(v)) return { rule: 'type', extra: { expected: NUMBER } };
    if (opts.integer && !Number.isInteger(v)) return { rule: 'number.integer' };
    const isInside = opts.exclusive ? v > opts.min && v < opts.max : v >= opts.min && v <= opts.max;
    return isInside
      ? { value: v }
      : { rule: 'number.range', extra: { min: bound(opts.min), max: bound(opts.max) } };
  };
}

/** A whole number within [min, max]. */
export const integer = (min: number, max: number): Check<number> => number({ min, max, integer: true });

/** A grid code (`Ab001`); case is significant, so it is only trimmed. */
export const gridCodeCheck: Check<string> = (v) => {
  if (typeof v !== 'string') return NOT_TEXT;
  const value = v.trim();
  return isGridCode(value) ? { value } : { rule: 'gridCode.format' };
};

/** A resident identity number valid as of `today`, upper-cased. */
export function idNumberCheck(today: Date): Check<string> {
  return (v) => {
    if (typeof v !== 'string') return NOT_TEXT;
    const value = normalizeIdNumber(v);
    const problem = checkIdNumber(value, today);
    return problem ? { rule: `idNumber.${problem}` } : { value };
  };
}

/** A mainland mobile number, as its bare 11 digits. */
export const mobileCheck: Check<string> = (v) => {
  if (typeof v !== 'string') return NOT_TEXT;
  const value = normalizeMobileNumber(v.trim());
  return isMobileNumber(value) ? { value } : { rule: 'phone.format' };
};

/** A GA 36-2018 plate, normalized. */
export const plateCheck: Check<string> = (v) => {
  if (typeof v !== 'string') return NOT_TEXT;
  const value = normalizePlate(v);
  const problem = checkPlate(value);
  return problem ? { rule: `plate.${problem}` } : { value };
};

/** A MAC address with `:` or `-` separators in lower-case colon form (`00:1a:2b:3c:4d:5e`); `null` if malformed. */
export function normalizeMacAddress(value: string): string | null {
  const mac = value.trim();
  return /^[0-9A-Fa-f]{2}([:-])(?:[0-9A-Fa-f]{2}\1){4}[0-9A-Fa-f]{2}$/.test(mac)
    ? mac.toLowerCase().replaceAll('-', ':')
    : null;
}

/** A MAC address, normalized by `normalizeMacAddress`. */
export const macCheck: Check<string> = (v) => {
  const value = typeof v === 'string' ? normalizeMacAddress(v) : null;
  return value === null ? { rule: 'mac.format' } : { value };
};

export const latitude = number({ min: -90, max: 90 });
export const longitude = number({ min: -180, max: 180 });

/** Buildings, devices and organisations have a 名称, not a person's 姓名. */
export const THING_LABELS: Readonly<Record<string, Message>> = { name: { zh: '名称', en: 'name' } };

/** `object` without the keys whose value is `undefined`, so a normalized row carries only given fields. */
export function compact<T extends object>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined)) as T;
}
