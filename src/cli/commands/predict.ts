import { createReadStream } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../../errors.js';
import { DEFAULT_BATCH, predictFile } from '../../predict/batch.js';
import { followLines, readLines } from '../../predict/line-source.js';
import { loadPredictionModel, type PredictionModel } from '../../predict/model-source.js';
import { predictStream } from '../../predict/stream.js';
import { formatBatchPrediction, formatStreamSummary } from '../format/predict.js';
import { withInterrupt } from '../interrupt.js';
import { printResult, type CliIo } from '../io.js';
import { integer } from '../options.js';
import { startProgress } from '../progress.js';

interface PredictFlags {
  out?: string;
  json?: boolean;
  batch: number;
  stream?: boolean;
  input?: string;
  follow?: boolean;
  stride?: number;
}

/** data.csv -> data.predictions.csv beside it. */
function defaultOut(data: string): string {
  return join(dirname(data), `${basename(data, extname(data))}.predictions.csv`);
}

/** Flags of one mode given in the other are mistakes worth naming. */
function checkMode(data: string | undefined, flags: PredictFlags): void {
  if (flags.stream) {
    if (data !== undefined) {
      throw new UsageError(`--stream reads readings from stdin or --input, not from '${data}'`, {
        fix: `Use --stream --input ${data}, or leave out --stream to score the whole file`,
      });
    }
    if (flags.out !== undefined) {
      throw new UsageError('--out is for batch scoring; --stream prints one JSON line per prediction', {
        fix: 'Redirect the output instead: edgeforge predict MODEL --stream > predictions.jsonl',
      });
    }
    if (flags.follow && flags.input === undefined) {
      throw new UsageError('--follow needs a file to follow', { fix: 'Add --input FILE' });
    }
    return;
  }
  const streamOnly = (['input', 'follow', 'stride'] as const).find((flag) => flags[flag] !== undefined);
  if (streamOnly) {
    throw new UsageError(`--${streamOnly} applies to --stream`, { fix: 'Add --stream, or leave it out' });
  }
  if (data === undefined) {
    throw new UsageError('no data to score', {
      fix: 'Pass a CSV or Parquet file, or --stream to read readings live',
    });
  }
}

async function streamCommand(model: PredictionModel, flags: PredictFlags, io: CliIo): Promise<void> {
  const source = flags.input ?? 'stdin';
  const summary = await withInterrupt((signal) => {
    const lines = flags.follow
      ? followLines(source, signal)
      : readLines(flags.input === undefined ? process.stdin : createReadStream(flags.input), signal);
    return predictStream({
      model,
      lines,
      source,
      stride: flags.stride,
      emit: io.out,
      warn: (message) => io.err(`edgeforge: warning: ${message}\n`),
    });
  });
  io.err(`${formatStreamSummary(summary)}\n`);
}

async function batchCommand(
  model: PredictionModel,
  data: string,
  flags: PredictFlags,
  io: CliIo,
): Promise<void> {
  const json = Boolean(flags.json);
  const progress = startProgress(io, 'scoring', json);
  const result = await withInterrupt((signal) =>
    predictFile({
      model,
      data,
      out: flags.out ?? defaultOut(data),
      batch: flags.batch,
      signal,
      onProgress: progress.update,
    }),
  ).finally(() => progress.stop());
  printResult(io, json, result, () => formatBatchPrediction(result));
}

export function registerPredict(program: Command, io: CliIo): void {
  program
    .command('predict')
    .description(
      'score a data file with a model (class probabilities or anomaly scores, metrics when labelled), or run it live on a stream of readings',
    )
    .argument('<model>', 'model.json from edgeforge train, or a .efg graph')
    .argument('[data]', 'CSV or Parquet file to score, in the layout the model was trained on')
    .option('--out <file>', 'predictions CSV (default: <data>.predictions.csv beside the data)')
    .option('--json', 'print the result as JSON')
    .option('--batch <n>', 'windows per runtime call', integer(1), DEFAULT_BATCH)
    .option(
      '--stream',
      'read readings line by line (stdin, or --input) and print one JSON line per prediction',
    )
    .option('--input <file>', 'with --stream: read this file instead of stdin')
    .option('--follow', 'with --stream --input: keep reading lines appended to the file, like tail -f')
    .option(
      '--stride <n>',
      "with --stream: readings between predictions (default: the model's window stride)",
      integer(1),
    )
    .action(async (modelFile: string, data: string | undefined, flags: PredictFlags) => {
      checkMode(data, flags);
      const model = await loadPredictionModel(modelFile);
      if (flags.stream) await streamCommand(model, flags, io);
      else await batchCommand(model, data!, flags, io);
    });
}
