/**
 * The bench of a pipeline run folder: <run>/train/model.json, the variants of
 * <run>/compress/compress.json (or the trained graph alone without a compress stage), the
 * verified files of <run>/export/export.json, the model's own test split; writes
 * <run>/bench/bench.json.
 */
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { loadModelData } from '../compress/load-data.js';
import type { CompressReport } from '../compress/report.js';
import type { WindowSet } from '../data/types.js';
import { EdgeforgeError } from '../errors.js';
import type { ExportRecord } from '../pipeline/export-stage.js';
import { loadModel } from '../train/model-file.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import type { VariantJob } from './job.js';
import type { BenchResults } from './results.js';
import { runBench, type BenchOptions } from './run-bench.js';

export type RunDirBenchOptions = Omit<BenchOptions, 'model' | 'spec' | 'test' | 'variants' | 'reports'> & {
  /** The data file (default: the file the model was trained on), or the test split itself. */
  data?: string | WindowSet;
};

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
    throw new EdgeforgeError(`not valid JSON: ${(error as Error).message}`, {
      file,
      fix: 'Run the stage that writes it again (edgeforge run CONFIG)',
    });
  }
}

/** Verified export files by variant, found in the export folder (the run folder may have moved). */
function exportsByVariant(records: ExportRecord[], exportDir: string): Map<string, VariantJob['exports']> {
  const byVariant = new Map<string, VariantJob['exports']>();
  for (const record of records) {
    if (record.status !== 'ok' || !record.result) continue;
    const files = byVariant.get(record.variant) ?? {};
    files[record.format] = join(exportDir, basename(record.result.path));
    byVariant.set(record.variant, files);
  }
  return byVariant;
}

export async function benchRunDir(
  runDir: string,
  options: RunDirBenchOptions = {},
): Promise<{ results: BenchResults; file: string }> {
  const modelFile = join(runDir, 'train', 'model.json');
  const model = await loadModel(modelFile);
  const compressDir = join(runDir, 'compress');
  const exportDir = join(runDir, 'export');
  const compress = await readJson<CompressReport>(join(compressDir, 'compress.json'));
  const exports = exportsByVariant(
    (await readJson<ExportRecord[]>(join(exportDir, 'export.json'))) ?? [],
    exportDir,
  );
  const variants: VariantJob[] = compress
    ? compress.variants.map((variant) => ({
        name: variant.name,
        graphFile: join(compressDir, basename(variant.files.graph)),
        exports: exports.get(variant.name) ?? {},
      }))
    : [
        {
          name: 'float32',
          graphFile: join(runDir, 'train', 'model.efg'),
          exports: exports.get('float32') ?? {},
        },
      ];
  const { data = model.data.ingest.file, ...rest } = options;
  const test = typeof data === 'string' ? (await loadModelData(model, data, modelFile)).test : data;
  const results = await runBench({
    ...rest,
    model: modelFile,
    spec: { task: model.task, ...(model.anomaly && { anomaly: model.anomaly }) },
    test,
    variants,
    reports: compress?.variants ?? [],
  });
  const file = join(runDir, 'bench', 'bench.json');
  await writeFileAtomic(file, `${JSON.stringify(results, null, 2)}\n`);
  return { results, file };
}
