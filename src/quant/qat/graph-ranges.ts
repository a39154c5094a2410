/**
 * The activation ranges the int8 graph is quantized with: QAT's moving averages where a
 * tracked range names a tensor of the lowered graph, min/max calibration on training windows
 * for every other tensor that needs one (pre-activations inside a layer, an LSTM's cell state
 * and last-step-only output sequence, anything training could not see).
 */
import type { WindowSet } from '../../data/types.js';
import { unfuseTanh } from '../../graph/rewrite/unfuse-tanh.js';
import type { Graph } from '../../graph/types.js';
import { calibrate, type ActivationRanges } from '../calibrate/index.js';
import { representativeSamples, DEFAULT_CALIBRATION_SIZE } from '../post-training.js';
import type { TrackedRange } from './param-sources.js';

/**
 * Tensor index -> range, keyed like calibrate's (the graph with fused tanh split off, which
 * quantizeGraph rewrites the same way), tracked ranges replacing calibrated ones by name.
 */
export function qatRanges(
  floatGraph: Graph,
  tracked: readonly TrackedRange[],
  train: WindowSet,
  seed: number,
): ActivationRanges {
  const { samples, count } = representativeSamples(train, DEFAULT_CALIBRATION_SIZE, seed);
  const ranges = calibrate(floatGraph, samples, count, { method: 'minmax' });
  const indexOf = new Map(unfuseTanh(floatGraph).tensors.map((tensor, index) => [tensor.name, index]));
  for (const source of tracked) {
    const index = source.tensor === undefined ? undefined : indexOf.get(source.tensor);
    const range = source.moving.range;
    if (index !== undefined && range !== undefined) ranges.set(index, range);
  }
  return ranges;
}
