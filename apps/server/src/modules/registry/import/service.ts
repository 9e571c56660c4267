// One import pipeline for every register: parse → validate (domain rules) → reject duplicates → resolve
// codes in scope → classify new / existing (an existing record outside the scope is never touched) →
// bulk upsert and one audit row, all in one transaction. Valid lines are kept whatever the others do.
import type { TImportKind, TImportResult } from '@civgrid/contracts';
import { isWithin, validateImportRow } from '@civgrid/domain';
import type { Actor } from '../../../platform/actor.ts';
import { appendAudit } from '../../../platform/audit.ts';
import type { Context } from '../../../platform/context.ts';
import { AppError, type Lang } from '../../../platform/errors.ts';
import { existingKeys } from './lookups.ts';
import { parseRecords } from './ndjson.ts';
import { personWriter } from './persons.ts';
import { buildingWriter, houseWriter } from './places.ts';
import { type LookupRejection, lookupRejection, type Rejection } from './rejections.ts';
import { deviceWriter, organisationWriter, vehicleWriter } from './things.ts';
import type { ImportRun, KeyedItem, Writer } from './writer.ts';

export const MAX_RECORDS_PER_REQUEST = 100_000;

// biome-ignore lint/suspicious/noExplicitAny: each writer knows its own line and row types.
const WRITERS: Record<TImportKind, Writer<any, any>> = {
  persons: personWriter,
  houses: houseWriter,
  buildings: buildingWriter,
  vehicles: vehicleWriter,
  devices: deviceWriter,
  organisations: organisationWriter,
};

export async function importRecords(
  ctx: Context,
  actor: Actor,
  kind: TImportKind,
  body: string,
  options: { dryRun: boolean; lang: Lang },
): Promise<TImportResult> {
  const writer = WRITERS[kind];
  const parsed = parseRecords(body);
  if (parsed.length > MAX_RECORDS_PER_REQUEST) throw new AppError('PAYLOAD_TOO_LARGE');
  const rejected: Rejection[] = [];
  const reject = (line: number, code: LookupRejection, values?: Record<string, string | number>) =>
    rejected.push(lookupRejection(line, code, options.lang, values));

  const valid: KeyedItem<unknown>[] = [];
  const firstLineOfKey = new Map<string, number>();
  const today = ctx.now();
  for (const record of parsed) {
    if ('error' in record) {
      reject(record.line, 'INVALID_JSON');
      continue;
    }
    const result = validateImportRow(kind, record.value, today);
    if (!result.ok) {
      rejected.push({
        line: record.line,
        code: result.code,
        message: result.message[options.lang],
        field: result.field,
      });
      continue;
    }
    const key = writer.key(result.value, ctx);
    const earlier = firstLineOfKey.get(keyText(key));
    if (earlier !== undefined) {
      reject(record.line, 'DUPLICATE_IN_BATCH', { line: earlier });
      continue;
    }
    firstLineOfKey.set(keyText(key), record.line);
    valid.push({ line: record.line, value: result.value, key });
  }

  const outcome = await ctx.db.transaction().execute(async (tx) => {
    const run: ImportRun = { ctx, actor, tx, reject };
    const prepared = await writer.prepare(run, valid);
    const existing = await existingKeys(
      tx,
      writer.table,
      writer.keyColumn,
      valid.map((item) => item.key),
    );
    const keyOfLine = new Map(valid.map((item) => [item.line, keyText(item.key)]));
    const ready = prepared.filter((item) => {
      const path = existing.get(keyOfLine.get(item.line)!);
      if (path !== undefined && !isWithin(path, actor.scopePath)) {
        reject(item.line, 'REGISTERED_ELSEWHERE');
        return false;
      }
      return true;
    });
    const updated = ready.filter((item) => existing.has(keyOfLine.get(item.line)!)).length;
    const counts = { accepted: ready.length, created: ready.length - updated, updated };
    if (!options.dryRun) {
      await writer.write(
        tx,
        ready.map((item) => item.value),
        run,
      );
      await appendAudit(
        tx,
        actor,
        { action: `registry.import`, targetType: kind, details: { ...counts, rejected: rejected.length } },
        ctx.now(),
      );
    }
    return counts;
  });
  rejected.sort((a, b) => a.line - b.line);
  return { ...outcome, rejected, dryRun: options.dryRun };
}

function keyText(key: string | Buffer): string {
  return Buffer.isBuffer(key) ? key.toString('hex') : key;
}
