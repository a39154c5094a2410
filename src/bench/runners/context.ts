/** What every runner gets for one variant, and how it says a variant is not for it. */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { EdgeforgeError } from '../../errors.js';
import type { Graph } from '../../graph/types.js';
import type { RunnerJob, VariantJob } from '../job.js';
import type { BenchCell } from '../results.js';

export interface VariantContext {
  job: RunnerJob;
  variant: VariantJob;
  graph: Graph;
  progress(step: string): void;
}

/** What a runner measured; the entry adds verification and scores from `outputs`. */
export type Measured = Omit<
  BenchCell,
  'variant' | 'runner' | 'status' | 'reason' | 'verified' | 'accuracy'
> & {
  file: string;
  /** Output values of the first `windows` test windows, in real units. */
  outputs: Float32Array;
  windows: number;
};

export type Runner = (context: VariantContext) => Promise<Measured>;

/** The runner cannot take this variant (or is missing on this host): a reason, not a failure. */
export class UnsupportedVariant extends Error {}

/** Runs a step whose EdgeforgeError means "this runner cannot take this variant" (a writer refusing a graph). */
export async function refusedAsUnsupported<T>(step: () => Promise<T> | T): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof EdgeforgeError) throw new UnsupportedVariant(error.oneLine());
    throw error;
  }
}

/** The export stage's file for this variant, or one written now into the work folder. */
export async function exportedFile(
  context: VariantContext,
  format: 'onnx' | 'tflite',
  write: (graph: Graph, file: string) => Promise<unknown>,
): Promise<string> {
  const exported = context.variant.exports[format];
  if (exported !== undefined) return exported;
  const file = join(context.job.workDir, `${context.variant.name}.${format}`);
  context.progress(`writing ${format}`);
  await refusedAsUnsupported(() => write(context.graph, file));
  return file;
}

export async function fileBytes(file: string): Promise<number> {
  return (await stat(file)).size;
}
