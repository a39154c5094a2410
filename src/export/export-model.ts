/**
 * The export stage as a library call: optionally quantize a float graph to int8 (PTQ on
 * training windows), write it in the requested format, then run the written file in an
 * independent runtime and compare its outputs with the edgeforge runtime's.
 */
import { rm } from 'node:fs/promises';
import type { WindowSet } from '../data/types.js';
import { EdgeforgeError } from '../errors.js';
import type { Graph } from '../graph/types.js';
import { postTrainingInt8, type PostTrainingOptions } from '../quant/post-training.js';
import { Random } from '../util/random.js';
import { FORMAT_WRITERS, type ExportFormat, type WrittenExport } from './formats.js';
import { isIntegerGraph, type Verification } from './verification.js';

/** The written file ran in its runtime but did not reproduce edgeforge's outputs. */
export class ExportVerificationFailed extends EdgeforgeError {}

export interface ExportOptions {
  format: ExportFormat;
  /** The file to write (a folder for C). */
  out: string;
  /** Model name in the file (C: the prefix of every symbol). */
  name: string;
  /** Quantize a float graph to int8 first, calibrated on these training windows. */
  quantize?: { train: WindowSet } & PostTrainingOptions;
  /** Windows (scaled) the written file is checked on; without them, seeded random windows. */
  verification?: WindowSet;
  /** Windows checked at most. */
  verifyCount?: number;
}

export interface ExportResult extends WrittenExport {
  format: ExportFormat;
  int8: boolean;
  verification: Verification;
}

const DEFAULT_VERIFY_COUNT = 64;

/** Verification windows: real ones when given, else standard-normal ones (the scaled input's range). */
function verificationWindows(graph: Graph, options: ExportOptions): { windows: Float32Array; count: number } {
  const limit = options.verifyCount ?? DEFAULT_VERIFY_COUNT;
  const data = options.verification;
  if (data && data.count > 0) {
    const count = Math.min(limit, data.count);
    return { windows: data.x.subarray(0, count * data.steps * data.channels), count };
  }
  const size = graph.tensors[graph.inputs[0]].shape.slice(1).reduce((a, b) => a * b, 1);
  const random = new Random(7);
  const windows = Float32Array.from({ length: limit * size }, () => random.normal());
  return { windows, count: limit };
}

export async function exportGraph(source: Graph, options: ExportOptions): Promise<ExportResult> {
  const graph =
    options.quantize && !isIntegerGraph(source)
      ? postTrainingInt8(source, options.quantize.train, options.quantize)
      : source;
  const writer = FORMAT_WRITERS[options.format];
  const written = await writer.write(graph, options.out, options.name);
  const { windows, count } = verificationWindows(graph, options);
  const verification = await writer.verify(graph, written, windows, count);
  if (!verification.passed) {
    // A file that does not reproduce edgeforge's answers is not handed to anyone.
    await rm(written.path, { recursive: true, force: true });
    throw new ExportVerificationFailed(
      `the written ${options.format} file differs from the edgeforge runtime by ${verification.maxAbsDiff} (allowed ${verification.tolerance}) in ${verification.runtime}, so it was removed`,
      { file: written.path, fix: 'Report this as a bug with the model file attached' },
    );
  }
  return { ...written, format: options.format, int8: isIntegerGraph(graph), verification };
}
