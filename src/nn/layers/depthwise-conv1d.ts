/**
 * DepthwiseConv1D: each input channel gets its own `depthMultiplier` filters, no mixing
 * across channels: y[b, o, c·M + m] = f(Σ_tap x[b, o·stride + tap·dilation - padLeft, c]·K[tap, c, m]
 * + bias[c·M + m]) (K: [kernel, channels, M] as Keras's depthwise_kernel).
 */
import type { Random } from '../../util/random.js';
import { glorotUniform } from '../init/initializers.js';
import {
  addColumnSums,
  broadcastRows,
  depthwiseBackward,
  depthwiseForward,
  type ActivationName,
  type ConvWindow,
} from '../kernels/index.js';
import { BaseLayer, type Layer } from '../layer.js';
import type { SpecOf } from '../spec.js';
import { createWeight, type FloatArray, type Numeric, type Shape, type Weight } from '../tensor.js';
import { ActivationStage } from './activation-stage.js';
import { windowGeometry } from './window-geometry.js';

export class DepthwiseConv1D<A extends FloatArray> extends BaseLayer<A> implements Layer<A> {
  readonly type = 'depthwise_conv1d';
  private readonly kernelSize: number;
  private readonly depthMultiplier: number;
  private readonly strides: number;
  private readonly dilationRate: number;
  private readonly padding: 'valid' | 'same';
  private readonly useBias: boolean;
  private readonly activation: ActivationStage<A>;
  private channels = 0;
  private window!: ConvWindow;
  private kernel!: Weight<A>;
  private bias: Weight<A> | undefined;
  private input: A;
  private z: A;
  private gradInput: A;

  constructor(spec: SpecOf<'depthwise_conv1d'>, numeric: Numeric<A>) {
    super(spec.name ?? 'depthwise_conv1d', numeric);
    this.kernelSize = spec.kernelSize;
    this.depthMultiplier = spec.depthMultiplier ?? 1;
    this.strides = spec.strides ?? 1;
    this.dilationRate = spec.dilationRate ?? 1;
    this.padding = spec.padding ?? 'valid';
    this.useBias = spec.useBias ?? true;
    this.activation = new ActivationStage(spec.activation ?? 'linear', numeric);
    this.input = this.z = this.gradInput = numeric.alloc(0);
  }

  override get finalActivation(): ActivationName {
    return this.activation.kind;
  }

  private get width(): number {
    return this.channels * this.depthMultiplier;
  }

  protected setUp(inputShape: Shape, random: Random): Shape {
    const [steps, channels] = this.requireSequence(inputShape);
    this.channels = channels;
    this.window = windowGeometry(
      this.name,
      steps,
      this.kernelSize,
      this.strides,
      this.dilationRate,
      this.padding,
    );
    const shape = [this.kernelSize, channels, this.depthMultiplier];
    this.kernel = createWeight(this.numeric, this.name, 'depthwise_kernel', shape, true);
    glorotUniform(this.kernel.value, shape, random);
    this.bias = this.useBias ? createWeight(this.numeric, this.name, 'bias', [this.width], false) : undefined;
    return [this.window.outLength, this.width];
  }

  override params(): Weight<A>[] {
    return this.bias ? [this.kernel, this.bias] : [this.kernel];
  }

  protected override allocate(batch: number): void {
    this.z = this.numeric.alloc(batch * this.window.outLength * this.width);
    this.gradInput = this.numeric.alloc(batch * this.window.inLength * this.channels);
  }

  forward(input: A, batch: number, _training: boolean, logits = false): A {
    this.reserve(batch);
    this.input = input;
    const rows = batch * this.window.outLength;
    const width = this.width;
    if (this.bias) broadcastRows(this.bias.value, 0, this.z, 0, rows, width);
    else this.z.fill(0, 0, rows * width);
    depthwiseForward(
      input,
      this.kernel.value,
      batch,
      this.channels,
      this.depthMultiplier,
      this.window,
      this.z,
    );
    return this.activation.forward(this.z, rows * width, width, logits);
  }

  backward(gradOutput: A, batch: number): A {
    const rows = batch * this.window.outLength;
    const width = this.width;
    const gradZ = this.activation.backward(gradOutput, rows * width, width);
    if (this.bias) addColumnSums(gradZ, rows, width, this.bias.grad, 0);
    depthwiseBackward(
      this.input,
      this.kernel.value,
      gradZ,
      batch,
      this.channels,
      this.depthMultiplier,
      this.window,
      this.kernel.grad,
      this.gradInput,
    );
    return this.gradInput;
  }

  config(): SpecOf<'depthwise_conv1d'> {
    return {
      type: 'depthwise_conv1d',
      name: this.name,
      kernelSize: this.kernelSize,
      depthMultiplier: this.depthMultiplier,
      strides: this.strides,
      dilationRate: this.dilationRate,
      padding: this.padding,
      activation: this.activation.kind,
      useBias: this.useBias,
    };
  }
}
