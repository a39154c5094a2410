import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  clippingRange,
  fakeQuantize,
  fakeQuantizeWeights,
  straightThrough,
} from '../../src/quant/qat/fake-quantize.js';
import {
  FixedParams,
  MovingRange,
  symmetricActivationParams,
  TrackedRange,
} from '../../src/quant/qat/param-sources.js';

function assertClose(actual: ArrayLike<number>, expected: number[], tolerance = 1e-6): void {
  assert.equal(actual.length, expected.length);
  expected.forEach((value, i) =>
    assert.ok(Math.abs(actual[i] - value) <= tolerance, `[${i}]: ${actual[i]} vs ${value}`),
  );
}

test('activation fake quantization rounds half away from zero and saturates at the int8 ends', () => {
  // scale 0.5, zero point -10: q = round(x / 0.5) - 10 in [-128, 127], x' = 0.5·(q + 10).
  const params = { scale: 0.5, zeroPoint: -10 };
  assert.deepEqual(clippingRange(params), { low: -59, high: 68.5 });
  const values = Float32Array.from([1.2, 1.25, -0.75, 100, -70, 68.5, -59.2]);
  const out = new Float32Array(values.length);
  const inside = new Uint8Array(values.length);
  fakeQuantize(values, values.length, params, out, inside);
  // 1.2 -> 2.4 -> 2 -> 1.0; 1.25 -> 2.5 -> 3 -> 1.5; -0.75 -> -1.5 -> -2 -> -1.0;
  // 100 -> q 127 -> 68.5 (clipped); -70 -> q -128 -> -59 (clipped); 68.5 is the top itself.
  assertClose(out, [1, 1.5, -1, 68.5, -59, 68.5, -59]);
  assert.deepEqual([...inside], [1, 1, 1, 0, 0, 1, 0]);
});

test('the straight-through gradient passes inside the range and is zero where a value saturated', () => {
  const grad = Float32Array.from([1, 2, 3, 4, 5, 6, 7]);
  const out = new Float32Array(7);
  straightThrough(grad, Uint8Array.from([1, 1, 1, 0, 0, 1, 0]), 7, out);
  assert.deepEqual([...out], [1, 2, 3, 0, 0, 6, 0]);
});

test('weights land on the symmetric int8 grid per output column, per tensor or per column group', () => {
  // Keras layout [in = 2, out = 2]: columns are output channels.
  const kernel = Float32Array.from([0.5, -0.02, -1.27, 0.012]);
  const out = new Float32Array(4);
  // Column 0: max 1.27, step 0.01; column 1: max 0.02, step 0.02/127 (0.012 -> 76.2 -> 76 steps).
  fakeQuantizeWeights(kernel, 2, 1, out);
  assertClose(out, [0.5, -0.02, -1.27, (76 * 0.02) / 127]);
  // One scale (step 0.01) for the whole tensor: -0.02 -> -2 steps, 0.012 -> 1.2 -> 1 step.
  fakeQuantizeWeights(kernel, 1, 2, out);
  assertClose(out, [0.5, -0.02, -1.27, 0.01]);
  // An LSTM-like [1, 4] kernel in two gates of two columns: gate 0 max 1.27, gate 1 max 0.254.
  const gates = Float32Array.from([1.27, 0.333, 0.254, -0.1]);
  const gateOut = new Float32Array(4);
  fakeQuantizeWeights(gates, 2, 2, gateOut);
  // 0.333 / 0.01 = 33.3 -> 33; -0.1 / 0.002 = -50.
  assertClose(gateOut, [1.27, 0.33, 0.254, -0.1]);
});

test('a moving range starts at the first batch and moves 1% toward each later one', () => {
  const range = new MovingRange(0.99);
  const unseen = range.range;
  assert.equal(unseen, undefined);
  range.observe(Float32Array.from([1, -2, 0.5, 99]), 3);
  assert.deepEqual(range.range, { min: -2, max: 1 });
  range.observe(Float32Array.from([3, 0]), 2);
  const after = range.range!;
  assert.ok(Math.abs(after.min - (0.99 * -2 + 0.01 * 0)) < 1e-12);
  assert.ok(Math.abs(after.max - (0.99 * 1 + 0.01 * 3)) < 1e-12);
});

test('tracked ranges give PTQ parameters: asymmetric for activations, symmetric for LSTM outputs', () => {
  const asymmetric = new TrackedRange('t', false);
  assert.equal(asymmetric.current(), undefined);
  asymmetric.observe(Float32Array.from([-1, 3]), 2);
  // scale 4/255; zero point round(-128 + 1 / (4/255)) = round(-64.25) = -64.
  const params = asymmetric.current()!;
  assert.ok(Math.abs(params.scale - 4 / 255) < 1e-8);
  assert.equal(params.zeroPoint, -64);
  const symmetric = new TrackedRange('h', true);
  symmetric.observe(Float32Array.from([-0.635, 0.2]), 2);
  assert.ok(Math.abs(symmetric.current()!.scale - 0.005) < 1e-8);
  assert.equal(symmetric.current()!.zeroPoint, 0);
  assert.deepEqual(symmetricActivationParams({ min: 0, max: 0 }), { scale: 1, zeroPoint: 0 });
  const fixed = new FixedParams({ scale: 1 / 256, zeroPoint: -128 });
  fixed.observe();
  assert.deepEqual(fixed.current(), { scale: 1 / 256, zeroPoint: -128 });
});
