/**
 * Inverted dropout: in training each value is kept with probability 1 - rate and scaled by
 * 1 / (1 - rate), so inference is the identity. Masks come from a seeded Random (the spec's
 * seed, else one forked from the model's), so a seed fixes every mask.
 */
import { Random } from '../../util/random.js';
import { BaseLayer, type Layer } from '../layer.js';
import type { SpecOf } from '../spec.js';
import { sizeOf, type FloatArray, type Numeric, type Shape } from '../tensor.js';

export class Dropout<A extends FloatArray> extends BaseLayer<A> implements Layer<A> {
  readonly type = 'dropout';
  private readonly rate: number;
  private readonly seed: number | undefined;
  private random: Random;
  private size = 0;
  /** 0 or 1 / (1 - rate) per value of the last training forward. */
  private mask: A;
  private output: A;
  private gradInput: A;
  private masked = false;
  private maskFixed = false;

  constructor(spec: SpecOf<'dropout'>, numeric: Numeric<A>) {
    super(spec.name ?? 'dropout', numeric);
    this.rate = spec.rate;
    this.seed = spec.seed;
    this.random = new Random(spec.seed ?? 0);
    this.mask = this.output = this.gradInput = numeric.alloc(0);
  }

  protected setUp(inputShape: Shape, random: Random): Shape {
    this.size = sizeOf(inputShape);
    this.random = this.seed === undefined ? random.fork() : new Random(this.seed);
    return inputShape;
  }

  /** The trainer reseeds every epoch, so a resumed run draws the same masks as an uninterrupted one. */
  reseed(seed: number): void {
    this.random = new Random(seed);
  }

  /**
   * Keeps the current mask for the following training passes instead of drawing new ones
   * (finite-difference gradient checks need the same function on every evaluation).
   */
  fixMask(fixed: boolean): void {
    this.maskFixed = fixed;
  }

  protected override allocate(batch: number): void {
    const length = batch * this.size;
    this.mask = this.numeric.alloc(length);
    this.output = this.numeric.alloc(length);
    this.gradInput = this.numeric.alloc(length);
  }

  forward(input: A, batch: number, training: boolean): A {
    this.masked = training && this.rate > 0;
    if (!this.masked) return input;
    this.reserve(batch);
    const length = batch * this.size;
    const mask = this.mask;
    if (!this.maskFixed) {
      const keep = 1 - this.rate;
      const scale = 1 / keep;
      for (let i = 0; i < length; i++) mask[i] = this.random.next() < keep ? scale : 0;
    }
    const output = this.output;
    for (let i = 0; i < length; i++) output[i] = input[i] * mask[i];
    return output;
  }

  backward(gradOutput: A, batch: number): A {
    if (!this.masked) return gradOutput;
    const length = batch * this.size;
    const mask = this.mask;
    const gradInput = this.gradInput;
    for (let i = 0; i < length; i++) gradInput[i] = gradOutput[i] * mask[i];
    return gradInput;
  }

  config(): SpecOf<'dropout'> {
    return this.seed === undefined
      ? { type: 'dropout', name: this.name, rate: this.rate }
      : { type: 'dropout', name: this.name, rate: this.rate, seed: this.seed };
  }
}
