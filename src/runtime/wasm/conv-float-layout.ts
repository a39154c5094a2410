/**
 * The instance both float convolution kernels (conv-float.ts, depthwise-conv-float.ts) run on:
 * one memory holding the header assembly/lib/cf-header.ts reads, the float64 weights and bias
 * packed by the caller, the zero-padded float64 input (its padding zeroed once, here), the
 * float32 input and the float32 output; the kernel runs as copying-kernel.ts says, TANH (the
 * one fused activation the module leaves to TypeScript) applied after the copy out.
 */
import type { FusedActivation } from '../../graph/types.js';
import type { Kernel } from '../kernels/context.js';
import type { SpatialWindows } from '../kernels/conv-geometry.js';
import type { AxisWindow } from '../kernels/float/window.js';
import { align } from './byte-layout.js';
import { copyingKernel, spatialFields } from './copying-kernel.js';
import { WASM_BASE64 } from './generated/conv-float.generated.js';
import { instantiateKernels, type KernelModuleSource } from './kernel-module.js';

/** The module of the float convolution and pooling kernels (assembly/conv-float.ts). */
export const CONV_FLOAT: KernelModuleSource = { name: 'conv-float', base64: WASM_BASE64 };

interface ConvFloatExports {
  conv(header: number): void;
  depthwise(header: number): void;
}

/** The header's i32 fields in assembly/lib/cf-header.ts order (4 bytes each, from byte 0). */
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
  'multiplier',
  'paddedDepth',
] as const;
/** The fields, then (from byte 112) 32 bytes of staging for partial output vectors. */
const HEADER_BYTES = 160;

/** Activation codes of assembly/lib/cf-activation.ts; TANH is absent: TypeScript applies it. */
const MODULE_ACTIVATION: Partial<Record<FusedActivation, number>> = {
  NONE: 0,
  RELU: 1,
  RELU6: 2,
  RELU_N1_TO_1: 3,
};

export interface ConvFloatSetup {
  /** The exported function that runs the op. */
  entry: keyof ConvFloatExports;
  windows: SpatialWindows;
  /** Output channels per position. */
  filters: number;
  /** Copies of each input channel in the padded input (1 for CONV_2D). */
  multiplier: number;
  /** Values per position of the padded input (≥ channels × multiplier). */
  paddedDepth: number;
  /** float64 values of the packed weights and of the packed bias. */
  weightValues: number;
  biasValues: number;
  /** Fills the packed weights and bias (both zeroed before). */
  pack(weights: Float64Array, bias: Float64Array): void;
  activation: FusedActivation;
  x: Float32Array;
  out: Float32Array;
}

/** Input positions along an axis once padded so that every window lies inside. */
function paddedSize(w: AxisWindow): number {
  const reach = (w.out - 1) * w.stride + (w.kernel - 1) * w.dilation + 1;
  return Math.max(w.padBefore + w.size, reach);
}

/** The kernel, or undefined when WebAssembly SIMD is unavailable or switched off. */
export function convFloatKernel(setup: ConvFloatSetup): Kernel | undefined {
  const { windows, x, out, activation } = setup;
  const { batch, rows, cols } = windows;
  const paddedH = paddedSize(rows);
  const paddedW = paddedSize(cols);
  const weightsAt = HEADER_BYTES;
  const biasAt = weightsAt + align(setup.weightValues * 8);
  const paddedAt = biasAt + align(setup.biasValues * 8);
  const inputAt = paddedAt + batch * paddedH * paddedW * setup.paddedDepth * 8;
  const outputAt = inputAt + align(x.length * 4);
  const instance = instantiateKernels<ConvFloatExports>(CONV_FLOAT, outputAt + out.length * 4);
  if (instance === undefined) return undefined;
  const { buffer } = instance.memory;
  const header = {
    ...spatialFields(batch, windows.channels, rows, cols),
    paddedH,
    paddedW,
    padTop: rows.padBefore,
    padLeft: cols.padBefore,
    filters: setup.filters,
    kernelH: rows.kernel,
    kernelW: cols.kernel,
    strideH: rows.stride,
    strideW: cols.stride,
    dilationH: rows.dilation,
    dilationW: cols.dilation,
    activation: MODULE_ACTIVATION[activation] ?? 0, // TANH: NONE here, applied afterwards
    weightsAt,
    biasAt,
    paddedAt,
    inputAt,
    outputAt,
    multiplier: setup.multiplier,
    paddedDepth: setup.paddedDepth,
  };
  setup.pack(
    new Float64Array(buffer, weightsAt, setup.weightValues),
    new Float64Array(buffer, biasAt, setup.biasValues),
  );
  return copyingKernel(
    { buffer, fields: HEADER_FIELDS, header, x, out },
    instance.exports[setup.entry],
    MODULE_ACTIVATION[activation] === undefined ? activation : 'NONE',
  );
}
