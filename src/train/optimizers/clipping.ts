import { EdgeforgeError } from '../../errors.js';
import type { Param } from '../../nn/param.js';

/** L2 norm of all gradients together, accumulated in doubles. */
export function globalGradientNorm(params: readonly Param[]): number {
  let sumOfSquares = 0;
  for (const { grad } of params) for (let i = 0; i < grad.length; i++) sumOfSquares += grad[i] * grad[i];
  return Math.sqrt(sumOfSquares);
}

/**
 * Rescales every gradient by maxNorm / max(norm, maxNorm), as Keras global_clipnorm
 * (tf.clip_by_global_norm) does, so the direction is kept and the global norm is at
 * most maxNorm. Returns the norm before clipping, for logging.
 */
export function clipByGlobalNorm(params: readonly Param[], maxNorm: number): number {
  const norm = globalGradientNorm(params);
  if (!Number.isFinite(norm)) {
    throw new EdgeforgeError(`the gradient norm is ${norm}: training diverged`, {
      place: 'gradient clipping',
      fix: 'Lower the learning rate, or check the inputs for extreme or missing values',
    });
  }
  if (norm > maxNorm) {
    const scale = maxNorm / norm;
    for (const param of params) {
      const grad = param.grad;
      for (let i = 0; i < grad.length; i++) grad[i] = grad[i] * scale;
    }
  }
  return norm;
}

/** Clamps every gradient value into [-limit, limit] (Keras clipvalue). */
export function clipByValue(params: readonly Param[], limit: number): void {
  for (const param of params) {
    const grad = param.grad;
    for (let i = 0; i < grad.length; i++) grad[i] = Math.min(limit, Math.max(-limit, grad[i]));
  }
}
