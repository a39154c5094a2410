/**
 * benchVariants: every variant of a model on every chosen runner, each cell in a fresh child
 * process (so one runtime's memory and threads never show in another's figures), run one
 * after another so they do not disturb each other's timings.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { VariantReport } from '../compress/report.js';
import type { WindowSet } from '../data/types.js';
import { UsageError } from '../errors.js';
import { runInChild } from './child.js';
import type { VariantJob } from './job.js';
import type { BenchCell, BenchResults, RunnerName } from './results.js';
import type { TaskSpec } from './score.js';

export const RUNNER_NAMES: readonly RunnerName[] = [
  'edgeforge',
  'onnxruntime',
  'litert',
  'c-native',
  'c-cortex-m4',
];

export const DEFAULT_RUNS = 200;
export const DEFAULT_BATCH = 16;
export const DEFAULT_MCU_WINDOWS = 16;

export interface BenchProgress {
  runner: RunnerName;
  variant: string;
  step: string;
  /** Cells finished so far, of `total`. */
  done: number;
  total: number;
}

export interface VariantBenchOptions {
  /** model.json path (recorded in the results). */
  model: string;
  spec: TaskSpec;
  /** The model's test split, scaled as it was trained. */
  test: WindowSet;
  variants: VariantJob[];
  /** compress.json's variant reports (empty without a compress stage). */
  reports: VariantReport[];
  runners?: readonly RunnerName[];
  /** Timed single-window runs after warm-up; default 200. */
  runs?: number;
  /** Batch size; default 16. */
  batch?: number;
  /** Timed batched runs; default `runs`. */
  batchRuns?: number;
  /** Untimed runs first; default a tenth of `runs`, at least 10. */
  warmup?: number;
  /** Test windows run on the emulated Cortex-M4 (default 16); its cell has scores only when they are all of them. */
  mcuWindows?: number;
  onProgress?: (progress: BenchProgress) => void;
}

function positive(value: number | undefined, fallback: number, what: string): number {
  const chosen = value ?? fallback;
  if (!Number.isInteger(chosen) || chosen < 1) {
    throw new UsageError(`${what} must be a whole number of at least 1, not ${chosen}`, {
      place: what,
      fix: `Set ${what} to 1 or more`,
    });
  }
  return chosen;
}

export function hostInfo(): BenchResults['host'] {
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: availableParallelism(),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  };
}

export async function benchVariants(options: VariantBenchOptions): Promise<BenchResults> {
  const runners = options.runners ?? RUNNER_NAMES;
  const runs = positive(options.runs, DEFAULT_RUNS, 'runs');
  const settings = {
    runs,
    batch: positive(options.batch, DEFAULT_BATCH, 'batch'),
    batchRuns: positive(options.batchRuns, runs, 'batchRuns'),
    warmup: positive(options.warmup, Math.max(10, Math.ceil(runs / 10)), 'warmup'),
    mcuWindows: positive(options.mcuWindows, DEFAULT_MCU_WINDOWS, 'mcuWindows'),
  };
  if (options.test.count === 0) {
    throw new UsageError('the test split has no windows to measure on', {
      fix: 'Use a data set with a test split',
    });
  }
  const total = runners.length * options.variants.length;
  const cells: BenchCell[] = [];
  const workDir = await mkdtemp(join(tmpdir(), 'edgeforge-bench-'));
  try {
    const { variants, test, spec } = options;
    for (const runner of runners) {
      for (const variant of variants) {
        const job = { runner, variants: [variant], test, spec, workDir, ...settings };
        const done = cells.length;
        cells.push(
          ...(await runInChild(job, (name, step) =>
            options.onProgress?.({ runner, variant: name, step, done, total }),
          )),
        );
      }
    }
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
  options.onProgress?.({ runner: runners.at(-1)!, variant: '', step: 'done', done: total, total });
  return {
    model: options.model,
    createdAt: new Date().toISOString(),
    host: hostInfo(),
    task: options.spec.task,
    classes: options.test.classes,
    variants: options.reports,
    cells,
  };
}
