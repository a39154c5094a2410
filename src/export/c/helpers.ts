/**
 * The C support code a generated library may need, one piece per helper: the int32
 * fixed-point primitives of src/quant/arith (TFLite's reference arithmetic) written once in
 * C, the int16 gate activations of the integer LSTM, the int8 dot product (with the optional
 * packed 16-bit DSP path) and the float conversions. A library includes only the helpers its
 * kernels call (and what those call), so nothing is unused under -Wall -Wextra -Werror.
 */
import { tanhInt16 } from '../../quant/arith/int16-activations.js';
import { constArray } from './c-syntax.js';
import { DOT4_S8, DOT_S8, DSP_PRIMITIVES } from './dot-products.js';

export type HelperName =
  | 'clamp'
  | 'wrap'
  | 'srdhm'
  | 'rdbpot'
  | 'mbqm'
  | 'satMulPot'
  | 'reciprocal'
  | 'softmaxS8'
  | 'dotS8'
  | 'sigmoidTable'
  | 'logistic16'
  | 'tanh16'
  | 'gate16'
  | 'dot4S8'
  | 'dspPrimitives'
  | 'lookup'
  | 'quantizeS8'
  | 'sigmoidF'
  | 'tanhF'
  | 'affineF'
  | 'halfToFloat';

interface Helper {
  needs: HelperName[];
  code: () => string;
}

