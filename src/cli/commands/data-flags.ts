import type { Command } from 'commander';
import { dataSectionSchema, type DataSection } from '../../config/data-schema.js';
import { loadConfig } from '../../config/load.js';
import { describeIssue } from '../../config/issues.js';
import { UsageError } from '../../errors.js';
import { choice, integer, list } from '../options.js';

/** The data-stage flags shared by every command that reads a data file. */
export interface DataFlags {
  config?: string;
  label?: string;
  layout?: 'auto' | 'wide' | 'long';
  window?: number;
  stride?: number;
  labelRule?: 'last' | 'majority';
  group?: string;
  timestamp?: string;
  ignore?: string[];
  features?: string[];
  clean?: 'drop' | 'interpolate' | 'fill';
  seed?: number;
}

export function addDataFlags(command: Command): Command {
  return command
    .option('--config <file>', 'take the data section from this pipeline config (flags override it)')
    .option('--label <column>', 'label column (default: recognised by name, e.g. fault_label)')
    .option('--layout <layout>', 'wide | long | auto', choice(['auto', 'wide', 'long'] as const))
    .option('--window <steps>', 'long layout: window length in time steps', integer(2))
    .option(
      '--stride <steps>',
      'long layout: steps between window starts (default: the window length)',
      integer(1),
    )
    .option(
      '--label-rule <rule>',
      "long layout: a window's label: last | majority",
      choice(['last', 'majority'] as const),
    )
    .option(
      '--group <column>',
      'recording/run id column: windows never cross recordings, splits keep them whole',
    )
    .option('--timestamp <column>', 'timestamp column (left out of the features)')
    .option('--ignore <columns>', 'comma-separated columns to leave out', list)
    .option('--features <columns>', 'comma-separated feature columns (default: every numeric column)', list)
    .option(
      '--clean <policy>',
      'bad cells: drop (the row) | interpolate | fill',
      choice(['drop', 'interpolate', 'fill'] as const),
    )
    .option('--seed <n>', 'seed of the split and augmentation', integer(0));
}

/**
 * The data section from --config (or an already loaded config's) with the flags laid over
 * it; `file` from the command line wins.
 */
export async function dataSectionFromFlags(
  file: string | undefined,
  flags: DataFlags,
  loaded?: DataSection,
): Promise<DataSection> {
  const base = flags.config ? (await loadConfig(flags.config)).data : loaded;
  const dataFile = file ?? base?.file;
  if (!dataFile)
    throw new UsageError('no data file given', {
      fix: 'Pass the file as an argument, or --config with data.file',
    });
  const windowLength = flags.window ?? base?.window?.length;
  const merged = {
    ...base,
    file: dataFile,
    ...(flags.label !== undefined && { label: flags.label }),
    ...(flags.layout !== undefined && { layout: flags.layout }),
    ...(flags.group !== undefined && { group: flags.group }),
    ...(flags.timestamp !== undefined && { timestamp: flags.timestamp }),
    ...(flags.ignore !== undefined && { ignore: flags.ignore }),
    ...(flags.features !== undefined && { features: flags.features }),
    ...(flags.clean !== undefined && { clean: { ...base?.clean, policy: flags.clean } }),
    ...(flags.seed !== undefined && {
      split: { ...base?.split, seed: flags.seed },
      augment: { ...base?.augment, seed: flags.seed },
    }),
    ...(windowLength !== undefined && {
      window: {
        length: windowLength,
        stride: flags.stride ?? base?.window?.stride ?? windowLength,
        label: flags.labelRule ?? base?.window?.label ?? 'last',
      },
    }),
  };
  const result = dataSectionSchema.safeParse(merged, { reportInput: true });
  if (!result.success) throw new UsageError(describeIssue(result.error.issues[0]!, () => []));
  return result.data;
}
