import { access } from 'node:fs/promises';
import type { Command } from 'commander';
import { starterConfig } from '../../config/starter.js';
import { EdgeforgeError } from '../../errors.js';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { printResult, type CliIo } from '../io.js';

const DEMO_DATA = 'data/bearing.csv';

export function registerInit(program: Command, io: CliIo): void {
  program
    .command('init')
    .description('write a commented starter pipeline config')
    .argument('[file]', 'config file to write', 'edgeforge.yaml')
    .option('--data <file>', 'your data file (default: synthetic demo data in data/bearing.csv)', DEMO_DATA)
    .option('--force', 'overwrite an existing file')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, flags: { data: string; force?: boolean; json?: boolean }) => {
      const exists = await access(file).then(
        () => true,
        () => false,
      );
      if (exists && !flags.force) {
        throw new EdgeforgeError('already exists', {
          file,
          fix: 'Pass --force to overwrite it, or name another file',
        });
      }
      await writeFileAtomic(file, starterConfig(flags.data, flags.data === DEMO_DATA));
      printResult(
        io,
        Boolean(flags.json),
        { config: file },
        () => `wrote ${file}; run it with: edgeforge run ${file}`,
      );
    });
}
