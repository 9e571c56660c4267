// Import rows for persons (一人一档). Gender and birth date are facts of the identity number: given ones
// must agree with it, missing ones are taken from it.

import { idGender } from '../identity/id-number.ts';
import { calendarDate, instant } from './dates.ts';
import {
  compact,
  gridCodeCheck,
  idNumberCheck,
  mobileCheck,
  oneOf,
  pattern,
  type RowResult,
  readRow,
  recordCode,
  text,
} from './fields.ts';
import { fieldLabel } from './rules.ts';

export const GENDERS = ['male', 'female'] as const;
export type Gender = (typeof GENDERS)[number];
export const HOUSEHOLD_TYPES = ['registered', 'floating', 'overseas'] as const;
export type HouseholdType = (typeof HOUSEHOLD_TYPES)[number];

/** The most attention tags one import line may carry. */
export const MAX_TAGS_PER_ROW = 20;

export interface PersonTagRow {
  /** An attention category code such as `elderly-alone`; whether it exists is the server's question. */
  category: string;
  reason: string;
  /** UTC ISO instant; the import time when the line gives none. */
  from: string;
  until?: string;
}

export interface PersonRow {
  idNumber: string;
  name: string;
  gridCode: string;
  houseCode?: string;
  /** Bare 11 digits. */
  phone?: string;
  /** YYYY-MM-DD, always the identity number's. */
  birthDate: string;
  /** Always the identity number's. */
  gender: Gender;
  householdType: HouseholdType;
  relation?: string;
  /** Absent when the line has no `tags`, so an update can tell "leave tags alone" from "no tags". */
  tags?: PersonTagRow[];
}

const CATEGORY = pattern(40, /^[a-z][a-z0-9-]{1,39}$/, {
  zh: '2–40位小写字母、数字或连字符，以字母开头',
  en: '2–40 lower-case letters, digits or -, starting with a letter',
});
const IMPORT_TIME = { zh: '导入时间', en: 'the import time' };

/** Validates and normalizes one persons line; `today` is the import instant (ID birth dates, tag defaults). */
export function validatePersonRow(raw: unknown, today: Date): RowResult<PersonRow> {
  return readRow(raw, (row) => {
    const idNumber = row.need('idNumber', idNumberCheck(today));
    const name = row.need('name', text(50));
    const gridCode = row.need('gridCode', gridCodeCheck);
    const houseCode = row.may('houseCode', recordCode);
    const phone = row.may('phone', mobileCheck);

    const idBirth = `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
    const birthDate = row.may('birthDate', calendarDate);
    if (birthDate !== undefined && birthDate !== idBirth) row.fail('birthDate', 'birthDate.mismatch');

    const idSex = idGender(idNumber);
    const gender = row.may('gender', oneOf(GENDERS));
    // Only the value the identity number encodes is allowed, so that is the one the message offers.
    if (gender !== undefined && gender !== idSex) row.fail('gender', 'enum', { allowed: idSex });

    const householdType = row.may('householdType', oneOf(HOUSEHOLD_TYPES)) ?? 'registered';
    const relation = row.may('relation', text(20));

    const openCategories = new Set<string>();
    const tags = row.objects('tags', MAX_TAGS_PER_ROW)?.map((tag, i): PersonTagRow => {
      const category = tag.need('category', CATEGORY);
      const reason = tag.need('reason', text(200));
      const from = tag.may('from', instant);
      const until = tag.may('until', instant);
      const start = from ?? today.toISOString();
      if (until !== undefined && Date.parse(until) < Date.parse(start)) {
        tag.fail('until', 'date.order', { other: from ? fieldLabel(`tags[${i}].from`) : IMPORT_TIME });
      }
      // The register holds at most one open-ended tag per category and person.
      if (until === undefined) {
        if (openCategories.has(category)) tag.fail('category', 'duplicate');
        openCategories.add(category);
      }
      return until === undefined
        ? { category, reason, from: start }
        : { category, reason, from: start, until };
    });

    return compact({
      idNumber,
      name,
      gridCode,
      houseCode,
      phone,
      birthDate: idBirth,
      gender: idSex,
      householdType,
      relation,
      tags,
    });
  });
}
