// AssemblyScript: int8 DEPTHWISE_CONV_2D, bit for bit src/runtime/kernels/int8/depthwise-conv-2d.ts.
// The input is widened to int16 minus its zero point into the padded buffer in output-channel
// order (input channel c repeated for its `multiplier` output channels), so each output
// channel multiplies its own lane: eight channels at a time, tap by tap, in 32-bit sums. The
// layout is written by src/runtime/wasm/depthwise-conv-int8.ts.

import {
  BATCH,
  BATCH_PITCH,
  FILTERS,
  GROUPS,
  HEIGHT,
  INPUT,
  INPUT_ZERO_POINT,
  MULTIPLIER,
  OUT_COLS,
  OUT_ROWS,
  OUTPUT,
  PADDED,
  ROW_PITCH,
  ROW_VALUES,
  SEGMENT_OFFSETS,
  SEGMENTS,
  STAGE,
  WEIGHTS,
  WIDEN_AT,
  WINDOW_COL_STEP,
  WINDOW_ROW_STEP,
} from './ci-conv-fields';
import { storeOutputs, widenInput } from './ci-conv';
import { QUAD_BYTES } from './ci-output-stage';

/** Each input value minus the zero point, once per output channel it feeds. */
function expandInput(p: usize): void {
  const zeroPoint = load<i32>(p, INPUT_ZERO_POINT);
  const batch = load<i32>(p, BATCH);
  const height = load<i32>(p, HEIGHT);
  const values = load<i32>(p, ROW_VALUES);
  const multiplier = load<i32>(p, MULTIPLIER);
  const rowPitch = <usize>load<i32>(p, ROW_PITCH);
  const batchPitch = <usize>load<i32>(p, BATCH_PITCH);
  let src = <usize>load<i32>(p, INPUT);
  let batchAt = <usize>load<i32>(p, WIDEN_AT);
  for (let b = 0; b < batch; b++, batchAt += batchPitch) {
    let rowAt = batchAt;
    for (let y = 0; y < height; y++, rowAt += rowPitch) {
      let dst = rowAt;
      for (let k = 0; k < values; k++, src++) {
        const value = <i16>(<i32>load<i8>(src) - zeroPoint);
        for (let m = 0; m < multiplier; m++, dst += 2) store<i16>(dst, value);
      }
    }
  }
}

export function depthwise(p: usize): void {
  if (load<i32>(p, MULTIPLIER) == 1) widenInput(p);
  else expandInput(p);
  const batch = load<i32>(p, BATCH);
  const outRows = load<i32>(p, OUT_ROWS);
  const outCols = load<i32>(p, OUT_COLS);
  const batchPitch = <usize>load<i32>(p, BATCH_PITCH);
  const rowStep = <usize>load<i32>(p, WINDOW_ROW_STEP);
  const colStep = <usize>load<i32>(p, WINDOW_COL_STEP);
  const filters = <usize>load<i32>(p, FILTERS);
  const groups = load<i32>(p, GROUPS);
  const taps = load<i32>(p, SEGMENTS);
  const offsets = <usize>load<i32>(p, SEGMENT_OFFSETS);
  const weights = <usize>load<i32>(p, WEIGHTS);
  const stage = <usize>load<i32>(p, STAGE);
  let out = <usize>load<i32>(p, OUTPUT);
  let batchAt = <usize>load<i32>(p, PADDED);
  for (let b = 0; b < batch; b++, batchAt += batchPitch) {
    let rowAt = batchAt;
    for (let oy = 0; oy < outRows; oy++, rowAt += rowStep) {
      let window = rowAt;
      for (let ox = 0; ox < outCols; ox++, window += colStep, out += filters) {
        let w = weights;
        let quads = stage;
        // Groups in order: the last one's padded channels (zero weights over the next pixel's
        // values) spill into the next pixel's outputs, which are written after them.
        for (let g = 0; g < groups; g++, quads += 2 * QUAD_BYTES) {
          let first = i32x4.splat(0);
          let second = i32x4.splat(0);
          const lanes = window + ((<usize>g) << 4);
          for (let t = 0; t < taps; t++, w += 16) {
            const x = v128.load(lanes + <usize>load<i32>(offsets + ((<usize>t) << 2)));
            const f = v128.load(w);
            first = i32x4.add(first, i32x4.extmul_low_i16x8_s(x, f));
            second = i32x4.add(second, i32x4.extmul_high_i16x8_s(x, f));
          }
          storeOutputs(p, first, second, quads, out + ((<usize>g) << 3));
        }
      }
    }
  }
}
