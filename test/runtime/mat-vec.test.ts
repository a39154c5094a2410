/** The blocked matrix-vector product against the textbook sum, for row counts around its block of eight. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addMatVec } from '../../src/runtime/kernels/float/mat-vec.js';
import { Random } from '../../src/util/random.js';

test('addMatVec adds m·v into out at the offsets given, for 1 to 19 rows', () => {
  const random = new Random(3);
  for (let rows = 1; rows < 20; rows++) {
    const cols = 1 + (rows % 5);
    const m = Float32Array.from({ length: rows * cols }, () => random.uniform(-1, 1));
    const v = Float32Array.from({ length: cols + 2 }, () => random.uniform(-1, 1));
    const out = Float32Array.from({ length: rows + 3 }, (_, i) => i);
    addMatVec(rows, cols, m, v, 2, out, 1);
    assert.equal(out[0], 0, 'before outAt untouched');
    for (let r = 0; r < rows; r++) {
      let sum = 0;
      for (let k = 0; k < cols; k++) sum += m[r * cols + k] * v[2 + k];
      assert.equal(out[1 + r], Math.fround(1 + r + sum), `rows ${rows}, row ${r}`);
    }
    assert.deepEqual([out[rows + 1], out[rows + 2]], [rows + 1, rows + 2], 'after the rows untouched');
  }
});
