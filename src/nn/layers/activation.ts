/** Activation: y = f(x) elementwise (softmax over the last axis), as Keras's Activation layer. */
import type { Random } from '../../util/random.js';
import type { ActivationName } from '../kernels/index.js';
import { BaseLayer, type Layer } from '../layer.js';
import type { SpecOf } from '../spec.js';
import { sizeOf, type FloatArray, type Numeric, type Shape } from '../tensor.js';
import { ActivationStage } from './activation-stage.js';

export class Activation<A extends FloatArray> extends BaseLayer<A> implements Layer<A> {
  readonly type = 'activation';
  private readonly stage: ActivationStage<A>;
  private size = 0;
  private lastAxis = 1;

  constructor(spec: SpecOf<'activation'>, numeric: Numeric<A>) {
    super(spec.name ?? 'activation', numeric);
    this.stage = new ActivationStage(spec.activation, numeric);
  }

  override get finalActivation(): ActivationName {
    return this.stage.kind;
  }

  protected setUp(inputShape: Shape, _random: Random): Shape {
    this.size = sizeOf(inputShape);
    this.lastAxis = inputShape.length > 0 ? inputShape[inputShape.length - 1] : 1;
    return inputShape;
  }

  forward(input: A, batch: number, _training: boolean, logits = false): A {
    return this.stage.forward(input, batch * this.size, this.lastAxis, logits);
  }

  backward(gradOutput: A, batch: number): A {
    return this.stage.backward(gradOutput, batch * this.size, this.lastAxis);
  }

  config(): SpecOf<'activation'> {
    return { type: 'activation', name: this.name, activation: this.stage.kind };
  }
}
