/** TFLite's fused activations (and the standalone RELU / RELU6 / TANH ops) as ONNX nodes. */
import type { FusedActivation } from '../../../graph/types.js';
import type { OnnxBuilder } from '../onnx-builder.js';

/** `value` with `activation` applied; Clip takes its bounds as inputs since opset 11. */
export function applyActivation(builder: OnnxBuilder, value: string, activation: FusedActivation): string {
  const clip = (low: number, high: number) =>
    builder.node('Clip', [value, builder.floats([low], []), builder.floats([high], [])], `${value}/clipped`);
  switch (activation) {
    case 'NONE':
      return value;
    case 'RELU':
      return builder.node('Relu', [value], `${value}/relu`);
    case 'RELU6':
      return clip(0, 6);
    case 'RELU_N1_TO_1':
      return clip(-1, 1);
    case 'TANH':
      return builder.node('Tanh', [value], `${value}/tanh`);
  }
}
