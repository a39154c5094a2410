/**
 * Hybrid FULLY_CONNECTED (float input and output, int8 weights), as TFLite's EvalHybrid:
 * each input row is quantized symmetrically on the fly (scaling factor s_r), then per output
 *   out[r, o] = bias[o] + Σ_k W[o, k] · q[r, k] · (s_r · w_o)   (int32 dot product, float32 scale)
 * and the fused activation.
 */
import type { Kernel, KernelContext, OpOf } from '../context.js';
import { applyFused, fusedActivation } from '../float/activation.js';
import { hybridWeights, type HybridWeights } from './operands.js';
import { quantizeRows } from './symmetric-input.js';

export function fullyConnectedHybrid(
  depth: number,
  quantized: Int8Array,
  factors: Float32Array,
  weights: HybridWeights,
  bias: Float32Array | undefined,
  out: Float32Array,
): void {
  const { values, scales } = weights;
  const units = scales.length;
  for (let r = 0; r < factors.length; r++) {
    const xAt = r * depth;
    for (let o = 0; o < units; o++) {
      const wAt = o * depth;
      let dot = 0;
      for (let k = 0; k < depth; k++) dot += values[wAt + k] * quantized[xAt + k];
      const scale = Math.fround(factors[r] * scales[o]);
      out[r * units + o] = (bias === undefined ? 0 : bias[o]) + Math.fround(dot * scale);
    }
  }
}

export function fullyConnectedHybridKernel(op: OpOf<'FULLY_CONNECTED'>, ctx: KernelContext): Kernel {
  const [input, filter, biasTensor] = op.inputs;
  const x = ctx.float(input, 'input');
  const out = ctx.float(op.outputs[0], 'output');
  const bias = ctx.optionalFloat(biasTensor ?? -1, 'bias');
  const [units, depth] = ctx.shape(filter);
  const weights = hybridWeights(ctx, filter, units, 0);
  const activation = fusedActivation(ctx, op.options.fusedActivation);
  // Built once with the interpreter: invoke allocates nothing.
  const quantized = new Int8Array(x.length);
  const factors = new Float32Array(x.length / depth);
  return () => {
    quantizeRows(x, depth, quantized, factors);
    fullyConnectedHybrid(depth, quantized, factors, weights, bias, out);
    applyFused(activation, out);
  };
}
