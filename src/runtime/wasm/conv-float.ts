/**
 * CONV_2D on the WebAssembly SIMD kernel (assembly/conv-float.ts): the computation of
 * kernels/float/conv-2d.ts, its specification, for every padding, stride and dilation. At
 * creation the filters go into the instance's memory as float64 in blocks of eight, with the
 * bias and a header describing the geometry; the zero padding around the input is laid once
 * too. Each run copies the input in, makes one call and copies the output out: two
 * TypedArray.set calls on views made here, nothing allocated.
 */
import type { Kernel, KernelContext, OpOf } from '../kernels/context.js';
import { convWindows } from '../kernels/conv-geometry.js';
import { applyFused, fusedActivation } from '../kernels/float/activation.js';
import type { AxisWindow } from '../kernels/float/window.js';
import type { FusedActivation } from '../../graph/types.js';
import { WASM_BASE64 } from './generated/conv-float.generated.js';
import { instantiateKernels, type KernelModuleSource } from './kernel-module.js';

export const CONV_FLOAT: KernelModuleSource = { name: 'conv-float', base64: WASM_BASE64 };

interface ConvFloatExports {
  conv(header: number): void;
}

/** The header's i32 fields, in the order assembly/conv-float.ts reads them (4 bytes each). */
const HEADER_FIELDS = [
  'batch',
  'inH',
  'inW',
  'channels',
  'paddedH',
  'paddedW',
  'padTop',
  'padLeft',
  'outH',
  'outW',
  'filters',
  'kernelH',
  'kernelW',
  'strideH',
  'strideW',
  'dilationH',
  'dilationW',
  'activation',
  'weightsAt',
  'biasAt',
  'paddedAt',
  'inputAt',
  'outputAt',
] as const;
type Header = Record<(typeof HEADER_FIELDS)[number], number>;
/** Fields, then 32 bytes of staging for a partial block of outputs. */
const HEADER_BYTES = 128;
/** Filters per packed block (four f64x2 sums). */
const BLOCK = 8;

/** Activations the module applies itself (lib/cf-activation.ts codes); TANH runs in TypeScript after it. */
const MODULE_ACTIVATION: Partial<Record<FusedActivation, number>> = {
  NONE: 0,
  RELU: 1,
  RELU6: 2,
  RELU_N1_TO_1: 3,
};

const align = (bytes: number): number => Math.ceil(bytes / 16) * 16;

/** Input positions along an axis once padded so that every window lies inside. */
function paddedSize(w: AxisWindow): number {
  const reach = (w.out - 1) * w.stride + (w.kernel - 1) * w.dilation + 1;
  return Math.max(w.padBefore + w.size, reach);
}

/**
 * The kernel, or undefined when WebAssembly SIMD is unavailable or switched off, or when a
 * filter value is not finite (a padding tap would then add 0·∞ = NaN where the TypeScript
 * kernel adds nothing).
 */
export function wasmConv2dKernel(op: OpOf<'CONV_2D'>, ctx: KernelContext): Kernel | undefined {
  const x = ctx.float(op.inputs[0], 'input');
  const filter = ctx.float(op.inputs[1], 'filter');
  const bias = ctx.optionalFloat(op.inputs[2] ?? -1, 'bias');
  const out = ctx.float(op.outputs[0], 'output');
  const activation = fusedActivation(ctx, op.options.fusedActivation);
  if (!filter.every(Number.isFinite)) return undefined;
  const { batch, channels, rows, cols } = convWindows(op, ctx);
  const filters = ctx.shape(op.inputs[1])[0];
  const taps = rows.kernel * cols.kernel * channels;
  const blocks = Math.ceil(filters / BLOCK);
  const paddedH = paddedSize(rows);
  const paddedW = paddedSize(cols);
  const weightsAt = HEADER_BYTES;
  const biasAt = weightsAt + blocks * taps * BLOCK * 8;
  const paddedAt = biasAt + blocks * BLOCK * 8;
  const inputAt = paddedAt + batch * paddedH * paddedW * channels * 8;
  const outputAt = inputAt + align(x.length * 4);
  const instance = instantiateKernels<ConvFloatExports>(CONV_FLOAT, outputAt + out.length * 4);
  if (instance === undefined) return undefined;
  const { buffer } = instance.memory;
  const header: Header = {
    batch,
    inH: rows.size,
    inW: cols.size,
    channels,
    paddedH,
    paddedW,
    padTop: rows.padBefore,
    padLeft: cols.padBefore,
    outH: rows.out,
    outW: cols.out,
    filters,
    kernelH: rows.kernel,
    kernelW: cols.kernel,
    strideH: rows.stride,
    strideW: cols.stride,
    dilationH: rows.dilation,
    dilationW: cols.dilation,
    activation: MODULE_ACTIVATION[activation] ?? 0,
    weightsAt,
    biasAt,
    paddedAt,
    inputAt,
    outputAt,
  };
  new Int32Array(buffer, 0, HEADER_FIELDS.length).set(HEADER_FIELDS.map((field) => header[field]));
  // Block b, tap k (filter order ky, kx, c), lane l: filter b·BLOCK + l; missing filters stay zero.
  const packed = new Float64Array(buffer, weightsAt, blocks * taps * BLOCK);
  for (let o = 0; o < filters; o++) {
    const block = Math.floor(o / BLOCK) * taps * BLOCK + (o % BLOCK);
    for (let k = 0; k < taps; k++) packed[block + k * BLOCK] = filter[o * taps + k];
  }
  if (bias !== undefined) new Float64Array(buffer, biasAt, filters).set(bias);
  const input = new Float32Array(buffer, inputAt, x.length);
  const output = new Float32Array(buffer, outputAt, out.length);
  const { conv } = instance.exports;
  const afterwards: FusedActivation = MODULE_ACTIVATION[activation] === undefined ? activation : 'NONE';
  return () => {
    input.set(x);
    conv(0);
    out.set(output);
    applyFused(afterwards, out);
  };
}
