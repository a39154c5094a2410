/** Quantized parameter derivations against values worked out by hand (and one by numpy float32). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EdgeforgeError } from '../../src/errors.js';
import {
  activationRange,
  addSubInt8Params,
  frexp,
  fullyConnectedMultiplier,
  INT8_RANGE,
  inputRadius,
  lstmInt8Params,
  meanMultiplier,
  mulMultiplier,
  perChannelMultipliers,
  quantizeMultiplier,
  quantizeMultiplierSmallerThanOne,
  relu6Int8Range,
  sigmoidInt8Params,
  softmaxInt8Params,
} from '../../src/quant/params.js';

test('frexp splits exactly, subnormals included', () => {
  assert.deepEqual(frexp(1), { fraction: 0.5, exponent: 1 });
  assert.deepEqual(frexp(0.1), { fraction: 0.8, exponent: -3 });
  assert.deepEqual(frexp(-6), { fraction: -0.75, exponent: 3 });
  assert.deepEqual(frexp(5e-324), { fraction: 0.5, exponent: -1073 });
  assert.deepEqual(frexp(0), { fraction: 0, exponent: 0 });
});

test('quantizeMultiplier: hand-checked values, the round-up to 2^31 and the flush below 2^-31', () => {
  assert.deepEqual(quantizeMultiplier(0), { multiplier: 0, shift: 0 });
  // 1 = 0.5·2^1: 0.5 in Q0.31 is 2^30.
  assert.deepEqual(quantizeMultiplier(1), { multiplier: 2 ** 30, shift: 1 });
  assert.deepEqual(quantizeMultiplier(0.5), { multiplier: 2 ** 30, shift: 0 });
  // 0.75·2^31 = 1610612736.
  assert.deepEqual(quantizeMultiplier(0.75), { multiplier: 1610612736, shift: 0 });
  // 0.1 = 0.8·2^-3; 0.8·2^31 = 1717986918.4 -> 1717986918.
  assert.deepEqual(quantizeMultiplier(0.1), { multiplier: 1717986918, shift: -3 });
  assert.deepEqual(quantizeMultiplier(-0.75), { multiplier: -1610612736, shift: 0 });
  // 1 - 2^-40: the fraction rounds to 2^31, which becomes 2^30 with one more bit of shift.
  assert.deepEqual(quantizeMultiplier(1 - 2 ** -40), { multiplier: 2 ** 30, shift: 1 });
  // 2^-32 = 0.5·2^-31 is kept; 2^-33 needs shift -32 and flushes to zero.
  assert.deepEqual(quantizeMultiplier(2 ** -32), { multiplier: 2 ** 30, shift: -31 });
  assert.deepEqual(quantizeMultiplier(2 ** -33), { multiplier: 0, shift: 0 });
  assert.throws(() => quantizeMultiplierSmallerThanOne(1, 'ratio'), EdgeforgeError);
});

test('FULLY_CONNECTED multiplies per-tensor scales in float32, convolutions in double', () => {
  // Float32 scales chosen (numpy float32 search) where the two orders round differently:
  // float32(a·b)/c -> 1077743031·2^-38, a·b/c in double -> 1077742982·2^-38.
  const a = 0.014302060008049011;
  const b = 0.04252425208687782;
  const c = 0.1551171839237213;
  assert.deepEqual(fullyConnectedMultiplier(a, b, c), { multiplier: 1077743031, shift: -7 });
  const perChannel = perChannelMultipliers(a, [b], c, 2);
  assert.deepEqual(Array.from(perChannel.multipliers), [1077742982, 1077742982]);
  assert.deepEqual(Array.from(perChannel.shifts), [-7, -7]);
  // Per channel: 0.5·0.25/1 = 0.125 = 0.5·2^-2, 0.5·0.75/1 = 0.375 = 0.75·2^-1.
  const two = perChannelMultipliers(0.5, [0.25, 0.75], 1, 2);
  assert.deepEqual(Array.from(two.multipliers), [2 ** 30, 1610612736]);
  assert.deepEqual(Array.from(two.shifts), [-2, -1]);
});

test('activation ranges quantize 0, 6, -1 and 1 with the output scale and zero point', () => {
  // scale 0.5, zero point -10: 0 -> -10, 6 -> -10 + 12 = 2, -1 -> -12, 1 -> -8.
  assert.deepEqual(activationRange('NONE', 0.5, -10, INT8_RANGE), { min: -128, max: 127 });
  assert.deepEqual(activationRange('RELU', 0.5, -10, INT8_RANGE), { min: -10, max: 127 });
  assert.deepEqual(activationRange('RELU6', 0.5, -10, INT8_RANGE), { min: -10, max: 2 });
  assert.deepEqual(activationRange('RELU_N1_TO_1', 0.5, -10, INT8_RANGE), { min: -12, max: -8 });
  // 6 / 0.01 = 600 lies beyond int8: the range keeps 127.
  assert.deepEqual(activationRange('RELU6', 0.01, -128, INT8_RANGE), { min: -128, max: 127 });
  assert.throws(() => activationRange('TANH', 0.5, 0, INT8_RANGE), EdgeforgeError);
  // RELU6 on int8 clamps to the input's quantized 0 and 6: 6 / 0.1 = 60 -> -128 + 60.
  assert.deepEqual(relu6Int8Range(0.1, -128), { min: -128, max: -68 });
});

test('softmax, logistic/tanh and radius parameters', () => {
  // beta 1 · scale 1/16 · 2^26 = 2^22 = 0.5·2^23; radius 31·2^26 / 2^23 = 248.
  assert.deepEqual(softmaxInt8Params(1, 1 / 16), { multiplier: 2 ** 30, leftShift: 23, diffMin: -248 });
  // scale 1/16 · 2^27 = 2^23 = 0.5·2^24; radius 15·2^27 / 2^24 = 120.
  assert.deepEqual(sigmoidInt8Params(1 / 16, 3), {
    inputZeroPoint: 3,
    multiplier: 2 ** 30,
    leftShift: 24,
    radius: 120,
  });
  assert.equal(inputRadius(4, 20), 1920);
});

test('ADD, SUB, MUL and MEAN multipliers', () => {
  // Scales 0.5 and 0.25, output 1: twice the max is 1, so 0.5 -> 2^30·2^0, 0.25 -> 2^30·2^-1,
  // output 1 / (2^20 · 1) = 0.5·2^-19.
  const expected = {
    leftShift: 20,
    input1: { multiplier: 2 ** 30, shift: 0 },
    input2: { multiplier: 2 ** 30, shift: -1 },
    output: { multiplier: 2 ** 30, shift: -19 },
  };
  assert.deepEqual(addSubInt8Params('ADD', 0.5, 0.25, 1), expected);
  assert.deepEqual(addSubInt8Params('SUB', 0.5, 0.25, 1), expected);
  // 0.5 · 0.25 / 0.5 = 0.25 = 0.5·2^-1.
  assert.deepEqual(mulMultiplier(0.5, 0.25, 0.5), { multiplier: 2 ** 30, shift: -1 });
  // Same scales: 1 = 2^30·2^1; count 3 widens by ⌊log2 3⌋ = 1: ⌊2^31 / 3⌋ = 715827882, shift 0.
  assert.deepEqual(meanMultiplier(0.1, 0.1, 3), { multiplier: 715827882, shift: 0 });
  // count 8: widen by 3 but at most 31 + shift = 32: 2^33 / 8 = 2^30, shift 1 - 3 = -2.
  assert.deepEqual(meanMultiplier(0.1, 0.1, 8), { multiplier: 2 ** 30, shift: -2 });
});

test('integer LSTM parameters: gate multipliers to Q3.12, products, cell clip and tanh scaling', () => {
  const params = lstmInt8Params({
    input: { scale: 2 ** -7, zeroPoint: -3 },
    hidden: { scale: 2 ** -7, zeroPoint: 5 },
    cellScale: 2 ** -11,
    inputWeightScales: [2 ** -6, 2 ** -6, 2 ** -6, 2 ** -6],
    recurrentWeightScales: [2 ** -5, 2 ** -5, 2 ** -5, 2 ** -5],
    cellClip: 10,
  });
  // 2^-7·2^-6 / 2^-12 = 2^-1 = 0.5·2^0; 2^-7·2^-5 / 2^-12 = 1 = 0.5·2^1.
  assert.deepEqual(params.inputToGate[0], { multiplier: 2 ** 30, shift: 0 });
  assert.deepEqual(params.recurrentToGate[3], { multiplier: 2 ** 30, shift: 1 });
  // forget·cell: 2^-15·2^-11/2^-11 = 2^-15 = 0.5·2^-14; input·cellgate: 2^-30/2^-11 = 2^-19;
  // output·tanh(cell): 2^-30/2^-7 = 2^-23.
  assert.deepEqual(params.forgetTimesCell, { multiplier: 2 ** 30, shift: -14 });
  assert.deepEqual(params.inputTimesCellGate, { multiplier: 2 ** 30, shift: -18 });
  assert.deepEqual(params.outputTimesTanhCell, { multiplier: 2 ** 30, shift: -22 });
  // 10 / 2^-11 = 20480 cell units; tanh of a 2^-11 scale: multiplier 3·2.
  assert.equal(params.cellClip, 20480);
  assert.deepEqual(params.cellTanh, { multiplier: 6, shift: 0 });
  assert.equal(params.inputZeroPoint, -3);
  assert.equal(params.hiddenZeroPoint, 5);
  assert.throws(
    () =>
      lstmInt8Params({
        ...{ input: { scale: 1, zeroPoint: 0 }, hidden: { scale: 1, zeroPoint: 0 } },
        cellScale: 0.001,
        inputWeightScales: [],
        recurrentWeightScales: [],
        cellClip: 0,
      }),
    /not a power of two/,
  );
});
