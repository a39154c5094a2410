/**
 * int8 MEAN on WebAssembly SIMD (assembly/lib/ci-mean.ts), bit for bit kernels/int8/reduce.ts,
 * when the reduced axes are adjacent (global average pooling over height and width is): the
 * input is then [outer, count, inner] and each output an int32 sum through the output stage
 * with the mean's multiplier, its bias -count · input zero point.
 */
import type { Kernel, KernelContext, OpOf } from '../kernels/context.js';
import { int8 } from '../kernels/int8/operands.js';
import { meanInt8Params, reducedAxes } from '../kernels/int8/reduce.js';
import { INT8_RANGE } from '../../quant/params.js';
import { CONV_INT8, type ConvInt8Exports } from './conv-int8.js';
import { int8CopyingKernel, int8Layout, writeParameters } from './int8-memory-plan.js';
import { stageBytes, stageFits, writeStage } from './int8-output-stage.js';
import { instantiateKernels } from './kernel-module.js';

const product = (sizes: readonly number[]) => sizes.reduce((a, b) => a * b, 1);

/** MEAN with int8 input: the kernel, or undefined (REDUCE_MAX, axes apart: the TypeScript kernel runs). */
export function wasmMeanInt8Kernel(op: OpOf<'MEAN' | 'REDUCE_MAX'>, ctx: KernelContext): Kernel | undefined {
  if (op.type !== 'MEAN') return undefined;
  const shape = ctx.shape(op.inputs[0]);
  const axes = [...new Set(reducedAxes(op, ctx))].sort((a, b) => a - b);
  if (axes.length === 0 || axes[axes.length - 1] - axes[0] !== axes.length - 1) return undefined;
  const outer = product(shape.slice(0, axes[0]));
  const count = product(shape.slice(axes[0], axes[axes.length - 1] + 1));
  const inner = product(shape.slice(axes[axes.length - 1] + 1));
  if (count === 0 || outer * inner === 0) return undefined;
  const x = int8(ctx, op.inputs[0], 'input');
  const out = int8(ctx, op.outputs[0], 'output');
  const params = meanInt8Params(op, ctx, count);
  const { multiplier, shift } = params.rescale;
  const stage = {
    multipliers: new Int32Array(inner).fill(multiplier),
    shifts: new Int32Array(inner).fill(shift),
    zeroPoint: params.outputZeroPoint,
    ...INT8_RANGE,
  };
  if (!stageFits(stage)) return undefined;
  const plan = int8Layout();
  const inputAt = plan.take(x.length);
  const stageAt = plan.take(stageBytes(inner));
  const outputAt = plan.take(out.length);
  const instance = instantiateKernels<ConvInt8Exports>(CONV_INT8, plan.bytes);
  if (instance === undefined) return undefined;
  const { buffer } = instance.memory;
  writeStage(buffer, stageAt, stage, inner, () => -count * params.inputZeroPoint);
  writeParameters(buffer, [
    inputAt,
    outer,
    count,
    inner,
    stageAt,
    outputAt,
    stage.zeroPoint,
    stage.min,
    stage.max,
  ]);
  return int8CopyingKernel(buffer, x, inputAt, out, outputAt, instance.exports.mean);
}
