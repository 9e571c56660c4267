import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statementName } from '../src/platform/prepared.ts';
import { createHarness, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

describe('prepared statements', () => {
  it('names a parameterised text from its second use on, always with the same name', () => {
    const text = `select $1::int as probe_${Date.now()}`;
    expect(statementName(text)).toBeUndefined();
    const name = statementName(text);
    expect(name).toMatch(/^civgrid_/);
    expect(statementName(text)).toBe(name);
    expect(statementName(`${text} `)).toBeUndefined();
  });

  it('prepares a repeated query once per connection and answers it right every time', async () => {
    const client = await h.database.pool.connect();
    try {
      const text = 'select $1::int * 2 as doubled';
      const answers = [];
      for (const n of [1, 2, 3, 4]) answers.push((await client.query(text, [n])).rows[0].doubled);
      expect(answers).toEqual([2, 4, 6, 8]);
      const prepared = await client.query<{ name: string }>(
        'select name from pg_prepared_statements where statement = $1',
        [text],
      );
      expect(prepared.rows).toHaveLength(1);
      expect(prepared.rows[0]!.name).toBe(statementName(text));
    } finally {
      client.release();
    }
  });

  it('leaves long parameter lists unnamed: an in (…) list as long as its values would fill each backend', async () => {
    const client = await h.database.pool.connect();
    try {
      const values = Array.from({ length: 40 }, (_, i) => i);
      const text = `select ${values.map((i) => `$${i + 1}::int`).join(' + ')} as total`;
      for (let i = 0; i < 3; i++) expect((await client.query(text, values)).rows[0].total).toBe(780);
      const prepared = await client.query('select 1 from pg_prepared_statements where statement = $1', [
        text,
      ]);
      expect(prepared.rows).toHaveLength(0);
    } finally {
      client.release();
    }
  });

  it('leaves texts without parameters on the simple protocol, where several statements may run', async () => {
    const results = await h.database.pool.query('select 1 as a; select 2 as b');
    expect((results as unknown as { rows: unknown[] }[]).map((r) => r.rows)).toEqual([
      [{ a: 1 }],
      [{ b: 2 }],
    ]);
  });

  it('keeps Kysely queries working through the named statements', async () => {
    const read = () => h.ctx.db.selectFrom('org_unit').select('code').where('level', '=', 'city').execute();
    const first = await read();
    expect(first).toHaveLength(1);
    for (let i = 0; i < 5; i++) expect(await read()).toEqual(first);
  });
});