const HELPERS: Record<HelperName, Helper> = {
  clamp: {
    needs: [],
    code: () => `EF_INLINE int32_t ef_clamp(int32_t x, int32_t low, int32_t high) {
  return x < low ? low : (x > high ? high : x);
}`,
  },
  wrap: {
    needs: [],
    code: () => `/* Two's-complement int32 addition and subtraction (gemmlowp's plain arithmetic wraps). */
static int32_t ef_add_wrap(int32_t a, int32_t b) {
  return (int32_t)((uint32_t)a + (uint32_t)b);
}

static int32_t ef_sub_wrap(int32_t a, int32_t b) {
  return (int32_t)((uint32_t)a - (uint32_t)b);
}`,
  },
  srdhm: {
    needs: [],
    code: () => `/* gemmlowp SaturatingRoundingDoublingHighMul. Its rounding (add 2^30 to a non-negative
   product or 1 - 2^30 to a negative one, divide truncating) equals floor((a·b + 2^30) / 2^31),
   one add and an arithmetic shift of the 64-bit product (as CMSIS-NN computes it). */
EF_INLINE int32_t ef_srdhm(int32_t a, int32_t b) {
  if (a == INT32_MIN && b == INT32_MIN) return INT32_MAX;
  return (int32_t)(((int64_t)a * (int64_t)b + ((int64_t)1 << 30)) >> 31);
}`,
  },
  rdbpot: {
    needs: [],
    code: () => `/* gemmlowp RoundingDivideByPOT: x / 2^exponent, ties away from zero (0 <= exponent <= 31). */
EF_INLINE int32_t ef_rdbpot(int32_t x, int exponent) {
  int32_t mask = (int32_t)((((int64_t)1) << exponent) - 1);
  int32_t remainder = x & mask;
  int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
  return (x >> exponent) + (remainder > threshold ? 1 : 0);
}`,
  },
  mbqm: {
    needs: ['srdhm', 'rdbpot'],
    code: () => `/* TFLite MultiplyByQuantizedMultiplier: x * multiplier * 2^(shift - 31), double rounding. */
EF_INLINE int32_t ef_mbqm(int32_t x, int32_t multiplier, int shift) {
  if (shift > 0) return ef_srdhm((int32_t)((uint32_t)x << shift), multiplier);
  return ef_rdbpot(ef_srdhm(x, multiplier), -shift);
}`,
  },
  satMulPot: {
    needs: [],
    code: () => `/* gemmlowp SaturatingRoundingMultiplyByPOT for a positive exponent. */
static int32_t ef_sat_mul_pot(int32_t x, int exponent) {
  int32_t threshold = (int32_t)((1u << (31 - exponent)) - 1u);
  if (x > threshold) return INT32_MAX;
  if (x < -threshold) return INT32_MIN;
  return (int32_t)((uint32_t)x << exponent);
}`,
  },
  reciprocal: {
    needs: ['srdhm', 'wrap', 'satMulPot'],
    code: () => `/* gemmlowp one_over_one_plus_x_for_x_in_0_1: three Newton-Raphson steps in Q2.29, Q0.31 result. */
static int32_t ef_one_over_one_plus(int32_t a) {
  int64_t sum = (int64_t)a + INT32_MAX;
  int32_t half_denominator = (int32_t)((sum + (sum >= 0 ? 1 : -1)) / 2);
  int32_t x = ef_add_wrap(1515870810, ef_srdhm(half_denominator, -1010580540));
  int i;
  for (i = 0; i < 3; i++) {
    int32_t one_minus = ef_sub_wrap((int32_t)1 << 29, ef_srdhm(half_denominator, x));
    x = ef_add_wrap(x, ef_sat_mul_pot(ef_srdhm(x, one_minus), 2));
  }
  return ef_sat_mul_pot(x, 1);
}

static int ef_leading_zeros(uint32_t x) {
  int n = 0;
  if (x == 0) return 32;
  while ((x & 0x80000000u) == 0) {
    x <<= 1;
    n++;
  }
  return n;
}`,
  },
  softmaxS8: {
    needs: ['reciprocal', 'rdbpot', 'clamp'],
    code: () => `/* int8 SOFTMAX of one row (output scale 1/256, zero point -128): Q0.31 exponentials by distance
   from the row maximum from exp_table, summed in Q12.19, times the sum's reciprocal. */
static void ef_softmax_s8(const int32_t *exp_table, const int8_t *x, int8_t *out, int32_t depth) {
  int32_t max = -128;
  int32_t sum = 0;
  int32_t reciprocal;
  int headroom;
  int32_t i;
  for (i = 0; i < depth; i++) if (x[i] > max) max = x[i];
  for (i = 0; i < depth; i++) sum = ef_add_wrap(sum, ef_rdbpot(exp_table[max - x[i]], 12));
  headroom = ef_leading_zeros((uint32_t)sum);
  reciprocal = ef_one_over_one_plus((int32_t)(((uint32_t)sum << headroom) - 0x80000000u));
  for (i = 0; i < depth; i++) {
    int32_t scaled = ef_rdbpot(ef_srdhm(reciprocal, exp_table[max - x[i]]), 12 - headroom + 31 - 8);
    out[i] = (int8_t)ef_clamp(scaled - 128, -128, 127);
  }
}`,
  },
  dspPrimitives: {
    needs: [],
    code: () => DSP_PRIMITIVES,
  },
  dotS8: {
    needs: ['dspPrimitives'],
    code: () => DOT_S8,
  },
  sigmoidTable: {
    needs: [],
    code: () =>
      constArray(
        'ef_sigmoid_table',
        'int32',
        sigmoidTable(),
        "TFLite's sigmoid_table_uint16: sigmoid(i / 24) in unsigned Q0.16",
        'uint16_t',
      ),
  },
  logistic16: {
    needs: ['sigmoidTable'],
    code: () => `/* TFLite int16 LOGISTIC of a Q3.12 gate pre-activation; Q0.15 result. */
EF_INLINE int32_t ef_logistic16(int32_t x) {
  int32_t scaled = x * 3;
  int32_t magnitude = scaled < 0 ? -scaled : scaled;
  int32_t index = magnitude >> 9;
  int32_t base = (int32_t)ef_sigmoid_table[index];
  int32_t result = base * 512 + (magnitude & 0x1ff) * ((int32_t)ef_sigmoid_table[index + 1] - base);
  result = scaled >= 0 ? result + 512 : (1 << 25) - result + 511;
  return result >> 10;
}`,
  },
  tanh16: {
    needs: ['sigmoidTable'],
    code: () => `/* TFLite int16 TANH with the integer LSTM's input scaling; Q0.15 result. */
EF_INLINE int32_t ef_tanh16(int32_t x, int32_t multiplier, int shift) {
  int32_t rounding = shift > 0 ? (1 << (shift - 1)) : 0;
  int32_t scaled = (x * multiplier + rounding) >> shift;
  int32_t magnitude = scaled < 0 ? -scaled : scaled;
  int32_t index = magnitude >> 8;
  int32_t result;
  if (index >= 255) {
    result = 0xffff << 8;
  } else {
    int32_t base = (int32_t)ef_sigmoid_table[index];
    result = base * 256 + (magnitude & 0xff) * ((int32_t)ef_sigmoid_table[index + 1] - base);
  }
  result = scaled >= 0 ? result - (1 << 23) + (1 << 7) : -result + (1 << 23) + (1 << 7) - 1;
  return result >> 8;
}`,
  },
  gate16: {
    needs: ['mbqm', 'clamp'],
    code: () => `/* One integer-LSTM gate's Q3.12 pre-activation from its input and recurrent products, each
   rescaled and saturated to int16 as TFLite stores them, then summed and saturated. */
EF_INLINE int32_t ef_gate16(int32_t from_input, int32_t input_multiplier, int input_shift,
                            int32_t from_recurrent, int32_t recurrent_multiplier, int recurrent_shift) {
  int32_t sum = ef_clamp(ef_mbqm(from_input, input_multiplier, input_shift), -32768, 32767) +
                ef_clamp(ef_mbqm(from_recurrent, recurrent_multiplier, recurrent_shift), -32768, 32767);
  return ef_clamp(sum, -32768, 32767);
}`,
  },
  dot4S8: {
    needs: ['dspPrimitives'],
    code: () => DOT4_S8,
  },
  lookup: {
    needs: [],
    code: () => `/* out[i] = table[x[i]] by the value's unsigned byte; safe in place. */
static void ef_lookup_s8(const int8_t *table, const int8_t *x, int8_t *out, int32_t n) {
  int32_t i;
  for (i = 0; i < n; i++) out[i] = table[(uint8_t)x[i]];
}`,
  },
  quantizeS8: {
    needs: [],
    code: () => `/* TFLite QUANTIZE to int8: divide by the float32 scale, round half away from zero, saturate. */
static int8_t ef_quantize_s8(float x, float scale, int32_t zero_point) {
  double scaled = (double)(x / scale);
  double rounded;
  if (scaled != scaled) return 0;
  if (scaled > 1000.0) scaled = 1000.0;
  if (scaled < -1000.0) scaled = -1000.0;
  rounded = scaled < 0 ? -(double)(int32_t)(-scaled + 0.5) : (double)(int32_t)(scaled + 0.5);
  rounded += zero_point;
  return (int8_t)(rounded < -128 ? -128 : (rounded > 127 ? 127 : rounded));
}`,
  },
  sigmoidF: {
    needs: [],
    code: () => `static float ef_sigmoid(float x) {
  return (float)((ef_acc_t)1 / ((ef_acc_t)1 + EF_EXP(-(ef_acc_t)x)));
}`,
  },
  tanhF: {
    needs: [],
    code: () => `/* tanh as the runtime computes it: 2 / (1 + e^-2x) - 1. */
static float ef_tanh(float x) {
  return (float)((ef_acc_t)2 / ((ef_acc_t)1 + EF_EXP((ef_acc_t)-2 * (ef_acc_t)x)) - (ef_acc_t)1);
}`,
  },
  halfToFloat: {
    needs: [],
    code: () => `/* IEEE half bits to the float32 of the same value (exact; subnormals normalised). */
static float ef_half_to_float(uint16_t half) {
  union {
    uint32_t bits;
    float value;
  } result;
  uint32_t sign = (uint32_t)(half & 0x8000u) << 16;
  uint32_t exponent = (uint32_t)(half >> 10) & 0x1fu;
  uint32_t mantissa = (uint32_t)half & 0x3ffu;
  if (exponent == 0x1fu) {
    result.bits = sign | 0x7f800000u | (mantissa << 13);
  } else if (exponent != 0) {
    result.bits = sign | ((exponent + 112u) << 23) | (mantissa << 13);
  } else if (mantissa == 0) {
    result.bits = sign;
  } else {
    exponent = 113u;
    while ((mantissa & 0x400u) == 0) {
      mantissa <<= 1;
      exponent--;
    }
    result.bits = sign | (exponent << 23) | ((mantissa & 0x3ffu) << 13);
  }
  return result.value;
}`,
  },
  affineF: {
    needs: [],
    code: () => `/* start + w·x summed in ef_acc_t and rounded once, as the float runtime's matrix-vector product. */
static float ef_affine(const float *w, const float *x, int32_t n, float start) {
  ef_acc_t s = 0;
  int32_t k;
  for (k = 0; k < n; k++) s += (ef_acc_t)w[k] * (ef_acc_t)x[k];
  return (float)((ef_acc_t)start + s);
}`,
  },
};

