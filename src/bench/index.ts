/** The bench stage: every variant of a model measured on every runner, each in its own process. */
export type { BenchCell, BenchResults, LatencyStats, RunnerName } from './results.js';
export {
  runBench,
  benchRunDir,
  type BenchOptions,
  type BenchSettings,
  type RunDirBenchOptions,
} from './run-bench.js';
export {
  benchVariants,
  hostInfo,
  RUNNER_NAMES,
  DEFAULT_RUNS,
  DEFAULT_BATCH,
  DEFAULT_MCU_WINDOWS,
  type VariantBenchOptions,
  type BenchProgress,
} from './bench-variants.js';
export type { VariantJob } from './job.js';
export type { TaskSpec } from './score.js';
export { benchTable } from './table.js';
