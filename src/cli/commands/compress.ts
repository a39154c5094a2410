import { basename, dirname, extname, join } from 'node:path';
import type { Command } from 'commander';
import {
  compressModel,
  loadModelData,
  VARIANT_NAMES,
  type CompressResult,
  type VariantName,
} from '../../compress/index.js';
import { compressSectionSchema, type CompressSection } from '../../config/compress-schema.js';
import { describeIssue } from '../../config/issues.js';
import { loadConfig } from '../../config/load.js';
import { UsageError } from '../../errors.js';
import { loadModel } from '../../train/model-file.js';
import { closestName } from '../../util/closest.js';
import { formatCompressTable } from '../format/compress.js';
import { withInterrupt } from '../interrupt.js';
import { printResult, type CliIo } from '../io.js';
import { list } from '../options.js';
import { startProgress } from '../progress.js';

interface CompressFlags {
  data?: string;
  variants?: string[];
  out?: string;
  json?: boolean;
}

/** What to compress: the model file, its data, where to write, and the compress settings. */
interface CompressJob {
  modelFile: string;
  dataFile?: string;
  out: string;
  section: CompressSection;
}

function checkVariants(names: string[]): VariantName[] {
  return names.map((name) => {
    if ((VARIANT_NAMES as readonly string[]).includes(name)) return name as VariantName;
    const suggestion = closestName(name, VARIANT_NAMES);
    throw new UsageError(`unknown variant '${name}'${suggestion ? ` (did you mean ${suggestion}?)` : ''}`, {
      place: 'option --variants',
      fix: `Use a comma-separated list of: ${VARIANT_NAMES.join(', ')}`,
    });
  });
}

function parseSection(raw: unknown, file?: string): CompressSection {
  const result = compressSectionSchema.safeParse(raw ?? {}, { reportInput: true });
  if (!result.success) {
    throw new UsageError(
      describeIssue(result.error.issues[0]!, () => Object.keys(compressSectionSchema.shape)),
      {
        file,
        place: 'section compress',
      },
    );
  }
  return result.data;
}

const isConfig = (file: string): boolean => ['.yaml', '.yml'].includes(extname(file).toLowerCase());

/** A config names the run's model (<output>/train/model.json), its data and the compress section. */
async function jobFromConfig(file: string, flags: CompressFlags): Promise<CompressJob> {
  const config = await loadConfig(file);
  const output = config.output ?? join('runs', config.name);
  return {
    modelFile: join(output, 'train', 'model.json'),
    dataFile: flags.data ?? config.data.file,
    out: flags.out ?? join(output, 'compress'),
    section: parseSection('compress' in config ? config.compress : undefined, file),
  };
}

/** runs/demo/train/model.json -> runs/demo/compress; any other folder gets a compress/ inside it. */
function defaultOut(modelFile: string): string {
  const folder = dirname(modelFile);
  return basename(folder) === 'train' ? join(dirname(folder), 'compress') : join(folder, 'compress');
}

export function formatCompressResult(result: CompressResult): string {
  return `${formatCompressTable(result.report.variants)}\n\nwritten to ${result.out} (summary: ${result.summary})`;
}

export function registerCompress(program: Command, io: CliIo): void {
  program
    .command('compress')
    .description(
      'build compressed variants of a trained model (int8, pruned) and measure each on its test split',
    )
    .argument('<input>', 'model.json, or a pipeline config (YAML) whose train stage wrote one')
    .option('--data <file>', 'data file (default: the file the model was trained on)')
    .option('--variants <list>', `comma-separated variants: ${VARIANT_NAMES.join(', ')}`, list)
    .option('--out <dir>', 'output folder (default: compress/ beside the train folder)')
    .option('--json', 'print compress.json')
    .action(async (input: string, flags: CompressFlags) => {
      const job = isConfig(input)
        ? await jobFromConfig(input, flags)
        : {
            modelFile: input,
            dataFile: flags.data,
            out: flags.out ?? defaultOut(input),
            section: parseSection({}),
          };
      if (flags.variants) job.section.variants = checkVariants(flags.variants);
      const model = await loadModel(job.modelFile);
      const json = Boolean(flags.json);
      const data = await loadModelData(model, job.dataFile ?? model.data.ingest.file, job.modelFile);
      const progress = startProgress(io, 'compressing', json);
      const result = await withInterrupt((signal) =>
        compressModel(model, data, {
          settings: job.section,
          out: job.out,
          modelFile: job.modelFile,
          signal,
          onStep: (step, done, total) => progress.update(done, total, step),
        }),
      ).finally(() => progress.stop());
      printResult(io, json, result.report, () => formatCompressResult(result));
    });
}
