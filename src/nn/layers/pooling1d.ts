/**
 * MaxPooling1D and AveragePooling1D over [steps, channels], per channel, Keras defaults:
 * poolSize 2, strides = poolSize, padding 'valid'. With 'same' padding the padded positions
 * never count (max ignores them, the average divides by the real positions only).
 * GlobalMax/GlobalAveragePooling1D are the same kernels with one window spanning all steps.
 */
import type { Random } from '../../util/random.js';
import {
  averagePool,
  averagePoolBackward,
  maxPool,
  maxPoolBackward,
  type ConvWindow,
} from '../kernels/index.js';
import { BaseLayer, type Layer } from '../layer.js';
import type { SpecOf } from '../spec.js';
import type { FloatArray, Numeric, Shape } from '../tensor.js';
import { windowGeometry } from './window-geometry.js';

type PoolSpec = SpecOf<
  'max_pooling1d' | 'average_pooling1d' | 'global_max_pooling1d' | 'global_average_pooling1d'
>;

export class Pooling1D<A extends FloatArray> extends BaseLayer<A> implements Layer<A> {
  readonly type: PoolSpec['type'];
  private readonly max: boolean;
  private readonly global: boolean;
  private readonly poolSize: number;
  private readonly strides: number;
  private readonly padding: 'valid' | 'same';
  private channels = 0;
  private window!: ConvWindow;
  private output: A;
  private gradInput: A;
  private argmax = new Int32Array(0);

  constructor(spec: PoolSpec, numeric: Numeric<A>) {
    super(spec.name ?? spec.type, numeric);
    this.type = spec.type;
    this.max = spec.type === 'max_pooling1d' || spec.type === 'global_max_pooling1d';
    this.global = spec.type === 'global_max_pooling1d' || spec.type === 'global_average_pooling1d';
    const windowed = spec.type === 'max_pooling1d' || spec.type === 'average_pooling1d' ? spec : undefined;
    this.poolSize = windowed?.poolSize ?? 2;
    this.strides = windowed?.strides ?? this.poolSize;
    this.padding = windowed?.padding ?? 'valid';
    this.output = this.gradInput = numeric.alloc(0);
  }

  protected setUp(inputShape: Shape, _random: Random): Shape {
    const [steps, channels] = this.requireSequence(inputShape);
    this.channels = channels;
    this.window = this.global
      ? windowGeometry(this.name, steps, steps, steps, 1, 'valid')
      : windowGeometry(this.name, steps, this.poolSize, this.strides, 1, this.padding);
    return this.global ? [channels] : [this.window.outLength, channels];
  }

  protected override allocate(batch: number): void {
    const outCount = batch * this.window.outLength * this.channels;
    this.output = this.numeric.alloc(outCount);
    this.gradInput = this.numeric.alloc(batch * this.window.inLength * this.channels);
    if (this.max) this.argmax = new Int32Array(outCount);
  }

  forward(input: A, batch: number): A {
    this.reserve(batch);
    if (this.max) maxPool(input, batch, this.channels, this.window, this.output, this.argmax);
    else averagePool(input, batch, this.channels, this.window, this.output);
    return this.output;
  }

  backward(gradOutput: A, batch: number): A {
    const w = this.window;
    if (this.max) {
      const outCount = batch * w.outLength * this.channels;
      maxPoolBackward(gradOutput, this.argmax, outCount, this.gradInput, batch * w.inLength * this.channels);
    } else {
      averagePoolBackward(gradOutput, batch, this.channels, w, this.gradInput);
    }
    return this.gradInput;
  }

  config(): PoolSpec {
    if (this.type === 'global_max_pooling1d' || this.type === 'global_average_pooling1d') {
      return { type: this.type, name: this.name };
    }
    return {
      type: this.type,
      name: this.name,
      poolSize: this.poolSize,
      strides: this.strides,
      padding: this.padding,
    };
  }
}
