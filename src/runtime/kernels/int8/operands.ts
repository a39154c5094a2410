/**
 * Typed, checked access to a quantized op's operands: int8 / int16 / int32 views, their scales
 * and zero points (scales as the float32 values TFLite stores), and errors that name the op.
 * Parameter derivations that reject their input (src/quant/params.ts) are re-raised at the op.
 */
import { EdgeforgeError } from '../../../errors.js';
import type { DType } from '../../../graph/types.js';
import { float32, type ScaleAndZeroPoint } from '../../../quant/params.js';
import type { KernelContext } from '../context.js';

function typed<T>(
  ctx: KernelContext,
  tensor: number,
  role: string,
  dtype: DType,
  type: new (n: number) => T,
): T {
  const view = ctx.view(tensor, role);
  if (!(view instanceof type)) {
    ctx.fail(
      `${role} ${ctx.describe(tensor)} is ${ctx.dtype(tensor)}, the int8 kernel needs ${dtype}`,
      'Quantize every tensor of the op as TFLite does',
    );
  }
  return view;
}

export function int8(ctx: KernelContext, tensor: number, role: string): Int8Array {
  return typed(ctx, tensor, role, 'int8', Int8Array);
}

export function int16(ctx: KernelContext, tensor: number, role: string): Int16Array {
  return typed(ctx, tensor, role, 'int16', Int16Array);
}

export function int32(ctx: KernelContext, tensor: number, role: string): Int32Array {
  return typed(ctx, tensor, role, 'int32', Int32Array);
}

/** An optional int32 operand such as a bias (-1: absent). */
export function optionalInt32(
  ctx: KernelContext,
  tensor: number | undefined,
  role: string,
): Int32Array | undefined {
  return tensor === undefined || tensor < 0 ? undefined : int32(ctx, tensor, role);
}

/** Every scale of a tensor (one, or one per channel), as float32, checked positive and finite. */
export function scales(ctx: KernelContext, tensor: number, role: string): number[] {
  const params = ctx.quantization(tensor);
  if (params === undefined || params.scale.length === 0 || params.scale.length !== params.zeroPoint.length) {
    ctx.fail(
      `${role} ${ctx.describe(tensor)} has no quantization parameters`,
      'Give it a scale and zero point',
    );
  }
  const values = params.scale.map(float32);
  if (values.some((scale) => !(scale > 0 && Number.isFinite(scale)))) {
    ctx.fail(
      `${role} ${ctx.describe(tensor)} has a scale that is not a positive number`,
      'Re-quantize the model',
    );
  }
  return values;
}

/** A per-tensor quantized operand's scale and zero point. */
export function quantOf(ctx: KernelContext, tensor: number, role: string): ScaleAndZeroPoint {
  const all = scales(ctx, tensor, role);
  if (all.length !== 1) {
    ctx.fail(
      `${role} ${ctx.describe(tensor)} is quantized per channel; this operand needs one scale`,
      'Quantize it per tensor',
    );
  }
  return { scale: all[0], zeroPoint: ctx.quantization(tensor)?.zeroPoint[0] ?? 0 };
}

/** Fails unless two operands share scale and zero point (ops that only move or compare values). */
export function requireSameQuantization(ctx: KernelContext, a: number, b: number, why: string): void {
  const qa = quantOf(ctx, a, 'operand');
  const qb = quantOf(ctx, b, 'operand');
  if (qa.scale !== qb.scale || qa.zeroPoint !== qb.zeroPoint) {
    ctx.fail(
      `${ctx.describe(a)} (scale ${qa.scale}, zero point ${qa.zeroPoint}) and ${ctx.describe(b)} (scale ${qb.scale}, zero point ${qb.zeroPoint}) differ; ${why}`,
      'Quantize them with the same scale and zero point',
    );
  }
}

/** Runs a parameter derivation, placing any error it raises at this op. */
export function derive<T>(ctx: KernelContext, compute: () => T): T {
  try {
    return compute();
  } catch (error) {
    if (error instanceof EdgeforgeError && error.place === undefined)
      ctx.fail(error.message, error.fix ?? 'Re-quantize the model');
    throw error;
  }
}
