/** What the bench sends a runner's child process and what it answers (structured-clone IPC). */
import type { WindowSet } from '../data/types.js';
import type { BenchCell, RunnerName } from './results.js';
import type { TaskSpec } from './score.js';

export interface VariantJob {
  name: string;
  /** The variant's deploy graph (.efg). */
  graphFile: string;
  /** Files the export stage wrote and verified for this variant, by format. */
  exports: { onnx?: string; tflite?: string; c?: string };
}

export interface RunnerJob {
  runner: RunnerName;
  variants: VariantJob[];
  test: WindowSet;
  spec: TaskSpec;
  /** Timed single-window runs after warm-up. */
  runs: number;
  /** Windows per batched invocation, and how many batched invocations are timed. */
  batch: number;
  batchRuns: number;
  warmup: number;
  /** Test windows run on the emulated Cortex-M4 (instruction counts; accuracy only when all ran). */
  mcuWindows: number;
  /** A folder for files the runner writes itself (exports the run lacks, compiled C). */
  workDir: string;
}

export type RunnerMessage =
  { type: 'progress'; variant: string; step: string } | { type: 'cell'; cell: BenchCell } | { type: 'done' };
