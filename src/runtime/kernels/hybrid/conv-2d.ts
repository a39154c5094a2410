/**
 * Hybrid CONV_2D and DEPTHWISE_CONV_2D (float NHWC input and output, int8 filters per output
 * channel), as TFLite's reference HybridConvPerChannel / DepthwiseConvHybridPerChannel: each
 * batch sample is quantized symmetrically on the fly (scaling factor s_b), the int32
 * accumulator over the taps inside the input is scaled back per output channel, plus the
 * float bias, then the fused activation:
 *   CONV_2D:    out = (acc · w_o) · s_b + bias[o]
 *   DEPTHWISE:  out = acc · (w_o · s_b) + bias[o]   (each float32, in TFLite's order)
 */
import type { Kernel, KernelContext, OpOf } from '../context.js';
import { convWindows, type SpatialWindows } from '../conv-geometry.js';
import { applyFused, fusedActivation } from '../float/activation.js';
import { endTap, firstTap } from '../float/window.js';
import { hybridWeights, type HybridWeights } from './operands.js';
import { quantizeRows } from './symmetric-input.js';

interface ConvHybridGeometry extends SpatialWindows {
  filters: number;
  /** Output channels per input channel (depthwise only; 0 for CONV_2D). */
  multiplier: number;
}

/** Σ over the taps inside the input of filter x quantized input, for output channel `o` at (oy, ox). */
function accumulate(
  g: ConvHybridGeometry,
  b: number,
  oy: number,
  ox: number,
  o: number,
  q: Int8Array,
  filter: Int8Array,
): number {
  const { rows, cols, channels, filters, multiplier } = g;
  const iyStart = oy * rows.stride - rows.padBefore;
  const ixStart = ox * cols.stride - cols.padBefore;
  const kxFirst = firstTap(cols, ox);
  const kxEnd = endTap(cols, ox);
  let acc = 0;
  for (let ky = firstTap(rows, oy); ky < endTap(rows, oy); ky++) {
    const rowAt = (b * rows.size + iyStart + ky * rows.dilation) * cols.size + ixStart;
    for (let kx = kxFirst; kx < kxEnd; kx++) {
      const xAt = (rowAt + kx * cols.dilation) * channels;
      if (multiplier > 0) {
        // Depthwise: filter [1, kh, kw, filters]; output channel o reads input channel o / multiplier.
        acc += filter[(ky * cols.kernel + kx) * filters + o] * q[xAt + Math.floor(o / multiplier)];
      } else {
        const fAt = ((o * rows.kernel + ky) * cols.kernel + kx) * channels;
        for (let c = 0; c < channels; c++) acc += filter[fAt + c] * q[xAt + c];
      }
    }
  }
  return acc;
}

export function convHybrid(
  g: ConvHybridGeometry,
  q: Int8Array,
  factors: Float32Array,
  weights: HybridWeights,
  bias: Float32Array | undefined,
  out: Float32Array,
): void {
  const { rows, cols, filters, multiplier } = g;
  const { values, scales } = weights;
  for (let b = 0; b < g.batch; b++) {
    const factor = factors[b];
    for (let oy = 0; oy < rows.out; oy++) {
      for (let ox = 0; ox < cols.out; ox++) {
        const outAt = ((b * rows.out + oy) * cols.out + ox) * filters;
        for (let o = 0; o < filters; o++) {
          const acc = accumulate(g, b, oy, ox, o, q, values);
          const scaled =
            multiplier > 0
              ? Math.fround(acc * Math.fround(scales[o] * factor))
              : Math.fround(Math.fround(acc * scales[o]) * factor);
          out[outAt + o] = bias === undefined ? scaled : scaled + bias[o];
        }
      }
    }
  }
}

export function convHybridKernel(op: OpOf<'CONV_2D' | 'DEPTHWISE_CONV_2D'>, ctx: KernelContext): Kernel {
  const [input, filter, biasTensor] = op.inputs;
  const x = ctx.float(input, 'input');
  const out = ctx.float(op.outputs[0], 'output');
  const bias = ctx.optionalFloat(biasTensor ?? -1, 'bias');
  const depthwise = op.type === 'DEPTHWISE_CONV_2D';
  const filterShape = ctx.shape(filter);
  const filters = depthwise ? filterShape[3] : filterShape[0];
  const weights = hybridWeights(ctx, filter, filters, depthwise ? 3 : 0);
  const windows = convWindows(op, ctx);
  const geometry: ConvHybridGeometry = {
    ...windows,
    filters,
    multiplier: depthwise ? filters / windows.channels : 0,
  };
  const activation = fusedActivation(ctx, op.options.fusedActivation);
  // Built once with the interpreter: invoke allocates nothing.
  const quantized = new Int8Array(x.length);
  const factors = new Float32Array(windows.batch);
  return () => {
    quantizeRows(x, x.length / windows.batch, quantized, factors);
    convHybrid(geometry, quantized, factors, weights, bias, out);
    applyFused(activation, out);
  };
}
