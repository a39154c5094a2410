/**
 * int8 DEPTHWISE_CONV_2D on WebAssembly SIMD (assembly/lib/ci-depthwise.ts), bit for bit
 * kernels/int8/depthwise-conv-2d.ts. The padded input holds the input in output-channel order
 * (each input channel once per output channel it feeds); the filter is packed tap by tap in
 * groups of eight output channels, zero past the last; one call per invoke.
 */
import type { Kernel, KernelContext, OpOf } from '../kernels/context.js';
import { convWindows } from '../kernels/conv-geometry.js';
import { convInt8Operands } from '../kernels/int8/conv-operands.js';
import { CONV_INT8, type ConvInt8Exports } from './conv-int8.js';
import { copyingKernel, MemoryPlan, writeParameters } from './int8-memory-plan.js';
import { GROUP, stageBytes, stageFits, writeStage } from './int8-output-stage.js';
import { paddedInput } from './int8-padded-input.js';
import { instantiateKernels } from './kernel-module.js';

/** DEPTHWISE_CONV_2D with int8 input: the kernel, or undefined (the TypeScript kernel then runs). */
export function wasmDepthwiseConv2dInt8Kernel(
  op: OpOf<'DEPTHWISE_CONV_2D'>,
  ctx: KernelContext,
): Kernel | undefined {
  const { x, filter, bias, out, filters, inputZeroPoint, stage } = convInt8Operands(op, ctx, 3);
  const windows = convWindows(op, ctx);
  const { batch, channels, rows, cols } = windows;
  if (!stageFits(stage)) return undefined;
  const taps = rows.kernel * cols.kernel;
  const groups = Math.ceil(filters / GROUP);
  // int16 values minus the input zero point, in output-channel order: zeroed borders pad.
  const padded = paddedInput({ ...windows, channels: filters }, 2);
  const { rowPitch, batchPitch } = padded;
  const plan = new MemoryPlan();
  const inputAt = plan.reserve(x.length);
  const paddedAt = plan.reserve(padded.bytes);
  const weightsAt = plan.reserve(groups * taps * GROUP * 2);
  const offsetsAt = plan.reserve(taps * 4);
  const stageAt = plan.reserve(stageBytes(filters));
  const outputAt = plan.reserve(out.length);
  const instance = instantiateKernels<ConvInt8Exports>(CONV_INT8, plan.bytes);
  if (instance === undefined) return undefined;
  const { buffer } = instance.memory;

  const weights = new Int16Array(buffer, weightsAt, groups * taps * GROUP);
  const offsets = new Int32Array(buffer, offsetsAt, taps);
  for (let t = 0; t < taps; t++) {
    for (let o = 0; o < filters; o++) {
      weights[(Math.floor(o / GROUP) * taps + t) * GROUP + (o % GROUP)] = filter[t * filters + o];
    }
    const ky = Math.floor(t / cols.kernel);
    const kx = t % cols.kernel;
    offsets[t] = ky * rows.dilation * rowPitch + kx * cols.dilation * filters * 2;
  }
  writeStage(buffer, stageAt, stage, filters, (o) => bias?.[o] ?? 0);
  // In the order of assembly/lib/ci-conv-fields.ts.
  writeParameters(buffer, [
    inputAt,
    batch,
    rows.size,
    cols.size * channels,
    paddedAt + padded.interior,
    rowPitch,
    batchPitch,
    inputZeroPoint,
    rows.out,
    cols.out,
    rows.stride * rowPitch,
    cols.stride * filters * 2,
    weightsAt,
    groups,
    taps,
    0, // tap pairs: the depthwise kernel multiplies tap by tap
    offsetsAt,
    stageAt,
    outputAt,
    filters,
    stage.zeroPoint,
    stage.min,
    stage.max,
    paddedAt,
    filters / channels,
  ]);
  return copyingKernel(buffer, x, inputAt, out, outputAt, instance.exports.depthwise);
}
