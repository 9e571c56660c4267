// Reading an uploaded file into headers and rows, in the browser: .xlsx (first sheet) or .csv. Row
// positions are kept (empty rows included) so every row can be reported by its number in the sheet.
import Papa from 'papaparse';
import { readSheet } from 'read-excel-file/browser';

export type Cell = string | number | boolean | Date | null;

export interface SheetTable {
  fileName: string;
  /** Row 1 of the sheet, as text. */
  headers: string[];
  /** Rows 2… of the sheet; `rows[i]` is sheet row `i + 2`. */
  rows: Cell[][];
}

/** The file could not be read as a spreadsheet; `isEmpty` when it was read but has no data rows. */
export class SheetReadError extends Error {
  readonly isEmpty: boolean;
  constructor(message: string, isEmpty = false) {
    super(message);
    this.name = 'SheetReadError';
    this.isEmpty = isEmpty;
  }
}

/** CSV files from Chinese Excel are often GBK; anything that is not valid UTF-8 is read as GB18030. */
function decodeText(bytes: ArrayBuffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

async function readCsv(file: File): Promise<Cell[][]> {
  const text = decodeText(await file.arrayBuffer()).replace(/^\uFEFF/, '');
  // Empty lines are kept: skipping them would shift the row numbers reported back to the user.
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false });
  const fatal = parsed.errors.find((error) => error.type === 'Quotes');
  if (fatal) throw new SheetReadError(fatal.message);
  return parsed.data;
}

async function readXlsx(file: File): Promise<Cell[][]> {
  const data = await readSheet(file);
  return data as unknown as Cell[][];
}

function isBlank(cell: Cell | undefined): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}

/** True when a row has no value at all (a spacer line, or the trailing newline of a CSV). */
export function isBlankRow(row: readonly Cell[]): boolean {
  return row.every(isBlank);
}

export async function readSpreadsheet(file: File): Promise<SheetTable> {
  const isCsv = /\.csv$/i.test(file.name) || file.type === 'text/csv';
  let all: Cell[][];
  try {
    all = isCsv ? await readCsv(file) : await readXlsx(file);
  } catch (cause) {
    throw new SheetReadError(cause instanceof Error ? cause.message : String(cause));
  }
  const [headerRow, ...rows] = all;
  if (!headerRow || isBlankRow(headerRow)) throw new SheetReadError('no header row', true);
  while (rows.length > 0 && isBlankRow(rows.at(-1) ?? [])) rows.pop();
  if (rows.length === 0) throw new SheetReadError('no data rows', true);
  return {
    fileName: file.name,
    headers: headerRow.map((cell) => (isBlank(cell) ? '' : String(cell).trim())),
    rows,
  };
}
