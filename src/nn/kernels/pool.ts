/**
 * 1-D pooling over windows of a [batch, length, channels] input, per channel. Padding never
 * takes part: max ignores padded positions, the average divides by the count of real ones
 * (as TensorFlow's 'same' pooling does).
 */
import type { FloatArray } from '../tensor.js';
import type { ConvWindow } from './im2col.js';

/** out[b, o, c] = max of the window; argmax keeps the winning input index for backward. */
export function maxPool(
  input: FloatArray,
  batch: number,
  channels: number,
  w: ConvWindow,
  out: FloatArray,
  argmax: Int32Array,
): void {
  for (let b = 0; b < batch; b++) {
    for (let o = 0; o < w.outLength; o++) {
      const to = (b * w.outLength + o) * channels;
      const first = windowFirst(w, o);
      const last = windowLast(w, o);
      for (let c = 0; c < channels; c++) {
        let best = (b * w.inLength + first) * channels + c;
        for (let pos = first + 1; pos <= last; pos++) {
          const at = (b * w.inLength + pos) * channels + c;
          if (input[at] > input[best]) best = at;
        }
        out[to + c] = input[best];
        argmax[to + c] = best;
      }
    }
  }
}

/** gradInput (zeroed here first) gets each output's gradient at its argmax. */
export function maxPoolBackward(
  gradOut: FloatArray,
  argmax: Int32Array,
  outCount: number,
  gradInput: FloatArray,
  inCount: number,
): void {
  gradInput.fill(0, 0, inCount);
  for (let i = 0; i < outCount; i++) gradInput[argmax[i]] += gradOut[i];
}

export function averagePool(
  input: FloatArray,
  batch: number,
  channels: number,
  w: ConvWindow,
  out: FloatArray,
): void {
  for (let b = 0; b < batch; b++) {
    for (let o = 0; o < w.outLength; o++) {
      const to = (b * w.outLength + o) * channels;
      const first = windowFirst(w, o);
      const last = windowLast(w, o);
      const scale = 1 / (last - first + 1);
      for (let c = 0; c < channels; c++) {
        let sum = 0;
        for (let pos = first; pos <= last; pos++) sum += input[(b * w.inLength + pos) * channels + c];
        out[to + c] = sum * scale;
      }
    }
  }
}

/** gradInput (zeroed here first) gets each output's gradient spread evenly over its window. */
export function averagePoolBackward(
  gradOut: FloatArray,
  batch: number,
  channels: number,
  w: ConvWindow,
  gradInput: FloatArray,
): void {
  gradInput.fill(0, 0, batch * w.inLength * channels);
  for (let b = 0; b < batch; b++) {
    for (let o = 0; o < w.outLength; o++) {
      const from = (b * w.outLength + o) * channels;
      const first = windowFirst(w, o);
      const last = windowLast(w, o);
      const scale = 1 / (last - first + 1);
      for (let pos = first; pos <= last; pos++) {
        const to = (b * w.inLength + pos) * channels;
        for (let c = 0; c < channels; c++) gradInput[to + c] += gradOut[from + c] * scale;
      }
    }
  }
}

/** First real input position under output o's window (pools have dilation 1). */
function windowFirst(w: ConvWindow, o: number): number {
  return Math.max(o * w.stride - w.padLeft, 0);
}

/** Last real input position under output o's window. */
function windowLast(w: ConvWindow, o: number): number {
  return Math.min(o * w.stride - w.padLeft + w.kernel - 1, w.inLength - 1);
}
