import type { Command } from 'commander';
import {
  benchRunDir,
  benchTable,
  DEFAULT_BATCH,
  DEFAULT_RUNS,
  RUNNER_NAMES,
  type RunnerName,
} from '../../bench/index.js';
import { UsageError } from '../../errors.js';
import { closestName } from '../../util/closest.js';
import { printResult, type CliIo } from '../io.js';
import { integer, list } from '../options.js';
import { startProgress } from '../progress.js';

interface BenchFlags {
  data?: string;
  runs: number;
  batch: number;
  runners?: string[];
  json?: boolean;
}

/** The issue asks for at least this many timed runs per cell. */
const MIN_RUNS = 200;

function checkRunners(names: string[]): RunnerName[] {
  return names.map((name) => {
    if ((RUNNER_NAMES as readonly string[]).includes(name)) return name as RunnerName;
    const suggestion = closestName(name, RUNNER_NAMES);
    throw new UsageError(`unknown runner '${name}'${suggestion ? ` (did you mean ${suggestion}?)` : ''}`, {
      place: 'option --runners',
      fix: `Use a comma-separated list of: ${RUNNER_NAMES.join(', ')}`,
    });
  });
}

export function registerBench(program: Command, io: CliIo): void {
  program
    .command('bench')
    .description(
      'measure every compressed variant on every runner (edgeforge, ONNX Runtime, LiteRT.js, native C, emulated Cortex-M4)',
    )
    .argument(
      '<run-dir>',
      'a pipeline run folder (train/model.json, compress/compress.json, export/export.json)',
    )
    .option('--data <file>', 'data file (default: the file the model was trained on)')
    .option(
      '--runs <n>',
      `timed runs per cell after warm-up (at least ${MIN_RUNS})`,
      integer(MIN_RUNS),
      DEFAULT_RUNS,
    )
    .option('--batch <n>', 'batch size of the batched runs', integer(1), DEFAULT_BATCH)
    .option('--runners <list>', `comma-separated runners: ${RUNNER_NAMES.join(', ')}`, list)
    .option('--json', 'print bench.json')
    .action(async (runDir: string, flags: BenchFlags) => {
      const runners = flags.runners ? checkRunners(flags.runners) : undefined;
      const json = Boolean(flags.json);
      const progress = startProgress(io, 'benchmarking', json);
      const { results, file } = await benchRunDir(runDir, {
        ...(flags.data !== undefined && { data: flags.data }),
        runs: flags.runs,
        batch: flags.batch,
        ...(runners && { runners }),
        onProgress: (event) =>
          progress.update(event.done, event.total, `${event.runner} ${event.variant} ${event.step}`),
      }).finally(() => progress.stop());
      printResult(io, json, results, () => `${benchTable(results)}\n\nwritten to ${file}`);
    });
}
