// AssemblyScript: the int8 LSTM's products with its stacked gate matrices, on i32x4.dot_i16x8_s.
// Matrices are packed once (src/runtime/wasm/lstm-int8.ts) as int16 per group of eight units:
// the group's 32 rows (gate i, f, c, o × 8 units), and for each pair of columns (k, k+1) eight
// vectors of four rows with each row's two values adjacent; one dot with the vector's pair
// (v[k], v[k+1]) splatted adds both columns to four row sums. Integer sums are exact (they wrap
// as int32 as the TypeScript kernel's `| 0` does).

/** Bytes of one group's column pair (8 vectors), and of its 32 int32 sums. */
const PAIR_BYTES: usize = 128;
export const GROUP_SUMS_BYTES: usize = 128;

/**
 * sums = offsets + M·v for one group's 32 rows: m at the group's first pair, v as int16 of
 * pairs·2 values, offsets and sums 32 int32 each (gate-major: 8 units of gate i, then f, c, o).
 */
export function groupSums(m: usize, pairs: i32, v: usize, offsets: usize, sums: usize): void {
  let s0 = v128.load(offsets);
  let s1 = v128.load(offsets, 16);
  let s2 = v128.load(offsets, 32);
  let s3 = v128.load(offsets, 48);
  let s4 = v128.load(offsets, 64);
  let s5 = v128.load(offsets, 80);
  let s6 = v128.load(offsets, 96);
  let s7 = v128.load(offsets, 112);
  const end = v + ((<usize>pairs) << 2);
  for (let pair = v; pair < end; pair += 4, m += PAIR_BYTES) {
    const x = v128.load32_splat(pair);
    s0 = i32x4.add(s0, i32x4.dot_i16x8_s(v128.load(m), x));
    s1 = i32x4.add(s1, i32x4.dot_i16x8_s(v128.load(m, 16), x));
    s2 = i32x4.add(s2, i32x4.dot_i16x8_s(v128.load(m, 32), x));
    s3 = i32x4.add(s3, i32x4.dot_i16x8_s(v128.load(m, 48), x));
    s4 = i32x4.add(s4, i32x4.dot_i16x8_s(v128.load(m, 64), x));
    s5 = i32x4.add(s5, i32x4.dot_i16x8_s(v128.load(m, 80), x));
    s6 = i32x4.add(s6, i32x4.dot_i16x8_s(v128.load(m, 96), x));
    s7 = i32x4.add(s7, i32x4.dot_i16x8_s(v128.load(m, 112), x));
  }
  v128.store(sums, s0);
  v128.store(sums, s1, 16);
  v128.store(sums, s2, 32);
  v128.store(sums, s3, 48);
  v128.store(sums, s4, 64);
  v128.store(sums, s5, 80);
  v128.store(sums, s6, 96);
  v128.store(sums, s7, 112);
}
