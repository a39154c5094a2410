/**
 * A trainable tensor: the layers own its value and accumulate its gradient; optimizers
 * read both and update the value in place. One flat Float32Array each, same length.
 */
export interface Param {
  /** Stable name inside the model, e.g. "lstm_1/recurrent_kernel"; checkpoints key on it. */
  name: string;
  shape: number[];
  value: Float32Array;
  grad: Float32Array;
  /** False for biases, BatchNorm scale/offset and the like: weight decay skips them. */
  decay: boolean;
}
