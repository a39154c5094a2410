/** The packed matrix products against textbook sums, for sizes around the panel of four rows and the block of four vectors. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  addMatMul,
  addMatVec,
  packMatrix,
  stackRows,
} from '../../src/runtime/kernels/float/packed-matrix.js';
import { Random } from '../../src/util/random.js';

function randomValues(random: Random, length: number): Float32Array {
  return Float32Array.from({ length }, () => random.uniform(-1, 1));
}

/** Σ_k m[at + r·rowStride + k]·v[vAt + k], in double. */
function rowDot(
  m: Float32Array,
  at: number,
  rowStride: number,
  r: number,
  cols: number,
  v: Float32Array,
  vAt: number,
): number {
  let sum = 0;
  for (let k = 0; k < cols; k++) sum += m[at + r * rowStride + k] * v[vAt + k];
  return sum;
}

test('packMatrix reads a sub-matrix at an offset with a row stride', () => {
  // 3 x 2 taken from the columns 1..2 of a 3 x 4 matrix: rows [1, 2], [5, 6], [9, 10].
  const source = Float32Array.from({ length: 12 }, (_, i) => i);
  const packed = packMatrix(source, 3, 2, 1, 4);
  const v = Float32Array.from([1, 10]);
  const out = new Float32Array(3);
  addMatVec(packed, v, 0, out, 0);
  assert.deepEqual(Array.from(out), [1 + 20, 5 + 60, 9 + 100]);
});

test('stackRows concatenates matrices row-major', () => {
  const stacked = stackRows([Float32Array.from([1, 2]), Float32Array.from([3, 4, 5, 6])]);
  assert.deepEqual(Array.from(stacked), [1, 2, 3, 4, 5, 6]);
});

test('addMatVec adds m·v into out at the offsets given, for 1 to 13 rows and 1 to 6 columns', () => {
  const random = new Random(3);
  for (let rows = 1; rows <= 13; rows++) {
    for (let cols = 1; cols <= 6; cols++) {
      const m = randomValues(random, rows * cols);
      const v = randomValues(random, cols + 2);
      const out = Float32Array.from({ length: rows + 3 }, (_, i) => i);
      addMatVec(packMatrix(m, rows, cols), v, 2, out, 1);
      assert.equal(out[0], 0, 'before outAt untouched');
      for (let r = 0; r < rows; r++) {
        const expected = Math.fround(1 + r + rowDot(m, 0, cols, r, cols, v, 2));
        assert.ok(Math.abs(out[1 + r] - expected) <= 1e-6, `rows ${rows} cols ${cols} row ${r}`);
      }
      assert.deepEqual([out[rows + 1], out[rows + 2]], [rows + 1, rows + 2], 'after the rows untouched');
    }
  }
});

test('addMatMul: every vector (overlapping input rows, strided outputs) matches its own product', () => {
  const random = new Random(7);
  for (const rows of [1, 3, 4, 5, 8, 9]) {
    for (const cols of [1, 2, 5, 7]) {
      for (let count = 0; count <= 9; count++) {
        // Vectors overlap (stride below cols) as a convolution's windows do; outputs leave gaps.
        const vStride = Math.max(1, cols - 1);
        const outStride = rows + 2;
        const vAt = 3;
        const outAt = 1;
        const v = randomValues(random, vAt + count * vStride + cols);
        const out = Float32Array.from({ length: outAt + count * outStride + 1 }, (_, i) => -i);
        const before = Float32Array.from(out);
        const m = randomValues(random, rows * cols);
        addMatMul(packMatrix(m, rows, cols), count, v, vAt, vStride, out, outAt, outStride);
        const label = `rows ${rows} cols ${cols} count ${count}`;
        for (let i = 0; i < out.length; i++) {
          const vector = Math.floor((i - outAt) / outStride);
          const r = (i - outAt) % outStride;
          const written = i >= outAt && vector < count && r < rows;
          const expected = written
            ? Math.fround(before[i] + rowDot(m, 0, cols, r, cols, v, vAt + vector * vStride))
            : before[i];
          assert.ok(
            Math.abs(out[i] - expected) <= 1e-6,
            `${label}: out[${i}] = ${out[i]}, expected ${expected}`,
          );
        }
      }
    }
  }
});
