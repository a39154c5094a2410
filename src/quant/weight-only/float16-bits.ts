/**
 * IEEE 754 binary16 ("half") bit patterns to and from numbers: 1 sign bit, 5 exponent bits
 * (bias 15), 10 mantissa bits; exponent 0 holds subnormals (mantissa x 2^-24), 31 infinity
 * and NaN. Encoding rounds to nearest, ties to even, as the TFLite converter's float16
 * quantization (and every IEEE conversion) does.
 */

const SMALLEST_NORMAL = 2 ** -14;
const SUBNORMAL_UNIT = 2 ** -24;
/** Half-way between the largest half (65504) and the next step (65536): rounds to infinity. */
const OVERFLOW = 65520;
const INFINITY_BITS = 0x7c00;
const NAN_BITS = 0x7e00;

function roundHalfToEven(value: number): number {
  const rounded = Math.round(value);
  return rounded - value === 0.5 && rounded % 2 !== 0 ? rounded - 1 : rounded;
}

export function floatToHalfBits(value: number): number {
  if (Number.isNaN(value)) return NAN_BITS;
  const sign = value < 0 || Object.is(value, -0) ? 0x8000 : 0;
  const magnitude = Math.abs(value);
  if (magnitude >= OVERFLOW) return sign | INFINITY_BITS;
  // A subnormal that rounds up to 1024 units is exactly the smallest normal's bit pattern.
  if (magnitude < SMALLEST_NORMAL) return sign | roundHalfToEven(magnitude / SUBNORMAL_UNIT);
  let exponent = Math.floor(Math.log2(magnitude));
  if (2 ** exponent > magnitude) exponent--;
  else if (2 ** (exponent + 1) <= magnitude) exponent++;
  // 1024..2048 units of 2^(exponent - 10); 2048 carries into the exponent field, as it should.
  const units = roundHalfToEven(magnitude / 2 ** (exponent - 10));
  return sign | (((exponent + 15) << 10) + units - 1024);
}

export function halfBitsToFloat(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const mantissa = bits & 0x3ff;
  if (exponent === 0) return sign * mantissa * SUBNORMAL_UNIT;
  if (exponent === 0x1f) return mantissa === 0 ? sign * Infinity : NaN;
  return sign * (1024 + mantissa) * 2 ** (exponent - 25);
}
