// AssemblyScript: int8 DEPTHWISE_CONV_2D, bit for bit src/runtime/kernels/int8/depthwise-conv-2d.ts.
// The input is widened to int16 minus its zero point into the padded buffer in output-channel
// order (input channel c repeated for its `multiplier` output channels), so each output
// channel multiplies its own lane: eight channels at a time, tap by tap, in 32-bit sums. The
// layout is written by src/runtime/wasm/depthwise-conv-int8.ts; ci-pixels.ts walks the pixels.

import * as Fields from './ci-conv-fields';
import { storeOutputs } from './ci-conv';
import { QUAD_BYTES } from './ci-output-stage';

/** One pixel's outputs, eight channels at a time; `window` is the padded input under its first tap. */
export function depthwisePixel(p: usize, window: usize, out: usize): void {
  const groups = load<i32>(p, Fields.GROUPS);
  const taps = load<i32>(p, Fields.SEGMENTS);
  const offsets = <usize>load<i32>(p, Fields.SEGMENT_OFFSETS);
  let w = <usize>load<i32>(p, Fields.WEIGHTS);
  let quads = <usize>load<i32>(p, Fields.STAGE);
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
