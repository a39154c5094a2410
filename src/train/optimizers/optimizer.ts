import type { Param } from '../../nn/param.js';

export type OptimizerKind = 'adam' | 'adamw' | 'sgd';

/**
 * An optimizer's resumable state, plain JSON: slot arrays (Adam's moments, SGD's
 * velocity) are base64 of their float32 bytes, keyed by param name, then slot name.
 */
export interface OptimizerState {
  kind: OptimizerKind;
  learningRate: number;
  /** Steps taken so far; Adam's bias correction depends on it. */
  iterations: number;
  slots: Record<string, Record<string, string>>;
}

export interface Optimizer {
  readonly kind: OptimizerKind;
  /** Used by `step` when no rate is passed; schedules may set it between epochs. */
  learningRate: number;
  /** Updates every param's value in place from its gradient (gradients may be clipped in place). */
  step(params: Param[], learningRate?: number): void;
  state(): OptimizerState;
  /** Restores a state saved by `state()`; `file` names the checkpoint in errors. */
  loadState(state: unknown, file?: string): void;
}

/** Settings every optimizer takes. */
export interface OptimizerOptions {
  learningRate?: number;
  /** Decoupled weight decay: w -= w * weightDecay * lr before the update, on params with decay = true. */
  weightDecay?: number;
  /** Rescale all gradients together to this global L2 norm at most (Keras global_clipnorm). */
  clipGlobalNorm?: number;
  /** Clamp each gradient value into [-clipValue, clipValue] (Keras clipvalue). */
  clipValue?: number;
}
