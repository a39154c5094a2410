// AssemblyScript: the int8 window kernels' input stage (CONV_2D, FULLY_CONNECTED,
// DEPTHWISE_CONV_2D): each int8 input value minus the zero point, as int16, into the padded
// buffer's interior, once per output channel it feeds (MULTIPLIER: 1 but for a depthwise
// convolution with a channel multiplier), so the zeroed borders are the padding.

import * as Fields from './ci-conv-fields';

/** Every input row widened into its place in the padded buffer. */
export function widenInput(p: usize): void {
  const zeroPoint = load<i32>(p, Fields.INPUT_ZERO_POINT);
  const batch = load<i32>(p, Fields.BATCH);
  const height = load<i32>(p, Fields.HEIGHT);
  const values = load<i32>(p, Fields.ROW_VALUES);
  const multiplier = load<i32>(p, Fields.MULTIPLIER);
  const rowPitch = <usize>load<i32>(p, Fields.ROW_PITCH);
  const batchPitch = <usize>load<i32>(p, Fields.BATCH_PITCH);
  let src = <usize>load<i32>(p, Fields.INPUT);
  let batchAt = <usize>load<i32>(p, Fields.WIDEN_AT);
  for (let b = 0; b < batch; b++, batchAt += batchPitch) {
    let dst = batchAt;
    for (let y = 0; y < height; y++, dst += rowPitch, src += <usize>values) {
      if (multiplier == 1) widenRow(src, dst, values, zeroPoint);
      else expandRow(src, dst, values, zeroPoint, multiplier);
    }
  }
}

/** One row, eight values at a time. */
function widenRow(src: usize, dst: usize, values: i32, zeroPoint: i32): void {
  const zeroPoints = i16x8.splat(<i16>zeroPoint);
  let k = 0;
  for (; k + 8 <= values; k += 8) {
    v128.store(dst + ((<usize>k) << 1), i16x8.sub(v128.load8x8_s(src + <usize>k), zeroPoints));
  }
  // The tail value by value: a wider store would overwrite the zeroed right padding.
  for (; k < values; k++) {
    store<i16>(dst + ((<usize>k) << 1), <i16>(<i32>load<i8>(src + <usize>k) - zeroPoint));
  }
}

/** One row, each value repeated `multiplier` times. */
function expandRow(src: usize, dst: usize, values: i32, zeroPoint: i32, multiplier: i32): void {
  for (let k = 0; k < values; k++) {
    const value = <i16>(<i32>load<i8>(src + <usize>k) - zeroPoint);
    for (let m = 0; m < multiplier; m++, dst += 2) store<i16>(dst, value);
  }
}
