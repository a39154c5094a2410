/** The gates' sigmoid and tanh: within float32 rounding of the exact values, saturating exactly. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sigmoidRange, tanhRange } from '../../src/runtime/kernels/float/transcendental.js';

test('sigmoid and tanh agree with 1 / (1 + Math.exp(-x)) and Math.tanh to float32 rounding over [-120, 120]', () => {
  const x = Float32Array.from({ length: 24_001 }, (_, i) => -120 + i / 100);
  const sigmoid = new Float32Array(x.length);
  const tanh = new Float32Array(x.length);
  sigmoidRange(x, sigmoid, 0, x.length);
  tanhRange(x, tanh, 0, x.length);
  for (let i = 0; i < x.length; i++) {
    const s = Math.fround(1 / (1 + Math.exp(-x[i])));
    const t = Math.fround(Math.tanh(x[i]));
    // Within one float32 step (2^-23 relative), or 1e-9 absolute near zero.
    assert.ok(
      Math.abs(sigmoid[i] - s) <= Math.max(Math.abs(s) * 2 ** -23, 1e-45),
      `sigmoid(${x[i]}) = ${sigmoid[i]}, expected ${s}`,
    );
    assert.ok(
      Math.abs(tanh[i] - t) <= Math.max(Math.abs(t) * 2 ** -23, 1e-9),
      `tanh(${x[i]}) = ${tanh[i]}, expected ${t}`,
    );
  }
  // Saturation and the exact middle.
  const edges = Float32Array.from([-1000, -104, 0, 104, 1000, NaN]);
  const out = new Float32Array(edges.length);
  sigmoidRange(edges, out, 0, edges.length);
  assert.deepEqual(Array.from(out.subarray(0, 5)), [0, 0, 0.5, 1, 1]);
  assert.ok(Number.isNaN(out[5]));
  tanhRange(edges, out, 0, edges.length);
  assert.deepEqual(Array.from(out.subarray(0, 5)), [-1, -1, 0, 1, 1]);
});

test('ranges leave the rest of the array alone and may work in place', () => {
  const values = Float32Array.from([9, 0, 1, 9]);
  sigmoidRange(values, values, 1, 3);
  assert.deepEqual(Array.from(values), [9, 0.5, Math.fround(1 / (1 + Math.exp(-1))), 9]);
});
