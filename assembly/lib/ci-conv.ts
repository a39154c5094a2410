// AssemblyScript: int8 CONV_2D and FULLY_CONNECTED (a 1 × 1 convolution over rows) as one
// engine, bit for bit the TypeScript kernels' integers (src/runtime/kernels/int8/conv-2d.ts and
// fully-connected.ts). The input is widened to int16 minus its zero point into a buffer whose
// zeroed borders are the padding, so every window is whole; filters are packed in groups of
// eight output channels, two taps interleaved per channel (i32x4.dot_i16x8_s sums them), the
// last group padded with zero filters. The layout is written by src/runtime/wasm/conv-int8.ts;
// ci-pixels.ts walks the pixels.

import { QUAD_BYTES, storeEight } from './ci-output-stage';
import * as Fields from './ci-conv-fields';

/** One pixel's outputs, group by group: the last group's padded channels spill into the next pixel's outputs, written after them. */
export function onePixel(p: usize, window: usize, out: usize): void {
  const groups = load<i32>(p, Fields.GROUPS);
  const segments = load<i32>(p, Fields.SEGMENTS);
  const pairs = load<i32>(p, Fields.PAIRS);
  const offsets = <usize>load<i32>(p, Fields.SEGMENT_OFFSETS);
  let w = <usize>load<i32>(p, Fields.WEIGHTS);
  let quads = <usize>load<i32>(p, Fields.STAGE);
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
export function twoPixels(p: usize, window: usize, out: usize): void {
  const groups = load<i32>(p, Fields.GROUPS);
  const segments = load<i32>(p, Fields.SEGMENTS);
  const pairs = load<i32>(p, Fields.PAIRS);
  const offsets = <usize>load<i32>(p, Fields.SEGMENT_OFFSETS);
  const colStep = <usize>load<i32>(p, Fields.WINDOW_COL_STEP);
  const next = out + <usize>load<i32>(p, Fields.FILTERS);
  let w = <usize>load<i32>(p, Fields.WEIGHTS);
  let quads = <usize>load<i32>(p, Fields.STAGE);
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
    load<i32>(p, Fields.OUTPUT_ZERO_POINT),
    load<i32>(p, Fields.MIN),
    load<i32>(p, Fields.MAX),
    out,
  );
}
