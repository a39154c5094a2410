/**
 * Conv1D: y[b, o, f] = f(Σ_{tap, c} x[b, o·stride + tap·dilation - padLeft, c]·K[tap, c, f] + bias[f]),
 * zero outside the input (K: [kernel, in, filters] as Keras's kernel). Runs as im2col + GEMM.
 */
import type { Random } from '../../util/random.js';
import { glorotUniform } from '../init/initializers.js';
import {
  addColumnSums,
  broadcastRows,
  col2im,
  gemmNN,
  gemmNT,
  gemmTN,
  im2col,
  type ActivationName,
  type ConvWindow,
} from '../kernels/index.js';
import { BaseLayer, type Layer } from '../layer.js';
import type { SpecOf } from '../spec.js';
import { createWeight, type FloatArray, type Numeric, type Shape, type Weight } from '../tensor.js';
import { ActivationStage } from './activation-stage.js';
import { windowGeometry, type Padding } from './window-geometry.js';

export class Conv1D<A extends FloatArray> extends BaseLayer<A> implements Layer<A> {
  readonly type = 'conv1d';
  private readonly filters: number;
  private readonly kernelSize: number;
  private readonly strides: number;
  private readonly dilationRate: number;
  private readonly padding: Padding;
  private readonly useBias: boolean;
  private readonly activation: ActivationStage<A>;
  private channels = 0;
  private window!: ConvWindow;
  private kernel!: Weight<A>;
  private bias: Weight<A> | undefined;
  /** Receptive fields, [batch·outLength, kernel·channels]; reused for their gradients in backward. */
  private columns: A;
  private z: A;
  private gradInput: A;

  constructor(spec: SpecOf<'conv1d'>, numeric: Numeric<A>) {
    super(spec.name ?? 'conv1d', numeric);
    this.filters = spec.filters;
    this.kernelSize = spec.kernelSize;
    this.strides = spec.strides ?? 1;
    this.dilationRate = spec.dilationRate ?? 1;
    this.padding = spec.padding ?? 'valid';
    this.useBias = spec.useBias ?? true;
    this.activation = new ActivationStage(spec.activation ?? 'linear', numeric);
    this.columns = this.z = this.gradInput = numeric.alloc(0);
  }

  override get finalActivation(): ActivationName {
    return this.activation.kind;
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
    this.kernel = createWeight(
      this.numeric,
      this.name,
      'kernel',
      [this.kernelSize, channels, this.filters],
      true,
    );
    glorotUniform(this.kernel.value, this.kernel.shape, random);
    this.bias = this.useBias
      ? createWeight(this.numeric, this.name, 'bias', [this.filters], false)
      : undefined;
    return [this.window.outLength, this.filters];
  }

  override params(): Weight<A>[] {
    return this.bias ? [this.kernel, this.bias] : [this.kernel];
  }

  protected override allocate(batch: number): void {
    const rows = batch * this.window.outLength;
    this.columns = this.numeric.alloc(rows * this.kernelSize * this.channels);
    this.z = this.numeric.alloc(rows * this.filters);
    this.gradInput = this.numeric.alloc(batch * this.window.inLength * this.channels);
  }

  forward(input: A, batch: number, _training: boolean, logits = false): A {
    this.reserve(batch);
    const rows = batch * this.window.outLength;
    const depth = this.kernelSize * this.channels;
    im2col(input, batch, this.channels, this.window, this.columns);
    if (this.bias) broadcastRows(this.bias.value, 0, this.z, 0, rows, this.filters);
    else this.z.fill(0, 0, rows * this.filters);
    gemmNN(rows, this.filters, depth, this.columns, 0, this.kernel.value, 0, this.z, 0);
    return this.activation.forward(this.z, rows * this.filters, this.filters, logits);
  }

  backward(gradOutput: A, batch: number): A {
    const rows = batch * this.window.outLength;
    const depth = this.kernelSize * this.channels;
    const gradZ = this.activation.backward(gradOutput, rows * this.filters, this.filters);
    gemmTN(depth, this.filters, rows, this.columns, 0, gradZ, 0, this.kernel.grad, 0);
    if (this.bias) addColumnSums(gradZ, rows, this.filters, this.bias.grad, 0);
    this.columns.fill(0, 0, rows * depth);
    gemmNT(rows, depth, this.filters, gradZ, 0, this.kernel.value, 0, this.columns, 0);
    col2im(this.columns, batch, this.channels, this.window, this.gradInput);
    return this.gradInput;
  }

  config(): SpecOf<'conv1d'> {
    return {
      type: 'conv1d',
      name: this.name,
      filters: this.filters,
      kernelSize: this.kernelSize,
      strides: this.strides,
      dilationRate: this.dilationRate,
      padding: this.padding,
      activation: this.activation.kind,
      useBias: this.useBias,
    };
  }
}
