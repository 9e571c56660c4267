// One import pipeline for every register: parse → validate (domain rules) → reject duplicates → resolve
// codes in scope → classify new / existing (an existing record outside the scope is never touched) →
// bulk upsert and one audit row, all in one transaction. Valid lines are kept whatever the others do.
import type { TImportKind, TImportResult } from '@civgrid/contracts';
import { isWithin, validateImportRow } from '@civgrid/domain';
import type { Actor } from '../../../platform/actor.ts';
import { appendAudit } from '../../../platform/audit.ts';
import type { Context } from '../../../platform/context.ts';
import { withClientTransaction } from '../../../platform/db.ts';
import { AppError, type Lang } from '../../../platform/errors.ts';
import { existingKeys } from './lookups.ts';
import { parseRecords } from './ndjson.ts';
import { personWriter } from './persons.ts';
import { buildingWriter, houseWriter } from './places.ts';
import { type LookupRejection, lookupRejection, type Rejection } from './rejections.ts';
import { deviceWriter, organisationWriter, vehicleWriter } from './things.ts';
import { type ImportRun, type Item, type KeyedItem, keyText, type Writer } from './writer.ts';

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
  const rejected: Rejection[] = [];
  const reject = (line: number, code: LookupRejection, values?: Record<string, string | number>) =>
    rejected.push(lookupRejection(line, code, options.lang, values));

  const validated: Item<unknown>[] = [];
  const today = ctx.now();
  let records = 0;
  for (const record of parseRecords(body)) {
    if (++records > MAX_RECORDS_PER_REQUEST) throw new AppError('PAYLOAD_TOO_LARGE');
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
    validated.push({ line: record.line, value: result.value });
  }

  const keys = writer.keys(
    validated.map((item) => item.value),
    ctx,
  );
  const valid: KeyedItem<unknown>[] = [];
  const firstLineOfKey = new Map<string, number>();
  for (let i = 0; i < validated.length; i++) {
    const { line, value } = validated[i]!;
    const key = keys[i]!;
    const text = keyText(key);
    const earlier = firstLineOfKey.get(text);
    if (earlier !== undefined) {
      reject(line, 'DUPLICATE_IN_BATCH', { line: earlier });
      continue;
    }
    firstLineOfKey.set(text, line);
    valid.push({ line, value, key });
  }

  // One client for the whole transaction: the person writer COPYs on it beside Kysely's queries.
  const outcome = await withClientTransaction(ctx.pool, async (client, tx) => {
    const run: ImportRun = { ctx, actor, tx, client, reject };
    const prepared = await writer.prepare(run, valid);
    // A bulk load is usually all new records: tried first, it needs no look-up of every key in the batch.
    const rows = prepared.map((item) => item.value);
    const counts =
      !options.dryRun && (await writer.insertNew?.(rows, run))
        ? { accepted: rows.length, created: rows.length, updated: 0 }
        : await upsertInScope(run, writer, valid, prepared, options.dryRun);
    if (!options.dryRun) {
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

/** Classifies the prepared records as new or existing (an existing one outside the importer's scope is
 *  rejected and never touched) and, unless this is a dry run, upserts them. */
async function upsertInScope<R>(
  run: ImportRun,
  writer: Writer<unknown, R>,
  valid: KeyedItem<unknown>[],
  prepared: Item<R>[],
  isDryRun: boolean,
) {
  const existing = await existingKeys(
    run.tx,
    writer.table,
    writer.keyColumn,
    valid.map((item) => item.key),
  );
  const keyOfLine = new Map(valid.map((item) => [item.line, keyText(item.key)]));
  const ready = prepared.filter((item) => {
    const path = existing.get(keyOfLine.get(item.line)!);
    if (path !== undefined && !isWithin(path, run.actor.scopePath)) {
      run.reject(item.line, 'REGISTERED_ELSEWHERE');
      return false;
    }
    return true;
  });
  const updated = ready.filter((item) => existing.has(keyOfLine.get(item.line)!)).length;
  if (!isDryRun) {
    await writer.write(
      run.tx,
      ready.map((item) => item.value),
      run,
      existing,
    );
  }
  return { accepted: ready.length, created: ready.length - updated, updated };
}
