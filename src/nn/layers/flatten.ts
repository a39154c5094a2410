/** Flatten: [steps, channels] -> [steps·channels]. The data is already flat, so it passes through. */
import type { Random } from '../../util/random.js';
import { BaseLayer, type Layer } from '../layer.js';
import type { SpecOf } from '../spec.js';
import { sizeOf, type FloatArray, type Numeric, type Shape } from '../tensor.js';

export class Flatten<A extends FloatArray> extends BaseLayer<A> implements Layer<A> {
  readonly type = 'flatten';

  constructor(spec: SpecOf<'flatten'>, numeric: Numeric<A>) {
    super(spec.name ?? 'flatten', numeric);
  }

  protected setUp(inputShape: Shape, _random: Random): Shape {
    return [sizeOf(inputShape)];
  }

  forward(input: A): A {
    return input;
  }

  backward(gradOutput: A): A {
    return gradOutput;
  }

  config(): SpecOf<'flatten'> {
    return { type: 'flatten', name: this.name };
  }
}
