import { join } from 'node:path';
import type { Command } from 'commander';
import { benchTable } from '../../bench/index.js';
import { loadConfig } from '../../config/load.js';
import { runPipeline } from '../../pipeline/run.js';
import { formatDataSummary } from '../format/data-summary.js';
import { formatCompressTable } from '../format/compress.js';
import { formatExportRecords } from '../format/export.js';
import { formatTrainResult } from '../format/train-result.js';
import { withInterrupt } from '../interrupt.js';
import { printResult, type CliIo } from '../io.js';
import { startProgress } from '../progress.js';

export function registerRun(program: Command, io: CliIo): void {
  program
    .command('run')
    .description(
      'run every configured stage of a pipeline config in order (data, train, compress, export, bench, report); unchanged stages are reused',
    )
    .argument('<config>', 'pipeline config (YAML); edgeforge init writes one')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, flags: { json?: boolean }) => {
      const config = await loadConfig(file);
      const progress = startProgress(io, 'pipeline', Boolean(flags.json));
      const result = await withInterrupt((signal) =>
        runPipeline(config, {
          signal,
          onEvent: (event) =>
            progress.update(Math.round(event.progress * 100), 100, `${event.stage} ${event.detail ?? ''}`),
          onResume: (epochs) => io.err(`train: resuming after ${epochs} finished epoch(s)\n`),
        }),
      ).finally(() => progress.stop());
      printResult(io, Boolean(flags.json), result, () =>
        [
          formatDataSummary(result.data),
          ...(result.train ? ['', formatTrainResult(result.train, result.data.classes)] : []),
          ...(result.compress ? ['', formatCompressTable(result.compress.variants)] : []),
          ...(result.export ? ['', formatExportRecords(result.export.exports)] : []),
          ...(result.bench ? ['', benchTable(result.bench)] : []),
          '',
          ...result.stages.map(
            (s) =>
              `stage ${s.stage}: ${s.reused ? 'unchanged since the last run, reused' : `${s.seconds.toFixed(1)} s`} (${s.files.length} files in ${join(result.output, s.stage)})`,
          ),
          ...(result.report ? ['', `report: ${result.report.html}`] : []),
        ].join('\n'),
      );
    });
}
