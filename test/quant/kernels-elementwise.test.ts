/**
 * int8 ADD, SUB, MUL, LOGISTIC, TANH, RELU, RELU6, QUANTIZE (int8 -> int8) and SOFTMAX against
 * values computed by hand with TFLite's reference arithmetic. For the transcendental ops the
 * expected values are the true function rounded to the output's step, each at least 0.02 steps
 * away from a rounding boundary (the fixed-point error is below 0.001 step).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { OpDef, Quantization } from '../../src/graph/types.js';
import { q, QuantGraph, runOne } from './int8-graph.js';

function unary(
  type: 'LOGISTIC' | 'TANH' | 'RELU' | 'RELU6' | 'QUANTIZE',
  inQuant: Quantization,
  outQuant: Quantization,
  x: number[],
): number[] {
  const g = new QuantGraph();
  const input = g.input([1, x.length], inQuant);
  const out = g.tensor([1, x.length], outQuant);
  g.op({ type, inputs: [input], outputs: [out], options: {} } as OpDef);
  return runOne(g.output(out).build(), [x]);
}

function binary(type: 'ADD' | 'SUB' | 'MUL', outQuant: Quantization, a: number[], b: number[]): number[] {
  const g = new QuantGraph();
  // input 1: scale 0.5 zero point -2; input 2: scale 0.25 zero point 3 (a single value broadcasts).
  const first = g.input([1, a.length], q(0.5, -2));
  const second = g.input([1, b.length], q(0.25, 3));
  const out = g.tensor([1, a.length], outQuant);
  g.op({ type, inputs: [first, second], outputs: [out], options: { fusedActivation: 'NONE' } });
  return runOne(g.output(out).build(), [a, b]);
}

// a = [5, -2, 0, -5] is 0.5·([5, -2, 0, -5] + 2) = [3.5, 0, 1, -1.5]; b = [9, 4, 5, 3] is [1.5, 0.25, 0.5, 0].
const A = [5, -2, 0, -5];
const B = [9, 4, 5, 3];

test('ADD: inputs shifted left 20 bits, rescaled to a common scale, summed, rescaled to the output', () => {
  // Output scale 1, zero point 1. Multipliers 0.5 (2^30·2^0), 0.25 (2^30·2^-1), 2^-20 (2^30·2^-19).
  // 3.5 + 1.5: 7·2^20 -> 7·2^19, 6·2^20 -> 3·2^20 -> 6·2^18; sum 10·2^19 -> 5·2^19 -> 5 -> 6
  // 0 + 0.25 = 0.25 -> 0 -> 1;  1 + 0.5 = 1.5 -> 2 (ties away) -> 3;  -1.5 + 0 -> -2 -> -1
  assert.deepEqual(binary('ADD', q(1, 1), A, B), [6, 1, 3, -1]);
  // Broadcast b = [3] (0.0): 3.5 -> 4 -> 5, 0 -> 1, 1 -> 2, -1.5 -> -2 -> -1.
  assert.deepEqual(binary('ADD', q(1, 1), A, [3]), [5, 1, 2, -1]);
});

test('SUB: as ADD with the difference', () => {
  // 3.5 - 1.5 = 2 -> 3;  0 - 0.25 = -0.25 -> 0 -> 1;  1 - 0.5 = 0.5 -> 1 (ties away) -> 2;  -1.5 -> -2 -> -1
  assert.deepEqual(binary('SUB', q(1, 1), A, B), [3, 1, 2, -1]);
});

test('MUL: the offset inputs multiplied in int32, then rescaled', () => {
  // Output scale 0.5, zero point 1: multiplier 0.5·0.25/0.5 = 0.25 = 2^30·2^-1.
  // 7·6 = 42 -> 21 -> 10.5 -> 11 -> 12;  0·1 -> 0 -> 1;  2·2 = 4 -> 2 -> 1 -> 2;  -3·(1 - 3) = 6 -> 3 -> 1.5 -> 2 -> 3
  assert.deepEqual(binary('MUL', q(0.5, 1), A, [9, 4, 5, 1]), [12, 1, 2, 3]);
});

test('LOGISTIC: output scale 1/256 zero point -128, saturating beyond the input radius', () => {
  // Input scale 1/16: radius 15·2^27 / 2^24 = 120 steps (7.5).
  // 0 -> 0.5·256 = 128 -> 0;  16 (1.0) -> 187.15 -> 187 -> 59;  -16 -> 68.85 -> 69 -> -59;
  // 40 (2.5) -> 236.58 -> 237 -> 109;  119 (7.44) -> 255.85 -> 256 -> 127 (clamped);  120, -120 saturate.
  const x = [0, 16, -16, 40, 119, 120, -120];
  assert.deepEqual(unary('LOGISTIC', q(1 / 16), q(1 / 256, -128), x), [0, 59, -59, 109, 127, 127, -128]);
  assert.throws(() => unary('LOGISTIC', q(1 / 16), q(1 / 256, 0), x), /zero point -128/);
});

test('TANH: output scale 1/128 zero point 0', () => {
  // 16 (1.0) -> 0.76159·128 = 97.48 -> 97;  -16 -> -97;  8 (0.5) -> 59.15 -> 59;  100 (6.25) -> 127.99 -> 127
  // (clamped); zero point 3 shifts the input: 19 is 1.0.
  assert.deepEqual(unary('TANH', q(1 / 16), q(1 / 128), [16, -16, 8, 100, 0]), [97, -97, 59, 127, 0]);
  assert.deepEqual(unary('TANH', q(1 / 16, 3), q(1 / 128), [19]), [97]);
});

test('RELU rescales to the output and clamps at its zero point; RELU6 clamps without rescaling', () => {
  // In scale 0.5 zero point 10, out scale 0.25 zero point -20: rescale 2 = 2^30·2^2.
  // 10 (0) -> -20;  13 (1.5) -> 3·4/2 = 6 -> -14;  5 (-2.5) -> -10 -> -30 -> -20;  127 -> 234 - 20 -> 127
  assert.deepEqual(unary('RELU', q(0.5, 10), q(0.25, -20), [10, 13, 5, 127]), [-20, -14, -20, 127]);
  // Scale 0.1 zero point -128: 6 is 60 steps up, -68.
  assert.deepEqual(
    unary('RELU6', q(0.1, -128), q(0.1, -128), [-100, 0, -128, -68, -69]),
    [-100, -68, -128, -68, -69],
  );
  assert.throws(() => unary('RELU6', q(0.1, -128), q(0.2, -128), [0]), /differ/);
});

test('QUANTIZE from int8 to int8 requantizes and saturates', () => {
  // Scale 0.5 -> 0.25 (·2), zero point 0 -> 5: 1 -> 7, -3 -> -1, 100 -> 205 -> 127, -100 -> -195 -> -128
  assert.deepEqual(unary('QUANTIZE', q(0.5), q(0.25, 5), [1, -3, 100, -100]), [7, -1, 127, -128]);
});

test('SOFTMAX over the last axis: output scale 1/256 zero point -128', () => {
  const g = new QuantGraph();
  const input = g.input([1, 4, 2], q(1 / 16));
  const out = g.tensor([1, 4, 2], q(1 / 256, -128));
  g.op({ type: 'SOFTMAX', inputs: [input], outputs: [out], options: { beta: 1 } });
  // beta · scale = 1/16: multiplier 2^30, left shift 23, smallest counted difference -248.
  // [16, 0]: differences 0 and -1.0 -> 0.731059·256 = 187.15 -> 59, 0.268941·256 = 68.85 -> -59
  // [5, 5]: 128 each -> 0;  [100, -100]: exp(-12.5)·256 = 0.001 -> -128, the other 256 -> 127
  // [127, -128]: difference -255 is below -248 and counts as exp = 0.
  const x = [16, 0, 5, 5, 100, -100, 127, -128];
  assert.deepEqual(runOne(g.output(out).build(), [x]), [59, -59, 0, 0, 127, -128, 127, -128]);
});
