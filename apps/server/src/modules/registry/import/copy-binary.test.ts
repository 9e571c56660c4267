// Binary COPY rows: text must be byte for byte the UTF-8 that Buffer (and so PostgreSQL's text format)
// would produce, whatever the string holds.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BinaryRows } from './copy-binary.ts';

/** The field's bytes after its 4-byte length, checking the length. */
function fieldOf(row: Buffer): Buffer {
  const length = row.readInt32BE(2);
  expect(row.length).toBe(6 + length);
  return row.subarray(6);
}

describe('binary COPY rows', () => {
  it('encodes text as Buffer does, lone surrogates included', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.string()),
        (s) => {
          const rows = new BinaryRows(8).row(1).text(s).rows();
          expect(fieldOf(rows)).toEqual(Buffer.from(s, 'utf8'));
        },
      ),
    );
    for (const s of ['张伟', '😀', '\ud800', 'a\udc00b', '\ud83d', '\ud83dx']) {
      expect(fieldOf(new BinaryRows(8).row(1).text(s).rows())).toEqual(Buffer.from(s, 'utf8'));
    }
  });

  it('writes dates and timestamps as PostgreSQL counts them, from 2000-01-01', () => {
    const date = new BinaryRows(8).row(1).date('1999-12-31').rows();
    expect(date.readInt32BE(6)).toBe(-1);
    const at = new Date('2026-11-29T09:00:00.123Z');
    const timestamp = new BinaryRows(8).row(1).timestamptz(at).rows();
    expect(timestamp.readBigInt64BE(6)).toBe(BigInt(at.getTime() - Date.UTC(2000, 0, 1)) * 1000n);
  });
});
