// Bulk loading with COPY … FROM STDIN (text format): tens of thousands of rows per statement.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

export type CopyValue = string | number | boolean | Buffer | null;

/** One field in COPY's text format: `\N` for null, bytea as `\\x<hex>`, specials escaped. */
export function copyField(value: CopyValue): string {
  if (value === null) return '\\N';
  if (Buffer.isBuffer(value)) return `\\\\x${value.toString('hex')}`;
  if (typeof value !== 'string') return String(value);
  return value.replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}

/** One row in COPY's text format, newline included. */
export const copyLine = (row: readonly CopyValue[]) => `${row.map(copyField).join('\t')}\n`;

export async function copyRows(
  client: pg.PoolClient,
  table: string,
  columns: readonly string[],
  rows: CopyValue[][],
) {
  if (rows.length === 0) return;
  await copyText(client, table, columns, rows.map(copyLine));
}

/** COPY of rows already in text format (`copyLine`), sent as one chunk: a stream write per line costs
 *  more than the line itself. */
export async function copyText(
  client: pg.PoolClient,
  table: string,
  columns: readonly string[],
  lines: readonly string[],
) {
  await pipeline(
    Readable.from([lines.join('')]),
    client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`)),
  );
}
