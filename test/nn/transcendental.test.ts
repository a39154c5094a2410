import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exp, sigmoid, tanh } from '../../src/nn/kernels/index.js';

function relativeError(actual: number, expected: number): number {
  return expected === 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected);
}

// Math.exp / Math.tanh (V8's fdlibm ports) are the references.
test('exp matches Math.exp to 1e-14 relative from -700 to 700, with exact edge values', () => {
  let worst = 0;
  for (let i = 0; i <= 200_000; i++) {
    const x = -700 + (1400 * i) / 200_000 + 1e-7 * Math.sin(i);
    worst = Math.max(worst, relativeError(exp(x), Math.exp(x)));
  }
  assert.ok(worst < 1e-14, `worst ${worst}`);
  assert.equal(exp(0), 1);
  assert.equal(exp(-1000), 0);
  assert.equal(exp(1000), Infinity);
  assert.ok(Number.isFinite(exp(709.7)));
  assert.ok(Number.isNaN(exp(NaN)));
});

test('tanh matches Math.tanh to 1e-14 relative, including tiny arguments and both tails', () => {
  let worst = 0;
  const points = [0, 1e-300, -1e-12, 3e-5, 0.00999, 0.01, -0.0100001, 20, -20, 400, -400];
  for (let i = 0; i <= 100_000; i++) points.push(-12 + (24 * i) / 100_000);
  for (const x of points) worst = Math.max(worst, relativeError(tanh(x), Math.tanh(x)));
  assert.ok(worst < 1e-14, `worst ${worst}`);
});

test('sigmoid matches 1/(1+Math.exp(-x)) and saturates cleanly', () => {
  let worst = 0;
  for (let i = 0; i <= 100_000; i++) {
    const x = -40 + (80 * i) / 100_000;
    worst = Math.max(worst, relativeError(sigmoid(x), 1 / (1 + Math.exp(-x))));
  }
  assert.ok(worst < 1e-14, `worst ${worst}`);
  assert.equal(sigmoid(800), 1);
  assert.equal(sigmoid(-800), 0);
});
