/**
 * The scaling a model was trained with, applied to raw windows before the network:
 * x' = (x - center) / scale per column, where a column is one (step, channel) position
 * (per 'feature') or one channel (per 'channel'), computed in double as the data stage does.
 */
import { EdgeforgeError } from '../errors.js';
import type { Preprocessing } from '../graph/types.js';

/** Scales whole windows from `raw` into `out` (same length, a multiple of steps·channels); allocates nothing. */
export function scaleWindow(pre: Preprocessing, raw: Float32Array, out: Float32Array): void {
  const { scaler } = pre;
  const size = pre.steps * pre.channels;
  const width = scaler.per === 'feature' ? size : pre.channels;
  if (scaler.center.length !== width || scaler.scale.length !== width) {
    throw new EdgeforgeError(
      `the scaler holds ${scaler.center.length} centers and ${scaler.scale.length} scales, per ${scaler.per} over ${pre.steps} steps x ${pre.channels} channels needs ${width}`,
      { place: 'metadata.preprocessing.scaler', fix: 'Re-create the graph from the trained model' },
    );
  }
  if (raw.length !== out.length || raw.length % size !== 0) {
    throw new EdgeforgeError(
      `cannot scale ${raw.length} values into ${out.length}: windows are ${pre.steps} steps x ${pre.channels} channels`,
      { fix: 'Pass whole windows, and an output of the same length' },
    );
  }
  const { center, scale } = scaler;
  for (let k = 0, column = 0; k < raw.length; k++) {
    out[k] = (raw[k] - center[column]) / scale[column];
    column = column + 1 === width ? 0 : column + 1;
  }
}
