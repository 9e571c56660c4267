// The error sheet: every rejected row as it was in the file, with an extra column saying why, so the
// user can fix those rows and import just them again.
import writeXlsxFile, { type SheetData } from 'write-excel-file/browser';
import type { Cell, SheetTable } from './read-sheet.ts';
import type { RejectedRow } from './run-import.ts';

export async function downloadErrorSheet(
  sheet: SheetTable,
  rejected: readonly RejectedRow[],
  reasonHeader: string,
  separator: string,
  describe: (row: RejectedRow) => string,
): Promise<void> {
  const reasons = new Map<number, string[]>();
  for (const row of rejected)
    reasons.set(row.sheetRow, [...(reasons.get(row.sheetRow) ?? []), describe(row)]);
  const data: SheetData = [[...sheet.headers, reasonHeader]];
  for (const [sheetRow, texts] of [...reasons].sort(([a], [b]) => a - b)) {
    const original: Cell[] = sheet.rows[sheetRow - 2] ?? [];
    const cells = sheet.headers.map((_, i) => original[i] ?? null);
    data.push([...cells, texts.join(separator)]);
  }
  const base = sheet.fileName.replace(/\.[^.]+$/, '');
  await writeXlsxFile(data).toFile(`${base}-errors.xlsx`);
}
