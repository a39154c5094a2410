import type { Param } from '../../nn/param.js';
import type { Optimizer, OptimizerOptions } from './optimizer.js';
import { checkSetting } from './setting.js';
import { SlotOptimizer } from './slot-optimizer.js';

export interface SgdOptions extends OptimizerOptions {
  momentum?: number;
  nesterov?: boolean;
}

/**
 * SGD as Keras computes it: v = momentum * v - lr * g, then w += v, or with Nesterov
 * w += momentum * v - lr * g. Without momentum there is no velocity: w -= lr * g.
 */
class Sgd extends SlotOptimizer {
  constructor(
    options: SgdOptions,
    private readonly momentum: number,
    private readonly nesterov: boolean,
  ) {
    super('sgd', momentum > 0 ? ['velocity'] : [], options, { learningRate: 0.01, weightDecay: 0 });
  }

  protected update(param: Param, [velocity]: Float32Array[], learningRate: number): void {
    const { value, grad } = param;
    if (velocity === undefined) {
      for (let i = 0; i < value.length; i++) value[i] = value[i] - learningRate * grad[i];
      return;
    }
    const { momentum, nesterov } = this;
    for (let i = 0; i < value.length; i++) {
      const step = momentum * velocity[i] - learningRate * grad[i];
      velocity[i] = step;
      value[i] = value[i] + (nesterov ? momentum * step - learningRate * grad[i] : step);
    }
  }
}

/** SGD with Keras defaults: lr 0.01, momentum 0, no Nesterov. */
export function createSgd(options: SgdOptions = {}): Optimizer {
  const momentum = checkSetting('optimizer.momentum', options.momentum ?? 0, 'in [0, 1]');
  return new Sgd(options, momentum, options.nesterov ?? false);
}
