/**
 * Convolution as a matrix product: im2col gathers each output position's receptive field
 * into a row ([batch·outLength, kernel·channels], Keras kernel order: tap-major, then
 * channel), padding with zeros; col2im scatters the rows' gradients back and adds them up.
 */
import type { FloatArray } from '../tensor.js';

export interface ConvWindow {
  inLength: number;
  outLength: number;
  kernel: number;
  stride: number;
  dilation: number;
  padLeft: number;
}

export function im2col(
  input: FloatArray,
  batch: number,
  channels: number,
  w: ConvWindow,
  cols: FloatArray,
): void {
  const rowWidth = w.kernel * channels;
  for (let b = 0; b < batch; b++) {
    for (let o = 0; o < w.outLength; o++) {
      const row = (b * w.outLength + o) * rowWidth;
      for (let tap = 0; tap < w.kernel; tap++) {
        const pos = o * w.stride + tap * w.dilation - w.padLeft;
        const to = row + tap * channels;
        if (pos < 0 || pos >= w.inLength) {
          for (let c = 0; c < channels; c++) cols[to + c] = 0;
        } else {
          const from = (b * w.inLength + pos) * channels;
          for (let c = 0; c < channels; c++) cols[to + c] = input[from + c];
        }
      }
    }
  }
}

/** gradInput (zeroed here first) = the scatter-add of the column gradients. */
export function col2im(
  cols: FloatArray,
  batch: number,
  channels: number,
  w: ConvWindow,
  gradInput: FloatArray,
): void {
  const rowWidth = w.kernel * channels;
  gradInput.fill(0, 0, batch * w.inLength * channels);
  for (let b = 0; b < batch; b++) {
    for (let o = 0; o < w.outLength; o++) {
      const row = (b * w.outLength + o) * rowWidth;
      for (let tap = 0; tap < w.kernel; tap++) {
        const pos = o * w.stride + tap * w.dilation - w.padLeft;
        if (pos < 0 || pos >= w.inLength) continue;
        const from = row + tap * channels;
        const to = (b * w.inLength + pos) * channels;
        for (let c = 0; c < channels; c++) gradInput[to + c] += cols[from + c];
      }
    }
  }
}
