/**
 * Elementwise int8 ops whose output depends on the input value alone (LOGISTIC, TANH, RELU,
 * RELU6, int8-to-int8 QUANTIZE) are tabulated for all 256 inputs at construction: the exact
 * reference arithmetic, one lookup per value when running.
 */
import { clamp, multiplyByQuantizedMultiplier } from '../../../quant/arith/int32.js';
import type { QuantizedMultiplier, QuantizedRange } from '../../../quant/params.js';

/** f evaluated at every int8 value, indexed by the value's unsigned byte. */
export function int8Table(f: (q: number) => number): Int8Array {
  const table = new Int8Array(256);
  for (let q = -128; q < 128; q++) table[q & 0xff] = f(q);
  return table;
}

/** out[i] = table[x[i]]; safe in place. */
export function lookUp(table: Int8Array, x: Int8Array, out: Int8Array): void {
  for (let i = 0; i < out.length; i++) out[i] = table[x[i] & 0xff];
}

/** TFLite's requantization of one value: (q - inputZp) rescaled, plus outputZp, clamped. */
export function rescaleTable(
  inputZeroPoint: number,
  rescale: QuantizedMultiplier,
  outputZeroPoint: number,
  range: QuantizedRange,
): Int8Array {
  return int8Table((q) => {
    const scaled = multiplyByQuantizedMultiplier(q - inputZeroPoint, rescale.multiplier, rescale.shift);
    return clamp(scaled + outputZeroPoint, range.min, range.max);
  });
}
