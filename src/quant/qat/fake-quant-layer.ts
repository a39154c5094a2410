/**
 * A layer wrapped in fake quantization: its weights on the int8 grid while a forward/backward
 * pair runs, its output (and, for the first layer, its input) fake-quantized, gradients by
 * the straight-through estimator. Everything else (parameters, state, config) is the wrapped
 * layer's, so the trainer and the optimizer see the same float model.
 */
import type { ActivationName } from '../../nn/kernels/index.js';
import type { Layer } from '../../nn/layer.js';
import type { LayerSpec } from '../../nn/spec.js';
import type { Shape, StateTensor, Weight } from '../../nn/tensor.js';
import type { Random } from '../../util/random.js';
import type { ActivationQuantizer, WeightQuantizer } from './quantizers.js';

export interface LayerQuantizers {
  weights: WeightQuantizer[];
  /** The model input, fake-quantized before the first layer. */
  input?: ActivationQuantizer;
  /** The layer's (activated) output. */
  output?: ActivationQuantizer;
  /** The output when forward is asked for logits (the final activation left out). */
  logits?: ActivationQuantizer;
  inputSize: number;
  outputSize: number;
}

export class FakeQuantLayer implements Layer {
  /** The output quantizer of the last forward, which backward runs through. */
  private lastOutput: ActivationQuantizer | undefined;

  constructor(
    private readonly inner: Layer,
    private readonly quantizers: LayerQuantizers,
  ) {}

  get type(): Layer['type'] {
    return this.inner.type;
  }

  get name(): string {
    return this.inner.name;
  }

  get finalActivation(): ActivationName {
    return this.inner.finalActivation;
  }

  build(inputShape: Shape, random: Random): Shape {
    return this.inner.build(inputShape, random);
  }

  params(): Weight[] {
    return this.inner.params();
  }

  states(): StateTensor[] {
    return this.inner.states();
  }

  reseed(seed: number): void {
    this.inner.reseed?.(seed);
  }

  config(): LayerSpec {
    return this.inner.config();
  }

  forward(input: Float32Array, batch: number, training: boolean, logits = false): Float32Array {
    const { weights, input: inputQuantizer, inputSize, outputSize } = this.quantizers;
    for (const weight of weights) weight.apply();
    const x = inputQuantizer ? inputQuantizer.forward(input, batch * inputSize, training) : input;
    const y = this.inner.forward(x, batch, training, logits);
    this.lastOutput = logits ? this.quantizers.logits : this.quantizers.output;
    const output = this.lastOutput ? this.lastOutput.forward(y, batch * outputSize, training) : y;
    // Inference has no backward to wait for: the float weights go straight back.
    if (!training) for (const weight of weights) weight.restore();
    return output;
  }

  backward(gradOutput: Float32Array, batch: number): Float32Array {
    const { weights, input: inputQuantizer, inputSize, outputSize } = this.quantizers;
    const grad = this.lastOutput ? this.lastOutput.backward(gradOutput, batch * outputSize) : gradOutput;
    const gradInput = this.inner.backward(grad, batch);
    for (const weight of weights) weight.restore();
    return inputQuantizer ? inputQuantizer.backward(gradInput, batch * inputSize) : gradInput;
  }
}
