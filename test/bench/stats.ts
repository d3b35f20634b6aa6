/**
 * Latency and throughput figures, pure so test/unit/bench-stats.test.ts can check them by hand. Percentiles use the
 * nearest-rank method (the value at rank ⌈p/100 · n⌉ of the sorted samples): every figure reported is a latency that
 * was actually observed, never an interpolation between two.
 */
export function percentile(samples: readonly number[], p: number): number {
  if (!samples.length) return Number.NaN;
  if (p < 0 || p > 100) throw new RangeError(`percentile ${p} is outside 0–100`);
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export function summarize(samples: readonly number[]): LatencySummary {
  const mean = samples.length ? samples.reduce((s, x) => s + x, 0) / samples.length : Number.NaN;
  return {
    count: samples.length,
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    p99: percentile(samples, 99),
    max: samples.length ? Math.max(...samples) : Number.NaN,
    mean,
  };
}

/** Completed operations per second over a measured window. */
export function throughput(completed: number, elapsedMs: number): number {
  return elapsedMs > 0 ? (completed * 1000) / elapsedMs : Number.NaN;
}

/** Rounded for a table or the JSON line: whole numbers from 100 up, one decimal below, two below 1. */
export function round(x: number): number {
  if (!Number.isFinite(x)) return x;
  const digits = Math.abs(x) >= 100 ? 0 : Math.abs(x) >= 1 ? 1 : 2;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** Relative spread of two figures: |a − b| / max(a, b) (0 when both are 0). */
export function relativeDifference(a: number, b: number): number {
  const top = Math.max(Math.abs(a), Math.abs(b));
  return top === 0 ? 0 : Math.abs(a - b) / top;
}
