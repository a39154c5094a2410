import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Sequential } from '../../src/nn/index.js';
import { fans, glorotUniform, orthogonal } from '../../src/nn/init/initializers.js';
import { orthonormalColumns } from '../../src/nn/init/orthonormal.js';
import { Random } from '../../src/util/random.js';

/** Largest |(M·Mᵀ or Mᵀ·M) - I| for a row-major [rows, cols] matrix, over its shorter side. */
function orthogonalityError(m: ArrayLike<number>, rows: number, cols: number): number {
  const side = Math.min(rows, cols);
  let worst = 0;
  for (let a = 0; a < side; a++) {
    for (let b = 0; b < side; b++) {
      let dot = 0;
      const depth = Math.max(rows, cols);
      for (let k = 0; k < depth; k++) {
        dot += rows < cols ? m[a * cols + k] * m[b * cols + k] : m[k * cols + a] * m[k * cols + b];
      }
      worst = Math.max(worst, Math.abs(dot - (a === b ? 1 : 0)));
    }
  }
  return worst;
}

test('fans follow Keras: dense [in, out], conv [k, in, filters] counts the kernel size', () => {
  assert.deepEqual(fans([20, 30]), { fanIn: 20, fanOut: 30 });
  assert.deepEqual(fans([5, 4, 8]), { fanIn: 20, fanOut: 40 });
});

test('glorot uniform stays within sqrt(6 / (fan_in + fan_out)) with the uniform variance', () => {
  const values = new Float64Array(5 * 40 * 60);
  glorotUniform(values, [5, 40, 60], new Random(3));
  const limit = Math.sqrt(6 / (200 + 300));
  let max = 0;
  let sumSquares = 0;
  for (const v of values) {
    max = Math.max(max, Math.abs(v));
    sumSquares += v * v;
  }
  assert.ok(max <= limit && max > 0.99 * limit);
  // variance of U(-l, l) is l²/3
  assert.ok(Math.abs(sumSquares / values.length / ((limit * limit) / 3) - 1) < 0.03);
});

test('orthogonal gives orthonormal rows for a wide kernel and columns for a tall one', () => {
  const wide = new Float32Array(8 * 32);
  orthogonal(wide, 8, 32, new Random(1));
  assert.ok(orthogonalityError(wide, 8, 32) < 1e-6);
  const tall = new Float64Array(12 * 5);
  orthogonal(tall, 12, 5, new Random(2));
  assert.ok(orthogonalityError(tall, 12, 5) < 1e-12);
});

test('the QR factor reproduces the matrix with an upper-triangular R of positive diagonal', () => {
  const random = new Random(8);
  const rows = 7;
  const cols = 4;
  const a = Float64Array.from({ length: rows * cols }, () => random.normal());
  const q = orthonormalColumns(a, rows, cols);
  // R = QᵀA must be upper triangular with a positive diagonal (Keras's sign correction), and QR = A
  for (let i = 0; i < cols; i++) {
    for (let j = 0; j < cols; j++) {
      let r = 0;
      for (let k = 0; k < rows; k++) r += q[k * cols + i] * a[k * cols + j];
      if (i > j) assert.ok(Math.abs(r) < 1e-12, `R[${i}][${j}] = ${r}`);
      if (i === j) assert.ok(r > 0);
    }
  }
  for (let k = 0; k < rows; k++) {
    for (let j = 0; j < cols; j++) {
      let qr = 0;
      for (let i = 0; i < cols; i++) {
        let r = 0;
        for (let m = 0; m < rows; m++) r += q[m * cols + i] * a[m * cols + j];
        qr += q[k * cols + i] * r;
      }
      assert.ok(Math.abs(qr - a[k * cols + j]) < 1e-12);
    }
  }
});

test('recurrent kernels are orthogonal, biases as Keras: zeros, LSTM forget gate 1, GRU [2, 3u]', () => {
  const model = new Sequential([
    { type: 'lstm', units: 6, returnSequences: true },
    { type: 'gru', units: 5 },
    { type: 'dense', units: 2 },
  ]).build([4, 3], 12);
  const w = model.getWeights();
  assert.ok(orthogonalityError(w['lstm_1/recurrent_kernel'], 6, 24) < 1e-6);
  assert.ok(orthogonalityError(w['gru_1/recurrent_kernel'], 5, 15) < 1e-6);
  assert.deepEqual(
    [...w['lstm_1/bias']],
    [...Array(24)].map((_, i) => (i >= 6 && i < 12 ? 1 : 0)),
  );
  assert.deepEqual([...w['gru_1/bias']], Array(30).fill(0));
  assert.deepEqual([...w['dense_1/bias']], [0, 0]);
  const limit = Math.sqrt(6 / (3 + 24));
  assert.ok(w['lstm_1/kernel'].every((v) => Math.abs(v) <= limit));
});

test('the same seed gives identical weights, another seed other weights', () => {
  const specs = [
    { type: 'conv1d', filters: 4, kernelSize: 3 },
    { type: 'lstm', units: 5 },
    { type: 'dense', units: 3, activation: 'softmax' },
  ] as const;
  const a = new Sequential(specs).build([10, 2], 77).getWeights();
  const b = new Sequential(specs).build([10, 2], 77).getWeights();
  const c = new Sequential(specs).build([10, 2], 78).getWeights();
  assert.deepEqual(a, b);
  assert.notDeepEqual(a['lstm_1/kernel'], c['lstm_1/kernel']);
});
