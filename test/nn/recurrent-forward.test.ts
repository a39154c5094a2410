import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Sequential, FLOAT64 } from '../../src/nn/index.js';

function assertClose(actual: ArrayLike<number>, expected: number[], tolerance = 1e-12): void {
  assert.equal(actual.length >= expected.length, true);
  expected.forEach((value, i) =>
    assert.ok(Math.abs(actual[i] - value) <= tolerance, `[${i}] ${actual[i]} vs ${value}`),
  );
}

// Values computed by hand (Python, math module) from Keras's formulas.
test('a 1-unit LSTM over two steps matches the hand computation', () => {
  const model = new Sequential([{ type: 'lstm', units: 1, returnSequences: true }], FLOAT64).build([2, 1], 0);
  model.setWeights({
    'lstm_1/kernel': [0.5, 0.5, 0.5, 0.5], // gates i, f, c, o
    'lstm_1/recurrent_kernel': [0.25, -0.5, 1, 0.75],
    'lstm_1/bias': [0, 1, 0, 0],
  });
  const y = model.forward(Float64Array.of(1, -1), 1);
  // step 1: i = σ(.5), f = σ(1.5), g = tanh(.5), o = σ(.5), c = i·g, h = o·tanh(c)
  // step 2: z = -0.5 + U·h1 + b, c2 = f2·c1 + i2·g2, h2 = o2·tanh(c2)
  assertClose(y, [0.17426971865610508, 0.020849520621167517]);
});

test('returnSequences false returns the last hidden state only', () => {
  const specs = (returnSequences: boolean) => [{ type: 'lstm' as const, units: 3, returnSequences }];
  const all = new Sequential(specs(true), FLOAT64).build([4, 2], 9);
  const last = new Sequential(specs(false), FLOAT64).build([4, 2], 9);
  const x = Float64Array.from({ length: 16 }, (_, i) => Math.sin(i));
  const sequence = Float64Array.from(all.forward(x, 2));
  const final = last.forward(x, 2);
  // sample b's last step sits at [b, 3, :] in the sequence
  assertClose(final, [...sequence.slice(9, 12), ...sequence.slice(21, 24)]);
});

test('a 1-unit GRU (reset_after) over two steps matches the hand computation', () => {
  const model = new Sequential([{ type: 'gru', units: 1, returnSequences: true }], FLOAT64).build([2, 1], 0);
  model.setWeights({
    'gru_1/kernel': [0.5, -0.5, 1], // gates z, r, h
    'gru_1/recurrent_kernel': [0.3, 0.6, -0.8],
    'gru_1/bias': [0.1, 0.2, 0.3, -0.1, 0.4, 0.5], // input bias row, recurrent bias row
  });
  const y = model.forward(Float64Array.of(1, 2), 1);
  // z = σ(x·Wz + bz + h·Uz + b'z), r likewise, ĥ = tanh(x·Wh + bh + r·(h·Uh + b'h)), h = z·h + (1-z)·ĥ
  assertClose(y, [0.3457603773238399, 0.5046357438793903]);
});

test('a fresh LSTM has Keras initial biases and an LSTM of zero weights outputs zero', () => {
  const model = new Sequential([{ type: 'lstm', units: 2 }], FLOAT64).build([3, 1], 4);
  assert.deepEqual([...model.getWeights()['lstm_1/bias']], [0, 0, 1, 1, 0, 0, 0, 0]);
  const weights = model.getWeights();
  for (const name of Object.keys(weights)) weights[name].fill(0);
  model.setWeights(weights);
  // i = f = o = 0.5, g = 0: c stays 0, h stays 0
  assertClose(model.forward(Float64Array.of(1, 2, 3), 1), [0, 0]);
});
