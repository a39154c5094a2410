// AssemblyScript (compiled by assembly/build.mjs, not by tsc): the WebAssembly SIMD twin of
// src/runtime/kernels/float/packed-matrix.ts addMatMul, for a matrix packed as float64 (panels
// of 8 rows, column by column: one column of a panel is four f64x2 loads, no conversions). Each
// float32 product is exact in double and every sum runs in double over the columns in order,
// then is added to its start value and rounded once, as the TypeScript kernel does: the same
// float32 results bit for bit.

const PANEL: i32 = 8;

/**
 * out_i[r] = start_i[r] + Σ_k M[r, k]·v_i[k] for `count` vectors: vector i at v + i·vStride
 * floats, its sums stored at out + i·outStride and started from start + i·startStride (the
 * same start for every vector with stride 0: a bias; start = out adds to out). M is `rows` ×
 * `cols` packed at `m`. Vectors go two at a time, sharing each panel; a lone last vector
 * takes two panels at a time instead.
 */
export function matMul(
  m: usize,
  rows: i32,
  cols: i32,
  count: i32,
  v: usize,
  vStride: i32,
  out: usize,
  outStride: i32,
  start: usize,
  startStride: i32,
): void {
  const panelBytes = (<usize>cols) << 6;
  let i = 0;
  for (; i + 2 <= count; i += 2) {
    const v0 = v + ((<usize>(i * vStride)) << 2);
    const v1 = v0 + ((<usize>vStride) << 2);
    const o0 = out + ((<usize>(i * outStride)) << 2);
    const o1 = o0 + ((<usize>outStride) << 2);
    const s0 = start + ((<usize>(i * startStride)) << 2);
    const s1 = s0 + ((<usize>startStride) << 2);
    for (let r = 0, panel = m; r < rows; r += PANEL, panel += panelBytes) {
      const left = min(rows - r, PANEL);
      const at = (<usize>r) << 2;
      dualMatVec(panel, panel, v0, v1, cols, o0 + at, s0 + at, left, o1 + at, s1 + at, left);
    }
  }
  if (i == count) return;
  const x = v + ((<usize>(i * vStride)) << 2);
  const o = out + ((<usize>(i * outStride)) << 2);
  const s = start + ((<usize>(i * startStride)) << 2);
  for (let r = 0, panel = m; r < rows; r += 2 * PANEL, panel += 2 * panelBytes) {
    // A last odd panel is paired with itself and stored once.
    const second = r + PANEL < rows;
    const at = (<usize>r) << 2;
    const first = min(rows - r, PANEL);
    const next = second ? min(rows - r - PANEL, PANEL) : 0;
    const other = second ? panel + panelBytes : panel;
    dualMatVec(panel, other, x, x, cols, o + at, s + at, first, o + at + 32, s + at + 32, next);
  }
}

/**
 * Panel A times vector A and panel B times vector B (eight rows each, four f64x2 sums each):
 * the sums of A stored for its `leftA` real rows, of B for `leftB` (none when 0).
 */
function dualMatVec(
  panelA: usize,
  panelB: usize,
  vA: usize,
  vB: usize,
  cols: i32,
  outA: usize,
  startA: usize,
  leftA: i32,
  outB: usize,
  startB: usize,
  leftB: i32,
): void {
  let a0 = f64x2.splat(0);
  let a1 = f64x2.splat(0);
  let a2 = f64x2.splat(0);
  let a3 = f64x2.splat(0);
  let b0 = f64x2.splat(0);
  let b1 = f64x2.splat(0);
  let b2 = f64x2.splat(0);
  let b3 = f64x2.splat(0);
  let pA = panelA;
  let pB = panelB;
  for (let k = 0; k < cols; k++, pA += 64, pB += 64) {
    const xA = f64x2.splat(<f64>load<f32>(vA + ((<usize>k) << 2)));
    const xB = f64x2.splat(<f64>load<f32>(vB + ((<usize>k) << 2)));
    a0 = f64x2.add(a0, f64x2.mul(v128.load(pA), xA));
    a1 = f64x2.add(a1, f64x2.mul(v128.load(pA, 16), xA));
    a2 = f64x2.add(a2, f64x2.mul(v128.load(pA, 32), xA));
    a3 = f64x2.add(a3, f64x2.mul(v128.load(pA, 48), xA));
    b0 = f64x2.add(b0, f64x2.mul(v128.load(pB), xB));
    b1 = f64x2.add(b1, f64x2.mul(v128.load(pB, 16), xB));
    b2 = f64x2.add(b2, f64x2.mul(v128.load(pB, 32), xB));
    b3 = f64x2.add(b3, f64x2.mul(v128.load(pB, 48), xB));
  }
  storeSums(outA, startA, a0, a1, a2, a3, leftA);
  if (leftB > 0) storeSums(outB, startB, b0, b1, b2, b3, leftB);
}

/** o[j] = start[j] + s[j] rounded to float32 for the panel's `left` real rows (padded rows summed zeros). */
function storeSums(o: usize, start: usize, s01: v128, s23: v128, s45: v128, s67: v128, left: i32): void {
  if (left == PANEL) {
    const low = f64x2.promote_low_f32x4(v128.load64_zero(start));
    const high = f64x2.promote_low_f32x4(v128.load64_zero(start, 8));
    const low2 = f64x2.promote_low_f32x4(v128.load64_zero(start, 16));
    const high2 = f64x2.promote_low_f32x4(v128.load64_zero(start, 24));
    v128.store(o, join(f64x2.add(low, s01), f64x2.add(high, s23)));
    v128.store(o, join(f64x2.add(low2, s45), f64x2.add(high2, s67)), 16);
    return;
  }
  store<f32>(o, <f32>(<f64>load<f32>(start) + f64x2.extract_lane(s01, 0)));
  if (left > 1) store<f32>(o, <f32>(<f64>load<f32>(start, 4) + f64x2.extract_lane(s01, 1)), 4);
  if (left > 2) store<f32>(o, <f32>(<f64>load<f32>(start, 8) + f64x2.extract_lane(s23, 0)), 8);
  if (left > 3) store<f32>(o, <f32>(<f64>load<f32>(start, 12) + f64x2.extract_lane(s23, 1)), 12);
  if (left > 4) store<f32>(o, <f32>(<f64>load<f32>(start, 16) + f64x2.extract_lane(s45, 0)), 16);
  if (left > 5) store<f32>(o, <f32>(<f64>load<f32>(start, 20) + f64x2.extract_lane(s45, 1)), 20);
  if (left > 6) store<f32>(o, <f32>(<f64>load<f32>(start, 24) + f64x2.extract_lane(s67, 0)), 24);
}

/** Four doubles (two pairs) rounded into one vector of four float32. */
function join(low: v128, high: v128): v128 {
  return i64x2.shuffle(f32x4.demote_f64x2_zero(low), f32x4.demote_f64x2_zero(high), 0, 2);
}
