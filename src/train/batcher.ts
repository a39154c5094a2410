import type { WindowSet } from '../data/types.js';

/** One mini-batch, in buffers the Batcher reuses (valid until the next gather). */
export interface Batch {
  x: Float32Array;
  targets: Float32Array | Int32Array;
  /** Class ids of the batch's samples (for accuracy). */
  labels: Int32Array;
  /** Sample weights from class weights, or undefined when all are 1. */
  weights: Float32Array | undefined;
  size: number;
}

/**
 * Copies the samples of a mini-batch, in a given order, into preallocated buffers: the
 * training loop allocates nothing per step.
 */
export class Batcher {
  private readonly sampleSize: number;
  private readonly x: Float32Array;
  private readonly targetBuffer: Float32Array | Int32Array;
  private readonly weightBuffer: Float32Array | undefined;
  private readonly labelBuffer: Int32Array;
  private readonly views = new Map<number, Batch>();

  constructor(
    private readonly data: WindowSet,
    private readonly targets: Float32Array | Int32Array,
    private readonly targetSize: number,
    batchSize: number,
    private readonly sampleWeights?: Float32Array,
  ) {
    this.sampleSize = data.steps * data.channels;
    this.x = new Float32Array(batchSize * this.sampleSize);
    const TargetArray = targets instanceof Int32Array ? Int32Array : Float32Array;
    this.targetBuffer = new TargetArray(batchSize * targetSize);
    this.weightBuffer = sampleWeights ? new Float32Array(batchSize) : undefined;
    this.labelBuffer = new Int32Array(batchSize);
  }

  gather(order: Int32Array, start: number, size: number): Batch {
    const { sampleSize, targetSize, x, targetBuffer, weightBuffer, labelBuffer } = this;
    const source = this.data.x;
    const y = this.data.y;
    for (let i = 0; i < size; i++) {
      const sample = order[start + i];
      x.set(source.subarray(sample * sampleSize, (sample + 1) * sampleSize), i * sampleSize);
      for (let k = 0; k < targetSize; k++)
        targetBuffer[i * targetSize + k] = this.targets[sample * targetSize + k];
      if (weightBuffer && this.sampleWeights) weightBuffer[i] = this.sampleWeights[sample];
      labelBuffer[i] = y[sample];
    }
    return this.view(size);
  }

  /** Exactly-sized views, made once per distinct batch size (the last batch may be smaller). */
  private view(size: number): Batch {
    let batch = this.views.get(size);
    if (!batch) {
      batch = {
        x: this.x.subarray(0, size * this.sampleSize),
        targets: this.targetBuffer.subarray(0, size * this.targetSize),
        labels: this.labelBuffer.subarray(0, size),
        weights: this.weightBuffer?.subarray(0, size),
        size,
      };
      this.views.set(size, batch);
    }
    return batch;
  }
}
