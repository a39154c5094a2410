import type { Command } from 'commander';
import { writeReport } from '../../report/index.js';
import { printResult, type CliIo } from '../io.js';

interface ReportFlags {
  out?: string;
  json?: boolean;
}

export function registerReport(program: Command, io: CliIo): void {
  program
    .command('report')
    .description("write a run's report: self-contained HTML (charts inline), Markdown and JSON")
    .argument('<run>', 'run folder (the output of edgeforge run, e.g. runs/demo)')
    .option('--out <dir>', 'output folder (default: <run>/report)')
    .option('--json', 'print the written paths as JSON')
    .action(async (run: string, flags: ReportFlags) => {
      const files = await writeReport(run, { out: flags.out });
      printResult(io, Boolean(flags.json), files, () =>
        [`HTML      ${files.html}`, `Markdown  ${files.markdown}`, `JSON      ${files.json}`].join('\n'),
      );
    });
}
