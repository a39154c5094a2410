/**
 * BatchNormalization over the last axis, Keras defaults (momentum 0.99, epsilon 1e-3,
 * center and scale on). Training normalises with the batch's statistics over all other axes
 * (biased variance) and moves the stored ones:
 *   x̂ = (x - mean) / sqrt(var + eps)   y = gamma·x̂ + beta
 *   moving_mean = momentum·moving_mean + (1 - momentum)·mean   (same for moving_variance)
 * Inference uses moving_mean / moving_variance. moving_* are state, not trainable params.
 */
import type { Random } from '../../util/random.js';
import { BaseLayer, type Layer } from '../layer.js';
import type { SpecOf } from '../spec.js';
import {
  createWeight,
  sizeOf,
  type FloatArray,
  type Numeric,
  type Shape,
  type StateTensor,
  type Weight,
} from '../tensor.js';

export class BatchNormalization<A extends FloatArray> extends BaseLayer<A> implements Layer<A> {
  readonly type = 'batch_normalization';
  private readonly momentum: number;
  private readonly epsilon: number;
  private readonly center: boolean;
  private readonly scale: boolean;
  private channels = 0;
  private rowsPerSample = 1;
  private gamma: Weight<A> | undefined;
  private beta: Weight<A> | undefined;
  private movingMean!: StateTensor<A>;
  private movingVariance!: StateTensor<A>;
  /** Per channel, of the last forward: the mean used and 1 / sqrt(variance + eps). */
  private mean = new Float64Array(0);
  private inverseStd = new Float64Array(0);
  private sums = new Float64Array(0);
  private products = new Float64Array(0);
  private normalized: A;
  private output: A;
  private gradInput: A;
  private usedBatchStatistics = false;

  constructor(spec: SpecOf<'batch_normalization'>, numeric: Numeric<A>) {
    super(spec.name ?? 'batch_normalization', numeric);
    this.momentum = spec.momentum ?? 0.99;
    this.epsilon = spec.epsilon ?? 1e-3;
    this.center = spec.center ?? true;
    this.scale = spec.scale ?? true;
    this.normalized = this.output = this.gradInput = numeric.alloc(0);
  }

  protected setUp(inputShape: Shape, _random: Random): Shape {
    if (inputShape.length === 0)
      throw this.shapeError('[..., channels]', inputShape, 'give it at least one axis');
    const channels = inputShape[inputShape.length - 1];
    this.channels = channels;
    this.rowsPerSample = sizeOf(inputShape) / channels;
    if (this.scale) {
      this.gamma = createWeight(this.numeric, this.name, 'gamma', [channels], false);
      this.gamma.value.fill(1);
    }
    if (this.center) this.beta = createWeight(this.numeric, this.name, 'beta', [channels], false);
    const state = (kind: string, initial: number): StateTensor<A> => {
      const value = this.numeric.alloc(channels);
      value.fill(initial);
      return { name: `${this.name}/${kind}`, shape: [channels], value };
    };
    this.movingMean = state('moving_mean', 0);
    this.movingVariance = state('moving_variance', 1);
    this.mean = new Float64Array(channels);
    this.inverseStd = new Float64Array(channels);
    this.sums = new Float64Array(channels);
    this.products = new Float64Array(channels);
    return inputShape;
  }

  override params(): Weight<A>[] {
    return [this.gamma, this.beta].filter((weight): weight is Weight<A> => weight !== undefined);
  }

  override states(): StateTensor<A>[] {
    return [this.movingMean, this.movingVariance];
  }

  protected override allocate(batch: number): void {
    const length = batch * this.rowsPerSample * this.channels;
    this.normalized = this.numeric.alloc(length);
    this.output = this.numeric.alloc(length);
    this.gradInput = this.numeric.alloc(length);
  }

  forward(input: A, batch: number, training: boolean): A {
    this.reserve(batch);
    const rows = batch * this.rowsPerSample;
    const channels = this.channels;
    const { mean, inverseStd } = this;
    this.usedBatchStatistics = training;
    if (training) this.measureBatch(input, rows);
    else {
      for (let c = 0; c < channels; c++) {
        mean[c] = this.movingMean.value[c];
        inverseStd[c] = 1 / Math.sqrt(this.movingVariance.value[c] + this.epsilon);
      }
    }
    const normalized = this.normalized;
    const output = this.output;
    const gamma = this.gamma?.value;
    const beta = this.beta?.value;
    for (let r = 0; r < rows; r++) {
      const row = r * channels;
      for (let c = 0; c < channels; c++) {
        const xHat = (input[row + c] - mean[c]) * inverseStd[c];
        normalized[row + c] = xHat;
        output[row + c] = (gamma ? gamma[c] * xHat : xHat) + (beta ? beta[c] : 0);
      }
    }
    return output;
  }

  /** Batch mean and biased variance per channel; moves the stored statistics. */
  private measureBatch(input: A, rows: number): void {
    const channels = this.channels;
    const { mean, inverseStd, sums, products } = this;
    sums.fill(0);
    products.fill(0);
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < channels; c++) sums[c] += input[r * channels + c];
    }
    for (let c = 0; c < channels; c++) mean[c] = sums[c] / rows;
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < channels; c++) {
        const d = input[r * channels + c] - mean[c];
        products[c] += d * d;
      }
    }
    const keep = this.momentum;
    for (let c = 0; c < channels; c++) {
      const variance = products[c] / rows;
      inverseStd[c] = 1 / Math.sqrt(variance + this.epsilon);
      this.movingMean.value[c] = keep * this.movingMean.value[c] + (1 - keep) * mean[c];
      this.movingVariance.value[c] = keep * this.movingVariance.value[c] + (1 - keep) * variance;
    }
  }

  /**
   * With batch statistics: dx = gamma·invStd/N·(N·dy - Σdy - x̂·Σ(dy·x̂)); with the moving
   * ones the statistics are constants: dx = gamma·invStd·dy. dGamma = Σ dy·x̂, dBeta = Σ dy.
   */
  backward(gradOutput: A, batch: number): A {
    const rows = batch * this.rowsPerSample;
    const channels = this.channels;
    const { inverseStd, sums, products, normalized, gradInput } = this;
    sums.fill(0);
    products.fill(0);
    for (let r = 0; r < rows; r++) {
      const row = r * channels;
      for (let c = 0; c < channels; c++) {
        sums[c] += gradOutput[row + c];
        products[c] += gradOutput[row + c] * normalized[row + c];
      }
    }
    for (let c = 0; c < channels; c++) {
      if (this.gamma) this.gamma.grad[c] += products[c];
      if (this.beta) this.beta.grad[c] += sums[c];
    }
    const gamma = this.gamma?.value;
    for (let r = 0; r < rows; r++) {
      const row = r * channels;
      for (let c = 0; c < channels; c++) {
        const factor = (gamma ? gamma[c] : 1) * inverseStd[c];
        const dy = gradOutput[row + c];
        gradInput[row + c] = this.usedBatchStatistics
          ? factor * (dy - (sums[c] + normalized[row + c] * products[c]) / rows)
          : factor * dy;
      }
    }
    return gradInput;
  }

  config(): SpecOf<'batch_normalization'> {
    return {
      type: 'batch_normalization',
      name: this.name,
      momentum: this.momentum,
      epsilon: this.epsilon,
      center: this.center,
      scale: this.scale,
    };
  }
}
