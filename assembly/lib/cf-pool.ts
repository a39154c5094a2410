// AssemblyScript: the WebAssembly SIMD twin of src/runtime/kernels/float/pool-2d.ts, exported by
// assembly/conv-float.ts. Windows come from tables the caller writes at creation (first input
// and count per output row and column, padding already cut off), so padded positions never
// count. Max keeps a value only when it is greater (pmax), as the TypeScript kernel does, so
// NaN is skipped and the first of equal zeros stays; averages sum in double in the same order
// and divide once: both equal the TypeScript kernel bit for bit. The fused activation runs in
// TypeScript afterwards.
//
// Header fields (i32, byte offsets) are the contract with src/runtime/wasm/pool-float.ts.

const BATCH: usize = 0;
const IN_H: usize = 4;
const IN_W: usize = 8;
const CHANNELS: usize = 12;
const OUT_H: usize = 16;
const OUT_W: usize = 20;
const AVERAGE: usize = 24;
const INPUT_AT: usize = 28;
const OUTPUT_AT: usize = 32;
/** i32 tables: first input row and row count per output row, likewise per output column. */
const ROW_FIRST_AT: usize = 36;
const ROW_COUNT_AT: usize = 40;
const COL_FIRST_AT: usize = 44;
const COL_COUNT_AT: usize = 48;

export function pool(h: usize): void {
  const batch = load<i32>(h + BATCH);
  const inH = load<i32>(h + IN_H);
  const outH = load<i32>(h + OUT_H);
  const outW = load<i32>(h + OUT_W);
  const channels = load<i32>(h + CHANNELS);
  const average = load<i32>(h + AVERAGE) != 0;
  const rowBytes = inputRowBytes(h);
  const pixelBytes = (<usize>channels) << 2;
  const input = <usize>load<i32>(h + INPUT_AT);
  let out = <usize>load<i32>(h + OUTPUT_AT);
  for (let b = 0; b < batch; b++) {
    for (let oy = 0; oy < outH; oy++) {
      const rows = load<i32>(<usize>load<i32>(h + ROW_COUNT_AT) + ((<usize>oy) << 2));
      const firstRow = load<i32>(<usize>load<i32>(h + ROW_FIRST_AT) + ((<usize>oy) << 2));
      const rowAt = input + <usize>(b * inH + firstRow) * rowBytes;
      for (let ox = 0; ox < outW; ox++, out += pixelBytes) {
        const cols = load<i32>(<usize>load<i32>(h + COL_COUNT_AT) + ((<usize>ox) << 2));
        const firstCol = load<i32>(<usize>load<i32>(h + COL_FIRST_AT) + ((<usize>ox) << 2));
        const at = rowAt + <usize>firstCol * pixelBytes;
        if (average) windowAverage(h, at, rows, cols, out);
        else windowMax(h, at, rows, cols, out);
      }
    }
  }
}

/** Bytes of one float32 input row. */
function inputRowBytes(h: usize): usize {
  return (<usize>(load<i32>(h + IN_W) * load<i32>(h + CHANNELS))) << 2;
}

/** Per channel, the greatest value under the window (-Infinity when none is greater). */
function windowMax(h: usize, at: usize, rows: i32, cols: i32, out: usize): void {
  const channels = load<i32>(h + CHANNELS);
  const rowBytes = inputRowBytes(h);
  const pixelBytes = (<usize>channels) << 2;
  let c = 0;
  for (; c + 4 <= channels; c += 4) {
    let best = f32x4.splat(-Infinity);
    const lane = at + ((<usize>c) << 2);
    for (let i = 0; i < rows; i++) {
      let p = lane + <usize>i * rowBytes;
      for (let j = 0; j < cols; j++, p += pixelBytes) best = f32x4.pmax(best, v128.load(p));
    }
    v128.store(out + ((<usize>c) << 2), best);
  }
  for (; c < channels; c++) {
    let best: f32 = -Infinity;
    const lane = at + ((<usize>c) << 2);
    for (let i = 0; i < rows; i++) {
      let p = lane + <usize>i * rowBytes;
      for (let j = 0; j < cols; j++, p += pixelBytes) {
        const value = load<f32>(p);
        if (value > best) best = value;
      }
    }
    store<f32>(out + ((<usize>c) << 2), best);
  }
}

/** Per channel, the double sum of the window's values over their count, rounded once. */
function windowAverage(h: usize, at: usize, rows: i32, cols: i32, out: usize): void {
  const channels = load<i32>(h + CHANNELS);
  const rowBytes = inputRowBytes(h);
  const pixelBytes = (<usize>channels) << 2;
  const count = <f64>(rows * cols);
  let c = 0;
  for (; c + 2 <= channels; c += 2) {
    let sum = f64x2.splat(0);
    const lane = at + ((<usize>c) << 2);
    for (let i = 0; i < rows; i++) {
      let p = lane + <usize>i * rowBytes;
      for (let j = 0; j < cols; j++, p += pixelBytes)
        sum = f64x2.add(sum, f64x2.promote_low_f32x4(v128.load64_zero(p)));
    }
    v128.store64_lane(
      out + ((<usize>c) << 2),
      f32x4.demote_f64x2_zero(f64x2.div(sum, f64x2.splat(count))),
      0,
    );
  }
  for (; c < channels; c++) {
    let sum: f64 = 0;
    const lane = at + ((<usize>c) << 2);
    for (let i = 0; i < rows; i++) {
      let p = lane + <usize>i * rowBytes;
      for (let j = 0; j < cols; j++, p += pixelBytes) sum += <f64>load<f32>(p);
    }
    store<f32>(out + ((<usize>c) << 2), <f32>(sum / count));
  }
}
