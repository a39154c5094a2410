// AssemblyScript: int8 MAX_POOL_2D, bit for bit src/runtime/kernels/int8/pool-2d.ts. The input
// sits in a buffer whose borders hold -128 (the maximum's starting value, so padding changes
// nothing) and every window is whole; sixteen channels at a time. The layout is written by
// src/runtime/wasm/pool-int8.ts.

/** The i32 fields of the parameter block. */
const INPUT: usize = 0;
const BATCH: usize = 4;
const HEIGHT: usize = 8;
const ROW_BYTES: usize = 12;
const COPY_AT: usize = 16;
const ROW_PITCH: usize = 20;
const BATCH_PITCH: usize = 24;
const OUT_ROWS: usize = 28;
const OUT_COLS: usize = 32;
const WINDOW_ROW_STEP: usize = 36;
const WINDOW_COL_STEP: usize = 40;
const KERNEL_ROWS: usize = 44;
const KERNEL_COLS: usize = 48;
const CHANNELS: usize = 52;
const OUTPUT: usize = 56;
const MIN: usize = 60;
const MAX: usize = 64;
const PADDED: usize = 68;

/** The input's rows into the padded buffer's interior, unless the input was written there. */
function placeInput(p: usize): void {
  let src = <usize>load<i32>(p, INPUT);
  let batchAt = <usize>load<i32>(p, COPY_AT);
  if (src == batchAt) return;
  const batch = load<i32>(p, BATCH);
  const height = load<i32>(p, HEIGHT);
  const rowBytes = <usize>load<i32>(p, ROW_BYTES);
  const rowPitch = <usize>load<i32>(p, ROW_PITCH);
  const batchPitch = <usize>load<i32>(p, BATCH_PITCH);
  for (let b = 0; b < batch; b++, batchAt += batchPitch) {
    let dst = batchAt;
    for (let y = 0; y < height; y++, dst += rowPitch, src += rowBytes) memory.copy(dst, src, rowBytes);
  }
}

export function maxPool(p: usize): void {
  placeInput(p);
  const batch = load<i32>(p, BATCH);
  const batchPitch = <usize>load<i32>(p, BATCH_PITCH);
  const rowPitch = <usize>load<i32>(p, ROW_PITCH);
  const outRows = load<i32>(p, OUT_ROWS);
  const outCols = load<i32>(p, OUT_COLS);
  const rowStep = <usize>load<i32>(p, WINDOW_ROW_STEP);
  const colStep = <usize>load<i32>(p, WINDOW_COL_STEP);
  const kernelRows = load<i32>(p, KERNEL_ROWS);
  const kernelCols = load<i32>(p, KERNEL_COLS);
  const channels = load<i32>(p, CHANNELS);
  const low = i8x16.splat(<i8>load<i32>(p, MIN));
  const high = i8x16.splat(<i8>load<i32>(p, MAX));
  let out = <usize>load<i32>(p, OUTPUT);
  let batchAt = <usize>load<i32>(p, PADDED);
  for (let b = 0; b < batch; b++, batchAt += batchPitch) {
    let rowAt = batchAt;
    for (let oy = 0; oy < outRows; oy++, rowAt += rowStep) {
      let window = rowAt;
      for (let ox = 0; ox < outCols; ox++, window += colStep, out += <usize>channels) {
        // Sixteen channels at a time: a last partial block spills into the next pixel's
        // outputs, written after it (the output area has slack at its end).
        for (let c = 0; c < channels; c += 16) {
          let best = i8x16.splat(-128);
          let tapRow = window + <usize>c;
          for (let ky = 0; ky < kernelRows; ky++, tapRow += rowPitch) {
            let tap = tapRow;
            for (let kx = 0; kx < kernelCols; kx++, tap += <usize>channels)
              best = i8x16.max_s(best, v128.load(tap));
          }
          v128.store(out + <usize>c, i8x16.min_s(i8x16.max_s(best, low), high));
        }
      }
    }
  }
}
