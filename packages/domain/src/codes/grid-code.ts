// Grid codes as the source uses them: an upper-case county letter, a lower-case township letter and a
// three-digit number from 001 (`Ab001`). Letters are positional: the n-th county of the city gets the
// n-th letter, so a city holds at most 26 counties of at most 26 townships of at most 999 grids.

const GRID_CODE = /^[A-Z][a-z](?!000)\d{3}$/;

/** True when `code` has the five-character grid code form with a number from 001. */
export function isGridCode(code: string): boolean {
  return GRID_CODE.test(code);
}

/** The grid code for county `countyIndex`, township `townshipIndex` (both from 0) and grid `n` (1–999). */
export function gridCode(countyIndex: number, townshipIndex: number, n: number): string {
  for (const [name, value, max] of [
    ['county index', countyIndex, 25],
    ['township index', townshipIndex, 25],
  ] as const) {
    if (!Number.isInteger(value) || value < 0 || value > max)
      throw new RangeError(`${name} out of range: ${value}`);
  }
  if (!Number.isInteger(n) || n < 1 || n > 999) throw new RangeError(`grid number out of range: ${n}`);
  return (
    String.fromCharCode(65 + countyIndex) +
    String.fromCharCode(97 + townshipIndex) +
    String(n).padStart(3, '0')
  );
}

/** The parts of a valid grid code; `null` when it is malformed. */
export function parseGridCode(
  code: string,
): { countyIndex: number; townshipIndex: number; n: number } | null {
  if (!isGridCode(code)) return null;
  return {
    countyIndex: code.charCodeAt(0) - 65,
    townshipIndex: code.charCodeAt(1) - 97,
    n: Number(code.slice(2)),
  };
}
