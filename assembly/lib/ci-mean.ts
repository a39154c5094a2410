// AssemblyScript: int8 MEAN over a contiguous block of axes, bit for bit
// src/runtime/kernels/int8/reduce.ts: the input is [outer, count, inner]; each output (o, i) is
// the int32 sum over the count values, minus count · input zero point (the bias of the output
// stage), through the output stage. Eight outputs at a time; laid out by src/runtime/wasm/mean-int8.ts.

import { QUAD_BYTES, storeEight } from './ci-output-stage';

/** The i32 fields of the parameter block. */
const INPUT: usize = 0;
const OUTER: usize = 4;
const COUNT: usize = 8;
const INNER: usize = 12;
const STAGE: usize = 16;
const OUTPUT: usize = 20;
const OUTPUT_ZERO_POINT: usize = 24;
const MIN: usize = 28;
const MAX: usize = 32;

export function mean(p: usize): void {
  const outer = load<i32>(p, OUTER);
  const count = load<i32>(p, COUNT);
  const inner = load<i32>(p, INNER);
  const stage = <usize>load<i32>(p, STAGE);
  const zeroPoint = load<i32>(p, OUTPUT_ZERO_POINT);
  const low = load<i32>(p, MIN);
  const high = load<i32>(p, MAX);
  let block = <usize>load<i32>(p, INPUT);
  let out = <usize>load<i32>(p, OUTPUT);
  for (let o = 0; o < outer; o++, block += <usize>(count * inner), out += <usize>inner) {
    let quads = stage;
    // A last partial group spills into the next outputs, written after it.
    for (let i = 0; i < inner; i += 8, quads += 2 * QUAD_BYTES) {
      let first = i32x4.splat(0);
      let second = i32x4.splat(0);
      let at = block + <usize>i;
      for (let r = 0; r < count; r++, at += <usize>inner) {
        const values = v128.load8x8_s(at);
        first = i32x4.add(first, i32x4.extend_low_i16x8_s(values));
        second = i32x4.add(second, i32x4.extend_high_i16x8_s(values));
      }
      storeEight(first, second, quads, zeroPoint, low, high, out + <usize>i);
    }
  }
}
