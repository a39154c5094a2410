// AssemblyScript: the entries of the int8 convolutions (CONV_2D with FULLY_CONNECTED, and
// DEPTHWISE_CONV_2D): the input widened into the padded buffer, then every output pixel in
// order, its window stepping through the padded buffer.

import * as Fields from './ci-conv-fields';
import { onePixel, twoPixels } from './ci-conv';
import { depthwisePixel } from './ci-depthwise';
import { widenInput } from './ci-widen';

export function conv(p: usize): void {
  eachPixel(p, false);
}

export function depthwise(p: usize): void {
  eachPixel(p, true);
}

/** Every output pixel; a convolution's two at a time where its filters fill whole groups. */
function eachPixel(p: usize, depthwise: bool): void {
  widenInput(p);
  const batch = load<i32>(p, Fields.BATCH);
  const outRows = load<i32>(p, Fields.OUT_ROWS);
  const outCols = load<i32>(p, Fields.OUT_COLS);
  const batchPitch = <usize>load<i32>(p, Fields.BATCH_PITCH);
  const rowStep = <usize>load<i32>(p, Fields.WINDOW_ROW_STEP);
  const colStep = <usize>load<i32>(p, Fields.WINDOW_COL_STEP);
  const filters = <usize>load<i32>(p, Fields.FILTERS);
  const paired = !depthwise && filters % 8 == 0;
  let out = <usize>load<i32>(p, Fields.OUTPUT);
  let batchAt = <usize>load<i32>(p, Fields.PADDED);
  for (let b = 0; b < batch; b++, batchAt += batchPitch) {
    let rowAt = batchAt;
    for (let oy = 0; oy < outRows; oy++, rowAt += rowStep) {
      let window = rowAt;
      let ox = 0;
      if (paired) {
        for (; ox + 1 < outCols; ox += 2, window += 2 * colStep, out += 2 * filters)
          twoPixels(p, window, out);
      }
      for (; ox < outCols; ox++, window += colStep, out += filters) {
        if (depthwise) depthwisePixel(p, window, out);
        else onePixel(p, window, out);
      }
    }
  }
}
