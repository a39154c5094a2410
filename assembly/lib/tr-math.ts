// AssemblyScript helper (not an entry): exp, sigmoid and tanh computed operation for operation
// as src/nn/kernels/transcendental.ts computes them (same constants, same order, same tables),
// so every value equals the TypeScript one bit for bit. The modules keep no static data: the
// two power-of-two tables are written into memory by the caller (see expTablesLayout there).

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
