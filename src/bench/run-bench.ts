/**
 * runBench, the bench stage's entry: a model file, its compress report (or folder), the export
 * stage's records (or folder) and its data (a file, or the test split itself) resolved into
 * variants and measured on every runner; benchRunDir does the same for a pipeline run folder
 * and writes <run>/bench/bench.json.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { loadModelData } from '../compress/load-data.js';
import type { CompressReport } from '../compress/report.js';
import type { WindowSet } from '../data/types.js';
import { EdgeforgeError } from '../errors.js';
import { encodeGraph } from '../graph/format.js';
import { lowerModel } from '../graph/lower/index.js';
import type { ExportRecord } from '../pipeline/export-stage.js';
import { loadModel, type TrainedModel } from '../train/model-file.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { benchVariants, type VariantBenchOptions } from './bench-variants.js';
import type { VariantJob } from './job.js';
import type { BenchResults } from './results.js';

export type BenchSettings = Omit<VariantBenchOptions, 'model' | 'spec' | 'test' | 'variants' | 'reports'>;

export interface BenchOptions extends BenchSettings {
  /** model.json path. */
  model: string;
  /** The compress report, or its folder (compress.json and the .efg files); without one, the model's own float graph. */
  compress?: CompressReport | string;
  /** The export stage's records, or its folder (export.json); verified files are run, the rest written by the bench. */
  exports?: ExportRecord[] | string;
  /** The model's test split (scaled), or the data file to cut it from; default the file the model was trained on. */
  data?: WindowSet | string;
}

async function readJson<T>(file: string): Promise<T | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new EdgeforgeError(`not valid JSON (${error instanceof Error ? error.message : String(error)})`, {
      file,
      fix: 'Run the stage that writes it again (edgeforge run CONFIG)',
    });
  }
}

/** A folder's files are looked up inside it by name (the run folder may have moved since it was written). */
const inFolder = (folder: string | undefined, path: string): string =>
  folder === undefined ? path : join(folder, basename(path));

async function exportRecords(
  exports: BenchOptions['exports'],
): Promise<{ records: ExportRecord[]; folder?: string }> {
  if (exports === undefined) return { records: [] };
  if (typeof exports !== 'string') return { records: exports };
  return { records: (await readJson<ExportRecord[]>(join(exports, 'export.json'))) ?? [], folder: exports };
}

/** Verified export files by variant. */
async function exportsByVariant(
  exports: BenchOptions['exports'],
): Promise<Map<string, VariantJob['exports']>> {
  const { records, folder } = await exportRecords(exports);
  const byVariant = new Map<string, VariantJob['exports']>();
  for (const record of records) {
    if (record.status !== 'ok' || !record.result) continue;
    const files = byVariant.get(record.variant) ?? {};
    files[record.format] = inFolder(folder, record.result.path);
    byVariant.set(record.variant, files);
  }
  return byVariant;
}

async function compressReport(
  compress: BenchOptions['compress'],
): Promise<{ report?: CompressReport; folder?: string }> {
  if (compress === undefined || typeof compress !== 'string') return { report: compress };
  const file = join(compress, 'compress.json');
  const report = await readJson<CompressReport>(file);
  if (!report) {
    throw new EdgeforgeError('there is no compress.json in the compress folder', {
      file,
      fix: 'Run edgeforge compress first, or bench without a compress folder (the float model alone)',
    });
  }
  return { report, folder: compress };
}

async function variantJobs(
  options: BenchOptions,
  model: TrainedModel,
  workDir: string,
): Promise<{ variants: VariantJob[]; report?: CompressReport }> {
  const exports = await exportsByVariant(options.exports);
  const { report, folder } = await compressReport(options.compress);
  if (report) {
    const variants = report.variants.map((variant) => ({
      name: variant.name,
      graphFile: inFolder(folder, variant.files.graph),
      exports: exports.get(variant.name) ?? {},
    }));
    return { variants, report };
  }
  const graphFile = join(workDir, 'float32.efg');
  await writeFile(graphFile, encodeGraph(lowerModel(model, options.model)));
  return { variants: [{ name: 'float32', graphFile, exports: exports.get('float32') ?? {} }] };
}

export async function runBench(options: BenchOptions): Promise<BenchResults> {
  const { model: modelFile, compress, exports, data, ...settings } = options;
  const model = await loadModel(modelFile);
  const test =
    data !== undefined && typeof data !== 'string'
      ? data
      : (await loadModelData(model, data ?? model.data.ingest.file, modelFile)).test;
  const workDir = await mkdtemp(join(tmpdir(), 'edgeforge-bench-graph-'));
  try {
    const { variants, report } = await variantJobs({ model: modelFile, compress, exports }, model, workDir);
    return await benchVariants({
      ...settings,
      model: modelFile,
      spec: { task: model.task, ...(model.anomaly && { anomaly: model.anomaly }) },
      test,
      variants,
      reports: report?.variants ?? [],
    });
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

export type RunDirBenchOptions = BenchSettings & Pick<BenchOptions, 'data'>;

/** A pipeline run folder: train/model.json, compress/ and export/ when they are there; writes bench/bench.json. */
export async function benchRunDir(
  runDir: string,
  options: RunDirBenchOptions = {},
): Promise<{ results: BenchResults; file: string }> {
  const compress = join(runDir, 'compress');
  const hasCompress = (await readJson(join(compress, 'compress.json'))) !== undefined;
  const results = await runBench({
    ...options,
    model: join(runDir, 'train', 'model.json'),
    ...(hasCompress && { compress }),
    exports: join(runDir, 'export'),
  });
  const file = join(runDir, 'bench', 'bench.json');
  await writeFileAtomic(file, `${JSON.stringify(results, null, 2)}\n`);
  return { results, file };
}
