// AssemblyScript (compiled by assembly/build.mjs, not by tsc): the products of the recurrent
// kernels' gate panels with a vector of doubles (float32 values, exact as doubles, converted once
// so that each column costs one broadcast load). A panel holds the weights of one group of four
// units for every gate: column k is the group's rows of gate 0, then gate 1..., as doubles (two
// per lane pair), so one pass over the panel gives every gate of the four units. Sums run in
// double from zero in column order, as the TypeScript packed product's do: the same sums, bit for bit.

/** Bytes of one panel column of four gates (4 gates × 4 units × 8). */
export const FOUR_GATE_COLUMN: usize = 128;
/** Bytes of one group's sums or biases: a column's worth, eight pairs of doubles. */
export const GROUP_PAIRS_BYTES: usize = FOUR_GATE_COLUMN;
/** Bytes of one row of a group's four units: as floats (the output), as doubles (state, gates). */
export const GROUP_FLOATS_BYTES: usize = 16;
export const GROUP_DOUBLES_BYTES: usize = 32;

/** Groups of four units (the last one padded). */
export function unitGroups(units: i32): i32 {
  return (units + 3) >> 2;
}

/** Eight pairs of sums at `sums`: Σ_k column k of the four-gate panel × v[k] for k < count (v doubles). */
export function fourGateSums(panel: usize, v: usize, count: i32, sums: usize): void {
  let s0 = f64x2.splat(0);
  let s1 = f64x2.splat(0);
  let s2 = f64x2.splat(0);
  let s3 = f64x2.splat(0);
  let s4 = f64x2.splat(0);
  let s5 = f64x2.splat(0);
  let s6 = f64x2.splat(0);
  let s7 = f64x2.splat(0);
  // One column per iteration: unrolled by two it measured slower.
  const end = v + ((<usize>count) << 3);
  for (let at = v, p = panel; at < end; at += 8, p += FOUR_GATE_COLUMN) {
    const a = v128.load64_splat(at);
    s0 = f64x2.add(s0, f64x2.mul(v128.load(p), a));
    s1 = f64x2.add(s1, f64x2.mul(v128.load(p, 16), a));
    s2 = f64x2.add(s2, f64x2.mul(v128.load(p, 32), a));
    s3 = f64x2.add(s3, f64x2.mul(v128.load(p, 48), a));
    s4 = f64x2.add(s4, f64x2.mul(v128.load(p, 64), a));
    s5 = f64x2.add(s5, f64x2.mul(v128.load(p, 80), a));
    s6 = f64x2.add(s6, f64x2.mul(v128.load(p, 96), a));
    s7 = f64x2.add(s7, f64x2.mul(v128.load(p, 112), a));
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
