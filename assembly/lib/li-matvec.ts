// AssemblyScript: the int8 LSTM's matrix-vector products on i32x4.dot_i16x8_s. Matrices are
// packed once (src/runtime/wasm/lstm-int8.ts) as int16 in blocks of 16 rows; within a block,
// for each pair of columns (k, k+1), four vectors of four rows, each row's two values adjacent:
// one dot with the vector's pair (v[k], v[k+1]) splatted adds both columns to four row sums.
// Integer sums are exact (they wrap as int32 as the TypeScript kernel's `| 0` does).

/** Rows per block, and bytes of one column pair of a block. */
export const BLOCK_ROWS: i32 = 16;
const PAIR_BYTES: usize = 64;

/** out[r] = Σ_k M[r, k]·v[k] for blocks·16 rows (int32), v as int16 of pairs·2 values. */
export function matVec(m: usize, blocks: i32, pairs: i32, v: usize, out: usize): void {
  const vEnd = v + ((<usize>pairs) << 2);
  for (let b = 0; b < blocks; b++) {
    let s0 = i32x4.splat(0);
    let s1 = i32x4.splat(0);
    let s2 = i32x4.splat(0);
    let s3 = i32x4.splat(0);
    for (let pair = v; pair < vEnd; pair += 4, m += PAIR_BYTES) {
      const x = v128.load32_splat(pair);
      s0 = i32x4.add(s0, i32x4.dot_i16x8_s(v128.load(m), x));
      s1 = i32x4.add(s1, i32x4.dot_i16x8_s(v128.load(m, 16), x));
      s2 = i32x4.add(s2, i32x4.dot_i16x8_s(v128.load(m, 32), x));
      s3 = i32x4.add(s3, i32x4.dot_i16x8_s(v128.load(m, 48), x));
    }
    v128.store(out, s0);
    v128.store(out, s1, 16);
    v128.store(out, s2, 32);
    v128.store(out, s3, 48);
    out += PAIR_BYTES;
  }
}
