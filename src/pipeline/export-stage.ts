/**
 * The export stage of a pipeline run: each chosen variant in each configured format, every
 * file verified in its own runtime. A format that cannot hold a variant (its writer refuses,
 * e.g. dynamic-range for TFLite Micro) is recorded as refused with the writer's reason.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CompressReport } from '../compress/index.js';
import type { ExportSection } from '../config/export-schema.js';
import type { WindowSet } from '../data/types.js';
import { EdgeforgeError } from '../errors.js';
import { exportGraph, ExportVerificationFailed, type ExportResult } from '../export/export-model.js';
import { FORMAT_WRITERS, type ExportFormat } from '../export/formats.js';
import { decodeGraph } from '../graph/format.js';
import type { Graph } from '../graph/types.js';
import { writeFileAtomic } from '../util/atomic-write.js';

export interface ExportRecord {
  variant: string;
  format: ExportFormat;
  /** ok: written and verified; refused: the format cannot hold this variant; failed: verification failed. */
  status: 'ok' | 'refused' | 'failed';
  reason?: string;
  result?: ExportResult;
}

export interface ExportStageResult {
  /** export.json */
  summary: string;
  exports: ExportRecord[];
}

interface VariantSource {
  name: string;
  graph: () => Promise<Graph>;
}

/** The variants to export: the compress stage's (those chosen), or the trained model's own graph. */
function variantSources(
  section: ExportSection,
  compress: CompressReport | undefined,
  modelGraph: string,
): VariantSource[] {
  const load = (file: string) => async () => decodeGraph(await readFile(file), file);
  if (!compress) return [{ name: 'float32', graph: load(modelGraph) }];
  const chosen = section.variants ?? compress.variants.map((variant) => variant.name);
  return compress.variants
    .filter((variant) => chosen.includes(variant.name))
    .map((variant) => ({ name: variant.name, graph: load(variant.files.graph) }));
}

function outPath(dir: string, variant: string, format: ExportFormat): string {
  const extension = FORMAT_WRITERS[format].extension;
  return join(dir, extension ? `${variant}${extension}` : `${variant}-${format}`);
}

async function exportOne(
  source: VariantSource,
  format: ExportFormat,
  dir: string,
  name: string,
  test: WindowSet,
  section: ExportSection,
): Promise<ExportRecord> {
  const base = { variant: source.name, format };
  try {
    const result = await exportGraph(await source.graph(), {
      format,
      out: outPath(dir, source.name, format),
      name: `${name}_${source.name.replace(/[^A-Za-z0-9_]/g, '_')}`,
      verification: test,
      verifyCount: section.verifyWindows,
    });
    return { ...base, status: 'ok', result };
  } catch (error) {
    if (error instanceof ExportVerificationFailed)
      return { ...base, status: 'failed', reason: error.oneLine() };
    if (error instanceof EdgeforgeError) return { ...base, status: 'refused', reason: error.oneLine() };
    throw error;
  }
}

export async function runExportStage(
  section: ExportSection,
  sources: { compress?: CompressReport; modelGraph: string; name: string },
  test: WindowSet,
  dir: string,
  onStep?: (step: string, done: number, total: number) => void,
): Promise<{ result: ExportStageResult; files: string[] }> {
  const variants = variantSources(section, sources.compress, sources.modelGraph);
  const jobs = variants.flatMap((variant) => section.formats.map((format) => ({ variant, format })));
  const exports: ExportRecord[] = [];
  for (const [index, { variant, format }] of jobs.entries()) {
    onStep?.(`${variant.name} ${format}`, index, jobs.length);
    exports.push(await exportOne(variant, format, dir, sources.name, test, section));
  }
  const summary = join(dir, 'export.json');
  await writeFileAtomic(summary, `${JSON.stringify(exports, null, 2)}\n`);
  const files = [summary, ...exports.flatMap((record) => (record.result ? [record.result.path] : []))];
  return { result: { summary, exports }, files };
}
