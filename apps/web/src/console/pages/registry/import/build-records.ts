// From sheet rows to the records the import endpoint reads: only mapped, non-empty cells; numbers as
// numbers, dates as YYYY-MM-DD, fixed-list names turned into their codes. Anything that does not
// convert is sent as written, so the server rejects that one row and names the field.
import { MESSAGES } from '../../../../i18n/lang.ts';
import type { MessageKey } from '../../../../i18n/zh-CN.ts';
import type { RegisterKind } from '../shared/registers.ts';
import { fieldLabelKey, fieldsOf, type ImportField } from './import-fields.ts';
import { type Cell, isBlankRow, type SheetTable } from './read-sheet.ts';

/** Field key → index of the sheet column it is read from. */
export type ColumnMapping = Record<string, number | undefined>;

export interface SheetRecord {
  /** The row's number in the sheet (headers are row 1). */
  sheetRow: number;
  record: Record<string, unknown>;
}

/** A header as compared: no spaces, no required-marks, case-insensitive. */
function normalise(text: string): string {
  return text.replace(/[\s*＊:：]/g, '').toLowerCase();
}

/** The names a column may carry for a field: its key, its Chinese label and its English label. */
function namesOf(kind: RegisterKind, field: ImportField): string[] {
  const label = fieldLabelKey(kind, field.key);
  return [field.key, MESSAGES['zh-CN'][label], MESSAGES.en[label]].map(normalise);
}

/** Each field mapped to the first column whose header names it; a column serves one field only. */
export function autoMap(kind: RegisterKind, headers: readonly string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  const taken = new Set<number>();
  for (const field of fieldsOf(kind)) {
    const names = namesOf(kind, field);
    const index = headers.findIndex(
      (header, i) => !taken.has(i) && header !== '' && names.includes(normalise(header)),
    );
    if (index >= 0) {
      mapping[field.key] = index;
      taken.add(index);
    }
  }
  return mapping;
}

/** Required fields of `kind` with no column yet. */
export function missingRequired(kind: RegisterKind, mapping: ColumnMapping): ImportField[] {
  return fieldsOf(kind).filter((field) => field.isRequired && mapping[field.key] === undefined);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function dateText(cell: Cell): string {
  if (cell instanceof Date) {
    // Spreadsheet dates carry no zone; the reader gives them as UTC midnight.
    return `${cell.getUTCFullYear()}-${pad(cell.getUTCMonth() + 1)}-${pad(cell.getUTCDate())}`;
  }
  const text = String(cell).trim();
  const match = /^(\d{4})[./年-](\d{1,2})[./月-](\d{1,2})日?$/.exec(text);
  return match ? `${match[1]}-${pad(Number(match[2]))}-${pad(Number(match[3]))}` : text;
}

/** A code from a fixed list, given as the code or as its name in either language. */
function codeOf(field: ImportField, text: string): string {
  if (!field.codes) return text;
  const wanted = normalise(text);
  for (const code of field.codes.values) {
    const key = `enum.${field.codes.list}.${code}` as MessageKey;
    const names = [code, MESSAGES['zh-CN'][key], MESSAGES.en[key]].map(normalise);
    if (names.includes(wanted)) return code;
  }
  return text;
}

function cellValue(field: ImportField, cell: Cell): unknown {
  if (field.value === 'number') {
    if (typeof cell === 'number') return cell;
    const text = String(cell).trim();
    const number = Number(text);
    return text !== '' && Number.isFinite(number) ? number : text;
  }
  if (field.value === 'date') return dateText(cell);
  const text = cell instanceof Date ? dateText(cell) : String(cell).trim();
  return codeOf(field, text);
}

function isEmpty(cell: Cell | undefined): cell is null | undefined {
  return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}

/** One record per non-blank row, with its sheet row number; fully blank rows are skipped. */
export function buildRecords(kind: RegisterKind, sheet: SheetTable, mapping: ColumnMapping): SheetRecord[] {
  const fields = fieldsOf(kind).filter((field) => mapping[field.key] !== undefined);
  const records: SheetRecord[] = [];
  sheet.rows.forEach((row, index) => {
    if (isBlankRow(row)) return;
    const record: Record<string, unknown> = {};
    for (const field of fields) {
      const cell = row[mapping[field.key] ?? -1];
      if (!isEmpty(cell)) record[field.key] = cellValue(field, cell);
    }
    if (kind === 'persons') foldTags(record);
    records.push({ sheetRow: index + 2, record });
  });
  return records;
}

/** The category and reason columns become the `tags` the person import reads. */
function foldTags(record: Record<string, unknown>): void {
  const { tagCategory, tagReason } = record;
  delete record.tagCategory;
  delete record.tagReason;
  if (tagCategory === undefined) return;
  record.tags = [{ category: tagCategory, ...(tagReason === undefined ? {} : { reason: tagReason }) }];
}
