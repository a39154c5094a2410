import type { Param } from '../../nn/param.js';
import type { Optimizer, OptimizerOptions } from './optimizer.js';
import { checkSetting } from './setting.js';
import { SlotOptimizer } from './slot-optimizer.js';

export interface AdamOptions extends OptimizerOptions {
  beta1?: number;
  beta2?: number;
  epsilon?: number;
}

/**
 * Adam as Keras computes it: m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2;
 * w -= lr * sqrt(1 - b2^t) / (1 - b1^t) * m / (sqrt(v) + eps), i.e. epsilon is added
 * to the uncorrected sqrt(v) (Keras's "epsilon hat"), unlike PyTorch.
 */
class Adam extends SlotOptimizer {
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly epsilon: number;

  constructor(kind: 'adam' | 'adamw', options: AdamOptions, defaultWeightDecay: number) {
    super(kind, ['m', 'v'], options, { learningRate: 0.001, weightDecay: defaultWeightDecay });
    this.beta1 = checkSetting('optimizer.beta1', options.beta1 ?? 0.9, 'in [0, 1)');
    this.beta2 = checkSetting('optimizer.beta2', options.beta2 ?? 0.999, 'in [0, 1)');
    this.epsilon = checkSetting('optimizer.epsilon', options.epsilon ?? 1e-7, 'a finite number > 0');
  }

  protected update(param: Param, [m, v]: Float32Array[], learningRate: number, iteration: number): void {
    const { beta1, beta2, epsilon } = this;
    const stepSize = (learningRate * Math.sqrt(1 - beta2 ** iteration)) / (1 - beta1 ** iteration);
    const { value, grad } = param;
    for (let i = 0; i < value.length; i++) {
      const g = grad[i];
      const firstMoment = beta1 * m[i] + (1 - beta1) * g;
      const secondMoment = beta2 * v[i] + (1 - beta2) * g * g;
      m[i] = firstMoment;
      v[i] = secondMoment;
      value[i] = value[i] - (stepSize * firstMoment) / (Math.sqrt(secondMoment) + epsilon);
    }
  }
}

/** Adam with Keras defaults: lr 0.001, beta1 0.9, beta2 0.999, epsilon 1e-7, no weight decay. */
export function createAdam(options: AdamOptions = {}): Optimizer {
  return new Adam('adam', options, 0);
}

/** AdamW: Adam plus decoupled weight decay (Keras default 0.004) on params with decay = true. */
export function createAdamW(options: AdamOptions = {}): Optimizer {
  return new Adam('adamw', options, 0.004);
}
