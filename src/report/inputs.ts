/**
 * What the report reads from a run folder: each stage's output file, or undefined when the
 * stage has not run. A file that exists but is not what its stage writes is an error naming it.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { BenchResults } from '../bench/results.js';
import type { CompressReport } from '../compress/report.js';
import { fieldName } from '../config/issues.js';
import type { DataSummary } from '../data/prepare.js';
import { EdgeforgeError, UsageError } from '../errors.js';
import type { ExportRecord } from '../pipeline/export-stage.js';
import type { TrainedModel } from '../train/model-file.js';

/** model.json without its weights, which the report never needs. */
export type ModelRecord = Omit<TrainedModel, 'weights'>;

export interface RunInputs {
  run: string;
  files: { data: string; model: string; compress: string; export: string; bench: string };
  data?: DataSummary;
  model?: ModelRecord;
  compress?: CompressReport;
  exports?: ExportRecord[];
  bench?: BenchResults;
}

// Only the fields the report reads are checked: enough to name a wrong file instead of crashing on it.
const dataShape = z.object({
  classes: z.array(z.string()),
  split: z.object({}).loose(),
  ingest: z.object({}).loose(),
});
const modelShape = z.object({
  task: z.string(),
  training: z.object({ history: z.array(z.object({ epoch: z.number(), loss: z.number() }).loose()) }).loose(),
  evaluation: z.object({ test: z.object({}).loose() }),
  preprocessing: z.object({ classes: z.array(z.string()) }).loose(),
});
const compressShape = z.object({
  variants: z.array(z.object({ name: z.string(), weightBytes: z.number() }).loose()),
});
const exportShape = z.array(
  z.object({ variant: z.string(), format: z.string(), status: z.string() }).loose(),
);
const benchShape = z.object({
  host: z.object({}).loose(),
  cells: z.array(z.object({ variant: z.string(), runner: z.string(), status: z.string() }).loose()),
  variants: z.array(z.object({}).loose()),
});

async function readStageFile<T>(file: string, shape: z.ZodType, stage: string): Promise<T | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return undefined;
    throw error;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new EdgeforgeError('is not JSON', { file, fix: `Run the ${stage} stage again to rewrite it` });
  }
  const parsed = shape.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new EdgeforgeError(`is not the ${stage} stage's output: ${issue.message}`, {
      file,
      place: `field ${fieldName(issue.path) || '(top)'}`,
      fix: `Run the ${stage} stage again to rewrite it`,
    });
  }
  // The checked fields match; the rest is trusted as the stage wrote it.
  return raw as T;
}

export async function readRunInputs(run: string): Promise<RunInputs> {
  const found = await stat(run).then(
    (info) => info.isDirectory(),
    () => false,
  );
  if (!found) {
    throw new UsageError('run folder not found', {
      file: run,
      fix: 'Pass the output folder of edgeforge run (e.g. runs/demo)',
    });
  }
  const files = {
    data: join(run, 'data', 'summary.json'),
    model: join(run, 'train', 'model.json'),
    compress: join(run, 'compress', 'compress.json'),
    export: join(run, 'export', 'export.json'),
    bench: join(run, 'bench', 'bench.json'),
  };
  const [data, model, compress, exports, bench] = await Promise.all([
    readStageFile<DataSummary>(files.data, dataShape, 'data'),
    readStageFile<ModelRecord>(files.model, modelShape, 'train'),
    readStageFile<CompressReport>(files.compress, compressShape, 'compress'),
    readStageFile<ExportRecord[]>(files.export, exportShape, 'export'),
    readStageFile<BenchResults>(files.bench, benchShape, 'bench'),
  ]);
  return { run, files, data, model, compress, exports, bench };
}
