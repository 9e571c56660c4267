// Timing helpers: run a case and its baseline in the same process, same database, same run, so the
// ratio says what the measured thing costs beyond the baseline regardless of the machine's speed.
import { performance } from 'node:perf_hooks';

export interface Sample {
  n: number;
  meanMs: number;
  p50Ms: number;
  p95Ms: number;
}

export async function sample(
  n: number,
  fn: (i: number) => unknown | Promise<unknown>,
  warmup = Math.min(20, n),
): Promise<Sample> {
  for (let i = 0; i < warmup; i++) await fn(i);
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    times.push(performance.now() - t);
  }
  return summarise(times);
}

/** Mean, median and p95 of measured times (ms); `meanMs` when the mean is another figure, such as wall
 *  time per call with calls in flight together. */
export function summarise(times: readonly number[], meanMs?: number): Sample {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return {
    n: sorted.length,
    meanMs: meanMs ?? sorted.reduce((a, b) => a + b, 0) / sorted.length,
    p50Ms: at(0.5),
    p95Ms: at(0.95),
  };
}

export interface BenchResult {
  name: string;
  what: string;
  measured: Sample;
  baselineName: string;
  baseline: Sample;
  ratio: number;
}

export function compare(
  name: string,
  what: string,
  measured: Sample,
  baselineName: string,
  baseline: Sample,
): BenchResult {
  return { name, what, measured, baselineName, baseline, ratio: measured.meanMs / baseline.meanMs };
}

const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms >= 1 ? ms.toFixed(2) : ms.toFixed(4));

export function printTable(results: BenchResult[]): void {
  const rows = results.map((r) => [
    r.name,
    String(r.measured.n),
    fmt(r.measured.meanMs),
    fmt(r.measured.p95Ms),
    r.baselineName,
    fmt(r.baseline.meanMs),
    `${r.ratio.toFixed(2)}×`,
  ]);
  const head = ['benchmark', 'n', 'mean ms', 'p95 ms', 'baseline', 'base ms', 'ratio'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 || i === 4 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}
