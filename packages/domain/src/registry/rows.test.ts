import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INVALID_VALUES, TODAY, VALID_ROWS } from './generators.test-support.ts';
import { IMPORT_KINDS, type ImportKind, isImportKind, validateImportRow } from './rows.ts';
import { fieldLabel, RULES } from './rules.ts';

/** A field and one of its invalid values, for `kind`. */
const mutation = (kind: ImportKind) =>
  fc
    .constantFrom(...Object.entries(INVALID_VALUES[kind]))
    .chain(([field, values]) => fc.constantFrom(...values).map((value) => ({ field, value })));

const withValue = (row: Record<string, unknown>, field: string, value: unknown) => {
  const copy = { ...row, [field]: value };
  if (value === undefined) delete copy[field];
  return copy;
};

const isOrUnder = (reported: string, field: string) => reported === field || reported.startsWith(`${field}[`);

describe('import rows, every kind', () => {
  it('accepts every valid generated row', () => {
    for (const kind of IMPORT_KINDS) {
      fc.assert(
        fc.property(VALID_ROWS[kind], (row) => {
          const result = validateImportRow(kind, row, TODAY);
          if (!result.ok) expect.fail(`${kind}: ${JSON.stringify(result)} for ${JSON.stringify(row)}`);
        }),
        { numRuns: 150 },
      );
    }
  });

  it('rejects a row with one broken field, naming that field in both languages', () => {
    for (const kind of IMPORT_KINDS) {
      fc.assert(
        fc.property(VALID_ROWS[kind], mutation(kind), (row, { field, value }) => {
          const result = validateImportRow(kind, withValue(row, field, value), TODAY);
          expect(result.ok).toBe(false);
          if (result.ok) return;
          expect(isOrUnder(result.field, field), `${kind}.${field} → ${result.field}`).toBe(true);
          // Buildings, devices and organisations have a 名称 where a person has a 姓名.
          const zh = kind !== 'persons' && result.field === 'name' ? '名称' : fieldLabel(result.field).zh;
          expect(result.message.zh).toContain(zh);
          expect(result.message.en).toContain(result.field);
          expect(result.message.zh + result.message.en).not.toMatch(/\{\w+\}/);
          expect(RULES[result.rule]).toBeDefined();
        }),
        { numRuns: 200 },
      );
    }
  });

  it('reports the first broken field in field order', () => {
    for (const kind of IMPORT_KINDS) {
      const order = Object.keys(INVALID_VALUES[kind]);
      fc.assert(
        fc.property(VALID_ROWS[kind], mutation(kind), mutation(kind), (row, a, b) => {
          fc.pre(a.field !== b.field);
          const result = validateImportRow(
            kind,
            withValue(withValue(row, a.field, a.value), b.field, b.value),
            TODAY,
          );
          const first = order.indexOf(a.field) < order.indexOf(b.field) ? a.field : b.field;
          expect(!result.ok && isOrUnder(result.field, first)).toBe(true);
        }),
        { numRuns: 200 },
      );
    }
  });

  it('never throws, whatever the line holds', () => {
    for (const kind of IMPORT_KINDS) {
      fc.assert(
        fc.property(
          fc.oneof(
            fc.anything(),
            fc.dictionary(fc.constantFrom(...Object.keys(INVALID_VALUES[kind])), fc.anything()),
          ),
          (raw) => {
            const result = validateImportRow(kind, raw, TODAY);
            expect(typeof result.ok).toBe('boolean');
          },
        ),
        { numRuns: 300 },
      );
    }
  });

  it('rejects a line that is not a JSON object as a whole', () => {
    for (const raw of [null, 'text', 42, [], [{ code: 'x' }]]) {
      const result = validateImportRow('houses', raw, TODAY);
      expect(result).toMatchObject({ ok: false, field: 'row', rule: 'type', code: 'INVALID_FIELD' });
      if (!result.ok)
        expect(result.message).toEqual({ zh: '该行应为JSON对象', en: 'row: must be a JSON object' });
    }
  });

  it('knows its kinds', () => {
    expect(IMPORT_KINDS).toEqual(['persons', 'houses', 'buildings', 'vehicles', 'devices', 'organisations']);
    expect(isImportKind('persons')).toBe(true);
    expect(isImportKind('people')).toBe(false);
  });
});
