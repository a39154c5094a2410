/**
 * Where a fake-quantized activation gets its int8 parameters: a range tracked during training
 * by an exponential moving average of each batch's min and max (turned into parameters by the
 * PTQ rules), or the fixed parameters TFLite gives LOGISTIC, TANH and SOFTMAX outputs.
 */
import type { TensorRange } from '../calibrate/index.js';
import { activationParams, type ActivationParams } from '../ptq/choose-params.js';
import { float32 } from '../params.js';

export interface ParamsSource {
  /** Records one training batch's values (only tracked ranges learn from them). */
  observe(values: Float32Array, length: number): void;
  /** The int8 parameters now; undefined while no batch has been seen. */
  current(): ActivationParams | undefined;
}

/** How much of the running range each new batch keeps: TFLite-style EMA, fitted to short fine-tunes. */
export const RANGE_DECAY = 0.99;

export class MovingRange {
  private value: TensorRange | undefined;

  constructor(private readonly decay = RANGE_DECAY) {}

  /** The first batch sets the range, later ones move it by (1 - decay) toward their own min and max. */
  observe(values: Float32Array, length: number): void {
    if (length === 0) return;
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < length; i++) {
      min = Math.min(min, values[i]);
      max = Math.max(max, values[i]);
    }
    const previous = this.value;
    this.value = previous
      ? {
          min: this.decay * previous.min + (1 - this.decay) * min,
          max: this.decay * previous.max + (1 - this.decay) * max,
        }
      : { min, max };
  }

  get range(): TensorRange | undefined {
    return this.value && { ...this.value };
  }
}

/**
 * The int8 parameters of an LSTM's output, which its integer kernel also uses as the hidden
 * state's: symmetric (zero point 0) over the largest magnitude, as src/quant/ptq/lstm-rule.ts
 * derives them from the same range.
 */
export function symmetricActivationParams(range: TensorRange): ActivationParams {
  const maxAbs = Math.max(Math.abs(range.min), Math.abs(range.max));
  return { scale: maxAbs > 0 ? float32(maxAbs / 127) : 1, zeroPoint: 0 };
}

/**
 * A range learned in training. `tensor` names the lowered graph's tensor whose range it is
 * (undefined when the value has no tensor of its own there, and only shapes the training).
 */
export class TrackedRange implements ParamsSource {
  readonly moving = new MovingRange();

  constructor(
    readonly tensor: string | undefined,
    private readonly symmetric: boolean,
  ) {}

  observe(values: Float32Array, length: number): void {
    this.moving.observe(values, length);
  }

  current(): ActivationParams | undefined {
    const range = this.moving.range;
    if (range === undefined) return undefined;
    return this.symmetric ? symmetricActivationParams(range) : activationParams(range);
  }
}

export class FixedParams implements ParamsSource {
  constructor(private readonly params: ActivationParams) {}

  observe(): void {}

  current(): ActivationParams {
    return this.params;
  }
}
