// NDJSON bodies (one JSON object a line) and JSON arrays, with the 1-based line number of every record so
// a rejection can name the line the sender wrote.

export type ParsedLine = { line: number; value: unknown } | { line: number; error: string };

/** The records one at a time: a line's raw JSON is garbage as soon as it has been validated, instead of
 *  living (and being copied by the garbage collector) for the whole request. */
export function* parseRecords(body: string): Generator<ParsedLine> {
  const trimmed = body.trimStart();
  if (trimmed.startsWith('[')) {
    // A JSON array: its elements count as lines 1…n.
    let array: unknown[];
    try {
      array = JSON.parse(trimmed) as unknown[];
    } catch {
      yield { line: 1, error: 'the body is neither NDJSON nor a JSON array' };
      return;
    }
    for (let i = 0; i < array.length; i++) yield { line: i + 1, value: array[i] };
    return;
  }
  let line = 0;
  for (let start = 0; start < body.length; ) {
    const end = body.indexOf('\n', start);
    const text = body.slice(start, end === -1 ? body.length : end).trim();
    start = end === -1 ? body.length : end + 1;
    line++;
    if (!text) continue; // blank lines (a trailing newline) are not records
    try {
      yield { line, value: JSON.parse(text) };
    } catch {
      yield { line, error: 'not valid JSON' };
    }
  }
}
