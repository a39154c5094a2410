/**
 * CONV_2D on NHWC: out[b, y, x, o] = act(bias[o] + Σ_{ky, kx, c} in[b, iy, ix, c]·F[o, ky, kx, c])
 * with iy = y·strideH + ky·dilationH - padTop (likewise ix), zero outside the input; filters
 * OHWI. Without dilation along W a row of taps reads one contiguous run of the input (kx-major,
 * channel-minor, as the filter is stored), so each run is a plain dot product; four filters
 * share every input load and sum in double, rounded once per output.
 */
import type { Kernel, KernelContext, OpOf } from '../context.js';
import { applyFused, fusedActivation } from './activation.js';
import { convWindows, type SpatialWindows } from '../conv-geometry.js';
import { endTap, firstTap } from './window.js';

interface ConvGeometry extends SpatialWindows {
  filters: number;
}

export function conv2dKernel(op: OpOf<'CONV_2D'>, ctx: KernelContext): Kernel {
  const x = ctx.float(op.inputs[0], 'input');
  const filter = ctx.float(op.inputs[1], 'filter');
  const bias = ctx.optionalFloat(op.inputs[2] ?? -1, 'bias');
  const out = ctx.float(op.outputs[0], 'output');
  const geometry: ConvGeometry = { ...convWindows(op, ctx), filters: ctx.shape(op.inputs[1])[0] };
  const activation = fusedActivation(ctx, op.options.fusedActivation);
  return () => {
    conv2d(geometry, x, filter, bias, out);
    applyFused(activation, out);
  };
}

function conv2d(
  g: ConvGeometry,
  x: Float32Array,
  filter: Float32Array,
  bias: Float32Array | undefined,
  out: Float32Array,
): void {
  const { rows, cols, channels, filters } = g;
  const filterStride = rows.kernel * cols.kernel * channels;
  // Taps one after another in a row are adjacent in memory only without dilation along W.
  const runsPerRow = cols.dilation === 1;
  for (let b = 0; b < g.batch; b++) {
    for (let oy = 0; oy < rows.out; oy++) {
      const kyFirst = firstTap(rows, oy);
      const kyEnd = endTap(rows, oy);
      const iyStart = oy * rows.stride - rows.padBefore;
      for (let ox = 0; ox < cols.out; ox++) {
        const kxFirst = firstTap(cols, ox);
        const kxEnd = endTap(cols, ox);
        const ixStart = ox * cols.stride - cols.padBefore;
        const outAt = ((b * rows.out + oy) * cols.out + ox) * filters;
        const runLength = runsPerRow ? (kxEnd - kxFirst) * channels : channels;
        const kxStep = runsPerRow ? Math.max(kxEnd - kxFirst, 1) : 1;
        let o = 0;
        for (; o + 3 < filters; o += 4) {
          let s0 = bias === undefined ? 0 : bias[o];
          let s1 = bias === undefined ? 0 : bias[o + 1];
          let s2 = bias === undefined ? 0 : bias[o + 2];
          let s3 = bias === undefined ? 0 : bias[o + 3];
          for (let ky = kyFirst; ky < kyEnd; ky++) {
            const rowAt = (b * rows.size + iyStart + ky * rows.dilation) * cols.size;
            for (let kx = kxFirst; kx < kxEnd; kx += kxStep) {
              const xAt = (rowAt + ixStart + kx * cols.dilation) * channels;
              const f0 = (o * rows.kernel + ky) * cols.kernel * channels + kx * channels;
              const f1 = f0 + filterStride;
              const f2 = f1 + filterStride;
              const f3 = f2 + filterStride;
              for (let k = 0; k < runLength; k++) {
                const v = x[xAt + k];
                s0 += filter[f0 + k] * v;
                s1 += filter[f1 + k] * v;
                s2 += filter[f2 + k] * v;
                s3 += filter[f3 + k] * v;
              }
            }
          }
          out[outAt + o] = s0;
          out[outAt + o + 1] = s1;
          out[outAt + o + 2] = s2;
          out[outAt + o + 3] = s3;
        }
        for (; o < filters; o++) {
          let s = bias === undefined ? 0 : bias[o];
          for (let ky = kyFirst; ky < kyEnd; ky++) {
            const rowAt = (b * rows.size + iyStart + ky * rows.dilation) * cols.size;
            for (let kx = kxFirst; kx < kxEnd; kx += kxStep) {
              const xAt = (rowAt + ixStart + kx * cols.dilation) * channels;
              const f = (o * rows.kernel + ky) * cols.kernel * channels + kx * channels;
              for (let k = 0; k < runLength; k++) s += filter[f + k] * x[xAt + k];
            }
          }
          out[outAt + o] = s;
        }
      }
    }
  }
}
