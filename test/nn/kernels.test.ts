import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  activate,
  activationGradient,
  addColumnSums,
  broadcastRows,
  gemmNN,
  gemmNT,
  gemmTN,
  swapLeadingAxes,
} from '../../src/nn/kernels/index.js';
import { Random } from '../../src/util/random.js';

const random = new Random(21);
const filled = (length: number) => Float64Array.from({ length }, () => random.normal());

/** Σ_p A(i,p)·B(p,j) written out naively, with element accessors for each variant. */
function naive(
  m: number,
  n: number,
  k: number,
  a: (i: number, p: number) => number,
  b: (p: number, j: number) => number,
) {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) for (let p = 0; p < k; p++) c[i * n + j] += a(i, p) * b(p, j);
  return c;
}

// sizes that exercise the blocked part and both remainders (odd rows, columns not a multiple of 4)
for (const [m, n, k] of [
  [5, 7, 3],
  [4, 8, 6],
  [1, 1, 1],
  [6, 13, 9],
]) {
  test(`gemm variants ${m}x${n}x${k} with offsets accumulate into C`, () => {
    const aOff = 3;
    const bOff = 2;
    const cOff = 5;
    const a = filled(aOff + m * k);
    const b = filled(bOff + k * n);
    const variants = [
      {
        run: gemmNN,
        a: (i: number, p: number) => a[aOff + i * k + p],
        b: (p: number, j: number) => b[bOff + p * n + j],
      },
      {
        run: gemmNT,
        a: (i: number, p: number) => a[aOff + i * k + p],
        b: (p: number, j: number) => b[bOff + j * k + p],
      },
      {
        run: gemmTN,
        a: (i: number, p: number) => a[aOff + p * m + i],
        b: (p: number, j: number) => b[bOff + p * n + j],
      },
    ];
    for (const variant of variants) {
      const c = new Float64Array(cOff + m * n).fill(1);
      variant.run(m, n, k, a, aOff, b, bOff, c, cOff);
      const expected = naive(m, n, k, variant.a, variant.b);
      for (let i = 0; i < cOff; i++) assert.equal(c[i], 1, 'nothing written before cOff');
      expected.forEach((value, i) => assert.ok(Math.abs(c[cOff + i] - (value + 1)) < 1e-12));
    }
  });
}

test('activations and their gradients at known points', () => {
  const z = Float64Array.of(-2, 0, 0.5, 7);
  const out = new Float64Array(4);
  const expectations: [Parameters<typeof activate>[0], number[]][] = [
    ['relu', [0, 0, 0.5, 7]],
    ['relu6', [0, 0, 0.5, 6]],
    ['sigmoid', [1 / (1 + Math.exp(2)), 0.5, 1 / (1 + Math.exp(-0.5)), 1 / (1 + Math.exp(-7))]],
    ['tanh', [Math.tanh(-2), 0, Math.tanh(0.5), Math.tanh(7)]],
  ];
  for (const [kind, expected] of expectations) {
    activate(kind, z, out, 4, 4);
    expected.forEach((value, i) => assert.ok(Math.abs(out[i] - value) < 1e-15, `${kind}[${i}]`));
  }
  const soft = new Float64Array(6);
  activate('softmax', Float64Array.of(1, 2, 3, 1000, 1000, 1000), soft, 6, 3);
  const e = [Math.exp(1), Math.exp(2), Math.exp(3)];
  const total = e[0] + e[1] + e[2];
  [...e.map((v) => v / total), 1 / 3, 1 / 3, 1 / 3].forEach((v, i) =>
    assert.ok(Math.abs(soft[i] - v) < 1e-15),
  );
  // softmax gradient: y ⊙ (g - Σ g⊙y)
  const grad = new Float64Array(6);
  activationGradient('softmax', soft, Float64Array.of(1, 0, 0, 0, 0, 0), grad, 6, 3);
  const y0 = e[0] / total;
  assert.ok(Math.abs(grad[0] - y0 * (1 - y0)) < 1e-15);
  assert.ok(Math.abs(grad[1] - -soft[1] * y0) < 1e-15);
  // relu6 passes the gradient only strictly inside (0, 6)
  const relu6Grad = new Float64Array(4);
  activationGradient('relu6', Float64Array.of(0, 3, 6, 5.9), Float64Array.of(1, 1, 1, 1), relu6Grad, 4, 4);
  assert.deepEqual([...relu6Grad], [0, 1, 0, 1]);
});

test('swapping leading axes turns [batch, steps, c] into [steps, batch, c]', () => {
  const src = Float64Array.from({ length: 12 }, (_, i) => i); // [2, 3, 2]
  const dst = new Float64Array(12);
  swapLeadingAxes(src, 0, dst, 0, 2, 3, 2);
  assert.deepEqual([...dst], [0, 1, 6, 7, 2, 3, 8, 9, 4, 5, 10, 11]);
});

test('bias helpers: rows filled with a vector, column sums added to a target', () => {
  const out = new Float64Array(2 + 5 * 3).fill(-1);
  broadcastRows(Float64Array.of(9, 1, 2, 3), 1, out, 2, 5, 3);
  assert.deepEqual([...out], [-1, -1, ...Array(5).fill([1, 2, 3]).flat()]);
  const m = Float64Array.from({ length: 3 * 6 }, (_, i) => i); // rows [0..5], [6..11], [12..17]
  const target = Float64Array.of(100, 0, 0, 0, 0, 0, 0);
  addColumnSums(m, 3, 6, target, 1);
  assert.deepEqual([...target], [100, 18, 21, 24, 27, 30, 33]);
});
