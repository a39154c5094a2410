/**
 * DEPTHWISE_CONV_2D on NHWC: each input channel c has its own `multiplier` filters,
 * out[b, y, x, c·M + m] = act(bias[c·M + m] + Σ_{ky, kx} in[b, iy, ix, c]·F[0, ky, kx, c·M + m]),
 * zero outside the input. Outputs accumulate tap by tap in the output row, as the trainer's
 * depthwise layer does.
 */
import type { Kernel, KernelContext, OpOf } from '../context.js';
import { applyFused, fusedActivation } from './activation.js';
import { convWindows, type SpatialWindows } from '../conv-geometry.js';
import { endTap, firstTap } from './window.js';

interface DepthwiseGeometry extends SpatialWindows {
  multiplier: number;
}

export function depthwiseConv2dKernel(op: OpOf<'DEPTHWISE_CONV_2D'>, ctx: KernelContext): Kernel {
  const x = ctx.float(op.inputs[0], 'input');
  const filter = ctx.float(op.inputs[1], 'filter');
  const bias = ctx.optionalFloat(op.inputs[2] ?? -1, 'bias');
  const out = ctx.float(op.outputs[0], 'output');
  const geometry: DepthwiseGeometry = { ...convWindows(op, ctx), multiplier: op.options.depthMultiplier };
  const activation = fusedActivation(ctx, op.options.fusedActivation);
  return () => {
    depthwiseConv2d(geometry, x, filter, bias, out);
    applyFused(activation, out);
  };
}

function depthwiseConv2d(
  g: DepthwiseGeometry,
  x: Float32Array,
  filter: Float32Array,
  bias: Float32Array | undefined,
  out: Float32Array,
): void {
  const { rows, cols, channels, multiplier } = g;
  const depth = channels * multiplier;
  for (let b = 0; b < g.batch; b++) {
    for (let oy = 0; oy < rows.out; oy++) {
      const kyFirst = firstTap(rows, oy);
      const kyEnd = endTap(rows, oy);
      const iyStart = oy * rows.stride - rows.padBefore;
      for (let ox = 0; ox < cols.out; ox++) {
        const kxFirst = firstTap(cols, ox);
        const kxEnd = endTap(cols, ox);
        const ixStart = ox * cols.stride - cols.padBefore;
        const outAt = ((b * rows.out + oy) * cols.out + ox) * depth;
        for (let d = 0; d < depth; d++) out[outAt + d] = bias === undefined ? 0 : bias[d];
        for (let ky = kyFirst; ky < kyEnd; ky++) {
          const rowAt = (b * rows.size + iyStart + ky * rows.dilation) * cols.size;
          for (let kx = kxFirst; kx < kxEnd; kx++) {
            const xAt = (rowAt + ixStart + kx * cols.dilation) * channels;
            const fAt = (ky * cols.kernel + kx) * depth;
            for (let c = 0; c < channels; c++) {
              const v = x[xAt + c];
              const at = c * multiplier;
              for (let m = 0; m < multiplier; m++) out[outAt + at + m] += v * filter[fAt + at + m];
            }
          }
        }
      }
    }
  }
}
