/**
 * int8 CONV_2D on WebAssembly SIMD (assembly/lib/ci-conv.ts), bit for bit the TypeScript kernel
 * (kernels/int8/conv-2d.ts, its specification), and the engine FULLY_CONNECTED shares as a
 * 1 × 1 convolution. At creation the filters are packed into the instance's memory (groups of
 * eight output channels, two taps interleaved, minus the filter zero point) with the output
 * stage; each invoke copies the input in, makes one call and copies the output out.
 */
import type { Kernel, KernelContext, OpOf } from '../kernels/context.js';
import { convWindows, type SpatialWindows } from '../kernels/conv-geometry.js';
import { convInt8Operands } from '../kernels/int8/conv-operands.js';
import type { OutputStage } from '../kernels/int8/output-stage.js';
import { WASM_BASE64 } from './generated/conv-int8.generated.js';
import { int8CopyingKernel, int8Layout, writeParameters } from './int8-memory-plan.js';
import { GROUP, stageBytes, stageFits, writeStage } from './int8-output-stage.js';
import { paddedInput } from './int8-padded-input.js';
import { instantiateKernels, type KernelModuleSource } from './kernel-module.js';

export const CONV_INT8: KernelModuleSource = { name: 'conv-int8', base64: WASM_BASE64 };

/** The module's exports: each takes the offset of its parameter block (0). */
export interface ConvInt8Exports {
  conv(parameters: number): void;
  depthwise(parameters: number): void;
  maxPool(parameters: number): void;
  mean(parameters: number): void;
}

/** A convolution's operands as the engine needs them. */
export interface Int8ConvSpec {
  windows: SpatialWindows;
  filters: number;
  /** [filters, kernelRows, kernelCols, channels] row-major (OHWI). */
  filter: Int8Array;
  filterZeroPoint: number;
  bias: Int32Array | undefined;
  inputZeroPoint: number;
  stage: OutputStage;
}

/** What the window kernels (ci-conv.ts, ci-depthwise.ts) need besides their packed filters. */
export interface Int8WindowSetup {
  entry: 'conv' | 'depthwise';
  windows: SpatialWindows;
  /** int16 values per padded position: the input's channels, times the depthwise multiplier. */
  depth: number;
  filters: number;
  bias: Int32Array | undefined;
  inputZeroPoint: number;
  stage: OutputStage;
  /** A window is `segments` runs of `pairs` tap pairs (one run per filter row, or per tap). */
  segments: number;
  pairs: number;
  /** int16 values of the packed filters, and what packs them (into zeros). */
  weightValues: number;
  pack(weights: Int16Array): void;
  x: Int8Array;
  out: Int8Array;
}

/**
 * The kernel reading `x` and writing `out`, or undefined when WebAssembly SIMD is unavailable
 * or the stage is outside what the vector arithmetic reproduces exactly.
 */
export function int8WindowKernel(setup: Int8WindowSetup): Kernel | undefined {
  const { windows, depth, filters, stage, segments, x, out } = setup;
  const { batch, channels, rows, cols } = windows;
  if (!stageFits(stage)) return undefined;
  // int16 values minus the input zero point: the zeroed borders are the padding.
  const padded = paddedInput({ ...windows, channels: depth }, 2);
  const { rowPitch, batchPitch } = padded;
  const plan = int8Layout();
  const inputAt = plan.take(x.length);
  const paddedAt = plan.take(padded.bytes);
  const weightsAt = plan.take(setup.weightValues * 2);
  const offsetsAt = plan.take(segments * 4);
  const stageAt = plan.take(stageBytes(filters));
  const outputAt = plan.take(out.length);
  const instance = instantiateKernels<ConvInt8Exports>(CONV_INT8, plan.bytes);
  if (instance === undefined) return undefined;
  const { buffer } = instance.memory;

  setup.pack(new Int16Array(buffer, weightsAt, setup.weightValues));
  // Segment s starts at filter row ky, column kx (always 0 when a segment is a whole row).
  const offsets = new Int32Array(buffer, offsetsAt, segments);
  const perRow = segments / rows.kernel;
  for (let s = 0; s < segments; s++) {
    const ky = Math.floor(s / perRow);
    const kx = s % perRow;
    offsets[s] = ky * rows.dilation * rowPitch + kx * cols.dilation * depth * 2;
  }
  writeStage(buffer, stageAt, stage, filters, (o) => setup.bias?.[o] ?? 0);
  // In the order of assembly/lib/ci-conv-fields.ts.
  writeParameters(buffer, [
    inputAt,
    batch,
    rows.size,
    cols.size * channels,
    paddedAt + padded.interior,
    rowPitch,
    batchPitch,
    setup.inputZeroPoint,
    rows.out,
    cols.out,
    rows.stride * rowPitch,
    cols.stride * depth * 2,
    weightsAt,
    Math.ceil(filters / GROUP),
    segments,
    setup.pairs,
    offsetsAt,
    stageAt,
    outputAt,
    filters,
    stage.zeroPoint,
    stage.min,
    stage.max,
    paddedAt,
    depth / channels,
  ]);
  return int8CopyingKernel(buffer, x, inputAt, out, outputAt, instance.exports[setup.entry]);
}

/**
 * CONV_2D's engine (and FULLY_CONNECTED's, as a 1 × 1 convolution): filters packed in groups
 * of eight output channels, two taps interleaved, minus the filter zero point; undefined when
 * the WebAssembly kernel cannot run it.
 */
export function int8ConvKernel(spec: Int8ConvSpec, x: Int8Array, out: Int8Array): Kernel | undefined {
  const { windows, filters, filter } = spec;
  const { channels, rows, cols } = windows;
  // A window is `segments` runs of `segmentLength` adjacent values (one per filter row, or
  // per tap when columns are dilated), each run padded to whole tap pairs.
  const dilated = cols.dilation !== 1;
  const segments = dilated ? rows.kernel * cols.kernel : rows.kernel;
  const segmentLength = dilated ? channels : cols.kernel * channels;
  const pairs = Math.ceil(segmentLength / 2);
  const groups = Math.ceil(filters / GROUP);
  const taps = rows.kernel * cols.kernel * channels;
  const pack = (weights: Int16Array): void => {
    for (let o = 0; o < filters; o++) {
      const group = Math.floor(o / GROUP);
      for (let s = 0; s < segments; s++) {
        for (let k = 0; k < segmentLength; k++) {
          const pairAt = ((group * segments + s) * pairs + (k >> 1)) * GROUP * 2;
          weights[pairAt + (o % GROUP) * 2 + (k & 1)] =
            filter[o * taps + s * segmentLength + k] - spec.filterZeroPoint;
        }
      }
    }
  };
  const weightValues = groups * segments * pairs * GROUP * 2;
  return int8WindowKernel({
    ...spec,
    entry: 'conv',
    depth: channels,
    segments,
    pairs,
    weightValues,
    pack,
    x,
    out,
  });
}

/** CONV_2D with int8 input: the kernel, or undefined (the TypeScript kernel then runs). */
export function wasmConv2dInt8Kernel(op: OpOf<'CONV_2D'>, ctx: KernelContext): Kernel | undefined {
  const { x, filter, bias, out, filters, inputZeroPoint, stage } = convInt8Operands(op, ctx, 0);
  const windows = convWindows(op, ctx);
  return int8ConvKernel(
    { windows, filters, filter, filterZeroPoint: 0, bias, inputZeroPoint, stage },
    x,
    out,
  );
}
