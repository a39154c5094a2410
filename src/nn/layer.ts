/**
 * The contract every layer keeps, and the small base class most of them share.
 *
 * A layer is built once for an input shape (batch excluded), then runs forward/backward
 * pairs: forward returns a buffer the layer owns (reused; reallocated only when the batch
 * grows), backward differentiates the most recent forward, adds parameter gradients into
 * Weight.grad (+=, so the trainer zeroes them once per step) and returns dLoss/dInput in
 * another owned buffer. Inputs are borrowed: a layer never writes into them and reads them
 * again in backward, so the caller keeps them unchanged until backward returns.
 */
import { EdgeforgeError } from '../errors.js';
import type { Random } from '../util/random.js';
import type { ActivationName } from './kernels/index.js';
import type { LayerSpec, LayerType } from './spec.js';
import type { FloatArray, Numeric, Shape, StateTensor, Weight } from './tensor.js';

export interface Layer<A extends FloatArray = Float32Array> {
  readonly type: LayerType;
  readonly name: string;
  /**
   * The activation forward applies last ('linear' when none). forward(..., logits = true)
   * returns the values before it, and the following backward then takes dLoss/dLogits.
   */
  readonly finalActivation: ActivationName;
  /** Creates and initialises the weights for this input shape; returns the output shape. */
  build(inputShape: Shape, random: Random): Shape;
  params(): Weight<A>[];
  /** Non-trainable state saved with the weights (BatchNorm's moving statistics). */
  states(): StateTensor<A>[];
  forward(input: A, batch: number, training: boolean, logits?: boolean): A;
  backward(gradOutput: A, batch: number): A;
  /** Layers that draw random numbers in training (Dropout) restart their stream from this seed. */
  reseed?(seed: number): void;
  /** The spec with every default filled in: createLayer(config()) rebuilds this layer. */
  config(): LayerSpec;
}

export abstract class BaseLayer<A extends FloatArray> {
  /** Largest batch the buffers hold so far. */
  protected capacity = 0;

  protected constructor(
    readonly name: string,
    protected readonly numeric: Numeric<A>,
  ) {}

  /** Sizes the weights for this input shape; buffers are re-sized on the next forward. */
  build(inputShape: Shape, random: Random): Shape {
    this.capacity = 0;
    return this.setUp(inputShape, random);
  }

  /** Creates and initialises the weights; returns the output shape. */
  protected abstract setUp(inputShape: Shape, random: Random): Shape;

  get finalActivation(): ActivationName {
    return 'linear';
  }

  params(): Weight<A>[] {
    return [];
  }

  states(): StateTensor<A>[] {
    return [];
  }

  /** Grows the buffers when a batch is larger than any before (reallocate happens rarely). */
  protected reserve(batch: number): void {
    if (batch <= this.capacity) return;
    this.capacity = batch;
    this.allocate(batch);
  }

  /** Sizes the layer's buffers for `batch` samples; layers without buffers keep this no-op. */
  protected allocate(_batch: number): void {}

  protected shapeError(expected: string, inputShape: Shape, fix: string): EdgeforgeError {
    return new EdgeforgeError(`expects input of shape ${expected}, got [${inputShape.join(', ')}]`, {
      place: `layer '${this.name}'`,
      fix,
    });
  }

  /** [steps, channels] inputs for sequence layers. */
  protected requireSequence(inputShape: Shape): [number, number] {
    if (inputShape.length !== 2 || !inputShape.every((dim) => Number.isInteger(dim) && dim > 0)) {
      throw this.shapeError('[steps, channels]', inputShape, 'feed it windows of shape [steps, channels]');
    }
    return [inputShape[0], inputShape[1]];
  }
}
