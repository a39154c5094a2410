/**
 * Where a sliding window (convolution or pooling) lands, by Keras's rules:
 *   span = (kernel - 1)·dilation + 1
 *   valid:  out = floor((L - span) / stride) + 1, no padding
 *   same:   out = ceil(L / stride), pad_total = max((out - 1)·stride + span - L, 0),
 *           left = floor(pad_total / 2) (the extra one goes right)
 *   causal: left = span - 1, out = ceil(L / stride)
 */
import { EdgeforgeError } from '../../errors.js';
import type { ConvWindow } from '../kernels/index.js';

export type Padding = 'valid' | 'same' | 'causal';

export function windowGeometry(
  layerName: string,
  inLength: number,
  kernel: number,
  stride: number,
  dilation: number,
  padding: Padding,
): ConvWindow {
  const span = (kernel - 1) * dilation + 1;
  let outLength: number;
  let padLeft = 0;
  if (padding === 'valid') {
    outLength = inLength >= span ? Math.floor((inLength - span) / stride) + 1 : 0;
  } else {
    outLength = Math.ceil(inLength / stride);
    padLeft =
      padding === 'causal'
        ? span - 1
        : Math.floor(Math.max((outLength - 1) * stride + span - inLength, 0) / 2);
  }
  if (outLength <= 0) {
    throw new EdgeforgeError(
      `a window spanning ${span} steps does not fit in ${inLength} steps with 'valid' padding`,
      {
        place: `layer '${layerName}'`,
        fix: "use padding 'same', a smaller kernel or dilation, or longer windows",
      },
    );
  }
  return { inLength, outLength, kernel, stride, dilation, padLeft };
}
