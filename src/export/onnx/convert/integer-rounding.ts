/**
 * TFLite's integer rounding written as float64 ONNX nodes, for the int8 ops whose ONNX form
 * repeats TFLite's integer arithmetic (every value involved is an integer or a product below
 * 2^53, so float64 holds it exactly): rounding half away from zero, and the final clamp and
 * store as int8.
 */
import { attr, type OnnxBuilder } from '../onnx-builder.js';
import { ONNX_TYPE } from '../onnx-model.js';

/** `value` · `factor` rounded to an integer, halves away from zero (C's rounded division, gemmlowp's RoundingDivideByPOT). */
export function roundHalfAwayFromZero(builder: OnnxBuilder, value: string, name: string, factor = 1): string {
  const magnitude = builder.node('Abs', [value], `${name}/magnitude`);
  const scaled =
    factor === 1 ? magnitude : builder.node('Mul', [magnitude, builder.double(factor)], `${name}/divided`);
  const rounded = builder.node(
    'Floor',
    [builder.node('Add', [scaled, builder.double(0.5)], `${name}/halfway`)],
    `${name}/rounded`,
  );
  return builder.node('Mul', [rounded, builder.node('Sign', [value], `${name}/sign`)], `${name}/signed`);
}

/** An integer-valued float64 `value` clamped to [min, max] and stored as int8. */
export function storeInt8(
  builder: OnnxBuilder,
  value: string,
  name: string,
  range: { min: number; max: number },
): string {
  const clamped = builder.node(
    'Clip',
    [value, builder.double(range.min), builder.double(range.max)],
    `${name}/clamped`,
  );
  return builder.node('Cast', [clamped], `${name}/int8`, { to: attr.int(ONNX_TYPE.int8) });
}

/** An int8 value as float64, exactly. */
export function widen(builder: OnnxBuilder, value: string, name: string): string {
  return builder.node('Cast', [value], `${name}/wide`, { to: attr.int(ONNX_TYPE.double) });
}
