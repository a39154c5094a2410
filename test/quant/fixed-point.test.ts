/**
 * gemmlowp's fixed-point exp / logistic / tanh / reciprocal and TFLite's int16 table
 * activations: they compute the functions they name (against Math within their precision)
 * and take the exact values worked out by hand at chosen points.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  expOnNegativeValues,
  logistic,
  oneOverOnePlusX,
  reciprocalBitsOverUnit,
  reciprocalScale,
  tanh,
} from '../../src/quant/arith/fixed-point.js';
import { logisticInt16, tanhInt16, tanhInt16Scaling } from '../../src/quant/arith/int16-activations.js';
import { INT32_MAX } from '../../src/quant/arith/int32.js';
import { Random } from '../../src/util/random.js';

const Q31 = 2 ** 31;

test('expOnNegativeValues: exp(0) is INT32_MAX, exp(-1) and random negatives within 2^-21 (its 4th-order polynomial)', () => {
  assert.equal(expOnNegativeValues(0, 5), INT32_MAX);
  // -1.0 in Q5.26 is -2^26; its result is the barrel shifter's exp(-1/4)·exp(-1/2)·exp(-1/4)-step product.
  assert.ok(Math.abs(expOnNegativeValues(-(2 ** 26), 5) / Q31 - Math.exp(-1)) < 2 ** -21);
  const random = new Random(11);
  for (let i = 0; i < 2000; i++) {
    const integerBits = 1 + random.int(6);
    const a = -random.int(2 ** 31);
    const real = a / 2 ** (31 - integerBits);
    assert.ok(
      Math.abs(expOnNegativeValues(a, integerBits) / Q31 - Math.exp(real)) < 2 ** -21,
      `exp(${real})`,
    );
  }
  // Below -32 (with more than 5 integer bits) the result is exactly 0.
  assert.equal(expOnNegativeValues(-33 * 2 ** 24, 7), 0);
});

test('logistic and tanh of Q4.27 inputs within 2^-21; logistic(0) = 1/2, tanh(0) = 0', () => {
  assert.equal(logistic(0, 4), 2 ** 30);
  assert.equal(tanh(0, 4), 0);
  const random = new Random(12);
  for (let i = 0; i < 2000; i++) {
    const a = random.int(2 ** 32) - 2 ** 31;
    const real = a / 2 ** 27;
    assert.ok(Math.abs(logistic(a, 4) / Q31 - 1 / (1 + Math.exp(-real))) < 2 ** -21, `logistic(${real})`);
    assert.ok(Math.abs(tanh(a, 4) / Q31 - Math.tanh(real)) < 2 ** -21, `tanh(${real})`);
  }
  // Odd / complementary symmetry holds exactly.
  assert.equal(tanh(-(2 ** 27), 4), -tanh(2 ** 27, 4));
  assert.equal(logistic(-(2 ** 27), 4), INT32_MAX - logistic(2 ** 27, 4));
});

test('oneOverOnePlusX and the reciprocal (scale and bits over unit)', () => {
  for (const x of [0.001, 0.25, 0.5, 0.75, 0.999]) {
    assert.ok(Math.abs(oneOverOnePlusX(Math.round(x * Q31)) / Q31 - 1 / (1 + x)) < 2 ** -28, `1/(1+${x})`);
  }
  // 3.0 with 12 integer bits (raw 3·2^19): normalized to 1.5 -> scale 1/1.5, one bit over unit: 1/3 = (2/3) / 2.
  assert.equal(reciprocalBitsOverUnit(3 * 2 ** 19, 12), 1);
  assert.ok(Math.abs(reciprocalScale(3 * 2 ** 19) / Q31 - 2 / 3) < 2 ** -29);
});

test('TFLite int16 logistic and tanh (table with interpolation) at hand-worked points', () => {
  // logistic(0): 3·0 -> index 0, table[0] = 32768: (32768·512 + 512) >>> 10 = 16384 (0.5 in Q0.15).
  assert.equal(logisticInt16(0), 16384);
  // logistic(1.0): 4096 in Q3.12, ·3 = 12288 -> index 24 exactly, table[24] = 47911:
  // (47911·512 + 512) >>> 10 = 23956 (sigmoid(1)·32768 = 23955.3).
  assert.equal(logisticInt16(4096), 23956);
  // logistic(-1.0): (2^25 - 47911·512 + 511) >>> 10 = 9024511 >>> 10 = 8812.
  assert.equal(logisticInt16(-4096), 8812);
  const gate = tanhInt16Scaling(-12);
  assert.deepEqual(gate, { multiplier: 3, shift: 0 });
  // tanh(1.0): 12288 -> index 48, table[48] = 57724: (57724·256 - 2^23 + 128) >> 8 = 24956 (tanh(1)·32768 = 24955.9).
  assert.equal(tanhInt16(4096, gate), 24956);
  // tanh(-1.0): (-57724·256 + 2^23 + 127) >> 8 = -6388609 >> 8 = -24956.
  assert.equal(tanhInt16(-4096, gate), -24956);
  assert.equal(tanhInt16(0, gate), 0);
  // Saturated: index >= 255 gives (0xffff·256 - 2^23 + 128) >> 8 = 32767.
  assert.equal(tanhInt16(32767, gate), 32767);
  // The cell state's scaling: 2^-11 doubles the multiplier, 2^-15 keeps 3 and shifts right by 3.
  assert.deepEqual(tanhInt16Scaling(-11), { multiplier: 6, shift: 0 });
  assert.deepEqual(tanhInt16Scaling(-15), { multiplier: 3, shift: 3 });
  // Over the whole int16 range both stay within 2^-8 of the true functions.
  for (let x = -32768; x < 32768; x += 7) {
    assert.ok(Math.abs(logisticInt16(x) / 32768 - 1 / (1 + Math.exp(-x / 4096))) < 2 ** -8);
    assert.ok(Math.abs(tanhInt16(x, gate) / 32768 - Math.tanh(x / 4096)) < 2 ** -8);
  }
});
