/**
 * Dense: y = f(x·W + b) on the last axis (W: [in, units] as Keras's kernel, b: [units]).
 * Inputs of rank > 1 are treated as rows of their last axis, as Keras does.
 */
import type { Random } from '../../util/random.js';
import { glorotUniform } from '../init/initializers.js';
import {
  addColumnSums,
  broadcastRows,
  gemmNN,
  gemmNT,
  gemmTN,
  type ActivationName,
} from '../kernels/index.js';
import { BaseLayer, type Layer } from '../layer.js';
import type { SpecOf } from '../spec.js';
import { createWeight, sizeOf, type FloatArray, type Numeric, type Shape, type Weight } from '../tensor.js';
import { ActivationStage } from './activation-stage.js';

export class Dense<A extends FloatArray> extends BaseLayer<A> implements Layer<A> {
  readonly type = 'dense';
  private readonly units: number;
  private readonly useBias: boolean;
  private readonly activation: ActivationStage<A>;
  private kernel!: Weight<A>;
  private bias: Weight<A> | undefined;
  private inputs = 0;
  /** Rows per sample: the product of the input's leading dims. */
  private rowsPerSample = 1;
  private z: A;
  private gradInput: A;
  private input: A;

  constructor(spec: SpecOf<'dense'>, numeric: Numeric<A>) {
    super(spec.name ?? 'dense', numeric);
    this.units = spec.units;
    this.useBias = spec.useBias ?? true;
    this.activation = new ActivationStage(spec.activation ?? 'linear', numeric);
    this.z = numeric.alloc(0);
    this.gradInput = numeric.alloc(0);
    this.input = this.z;
  }

  override get finalActivation(): ActivationName {
    return this.activation.kind;
  }

  protected setUp(inputShape: Shape, random: Random): Shape {
    if (inputShape.length === 0)
      throw this.shapeError('[features]', inputShape, 'flatten or pool the input first');
    this.inputs = inputShape[inputShape.length - 1];
    this.rowsPerSample = sizeOf(inputShape) / this.inputs;
    this.kernel = createWeight(this.numeric, this.name, 'kernel', [this.inputs, this.units], true);
    glorotUniform(this.kernel.value, this.kernel.shape, random);
    this.bias = this.useBias ? createWeight(this.numeric, this.name, 'bias', [this.units], false) : undefined;
    return [...inputShape.slice(0, -1), this.units];
  }

  override params(): Weight<A>[] {
    return this.bias ? [this.kernel, this.bias] : [this.kernel];
  }

  protected override allocate(batch: number): void {
    const rows = batch * this.rowsPerSample;
    this.z = this.numeric.alloc(rows * this.units);
    this.gradInput = this.numeric.alloc(rows * this.inputs);
  }

  forward(input: A, batch: number, _training: boolean, logits = false): A {
    this.reserve(batch);
    this.input = input;
    const rows = batch * this.rowsPerSample;
    if (this.bias) broadcastRows(this.bias.value, 0, this.z, 0, rows, this.units);
    else this.z.fill(0, 0, rows * this.units);
    gemmNN(rows, this.units, this.inputs, input, 0, this.kernel.value, 0, this.z, 0);
    return this.activation.forward(this.z, rows * this.units, this.units, logits);
  }

  backward(gradOutput: A, batch: number): A {
    const rows = batch * this.rowsPerSample;
    const gradZ = this.activation.backward(gradOutput, rows * this.units, this.units);
    gemmTN(this.inputs, this.units, rows, this.input, 0, gradZ, 0, this.kernel.grad, 0);
    if (this.bias) addColumnSums(gradZ, rows, this.units, this.bias.grad, 0);
    this.gradInput.fill(0, 0, rows * this.inputs);
    gemmNT(rows, this.inputs, this.units, gradZ, 0, this.kernel.value, 0, this.gradInput, 0);
    return this.gradInput;
  }

  config(): SpecOf<'dense'> {
    return {
      type: 'dense',
      name: this.name,
      units: this.units,
      activation: this.activation.kind,
      useBias: this.useBias,
    };
  }
}
