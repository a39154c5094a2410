import { basename, dirname, extname, join } from 'node:path';
import type { Command } from 'commander';
import { loadModelData, type ModelData } from '../../compress/index.js';
import { UsageError } from '../../errors.js';
import { exportGraph } from '../../export/export-model.js';
import { EXPORT_FORMATS, FORMAT_WRITERS, type ExportFormat } from '../../export/formats.js';
import { isIntegerGraph } from '../../export/verification.js';
import { openModelFile, type OpenedModel } from '../../pipeline/open-model.js';
import { formatExport } from '../format/export.js';
import { printResult, type CliIo } from '../io.js';
import { choice } from '../options.js';

interface ExportFlags {
  format: ExportFormat;
  int8?: boolean;
  io?: 'int8' | 'float';
  data?: string;
  out?: string;
  name?: string;
  json?: boolean;
}

/** runs/demo/train/model.json -> "model"; a C identifier for the generated library's symbols. */
function modelName(file: string): string {
  const stem = basename(file, extname(file)).replace(/[^A-Za-z0-9_]/g, '_');
  return /^[A-Za-z_]/.test(stem) ? stem : `model_${stem}`;
}

/** Beside the model: model.tflite, model-int8.onnx, model-int8-c/ ... */
function defaultOut(file: string, format: ExportFormat, int8: boolean): string {
  const stem = `${basename(file, extname(file))}${int8 ? '-int8' : ''}`;
  const extension = FORMAT_WRITERS[format].extension;
  return join(dirname(file), extension ? `${stem}${extension}` : `${stem}-${format}`);
}

async function exportData(
  file: string,
  opened: OpenedModel,
  flags: ExportFlags,
): Promise<ModelData | undefined> {
  const quantizing = Boolean(flags.int8) && !isIntegerGraph(opened.graph);
  if (flags.data === undefined) {
    if (quantizing) {
      throw new UsageError('--int8 on a float model needs calibration data', {
        fix: `Add --data with the file the model was trained on: edgeforge export ${file} --int8 --data DATA.csv`,
      });
    }
    return undefined;
  }
  if (!opened.trained) {
    throw new UsageError(
      `--data needs the trained model.json (its preprocessing and split), not a ${opened.format} file`,
      {
        file,
        fix: 'Export from the model.json that edgeforge train wrote',
      },
    );
  }
  return loadModelData(opened.trained, flags.data, file);
}

export function registerExport(program: Command, io: CliIo): void {
  program
    .command('export')
    .description(
      'write a model as .tflite (TFLite Micro / LiteRT), .onnx (ONNX Runtime) or C, and verify the file',
    )
    .argument('<model>', 'model.json, a .efg deploy graph (e.g. a compress variant) or a .tflite file')
    .requiredOption('--format <format>', `one of ${EXPORT_FORMATS.join(', ')}`, choice(EXPORT_FORMATS))
    .option('--int8', 'full-integer int8 (post-training quantization calibrated on --data for a float model)')
    .option(
      '--io <io>',
      'int8 model input/output: int8 (microcontrollers) or float',
      choice(['int8', 'float'] as const),
    )
    .option(
      '--data <file>',
      'the data the model was trained on: calibration (training split) and verification (test split)',
    )
    .option('--out <path>', 'output file (a folder for --format c); default beside the model')
    .option('--name <name>', 'model name in the file (C: prefix of every symbol)')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, flags: ExportFlags) => {
      const opened = await openModelFile(file);
      const data = await exportData(file, opened, flags);
      const int8 = Boolean(flags.int8) || isIntegerGraph(opened.graph);
      const io8 = flags.io ?? FORMAT_WRITERS[flags.format].int8Io;
      const result = await exportGraph(opened.graph, {
        format: flags.format,
        out: flags.out ?? defaultOut(file, flags.format, int8),
        name: flags.name ?? modelName(file),
        ...(flags.int8 && data && { quantize: { train: data.train, io: io8 } }),
        verification: data?.test,
      });
      printResult(io, Boolean(flags.json), result, () => formatExport(result));
    });
}
