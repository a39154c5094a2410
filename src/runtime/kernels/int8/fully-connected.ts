/**
 * int8 FULLY_CONNECTED as TFLite's reference kernel computes it: per output
 *   acc = Σ_k (W[o, k] - filterZp) · (x[r, k] - inputZp) + bias[o]   (int32)
 * then the output stage (per-tensor or per-channel multiplier, output zero point, activation
 * clamp). Weights [units, depth]; rows are the input's values in rows of `depth`.
 * The zero points are folded at creation: the weights are packed with filterZp taken off and
 * the sum becomes Σ_k W'·x + (bias - inputZp·Σ_k W'), the same integer.
 */
import type { Kernel, KernelContext, OpOf } from '../context.js';
import { dot, rowSums } from './dot.js';
import { int8, optionalInt32, quantOf } from './operands.js';
import { filterQuantization, outputStage, requantize, type OutputStage } from './output-stage.js';

/** FULLY_CONNECTED's int8 operands (weights [units, depth]), shared with the WebAssembly kernel. */
export interface FullyConnectedInt8Operands {
  x: Int8Array;
  weights: Int8Array;
  bias: Int32Array | undefined;
  out: Int8Array;
  units: number;
  depth: number;
  filterZeroPoint: number;
  inputZeroPoint: number;
  stage: OutputStage;
}

export function fullyConnectedInt8Operands(
  op: OpOf<'FULLY_CONNECTED'>,
  ctx: KernelContext,
): FullyConnectedInt8Operands {
  const [input, filter, biasTensor] = op.inputs;
  const output = op.outputs[0];
  const [units, depth] = ctx.shape(filter);
  const filterQuant = filterQuantization(ctx, filter, units);
  return {
    x: int8(ctx, input, 'input'),
    weights: int8(ctx, filter, 'weights'),
    bias: optionalInt32(ctx, biasTensor, 'bias'),
    out: int8(ctx, output, 'output'),
    units,
    depth,
    filterZeroPoint: filterQuant.zeroPoint,
    inputZeroPoint: quantOf(ctx, input, 'input').zeroPoint,
    stage: outputStage(ctx, { input, filter: filterQuant, output }, units, op.options.fusedActivation, true),
  };
}

export function fullyConnectedInt8Kernel(op: OpOf<'FULLY_CONNECTED'>, ctx: KernelContext): Kernel {
  const { x, weights, bias, out, units, depth, filterZeroPoint, inputZeroPoint, stage } =
    fullyConnectedInt8Operands(op, ctx);
  const rows = x.length / depth;
  const packed = Float64Array.from(weights, (value) => value - filterZeroPoint);
  const sums = rowSums(packed, units, depth);
  const offset = Float64Array.from(sums, (sum, o) => (bias?.[o] ?? 0) - inputZeroPoint * sum);
  const xs = new Float64Array(x.length);
  return () => {
    for (let i = 0; i < x.length; i++) xs[i] = x[i];
    for (let r = 0; r < rows; r++) {
      for (let o = 0; o < units; o++) {
        const acc = dot(packed, o * depth, xs, r * depth, depth) + offset[o];
        out[r * units + o] = requantize(acc | 0, stage, o);
      }
    }
  };
}
