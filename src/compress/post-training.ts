/** Post-training int8 quantization of a float graph, calibrated on windows of the training split. */
import type { CompressSection } from '../config/compress-schema.js';
import type { WindowSet } from '../data/types.js';
import { subset } from '../data/window-set.js';
import type { Graph } from '../graph/types.js';
import { calibrate } from '../quant/calibrate/index.js';
import { quantizeGraph } from '../quant/ptq/index.js';
import { Random } from '../util/random.js';

export type QuantizeSettings = Pick<CompressSection, 'calibration' | 'perChannel' | 'io' | 'seed'>;

/** `size` windows drawn without replacement by a seeded shuffle (all of them when the split is smaller). */
export function calibrationSet(train: WindowSet, size: number, seed: number): WindowSet {
  const order = new Random(seed).shuffle(Int32Array.from({ length: train.count }, (_, i) => i));
  return subset(train, order.subarray(0, Math.min(size, train.count)));
}

export function quantizeInt8(floatGraph: Graph, train: WindowSet, settings: QuantizeSettings): Graph {
  const { calibration } = settings;
  const representative = calibrationSet(train, calibration.size, settings.seed);
  const ranges = calibrate(floatGraph, representative.x, representative.count, {
    method: calibration.method,
    percentile: calibration.percentile,
  });
  return quantizeGraph(floatGraph, ranges, { perChannel: settings.perChannel, io: settings.io });
}