/**
 * TFLite's sigmoid table, which the arithmetic module keeps private, recovered exactly from its
 * int16 tanh at unit scaling: there tanhInt16(256·i) = T[i] - 2^15, and the last entry shows in
 * the interpolation from the one before it.
 */
function sigmoidTable(): number[] {
  const unit = { multiplier: 1, shift: 0 };
  const table = Array.from({ length: 255 }, (_, i) => tanhInt16(256 * i, unit) + 32768);
  const slopeFromLast = tanhInt16(256 * 254 + 255, unit) + 32768 - table[254];
  table.push(table[254] + slopeFromLast);
  return table;
}

/** The helpers' C code for the named ones and everything they call, in dependency order. */
export function helperCode(used: ReadonlySet<HelperName>): string {
  const needed = new Set<HelperName>();
  const visit = (name: HelperName) => {
    if (needed.has(name)) return;
    needed.add(name);
    HELPERS[name].needs.forEach(visit);
  };
  used.forEach(visit);
  const order = Object.keys(HELPERS) as HelperName[];
  const ordered = orderByNeeds(order.filter((name) => needed.has(name)));
  return ordered.map((name) => HELPERS[name].code()).join('\n\n');
}

/** Every helper after the helpers it calls. */
function orderByNeeds(names: HelperName[]): HelperName[] {
  const placed: HelperName[] = [];
  const place = (name: HelperName) => {
    if (placed.includes(name)) return;
    HELPERS[name].needs.forEach(place);
    placed.push(name);
  };
  names.forEach(place);
  return placed;
}

/** Whether the library calls libm (float kernels with exp). */
export function needsLibm(used: ReadonlySet<HelperName>): boolean {
  return used.has('sigmoidF') || used.has('tanhF');
}
