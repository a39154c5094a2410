import type { Command } from 'commander';
import { prepareData } from '../../data/prepare.js';
import { writeSynthetic } from '../../data/synth/index.js';
import { formatDataSummary } from '../format/data-summary.js';
import { printResult, type CliIo } from '../io.js';
import { choice, fraction, integer } from '../options.js';
import { startProgress } from '../progress.js';
import { addDataFlags, dataSectionFromFlags, type DataFlags } from './data-flags.js';

interface SynthFlags {
  out: string;
  layout: 'wide' | 'long';
  rows?: number;
  length?: number;
  seed: number;
  difficulty: number;
  classes: 'binary' | 'multiclass';
  json?: boolean;
}

export function registerData(program: Command, io: CliIo): void {
  const data = program
    .command('data')
    .description('the data stage: synthesize, inspect and prepare sensor data');

  data
    .command('synth')
    .description('write a synthetic bearing-vibration dataset (healthy and bearing faults) as CSV or Parquet')
    .requiredOption('--out <file>', 'output file (.csv or .parquet)')
    .option(
      '--layout <layout>',
      'wide (one row per window) | long (one row per time step)',
      choice(['wide', 'long'] as const),
      'wide',
    )
    .option('--rows <n>', 'rows to write (wide: windows, default 6000; long: time steps)', integer(1))
    .option('--length <steps>', 'wide: readings per row (default 64); long: steps per recording', integer(8))
    .option('--seed <n>', 'random seed', integer(0), 42)
    .option('--difficulty <x>', 'from 0 (easy) to 1 (hard)', fraction, 0.5)
    .option(
      '--classes <kind>',
      'binary (healthy/fault) | multiclass (healthy, inner race, outer race, ball)',
      choice(['binary', 'multiclass'] as const),
      'binary',
    )
    .option('--json', 'print the result as JSON')
    .action(async (flags: SynthFlags) => {
      const progress = startProgress(io, 'synthesizing', Boolean(flags.json));
      const result = await writeSynthetic(
        flags.out,
        {
          layout: flags.layout,
          rows: flags.rows,
          length: flags.length,
          seed: flags.seed,
          difficulty: flags.difficulty,
          classes: flags.classes,
        },
        progress.update,
      ).finally(() => progress.stop());
      printResult(
        io,
        Boolean(flags.json),
        result,
        () => `wrote ${result.path}: ${result.rows} rows x ${result.columns} columns, ${result.bytes} bytes`,
      );
    });

  addDataFlags(
    data
      .command('inspect')
      .description(
        'read a data file and report rows kept/dropped and why, classes per split and feature statistics',
      )
      .argument('<file>', 'CSV or Parquet file'),
  )
    .option('--json', 'print the summary as JSON')
    .action(async (file: string, flags: DataFlags & { json?: boolean }) => {
      const section = await dataSectionFromFlags(file, flags);
      const progress = startProgress(io, 'reading', Boolean(flags.json));
      const prepared = await prepareData(section, { onProgress: progress.update }).finally(() =>
        progress.stop(),
      );
      printResult(io, Boolean(flags.json), prepared.summary, () => formatDataSummary(prepared.summary));
    });
}
