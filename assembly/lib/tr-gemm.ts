// AssemblyScript helper (not an entry): the float32 training GEMM shared by assembly/train-gemm.ts
// and assembly/train-lstm.ts. Every output element is summed in double, sequentially over k,
// added to C once and rounded once, exactly as src/nn/kernels/gemm.ts does: float32 products
// are exact in double, so the results are equal bit for bit. Lanes run across four output
// columns (two f64x2) of four rows at a time.
//
// Operands are first packed into panels holding four rows of op(A) (or four columns of op(B))
// side by side as f64 for every depth step, zero-padded past the last row (column), so the
// inner loop is two 16-byte loads and four splat loads per step.

const PANEL: i32 = 4;

/**
 * Panels of four lines of a float32 matrix promoted to f64: line l, depth p is
 * src[l·lineStride + p·depthStride] (floats) and lands at dst + ((l/4)·depth·4 + p·4 + l%4)·8.
 */
export function pack(
  src: usize,
  lines: i32,
  depth: i32,
  lineStride: i32,
  depthStride: i32,
  dst: usize,
): void {
  const panels = (lines + PANEL - 1) / PANEL;
  const step = (<usize>lineStride) << 2;
  for (let panel = 0; panel < panels; panel++) {
    const first = panel * PANEL;
    const real = min(lines - first, PANEL);
    const start = src + ((<usize>(first * lineStride)) << 2);
    let out = dst + <usize>panel * ((<usize>depth) << 5);
    let p = 0;
    // Full panels: four adjacent lines load as one vector per depth step; four lines read
    // along their depth load four vectors per four steps, transposed in registers.
    if (real == PANEL && lineStride == 1) {
      for (; p < depth; p++, out += 32) {
        const v = v128.load(start + ((<usize>(p * depthStride)) << 2));
        v128.store(out, f64x2.promote_low_f32x4(v));
        v128.store(out, f64x2.promote_low_f32x4(i64x2.shuffle(v, v, 1, 1)), 16);
      }
    } else if (real == PANEL && depthStride == 1) {
      for (; p + 4 <= depth; p += 4, out += 128) {
        const at = start + ((<usize>p) << 2);
        const r0 = v128.load(at);
        const r1 = v128.load(at + step);
        const r2 = v128.load(at + 2 * step);
        const r3 = v128.load(at + 3 * step);
        const low01 = i32x4.shuffle(r0, r1, 0, 4, 1, 5);
        const low23 = i32x4.shuffle(r2, r3, 0, 4, 1, 5);
        const high01 = i32x4.shuffle(r0, r1, 2, 6, 3, 7);
        const high23 = i32x4.shuffle(r2, r3, 2, 6, 3, 7);
        storeColumn(out, low01, low23, false);
        storeColumn(out + 32, low01, low23, true);
        storeColumn(out + 64, high01, high23, false);
        storeColumn(out + 96, high01, high23, true);
      }
    }
    for (; p < depth; p++, out += 32) {
      const at = start + ((<usize>(p * depthStride)) << 2);
      store<f64>(out, <f64>load<f32>(at));
      store<f64>(out, real > 1 ? <f64>load<f32>(at + step) : 0, 8);
      store<f64>(out, real > 2 ? <f64>load<f32>(at + 2 * step) : 0, 16);
      store<f64>(out, real > 3 ? <f64>load<f32>(at + 3 * step) : 0, 24);
    }
  }
}

/** Lines 0, 1 of a depth step from the low (or high) pair of `first`, lines 2, 3 from `second`. */
function storeColumn(out: usize, first: v128, second: v128, high: bool): void {
  const a = high ? i64x2.shuffle(first, first, 1, 1) : first;
  const b = high ? i64x2.shuffle(second, second, 1, 1) : second;
  v128.store(out, f64x2.promote_low_f32x4(a));
  v128.store(out, f64x2.promote_low_f32x4(b), 16);
}

/** c[i·n + j] (float32) += Σ_p op(A)[i,p]·op(B)[p,j] from panels packed by `pack`. */
export function addProduct(m: i32, n: i32, k: i32, a: usize, b: usize, c: usize): void {
  const panelBytes = (<usize>k) << 5;
  const rowBytes = (<usize>n) << 2;
  let aPanel = a;
  for (let i = 0; i < m; i += PANEL, aPanel += panelBytes) {
    let bPanel = b;
    for (let j = 0; j < n; j += PANEL, bPanel += panelBytes) {
      let s00 = f64x2.splat(0);
      let s01 = f64x2.splat(0);
      let s10 = f64x2.splat(0);
      let s11 = f64x2.splat(0);
      let s20 = f64x2.splat(0);
      let s21 = f64x2.splat(0);
      let s30 = f64x2.splat(0);
      let s31 = f64x2.splat(0);
      let ap = aPanel;
      let bp = bPanel;
      for (let p = 0; p < k; p++, ap += 32, bp += 32) {
        const y0 = v128.load(bp);
        const y1 = v128.load(bp, 16);
        let x = v128.load64_splat(ap);
        s00 = f64x2.add(s00, f64x2.mul(x, y0));
        s01 = f64x2.add(s01, f64x2.mul(x, y1));
        x = v128.load64_splat(ap, 8);
        s10 = f64x2.add(s10, f64x2.mul(x, y0));
        s11 = f64x2.add(s11, f64x2.mul(x, y1));
        x = v128.load64_splat(ap, 16);
        s20 = f64x2.add(s20, f64x2.mul(x, y0));
        s21 = f64x2.add(s21, f64x2.mul(x, y1));
        x = v128.load64_splat(ap, 24);
        s30 = f64x2.add(s30, f64x2.mul(x, y0));
        s31 = f64x2.add(s31, f64x2.mul(x, y1));
      }
      const rows = min(m - i, PANEL);
      const cols = min(n - j, PANEL);
      const at = c + <usize>i * rowBytes + ((<usize>j) << 2);
      addRow(at, cols, s00, s01);
      if (rows > 1) addRow(at + rowBytes, cols, s10, s11);
      if (rows > 2) addRow(at + 2 * rowBytes, cols, s20, s21);
      if (rows > 3) addRow(at + 3 * rowBytes, cols, s30, s31);
    }
  }
}

/** The first `cols` of four sums added to float32 C, each rounded once. */
function addRow(at: usize, cols: i32, low: v128, high: v128): void {
  store<f32>(at, <f32>(<f64>load<f32>(at) + f64x2.extract_lane(low, 0)));
  if (cols > 1) store<f32>(at, <f32>(<f64>load<f32>(at, 4) + f64x2.extract_lane(low, 1)), 4);
  if (cols > 2) store<f32>(at, <f32>(<f64>load<f32>(at, 8) + f64x2.extract_lane(high, 0)), 8);
  if (cols > 3) store<f32>(at, <f32>(<f64>load<f32>(at, 12) + f64x2.extract_lane(high, 1)), 12);
}
