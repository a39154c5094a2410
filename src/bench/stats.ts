/** Latency statistics over timed runs: mean and nearest-rank percentiles, in milliseconds. */
import type { LatencyStats } from './results.js';

/** The smallest sample with at least `percent`% of the samples at or below it (nearest rank). */
function nearestRank(sorted: Float64Array, percent: number): number {
  const rank = Math.ceil((percent / 100) * sorted.length);
  return sorted[Math.max(0, rank - 1)]!;
}

export function latencyStats(milliseconds: ArrayLike<number>): LatencyStats {
  const sorted = Float64Array.from(milliseconds).sort();
  if (sorted.length === 0) throw new RangeError('latency statistics need at least one timed run');
  const mean = sorted.reduce((sum, value) => sum + value, 0) / sorted.length;
  return {
    runs: sorted.length,
    mean,
    p50: nearestRank(sorted, 50),
    p95: nearestRank(sorted, 95),
    p99: nearestRank(sorted, 99),
  };
}
