/**
 * TFLite's int16 LOGISTIC and TANH (the paths the integer LSTM runs its gates through): a
 * 256-entry table of sigmoid(i / 24) in unsigned Q0.16, read at |x| with linear interpolation
 * on the bits below the index, mirrored for negative inputs (tanh(x) = 2·sigmoid(2x) - 1).
 * The table values are TFLite's own (sigmoid_table_uint16); they are not exactly a rounded
 * sigmoid, so bit-exact results need these very numbers.
 */
// prettier-ignore
const SIGMOID_TABLE = Uint16Array.of(
  32768, 33451, 34133, 34813, 35493, 36169, 36843, 37513, 38180, 38841, 39498, 40149, 40794, 41432, 42064, 42688,
  43304, 43912, 44511, 45102, 45683, 46255, 46817, 47369, 47911, 48443, 48964, 49475, 49975, 50464, 50942, 51409,
  51865, 52311, 52745, 53169, 53581, 53983, 54374, 54755, 55125, 55485, 55834, 56174, 56503, 56823, 57133, 57433,
  57724, 58007, 58280, 58544, 58800, 59048, 59288, 59519, 59743, 59959, 60168, 60370, 60565, 60753, 60935, 61110,
  61279, 61441, 61599, 61750, 61896, 62036, 62172, 62302, 62428, 62549, 62666, 62778, 62886, 62990, 63090, 63186,
  63279, 63368, 63454, 63536, 63615, 63691, 63765, 63835, 63903, 63968, 64030, 64090, 64148, 64204, 64257, 64308,
  64357, 64405, 64450, 64494, 64536, 64576, 64614, 64652, 64687, 64721, 64754, 64786, 64816, 64845, 64873, 64900,
  64926, 64950, 64974, 64997, 65019, 65039, 65060, 65079, 65097, 65115, 65132, 65149, 65164, 65179, 65194, 65208,
  65221, 65234, 65246, 65258, 65269, 65280, 65291, 65301, 65310, 65319, 65328, 65337, 65345, 65352, 65360, 65367,
  65374, 65381, 65387, 65393, 65399, 65404, 65410, 65415, 65420, 65425, 65429, 65433, 65438, 65442, 65445, 65449,
  65453, 65456, 65459, 65462, 65465, 65468, 65471, 65474, 65476, 65479, 65481, 65483, 65485, 65488, 65489, 65491,
  65493, 65495, 65497, 65498, 65500, 65501, 65503, 65504, 65505, 65507, 65508, 65509, 65510, 65511, 65512, 65513,
  65514, 65515, 65516, 65517, 65517, 65518, 65519, 65520, 65520, 65521, 65522, 65522, 65523, 65523, 65524, 65524,
  65525, 65525, 65526, 65526, 65526, 65527, 65527, 65528, 65528, 65528, 65529, 65529, 65529, 65529, 65530, 65530,
  65530, 65530, 65531, 65531, 65531, 65531, 65531, 65532, 65532, 65532, 65532, 65532, 65532, 65533, 65533, 65533,
  65533, 65533, 65533, 65533, 65533, 65534, 65534, 65534, 65534, 65534, 65534, 65534, 65534, 65534, 65534, 65535,
);

/** From this table index on, tanh saturates. */
const LAST_INDEX = 255;

/** TFLite lstm_internal's gate input scaling: Q3.12 times 3, so 2^12·3 per unit steps 1/24 at 2^9. */
const GATE_INPUT_MULTIPLIER = 3;

/**
 * Logistic of a Q3.12 int16 gate pre-activation, as TFLite's int16 LOGISTIC with the
 * power-of-two input scale 2^-12 the integer LSTM uses; Q0.15 result in [0, 32767].
 */
export function logisticInt16(x: number): number {
  const scaled = x * GATE_INPUT_MULTIPLIER;
  const magnitude = Math.abs(scaled);
  // |3x| < 2^17 keeps the index at most 192: the table's saturated end is never reached here.
  const index = magnitude >>> 9;
  const base = SIGMOID_TABLE[index];
  let result = base * 512 + (magnitude & 0x1ff) * (SIGMOID_TABLE[index + 1] - base);
  // Mirror for negative inputs (sigmoid(-x) = 1 - sigmoid(x)) and round from Q0.25 to Q0.15.
  result = scaled >= 0 ? result + 512 : (1 << 25) - result + 511;
  return result >>> 10;
}

/** How TFLite's int16 TANH rescales its input: (x·multiplier + round) >> shift. */
export interface TanhInt16Scaling {
  multiplier: number;
  shift: number;
}

/**
 * The scaling TFLite's integer LSTM gives tanh for an input scale of 2^scalePower (Q3.12 gates:
 * -12; the cell state: its own power-of-two scale): the table wants the input at 2^-12 / 3.
 */
export function tanhInt16Scaling(scalePower: number): TanhInt16Scaling {
  const leftShift = 15 + scalePower - 3;
  return leftShift < 0
    ? { multiplier: GATE_INPUT_MULTIPLIER, shift: -leftShift }
    : { multiplier: GATE_INPUT_MULTIPLIER << leftShift, shift: 0 };
}

/** tanh of an int16 value as TFLite's int16 TANH computes it; Q0.15 result. */
export function tanhInt16(x: number, scaling: TanhInt16Scaling): number {
  const rounding = scaling.shift > 0 ? 1 << (scaling.shift - 1) : 0;
  const scaled = (x * scaling.multiplier + rounding) >> scaling.shift;
  const magnitude = Math.abs(scaled);
  const index = magnitude >>> 8;
  let result: number;
  if (index >= LAST_INDEX) {
    result = 0xffff << 8;
  } else {
    const base = SIGMOID_TABLE[index];
    result = base * 256 + (magnitude & 0xff) * (SIGMOID_TABLE[index + 1] - base);
  }
  // 2·sigmoid - 1 in Q0.24 (the table read at half the step), mirrored for negative inputs.
  result = scaled >= 0 ? result - (1 << 23) + (1 << 7) : -result + (1 << 23) + (1 << 7) - 1;
  return result >> 8;
}
