/**
 * Activations as TFLite places them: relu, relu6 and tanh fuse into the op before them
 * when it can take one (FULLY_CONNECTED, CONV_2D, DEPTHWISE_CONV_2D, pools, ADD) and has
 * none yet, otherwise they become RELU/RELU6/TANH ops; sigmoid is always a LOGISTIC op
 * and softmax a SOFTMAX op (beta 1) over the last axis.
 */
import type { ActivationName } from '../../nn/kernels/index.js';
import type { LoweringContext } from './context.js';

const FUSED = { relu: 'RELU', relu6: 'RELU6', tanh: 'TANH' } as const;

/** Whether the activation needs an op of its own after the layer's main op. */
export function needsOwnOp(activation: ActivationName): boolean {
  return activation === 'sigmoid' || activation === 'softmax';
}

/** The name of a layer's main op output: '<layer>/output' unless an activation op follows. */
export function mainOutputName(layer: string, activation: ActivationName): string {
  return needsOwnOp(activation) ? `${layer}/linear` : `${layer}/output`;
}

/** Applies `activation` to the current value; `name` names the output when an op is added. */
export function applyActivation(context: LoweringContext, activation: ActivationName, name: string): void {
  const input = context.current;
  switch (activation) {
    case 'linear':
      return;
    case 'relu':
    case 'relu6':
    case 'tanh':
      if (!context.tryFuse(FUSED[activation]))
        context.emit({ type: FUSED[activation], inputs: [input], options: {} }, name);
      return;
    case 'sigmoid':
      context.emit({ type: 'LOGISTIC', inputs: [input], options: {} }, name);
      return;
    case 'softmax':
      context.emit({ type: 'SOFTMAX', inputs: [input], options: { beta: 1 } }, name);
      return;
  }
}
