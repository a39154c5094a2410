import type { Command } from 'commander';
import { advise, adviseAll } from '../../advise/index.js';
import { findDevice } from '../../advise/find-device.js';
import { readBenchResults } from '../../advise/read-bench.js';
import { catalogueTable, deviceTable } from '../../advise/table.js';
import { printResult, type CliIo } from '../io.js';

interface AdviseFlags {
  device?: string;
  json?: boolean;
}

export function registerAdvise(program: Command, io: CliIo): void {
  program
    .command('advise')
    .description(
      'which variant and runtime to deploy on a device: fit, estimated latency and energy, and why',
    )
    .argument('<run-or-bench>', 'a run folder, its bench folder, or a bench.json')
    .option('--device <name>', 'one catalogue device (default: the whole catalogue)')
    .option('--json', 'print the advice as JSON')
    .action(async (path: string, flags: AdviseFlags) => {
      // The device is checked before reading, so a typo fails fast and alone.
      const device = flags.device === undefined ? undefined : findDevice(flags.device);
      const { results } = await readBenchResults(path);
      const json = Boolean(flags.json);
      if (device) {
        const advice = advise(results, device);
        printResult(io, json, advice, () => deviceTable(advice));
      } else {
        const advices = adviseAll(results);
        printResult(io, json, advices, () => catalogueTable(advices));
      }
    });
}
