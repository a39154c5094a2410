/**
 * Timing shared by both sides of bench/runtime.ts (the edgeforge runtime process and the
 * tfjs peer), so they are measured the same way. Imports nothing: the runtime's process
 * must hold only the runtime.
 */

export interface LatencyStats {
  runs: number;
  medianMs: number;
  p95Ms: number;
}

export interface Throughput {
  batch: number;
  batches: number;
  msPerBatch: number;
  windowsPerSecond: number;
}

/** The q-quantile of sorted values (nearest rank). */
function quantile(sorted: Float64Array, q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

/** Each of `runs` calls timed on its own, after `warmup` untimed ones (JIT, caches). */
export function latencyStats(run: () => void, runs: number, warmup = 200): LatencyStats {
  for (let i = 0; i < warmup; i++) run();
  const times = new Float64Array(runs);
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    run();
    times[i] = performance.now() - started;
  }
  times.sort();
  return { runs, medianMs: quantile(times, 0.5), p95Ms: quantile(times, 0.95) };
}

/** Calls of one batch of `batch` windows for about `seconds`, after a few warm-up calls. */
export function throughput(run: () => void, batch: number, seconds = 2): Throughput {
  for (let i = 0; i < 5; i++) run();
  const started = performance.now();
  let batches = 0;
  do {
    run();
    batches++;
  } while (performance.now() - started < seconds * 1000);
  const ms = performance.now() - started;
  return { batch, batches, msPerBatch: ms / batches, windowsPerSecond: (batches * batch * 1000) / ms };
}
