// AssemblyScript: the WebAssembly SIMD twin of src/runtime/kernels/float/reduce.ts for inputs
// whose reduced axes are one block, [outer, reduced, inner] (size-1 axes aside), exported by
// assembly/conv-float.ts. Each output sums its reduced values in the TypeScript kernel's order
// in double and divides once (MEAN), or keeps a value only when it is greater (REDUCE_MAX,
// pmax: NaN skipped, the first of equal zeros kept): the same float32 results bit for bit.
//
// Header fields (i32, byte offsets) are the contract with src/runtime/wasm/reduce-float.ts.

const OUTER: usize = 0;
const REDUCED: usize = 4;
const INNER: usize = 8;
const MAXIMUM: usize = 12;
const INPUT_AT: usize = 16;
const OUTPUT_AT: usize = 20;

export function reduce(h: usize): void {
  const outer = load<i32>(h + OUTER);
  const reduced = load<i32>(h + REDUCED);
  const inner = load<i32>(h + INNER);
  const maximum = load<i32>(h + MAXIMUM) != 0;
  const rowBytes = (<usize>inner) << 2;
  let x = <usize>load<i32>(h + INPUT_AT);
  let out = <usize>load<i32>(h + OUTPUT_AT);
  for (let o = 0; o < outer; o++, x += <usize>reduced * rowBytes, out += rowBytes) {
    if (maximum) maxBlock(x, reduced, inner, rowBytes, out);
    else meanBlock(x, reduced, inner, rowBytes, out);
  }
}

/** out[i] = the greatest of x[r·inner + i] over r (-Infinity when none is greater). */
function maxBlock(x: usize, reduced: i32, inner: i32, rowBytes: usize, out: usize): void {
  let i = 0;
  for (; i + 4 <= inner; i += 4) {
    let best = f32x4.splat(-Infinity);
    let p = x + ((<usize>i) << 2);
    for (let r = 0; r < reduced; r++, p += rowBytes) best = f32x4.pmax(best, v128.load(p));
    v128.store(out + ((<usize>i) << 2), best);
  }
  for (; i < inner; i++) {
    let best: f32 = -Infinity;
    let p = x + ((<usize>i) << 2);
    for (let r = 0; r < reduced; r++, p += rowBytes) {
      const value = load<f32>(p);
      if (value > best) best = value;
    }
    store<f32>(out + ((<usize>i) << 2), best);
  }
}

/** out[i] = the double sum of x[r·inner + i] over r, over `reduced`, rounded once. */
function meanBlock(x: usize, reduced: i32, inner: i32, rowBytes: usize, out: usize): void {
  const count = <f64>reduced;
  let i = 0;
  for (; i + 2 <= inner; i += 2) {
    let sum = f64x2.splat(0);
    let p = x + ((<usize>i) << 2);
    for (let r = 0; r < reduced; r++, p += rowBytes) {
      sum = f64x2.add(sum, f64x2.promote_low_f32x4(v128.load64_zero(p)));
    }
    const mean = f32x4.demote_f64x2_zero(f64x2.div(sum, f64x2.splat(count)));
    v128.store64_lane(out + ((<usize>i) << 2), mean, 0);
  }
  for (; i < inner; i++) {
    let sum: f64 = 0;
    let p = x + ((<usize>i) << 2);
    for (let r = 0; r < reduced; r++, p += rowBytes) sum += <f64>load<f32>(p);
    store<f32>(out + ((<usize>i) << 2), <f32>(sum / count));
  }
}
