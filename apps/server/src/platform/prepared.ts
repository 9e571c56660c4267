// Named (prepared) statements for the queries the server repeats. PostgreSQL parses and plans every
// unnamed statement anew, and for the short queries most requests make (the session, a case's rows) that
// costs more than running them: the session join runs 9,800/s unnamed against 31,800/s prepared (pgbench,
// 8 clients, this machine). A parameterised text seen a second time gets a name derived from the text, so
// each connection prepares it once and afterwards only binds and executes it.
import { createHash } from 'node:crypto';
import type pg from 'pg';

// Bounds, so texts built with inlined values cannot grow the server's memory or each backend's: at most
// this many distinct texts ever get a name (the app has a few hundred shapes of query)...
const MAX_NAMED = 2_000;
// ...and texts seen once are forgotten wholesale when this many have piled up.
const MAX_SEEN_ONCE = 10_000;
// A text with more parameters is an `in (…)` list as long as its values: one statement per length would
// fill each backend with plans used once.
const MAX_PARAMETERS = 32;

const names = new Map<string, string>();
const seenOnce = new Set<string>();

/** The statement name for `text`, or undefined while it should still run unnamed. */
export function statementName(text: string): string | undefined {
  const name = names.get(text);
  if (name !== undefined || names.size >= MAX_NAMED) return name;
  if (!seenOnce.has(text)) {
    if (seenOnce.size >= MAX_SEEN_ONCE) seenOnce.clear();
    seenOnce.add(text);
    return undefined;
  }
  seenOnce.delete(text);
  const named = `civgrid_${createHash('sha1').update(text).digest('base64url').slice(0, 20)}`;
  names.set(text, named);
  return named;
}

type QueryFn = (...args: unknown[]) => unknown;

/** Makes `client.query(text, values[, callback])` use a named statement once the text repeats. Text
 *  without parameters is left alone: it goes by the simple protocol, which allows several statements. */
export function prepareRepeatedQueries(client: pg.ClientBase): void {
  const query = client.query.bind(client) as QueryFn;
  (client as { query: QueryFn }).query = (...args: unknown[]) => {
    const [text, values] = args;
    if (
      typeof text !== 'string' ||
      !Array.isArray(values) ||
      values.length === 0 ||
      values.length > MAX_PARAMETERS
    )
      return query(...args);
    const name = statementName(text);
    return name === undefined ? query(...args) : query({ name, text, values }, ...args.slice(2));
  };
}
