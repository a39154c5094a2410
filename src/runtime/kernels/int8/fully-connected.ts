/**
 * int8 FULLY_CONNECTED as TFLite's reference kernel computes it: per output
 *   acc = Σ_k (W[o, k] - filterZp) · (x[r, k] - inputZp) + bias[o]   (int32)
 * then the output stage (per-tensor or per-channel multiplier, output zero point, activation
 * clamp). Weights [units, depth]; rows are the input's values in rows of `depth`.
 */
import type { Kernel, KernelContext, OpOf } from '../context.js';
import { int8, optionalInt32, quantOf } from './operands.js';
import { filterQuantization, outputStage, requantize, type OutputStage } from './output-stage.js';

export interface FullyConnectedInt8Shape {
  rows: number;
  units: number;
  depth: number;
  inputZeroPoint: number;
  filterZeroPoint: number;
}

export function fullyConnectedInt8(
  g: FullyConnectedInt8Shape,
  x: Int8Array,
  weights: Int8Array,
  bias: Int32Array | undefined,
  stage: OutputStage,
  out: Int8Array,
): void {
  const { rows, units, depth, inputZeroPoint, filterZeroPoint } = g;
  for (let r = 0; r < rows; r++) {
    const xAt = r * depth;
    for (let o = 0; o < units; o++) {
      const wAt = o * depth;
      let acc = 0;
      for (let k = 0; k < depth; k++)
        acc += (weights[wAt + k] - filterZeroPoint) * (x[xAt + k] - inputZeroPoint);
      if (bias !== undefined) acc += bias[o];
      out[r * units + o] = requantize(acc | 0, stage, o);
    }
  }
}

export function fullyConnectedInt8Kernel(op: OpOf<'FULLY_CONNECTED'>, ctx: KernelContext): Kernel {
  const [input, filter, biasTensor] = op.inputs;
  const output = op.outputs[0];
  const x = int8(ctx, input, 'input');
  const weights = int8(ctx, filter, 'weights');
  const bias = optionalInt32(ctx, biasTensor, 'bias');
  const out = int8(ctx, output, 'output');
  const [units, depth] = ctx.shape(filter);
  const filterQuant = filterQuantization(ctx, filter, units);
  const shape: FullyConnectedInt8Shape = {
    rows: x.length / depth,
    units,
    depth,
    inputZeroPoint: quantOf(ctx, input, 'input').zeroPoint,
    filterZeroPoint: filterQuant.zeroPoint,
  };
  const stage = outputStage(
    ctx,
    { input, filter: filterQuant, output },
    units,
    op.options.fusedActivation,
    true,
  );
  return () => fullyConnectedInt8(shape, x, weights, bias, stage, out);
}
