/**
 * Single-window latency of several graphs in this process. Rounds interleave the graphs (one
 * invocation of each per round), so a slow phase of the machine hits every graph alike.
 */
import type { Graph } from '../graph/types.js';
import { FloatRunner } from '../runtime/float-runner.js';

const WARMUP_RUNS = 10;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Median milliseconds per invocation (input quantized and output read each time, as a deployed model must) of each graph. */
export function medianLatencies(graphs: Graph[], window: Float32Array, runs: number): number[] {
  const runners = graphs.map((graph) => new FloatRunner(graph, { batch: 1 }));
  const times = graphs.map((): number[] => []);
  for (let round = 0; round < WARMUP_RUNS + runs; round++) {
    runners.forEach((runner, g) => {
      const started = performance.now();
      runner.input.set(window);
      runner.run();
      if (round >= WARMUP_RUNS) times[g]!.push(performance.now() - started);
    });
  }
  return times.map(median);
}
