// AssemblyScript helper (not an entry): exp, sigmoid and tanh computed operation for operation
// as src/nn/kernels/transcendental.ts computes them (same constants, same order, same tables),
// so every value equals the TypeScript one bit for bit; scalar and two lanes at a time (each
// f64x2 lane does exactly the scalar operations). The modules keep no static data: the two
// power-of-two tables are written into memory by the caller (expTables there).

/** INTEGER_POWERS (2^(i - 1100), 2200 doubles) then FRACTION_POWERS (2^(j/32), 32 doubles). */
let integerPowers: usize = 0;
let fractionPowers: usize = 0;
const INTEGER_POWER_BIAS: i32 = 1100;
const INTEGER_POWER_COUNT: i32 = 2200;

/** Where the caller put the tables. */
export function useExpTables(at: usize): void {
  integerPowers = at;
  fractionPowers = at + ((<usize>INTEGER_POWER_COUNT) << 3);
}

const STEPS_PER_UNIT: f64 = 32 / Math.LN2;
const STEP_HIGH: f64 = 6.9314718036912381649e-1 / 32;
const STEP_LOW: f64 = 1.9082149292705877e-10 / 32;
const LARGEST: f64 = 710;
const SMALLEST: f64 = -745;
const ROUNDING_OFFSET: f64 = 40000;
const TANH_SERIES_LIMIT: f64 = 0.05;

export function exp(x: f64): f64 {
  const clamped = x > LARGEST ? LARGEST : x < SMALLEST ? SMALLEST : x;
  // <i32> truncates saturating (NaN -> 0), as JavaScript's `| 0` does in this range.
  const k = <i32>(clamped * STEPS_PER_UNIT + ROUNDING_OFFSET + 0.5) - <i32>ROUNDING_OFFSET;
  const r = clamped - <f64>k * STEP_HIGH - <f64>k * STEP_LOW;
  const series =
    1 + r * (1 + r * (1.0 / 2 + r * (1.0 / 6 + r * (1.0 / 24 + r * (1.0 / 120 + r * (1.0 / 720))))));
  return (
    load<f64>(integerPowers + ((<usize>((k >> 5) + INTEGER_POWER_BIAS)) << 3)) *
    load<f64>(fractionPowers + ((<usize>(k & 31)) << 3)) *
    series
  );
}

export function sigmoid(x: f64): f64 {
  return 1 / (1 + exp(-x));
}

export function tanh(x: f64): f64 {
  if (x > -TANH_SERIES_LIMIT && x < TANH_SERIES_LIMIT) {
    const x2 = x * x;
    return (
      x *
      (1 +
        x2 * (-1.0 / 3 + x2 * (2.0 / 15 + x2 * (-17.0 / 315 + x2 * (62.0 / 2835 + x2 * (-1382.0 / 155925))))))
    );
  }
  return 1 - 2 / (exp(2 * x) + 1);
}

/** The first two f32 at `at`, promoted to f64 lanes. */
export function loadPair(at: usize): v128 {
  return f64x2.promote_low_f32x4(v128.load64_zero(at));
}

/** Two f64 lanes rounded to f32 and stored at `at`. */
export function storePair(at: usize, values: v128): void {
  v128.store64_lane(at, f32x4.demote_f64x2_zero(values), 0);
}

export function expPair(x: v128): v128 {
  const over = f64x2.gt(x, f64x2.splat(LARGEST));
  const under = f64x2.lt(x, f64x2.splat(SMALLEST));
  const clamped = v128.bitselect(f64x2.splat(LARGEST), v128.bitselect(f64x2.splat(SMALLEST), x, under), over);
  const scaled = f64x2.add(
    f64x2.add(f64x2.mul(clamped, f64x2.splat(STEPS_PER_UNIT)), f64x2.splat(ROUNDING_OFFSET)),
    f64x2.splat(0.5),
  );
  const k = i32x4.sub(i32x4.trunc_sat_f64x2_s_zero(scaled), i32x4.splat(<i32>ROUNDING_OFFSET));
  const kf = f64x2.convert_low_i32x4_s(k);
  const r = f64x2.sub(
    f64x2.sub(clamped, f64x2.mul(kf, f64x2.splat(STEP_HIGH))),
    f64x2.mul(kf, f64x2.splat(STEP_LOW)),
  );
  let series = f64x2.add(f64x2.splat(1.0 / 120), f64x2.mul(r, f64x2.splat(1.0 / 720)));
  series = f64x2.add(f64x2.splat(1.0 / 24), f64x2.mul(r, series));
  series = f64x2.add(f64x2.splat(1.0 / 6), f64x2.mul(r, series));
  series = f64x2.add(f64x2.splat(1.0 / 2), f64x2.mul(r, series));
  series = f64x2.add(f64x2.splat(1), f64x2.mul(r, series));
  series = f64x2.add(f64x2.splat(1), f64x2.mul(r, series));
  const k0 = i32x4.extract_lane(k, 0);
  const k1 = i32x4.extract_lane(k, 1);
  let integer = v128.load64_zero(integerPowers + ((<usize>((k0 >> 5) + INTEGER_POWER_BIAS)) << 3));
  integer = v128.load64_lane(integerPowers + ((<usize>((k1 >> 5) + INTEGER_POWER_BIAS)) << 3), integer, 1);
  let fraction = v128.load64_zero(fractionPowers + ((<usize>(k0 & 31)) << 3));
  fraction = v128.load64_lane(fractionPowers + ((<usize>(k1 & 31)) << 3), fraction, 1);
  return f64x2.mul(f64x2.mul(integer, fraction), series);
}

export function sigmoidPair(x: v128): v128 {
  return f64x2.div(f64x2.splat(1), f64x2.add(f64x2.splat(1), expPair(f64x2.neg(x))));
}

/** Both branches of tanh per lane, the series where |x| < 0.05 as the scalar branch chooses. */
export function tanhPair(x: v128): v128 {
  const near = v128.and(
    f64x2.gt(x, f64x2.splat(-TANH_SERIES_LIMIT)),
    f64x2.lt(x, f64x2.splat(TANH_SERIES_LIMIT)),
  );
  const x2 = f64x2.mul(x, x);
  let series = f64x2.add(f64x2.splat(62.0 / 2835), f64x2.mul(x2, f64x2.splat(-1382.0 / 155925)));
  series = f64x2.add(f64x2.splat(-17.0 / 315), f64x2.mul(x2, series));
  series = f64x2.add(f64x2.splat(2.0 / 15), f64x2.mul(x2, series));
  series = f64x2.add(f64x2.splat(-1.0 / 3), f64x2.mul(x2, series));
  series = f64x2.mul(x, f64x2.add(f64x2.splat(1), f64x2.mul(x2, series)));
  const e = expPair(f64x2.mul(f64x2.splat(2), x));
  const far = f64x2.sub(f64x2.splat(1), f64x2.div(f64x2.splat(2), f64x2.add(e, f64x2.splat(1))));
  return v128.bitselect(series, far, near);
}
