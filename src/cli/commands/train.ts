import type { Command } from 'commander';
import { loadConfig } from '../../config/load.js';
import { trainSectionSchema, type TrainSection } from '../../config/train-schema.js';
import { describeIssue } from '../../config/issues.js';
import { prepareData } from '../../data/prepare.js';
import { UsageError } from '../../errors.js';
import { runTrainStage } from '../../pipeline/train-stage.js';
import { PRESET_NAMES } from '../../train/presets.js';
import { formatTrainResult } from '../format/train-result.js';
import { printResult, type CliIo } from '../io.js';
import { choice, integer } from '../options.js';
import { startProgress } from '../progress.js';
import { withInterrupt } from '../interrupt.js';
import { addDataFlags, dataSectionFromFlags, type DataFlags } from './data-flags.js';

interface TrainFlags extends DataFlags {
  data?: string;
  preset?: (typeof PRESET_NAMES)[number];
  epochs?: number;
  batch?: number;
  threads?: number;
  out?: string;
  json?: boolean;
}

/** The train section from the config (if any) with the flags laid over it. */
function trainSection(base: TrainSection | undefined, flags: TrainFlags): TrainSection {
  const merged = {
    ...base,
    ...(flags.preset !== undefined && { preset: flags.preset }),
    ...(flags.epochs !== undefined && { epochs: flags.epochs }),
    ...(flags.batch !== undefined && { batchSize: flags.batch }),
    ...(flags.seed !== undefined && { seed: flags.seed }),
    ...(flags.threads !== undefined && { threads: flags.threads }),
  };
  const result = trainSectionSchema.safeParse(merged, { reportInput: true });
  if (!result.success) throw new UsageError(describeIssue(result.error.issues[0]!, () => []));
  return result.data;
}

export function registerTrain(program: Command, io: CliIo): void {
  addDataFlags(
    program
      .command('train')
      .description(
        'prepare the data and train a model; saves model.json (architecture, weights, preprocessing, history)',
      )
      .argument('[config]', 'pipeline config (YAML); its data and train sections, overridden by flags')
      .option('--data <file>', 'data file (CSV or Parquet) when there is no config'),
  )
    .option('--preset <name>', `model: ${PRESET_NAMES.join(' | ')}`, choice(PRESET_NAMES))
    .option('--epochs <n>', "epochs (default: the preset's)", integer(1))
    .option('--batch <n>', "batch size (default: the preset's)", integer(1))
    .option(
      '--threads <n>',
      "data-parallel training threads (default: the config's, else auto: 2 for recurrent models on 2+ cores, else 1)",
      integer(1),
    )
    .option('--out <dir>', 'output folder (default: <config output>/train, or runs/<preset>)')
    .option('--json', 'print the result as JSON')
    .action(async (configFile: string | undefined, flags: TrainFlags) => {
      const configPath = configFile ?? flags.config;
      const config = configPath ? await loadConfig(configPath) : undefined;
      if (!config && !flags.data)
        throw new UsageError('no data to train on', { fix: 'Pass a config file or --data FILE' });
      const data = await dataSectionFromFlags(
        flags.data ?? config?.data.file,
        { ...flags, config: undefined },
        config?.data,
      );
      const section = trainSection(config?.train, flags);
      const outDir = flags.out ?? (config?.output ? `${config.output}/train` : `runs/${section.preset}`);
      const json = Boolean(flags.json);
      const reading = startProgress(io, 'reading data', json);
      const prepared = await prepareData(data, { onProgress: reading.update }).finally(() => reading.stop());
      const progress = startProgress(io, 'training', json);
      const result = await withInterrupt((signal) =>
        runTrainStage(prepared, section, outDir, {
          signal,
          callbacks: {
            onBatch: (epoch, done, total, loss) =>
              progress.update(done, total, `epoch ${epoch} loss ${loss.toFixed(4)}`),
            onResume: (epochs) =>
              io.err(`resuming after ${epochs} finished epoch(s) from ${outDir}/checkpoint.json\n`),
          },
        }),
      ).finally(() => progress.stop());
      printResult(io, json, result, () => formatTrainResult(result, prepared.train.classes));
    });
}
