/**
 * Post-training int8 quantization from data: a representative set drawn from the training
 * split (never the test split), calibrated, then quantized per the TFLite 8-bit spec.
 */
import type { WindowSet } from '../data/types.js';
import { EdgeforgeError } from '../errors.js';
import type { Graph } from '../graph/types.js';
import { Random } from '../util/random.js';
import { calibrate, type CalibrationMethod } from './calibrate/index.js';
import { quantizeGraph } from './ptq/index.js';

export interface PostTrainingOptions {
  /** Calibration windows drawn from `train`; default 500 (all of them when there are fewer). */
  size?: number;
  method?: CalibrationMethod;
  percentile?: number;
  perChannel?: boolean;
  io: 'int8' | 'float';
  seed?: number;
}

export const DEFAULT_CALIBRATION_SIZE = 500;

/** `size` windows of `train` chosen without replacement by a seeded shuffle, concatenated. */
export function representativeSamples(
  train: WindowSet,
  size: number,
  seed: number,
): { samples: Float32Array; count: number } {
  const count = Math.min(size, train.count);
  const order = Array.from({ length: train.count }, (_, i) => i);
  const random = new Random(seed);
  for (let i = 0; i < count; i++) {
    const j = i + random.int(train.count - i);
    [order[i], order[j]] = [order[j], order[i]];
  }
  const windowSize = train.steps * train.channels;
  const samples = new Float32Array(count * windowSize);
  for (let i = 0; i < count; i++)
    samples.set(train.x.subarray(order[i] * windowSize, (order[i] + 1) * windowSize), i * windowSize);
  return { samples, count };
}

export function postTrainingInt8(floatGraph: Graph, train: WindowSet, options: PostTrainingOptions): Graph {
  if (train.count === 0) {
    throw new EdgeforgeError('int8 quantization needs calibration windows, and the training split is empty', {
      fix: 'Pass data with enough rows for a training split (--data)',
    });
  }
  const { samples, count } = representativeSamples(
    train,
    options.size ?? DEFAULT_CALIBRATION_SIZE,
    options.seed ?? 0,
  );
  const ranges = calibrate(floatGraph, samples, count, {
    method: options.method ?? 'minmax',
    percentile: options.percentile,
  });
  return quantizeGraph(floatGraph, ranges, { perChannel: options.perChannel ?? true, io: options.io });
}
