/** The bench stage: every variant of a model measured on every runner, each in its own process. */
export type { BenchCell, BenchResults, LatencyStats, RunnerName } from './results.js';
export {
  runBench,
  hostInfo,
  RUNNER_NAMES,
  DEFAULT_RUNS,
  DEFAULT_BATCH,
  DEFAULT_MCU_WINDOWS,
  type BenchOptions,
  type BenchProgress,
} from './run-bench.js';
export { benchRunDir, type RunDirBenchOptions } from './run-dir.js';
export type { VariantJob } from './job.js';
export type { TaskSpec } from './score.js';
