/**
 * Depthwise 1-D convolution, each input channel c convolved with its own depth-multiplier
 * filters: z[b, o, c·M + m] += Σ_tap x[b, o·stride + tap·dilation - padLeft, c]·K[tap, c, m]
 * (K: [kernel, channels, M], Keras's depthwise_kernel layout; z: [batch, outLength, channels·M]).
 */
import type { FloatArray } from '../tensor.js';
import type { ConvWindow } from './im2col.js';

export function depthwiseForward(
  input: FloatArray,
  kernel: FloatArray,
  batch: number,
  channels: number,
  multiplier: number,
  w: ConvWindow,
  z: FloatArray,
): void {
  const width = channels * multiplier;
  for (let b = 0; b < batch; b++) {
    for (let o = 0; o < w.outLength; o++) {
      const out = (b * w.outLength + o) * width;
      for (let tap = 0; tap < w.kernel; tap++) {
        const pos = o * w.stride + tap * w.dilation - w.padLeft;
        if (pos < 0 || pos >= w.inLength) continue;
        const from = (b * w.inLength + pos) * channels;
        const k = tap * width;
        for (let c = 0; c < channels; c++) {
          const x = input[from + c];
          const at = c * multiplier;
          for (let m = 0; m < multiplier; m++) z[out + at + m] += x * kernel[k + at + m];
        }
      }
    }
  }
}

/** kernelGrad += dK; gradInput (zeroed here first) = dX, from gradZ = dLoss/dz. */
export function depthwiseBackward(
  input: FloatArray,
  kernel: FloatArray,
  gradZ: FloatArray,
  batch: number,
  channels: number,
  multiplier: number,
  w: ConvWindow,
  kernelGrad: FloatArray,
  gradInput: FloatArray,
): void {
  const width = channels * multiplier;
  gradInput.fill(0, 0, batch * w.inLength * channels);
  for (let b = 0; b < batch; b++) {
    for (let o = 0; o < w.outLength; o++) {
      const out = (b * w.outLength + o) * width;
      for (let tap = 0; tap < w.kernel; tap++) {
        const pos = o * w.stride + tap * w.dilation - w.padLeft;
        if (pos < 0 || pos >= w.inLength) continue;
        const from = (b * w.inLength + pos) * channels;
        const k = tap * width;
        for (let c = 0; c < channels; c++) {
          const x = input[from + c];
          const at = c * multiplier;
          let dx = 0;
          for (let m = 0; m < multiplier; m++) {
            const g = gradZ[out + at + m];
            kernelGrad[k + at + m] += x * g;
            dx += kernel[k + at + m] * g;
          }
          gradInput[from + c] += dx;
        }
      }
    }
  }
}
