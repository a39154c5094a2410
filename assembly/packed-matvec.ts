// AssemblyScript (compiled by assembly/build.mjs, not by tsc): the WebAssembly SIMD twin of
// src/runtime/kernels/float/packed-matrix.ts addMatVec. Same packed layout (panels of 8 rows,
// column by column), same order of additions, and sums in double: each float32 product is exact
// in double, so the results equal the TypeScript kernel's bit for bit.

const PANEL: i32 = 8;

/**
 * out[r] += Σ_k M[r, k]·v[k] for `count` vectors; vector i at v + i·vStride floats, its
 * product added at out + i·outStride floats. M is `rows` × `cols` packed at `m`.
 */
export function addMatMul(
  m: usize,
  rows: i32,
  cols: i32,
  count: i32,
  v: usize,
  vStride: i32,
  out: usize,
  outStride: i32,
): void {
  for (let i = 0; i < count; i++) {
    addMatVec(m, rows, cols, v + <usize>(i * vStride) * 4, out + <usize>(i * outStride) * 4);
  }
}

function addMatVec(m: usize, rows: i32, cols: i32, v: usize, out: usize): void {
  const panelBytes = <usize>cols * <usize>PANEL * 4;
  let panel = m;
  for (let r = 0; r < rows; r += PANEL, panel += panelBytes) {
    let s01 = f64x2.splat(0);
    let s23 = f64x2.splat(0);
    let s45 = f64x2.splat(0);
    let s67 = f64x2.splat(0);
    let p = panel;
    for (let k = 0; k < cols; k++, p += 32) {
      const x = f64x2.splat(<f64>load<f32>(v + ((<usize>k) << 2)));
      const lo = v128.load(p);
      const hi = v128.load(p, 16);
      s01 = f64x2.add(s01, f64x2.mul(f64x2.promote_low_f32x4(lo), x));
      s23 = f64x2.add(s23, f64x2.mul(f64x2.promote_low_f32x4(i64x2.shuffle(lo, lo, 1, 0)), x));
      s45 = f64x2.add(s45, f64x2.mul(f64x2.promote_low_f32x4(hi), x));
      s67 = f64x2.add(s67, f64x2.mul(f64x2.promote_low_f32x4(i64x2.shuffle(hi, hi, 1, 0)), x));
    }
    // The last panel's padded rows summed zeros: only its real rows are written.
    const left = min(rows - r, PANEL);
    const o = out + ((<usize>r) << 2);
    store<f32>(o, <f32>(<f64>load<f32>(o) + f64x2.extract_lane(s01, 0)));
    if (left > 1) store<f32>(o, <f32>(<f64>load<f32>(o, 4) + f64x2.extract_lane(s01, 1)), 4);
    if (left > 2) store<f32>(o, <f32>(<f64>load<f32>(o, 8) + f64x2.extract_lane(s23, 0)), 8);
    if (left > 3) store<f32>(o, <f32>(<f64>load<f32>(o, 12) + f64x2.extract_lane(s23, 1)), 12);
    if (left > 4) store<f32>(o, <f32>(<f64>load<f32>(o, 16) + f64x2.extract_lane(s45, 0)), 16);
    if (left > 5) store<f32>(o, <f32>(<f64>load<f32>(o, 20) + f64x2.extract_lane(s45, 1)), 20);
    if (left > 6) store<f32>(o, <f32>(<f64>load<f32>(o, 24) + f64x2.extract_lane(s67, 0)), 24);
    if (left > 7) store<f32>(o, <f32>(<f64>load<f32>(o, 28) + f64x2.extract_lane(s67, 1)), 28);
  }
}
