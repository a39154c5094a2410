/**
 * What the convolution and pooling test graphs share: full option sets from the few options a
 * case sets, TFLite's output sizes, random int8 values, and the sweep of paddings, strides,
 * batches and activations the WebAssembly twin tests walk through.
 */
import type {
  Conv2DOptions,
  DepthwiseConv2DOptions,
  FusedActivation,
  Padding,
} from '../../src/graph/types.js';
import type { Random } from '../../src/util/random.js';

import { windowOutputSize } from '../../src/graph/shapes.js';

/** The sizes of a convolution case: one input item [height, width, channels], its filters. */
export interface ConvShape {
  height: number;
  width: number;
  channels: number;
  filters: number;
  kernelH: number;
  kernelW: number;
}

/** CONV_2D options: VALID, unit strides and dilations, no activation, but for `overrides`. */
export function convOptions(overrides: Partial<Conv2DOptions> = {}): Conv2DOptions {
  return {
    padding: 'VALID',
    strideH: 1,
    strideW: 1,
    dilationH: 1,
    dilationW: 1,
    fusedActivation: 'NONE',
    ...overrides,
  };
}

/** A convolution's output rows and columns by TFLite's rules (0 when no window fits). */
export function convOutputSize(
  c: Pick<ConvShape, 'height' | 'width' | 'kernelH' | 'kernelW'>,
  options: Conv2DOptions,
): { outH: number; outW: number } {
  const { padding } = options;
  return {
    outH: windowOutputSize(c.height, c.kernelH, options.strideH, options.dilationH, padding),
    outW: windowOutputSize(c.width, c.kernelW, options.strideW, options.dilationW, padding),
  };
}

/** DEPTHWISE_CONV_2D options: as convOptions, depth multiplier 1, but for `overrides`. */
export function depthwiseOptions(overrides: Partial<DepthwiseConv2DOptions> = {}): DepthwiseConv2DOptions {
  return { ...convOptions(), depthMultiplier: 1, ...overrides };
}

/** Uniform int8 values. */
export function int8Values(random: Random, count: number): Int8Array {
  return Int8Array.from({ length: count }, () => random.int(256) - 128);
}

/** Every fused activation the float kernels take. */
export const FLOAT_ACTIVATIONS: readonly FusedActivation[] = [
  'NONE',
  'RELU',
  'RELU6',
  'RELU_N1_TO_1',
  'TANH',
];

/** Case `variant` of a sweep: every combination of padding, stride and batch in eight, activations in turn. */
export function sweepVariant(variant: number): {
  padding: Padding;
  strideW: number;
  batch: number;
  fusedActivation: FusedActivation;
} {
  return {
    padding: variant % 2 === 0 ? 'SAME' : 'VALID',
    strideW: (variant >> 1) % 2 === 0 ? 1 : 2,
    batch: (variant >> 2) % 2 === 0 ? 1 : 3,
    fusedActivation: FLOAT_ACTIVATIONS[variant % FLOAT_ACTIVATIONS.length],
  };
}

/** Two-dimensional windows: kernel rows, strides and dilations along both axes, odd sizes. */
export const TWO_D_WINDOWS = [
  { height: 5, width: 6, channels: 3, kernelH: 3, kernelW: 3, options: { padding: 'SAME' } },
  {
    height: 6,
    width: 7,
    channels: 2,
    kernelH: 2,
    kernelW: 3,
    options: { padding: 'SAME', strideH: 2, strideW: 2 },
  },
  {
    height: 7,
    width: 8,
    channels: 4,
    kernelH: 3,
    kernelW: 2,
    options: { padding: 'VALID', strideH: 2, dilationW: 2 },
  },
  {
    height: 6,
    width: 9,
    channels: 1,
    kernelH: 2,
    kernelW: 3,
    options: { padding: 'SAME', dilationH: 2, dilationW: 3 },
  },
] as const;
