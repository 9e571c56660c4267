// Sending records to the import endpoint in chunks (NDJSON, one record a line) and adding up the
// answers. The server numbers rejected lines within each request; they are mapped back to sheet rows
// here. A chunk the server refuses as a whole stops the run and says which rows were not sent.
import { api } from '../../../../lib/api.ts';
import type { RegisterKind } from '../shared/registers.ts';
import type { TImportResult } from '../shared/types.ts';
import type { SheetRecord } from './build-records.ts';

export const CHUNK_ROWS = 1000;

export interface RejectedRow {
  sheetRow: number;
  code: string;
  message: string;
  field?: string;
}

export interface ImportTotals {
  isDryRun: boolean;
  accepted: number;
  created: number;
  updated: number;
  rejected: RejectedRow[];
  /** Records sent so far (for the progress bar). */
  done: number;
  total: number;
  /** Set when a whole chunk failed: its first and last sheet rows and the reason. */
  failure?: { fromRow: number; toRow: number; error: unknown };
}

export function emptyTotals(isDryRun: boolean, total: number): ImportTotals {
  return { isDryRun, accepted: 0, created: 0, updated: 0, rejected: [], done: 0, total };
}

export async function runImport(
  kind: RegisterKind,
  records: readonly SheetRecord[],
  isDryRun: boolean,
  onProgress: (totals: ImportTotals) => void,
  signal?: AbortSignal,
): Promise<ImportTotals> {
  let totals = emptyTotals(isDryRun, records.length);
  onProgress(totals);
  for (let start = 0; start < records.length && !signal?.aborted; start += CHUNK_ROWS) {
    const chunk = records.slice(start, start + CHUNK_ROWS);
    const body = `${chunk.map((row) => JSON.stringify(row.record)).join('\n')}\n`;
    let result: TImportResult;
    try {
      result = await api.postText<TImportResult>(
        `/api/v1/import/${kind}?dryRun=${isDryRun}`,
        body,
        'application/x-ndjson',
        signal ? { signal } : {},
      );
    } catch (error) {
      // Stopped on purpose (the user left or started over): report nothing more.
      if (signal?.aborted) return totals;
      const failure = { fromRow: chunk[0]?.sheetRow ?? 0, toRow: chunk.at(-1)?.sheetRow ?? 0, error };
      totals = { ...totals, failure };
      onProgress(totals);
      return totals;
    }
    const rejected = result.rejected.map((r) => ({
      // `line` is 1-based within this request's body.
      sheetRow: chunk[r.line - 1]?.sheetRow ?? 0,
      code: r.code,
      message: r.message,
      ...(r.field === undefined ? {} : { field: r.field }),
    }));
    totals = {
      ...totals,
      accepted: totals.accepted + result.accepted,
      created: totals.created + result.created,
      updated: totals.updated + result.updated,
      rejected: [...totals.rejected, ...rejected],
      done: totals.done + chunk.length,
    };
    onProgress(totals);
  }
  return totals;
}
