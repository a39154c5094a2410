// AssemblyScript: int8 CONV_2D and FULLY_CONNECTED (a 1 × 1 convolution over rows) as one
// engine, bit for bit the TypeScript kernels' integers (src/runtime/kernels/int8/conv-2d.ts and
// fully-connected.ts). The input is widened to int16 minus its zero point into a buffer whose
// zeroed borders are the padding, so every window is whole; filters are packed in groups of
// eight output channels, two taps interleaved per channel (i32x4.dot_i16x8_s sums them), the
// last group padded with zero filters. The layout is written by src/runtime/wasm/conv-int8.ts.

import { QUAD_BYTES, storeEight } from './ci-output-stage';
import {
  BATCH,
  BATCH_PITCH,
  FILTERS,
  GROUPS,
  HEIGHT,
  INPUT,
  INPUT_ZERO_POINT,
  MAX,
  MIN,
  OUT_COLS,
  OUT_ROWS,
  OUTPUT,
  OUTPUT_ZERO_POINT,
  PADDED,
  PAIRS,
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

/** Each int8 input row, minus the zero point, as int16 into the padded buffer's interior. */
export function widenInput(p: usize): void {
  const zeroPoint = i16x8.splat(<i16>load<i32>(p, INPUT_ZERO_POINT));
  const scalarZeroPoint = load<i32>(p, INPUT_ZERO_POINT);
  const batch = load<i32>(p, BATCH);
  const height = load<i32>(p, HEIGHT);
  const values = load<i32>(p, ROW_VALUES);
  const rowPitch = <usize>load<i32>(p, ROW_PITCH);
  const batchPitch = <usize>load<i32>(p, BATCH_PITCH);
  let src = <usize>load<i32>(p, INPUT);
  let batchAt = <usize>load<i32>(p, WIDEN_AT);
  for (let b = 0; b < batch; b++, batchAt += batchPitch) {
    let dst = batchAt;
    for (let y = 0; y < height; y++, dst += rowPitch, src += <usize>values) {
      let k = 0;
      for (; k + 8 <= values; k += 8) {
        v128.store(dst + ((<usize>k) << 1), i16x8.sub(v128.load8x8_s(src + <usize>k), zeroPoint));
      }
      // The tail value by value: a wider store would overwrite the zeroed right padding.
      for (; k < values; k++) {
        store<i16>(dst + ((<usize>k) << 1), <i16>(<i32>load<i8>(src + <usize>k) - scalarZeroPoint));
      }
    }
  }
}

/** One pixel's outputs, group by group: the last group's padded channels spill into the next pixel's outputs, written after them. */
function onePixel(p: usize, window: usize, out: usize): void {
  const groups = load<i32>(p, GROUPS);
  const segments = load<i32>(p, SEGMENTS);
  const pairs = load<i32>(p, PAIRS);
  const offsets = <usize>load<i32>(p, SEGMENT_OFFSETS);
  let w = <usize>load<i32>(p, WEIGHTS);
  let quads = <usize>load<i32>(p, STAGE);
  for (let g = 0; g < groups; g++, quads += 2 * QUAD_BYTES) {
    let first = i32x4.splat(0);
    let second = i32x4.splat(0);
    for (let s = 0; s < segments; s++) {
      let x = window + <usize>load<i32>(offsets + ((<usize>s) << 2));
      for (let j = 0; j < pairs; j++, x += 4, w += 32) {
        const pair = v128.load32_splat(x);
        first = i32x4.add(first, i32x4.dot_i16x8_s(pair, v128.load(w)));
        second = i32x4.add(second, i32x4.dot_i16x8_s(pair, v128.load(w, 16)));
      }
    }
    storeOutputs(p, first, second, quads, out + ((<usize>g) << 3));
  }
}

/**
 * Two adjacent pixels, each weight load serving both; only when the filters fill whole groups
 * (nothing spills from the first pixel into the second's outputs).
 */
function twoPixels(p: usize, window: usize, out: usize): void {
  const groups = load<i32>(p, GROUPS);
  const segments = load<i32>(p, SEGMENTS);
  const pairs = load<i32>(p, PAIRS);
  const offsets = <usize>load<i32>(p, SEGMENT_OFFSETS);
  const colStep = <usize>load<i32>(p, WINDOW_COL_STEP);
  const next = out + <usize>load<i32>(p, FILTERS);
  let w = <usize>load<i32>(p, WEIGHTS);
  let quads = <usize>load<i32>(p, STAGE);
  for (let g = 0; g < groups; g++, quads += 2 * QUAD_BYTES) {
    let first = i32x4.splat(0);
    let second = i32x4.splat(0);
    let nextFirst = i32x4.splat(0);
    let nextSecond = i32x4.splat(0);
    for (let s = 0; s < segments; s++) {
      let x = window + <usize>load<i32>(offsets + ((<usize>s) << 2));
      for (let j = 0; j < pairs; j++, x += 4, w += 32) {
        const low = v128.load(w);
        const high = v128.load(w, 16);
        const pair = v128.load32_splat(x);
        const nextPair = v128.load32_splat(x + colStep);
        first = i32x4.add(first, i32x4.dot_i16x8_s(pair, low));
        second = i32x4.add(second, i32x4.dot_i16x8_s(pair, high));
        nextFirst = i32x4.add(nextFirst, i32x4.dot_i16x8_s(nextPair, low));
        nextSecond = i32x4.add(nextSecond, i32x4.dot_i16x8_s(nextPair, high));
      }
    }
    storeOutputs(p, first, second, quads, out + ((<usize>g) << 3));
    storeOutputs(p, nextFirst, nextSecond, quads, next + ((<usize>g) << 3));
  }
}

/** A group's eight outputs with the run's zero point and clamp. */
export function storeOutputs(p: usize, first: v128, second: v128, quads: usize, out: usize): void {
  storeEight(
    first,
    second,
    quads,
    load<i32>(p, OUTPUT_ZERO_POINT),
    load<i32>(p, MIN),
    load<i32>(p, MAX),
    out,
  );
}

/** Every output pixel, two at a time where the filters fill whole groups. */
export function conv(p: usize): void {
  widenInput(p);
  const batch = load<i32>(p, BATCH);
  const outRows = load<i32>(p, OUT_ROWS);
  const outCols = load<i32>(p, OUT_COLS);
  const batchPitch = <usize>load<i32>(p, BATCH_PITCH);
  const rowStep = <usize>load<i32>(p, WINDOW_ROW_STEP);
  const colStep = <usize>load<i32>(p, WINDOW_COL_STEP);
  const filters = <usize>load<i32>(p, FILTERS);
  const paired = filters % 8 == 0;
  let out = <usize>load<i32>(p, OUTPUT);
  let batchAt = <usize>load<i32>(p, PADDED);
  for (let b = 0; b < batch; b++, batchAt += batchPitch) {
    let rowAt = batchAt;
    for (let oy = 0; oy < outRows; oy++, rowAt += rowStep) {
      let window = rowAt;
      let ox = 0;
      if (paired) {
        for (; ox + 1 < outCols; ox += 2, window += 2 * colStep, out += 2 * filters)
          twoPixels(p, window, out);
      }
      for (; ox < outCols; ox++, window += colStep, out += filters) onePixel(p, window, out);
    }
  }
}
