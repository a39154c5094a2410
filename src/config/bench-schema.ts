import { z } from 'zod';
import { DEFAULT_BATCH, DEFAULT_RUNS, RUNNER_NAMES, type RunnerName } from '../bench/index.js';

// z.enum takes a non-empty tuple; RUNNER_NAMES lists every runner.
const runnerNames = RUNNER_NAMES as [RunnerName, ...RunnerName[]];

/** The bench section: every variant on every runner, measured side by side. */
export const benchSectionSchema = z.strictObject({
  /** Timed single-window runs per cell after warm-up. */
  runs: z.int().min(1).default(DEFAULT_RUNS),
  batch: z.int().min(1).default(DEFAULT_BATCH),
  /** Unset: every runner; one whose toolchain is missing is reported as unsupported. */
  runners: z.array(z.enum(runnerNames)).min(1).optional(),
});

export type BenchSection = z.output<typeof benchSectionSchema>;

/** The report section: its presence asks for report.html, report.md and report.json. */
export const reportSectionSchema = z.strictObject({});
