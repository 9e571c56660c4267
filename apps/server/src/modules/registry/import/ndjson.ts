// NDJSON bodies (one JSON object a line) and JSON arrays, with the 1-based line number of every record so
// a rejection can name the line the sender wrote.

export type ParsedLine = { line: number; value: unknown } | { line: number; error: string };

export function parseRecords(body: string): ParsedLine[] {
  const trimmed = body.trimStart();
  if (trimmed.startsWith('[')) {
    // A JSON array: its elements count as lines 1…n.
    try {
      const array = JSON.parse(trimmed) as unknown[];
      return array.map((value, i) => ({ line: i + 1, value }));
    } catch {
      return [{ line: 1, error: 'the body is neither NDJSON nor a JSON array' }];
    }
  }
  const out: ParsedLine[] = [];
  const lines = body.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!.trim();
    if (!text) continue; // blank lines (a trailing newline) are not records
    try {
      out.push({ line: i + 1, value: JSON.parse(text) });
    } catch {
      out.push({ line: i + 1, error: 'not valid JSON' });
    }
  }
  return out;
}
