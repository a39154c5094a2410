/**
 * What LSTM and GRU share: Keras weight layouts (kernel [in, G·units], recurrent_kernel
 * [units, G·units], G gates side by side), the whole-sequence GEMMs and the time loops.
 *
 * Internally everything is time-major ([steps, batch, ...]) so each step's block is
 * contiguous: forward projects the whole input sequence with one GEMM
 * ([steps·batch, in]·[in, G·units], bias folded in), then per step runs one recurrent GEMM
 * ([batch, units]·[units, G·units]) and the cell's fused gate math. Backward runs the cell
 * backward per step with one GEMM for dh_{t-1}, then gets the kernel, recurrent kernel and
 * input gradients with one GEMM each over the whole sequence. Initial states are zero.
 */
import type { Random } from '../../util/random.js';
import { glorotUniform, orthogonal } from '../init/initializers.js';
import { gemmNN, gemmNT, gemmTN, swapLeadingAxes, broadcastRows } from '../kernels/index.js';
import { BaseLayer } from '../layer.js';
import { createWeight, type FloatArray, type Numeric, type Shape, type Weight } from '../tensor.js';

export interface RecurrentSpec {
  name?: string;
  units: number;
  returnSequences?: boolean;
}

export abstract class RecurrentLayer<A extends FloatArray> extends BaseLayer<A> {
  protected readonly units: number;
  protected readonly returnSequences: boolean;
  protected steps = 0;
  protected inputs = 0;
  protected kernel!: Weight<A>;
  protected recurrentKernel!: Weight<A>;
  protected bias!: Weight<A>;
  /** Input, time-major [steps, batch, in]. */
  protected inputTime: A;
  /**
   * [steps, batch, G·units]: input projections, then the cell's gate values after forward,
   * then (backward) dLoss/d(pre-activation) of the input path, overwriting them step by step.
   */
  protected gates: A;
  /** Hidden states h_0..h_steps, time-major [steps + 1, batch, units]; h_0 = 0. */
  protected hidden: A;
  /** dLoss/dh_t while walking back in time, [batch, units]. */
  protected gradHidden: A;
  private output: A;
  private gradInputTime: A;
  private gradInput: A;

  protected constructor(
    name: string,
    numeric: Numeric<A>,
    spec: RecurrentSpec,
    protected readonly gateCount: number,
  ) {
    super(name, numeric);
    this.units = spec.units;
    this.returnSequences = spec.returnSequences ?? false;
    const empty = numeric.alloc(0);
    this.inputTime = this.gates = this.hidden = this.gradHidden = empty;
    this.output = this.gradInputTime = this.gradInput = empty;
  }

  /** Creates the bias with its Keras shape and initial values. */
  protected abstract createBias(): Weight<A>;
  /** Cell forward for step t: reads gates block t and h_t, writes gate values and h_{t+1}. */
  protected abstract stepForward(t: number, batch: number): void;
  /**
   * Cell backward for step t given gradHidden = dLoss/dh_{t+1} (total): writes the gate
   * gradients and leaves in gradHidden the part of dLoss/dh_t that does not go through the
   * recurrent kernel (the base adds that with a GEMM).
   */
  protected abstract stepBackward(t: number, batch: number): void;
  /** dLoss/d(recurrent pre-activations), time-major [steps, batch, G·units]. */
  protected abstract recurrentGateGradients(): A;
  /** Adds the bias gradients from the gate gradients of `rows` = steps·batch rows. */
  protected abstract addBiasGradients(rows: number): void;
  protected abstract allocateCell(batch: number): void;

  protected setUp(inputShape: Shape, random: Random): Shape {
    [this.steps, this.inputs] = this.requireSequence(inputShape);
    const width = this.gateCount * this.units;
    this.kernel = createWeight(this.numeric, this.name, 'kernel', [this.inputs, width], true);
    glorotUniform(this.kernel.value, this.kernel.shape, random);
    this.recurrentKernel = createWeight(
      this.numeric,
      this.name,
      'recurrent_kernel',
      [this.units, width],
      true,
    );
    orthogonal(this.recurrentKernel.value, this.units, width, random);
    this.bias = this.createBias();
    return this.returnSequences ? [this.steps, this.units] : [this.units];
  }

  override params(): Weight<A>[] {
    return [this.kernel, this.recurrentKernel, this.bias];
  }

  protected override allocate(batch: number): void {
    const rows = this.steps * batch;
    this.inputTime = this.numeric.alloc(rows * this.inputs);
    this.gates = this.numeric.alloc(rows * this.gateCount * this.units);
    this.hidden = this.numeric.alloc((this.steps + 1) * batch * this.units);
    this.gradHidden = this.numeric.alloc(batch * this.units);
    this.output = this.numeric.alloc((this.returnSequences ? rows : batch) * this.units);
    this.gradInputTime = this.numeric.alloc(rows * this.inputs);
    this.gradInput = this.numeric.alloc(rows * this.inputs);
    this.allocateCell(batch);
  }

  forward(input: A, batch: number): A {
    this.reserve(batch);
    const { steps, units } = this;
    const rows = steps * batch;
    const width = this.gateCount * units;
    swapLeadingAxes(input, 0, this.inputTime, 0, batch, steps, this.inputs);
    // The input bias sits first in both cells' bias layouts.
    broadcastRows(this.bias.value, 0, this.gates, 0, rows, width);
    gemmNN(rows, width, this.inputs, this.inputTime, 0, this.kernel.value, 0, this.gates, 0);
    this.forwardSteps(batch);
    if (this.returnSequences)
      swapLeadingAxes(this.hidden, batch * units, this.output, 0, steps, batch, units);
    else copyBlock(this.hidden, steps * batch * units, this.output, batch * units);
    return this.output;
  }

  /** The time loop of forward, from h_0 = 0; a cell may run it all at once elsewhere. */
  protected forwardSteps(batch: number): void {
    this.hidden.fill(0, 0, batch * this.units);
    for (let t = 0; t < this.steps; t++) this.stepForward(t, batch);
  }

  /**
   * The time loop of backward, t = steps-1..0: leaves the gate gradients of every step in
   * place of the gate values; a cell may run it all at once elsewhere.
   */
  protected backwardSteps(gradOutput: A, batch: number): void {
    const { steps, units } = this;
    const width = this.gateCount * units;
    const block = batch * units;
    const recurrentGrads = this.recurrentGateGradients();
    const gradHidden = this.gradHidden;
    if (this.returnSequences) gradHidden.fill(0, 0, block);
    else for (let i = 0; i < block; i++) gradHidden[i] = gradOutput[i];
    for (let t = steps - 1; t >= 0; t--) {
      if (this.returnSequences) {
        for (let b = 0; b < batch; b++) {
          const from = (b * steps + t) * units;
          const to = b * units;
          for (let j = 0; j < units; j++) gradHidden[to + j] += gradOutput[from + j];
        }
      }
      this.stepBackward(t, batch);
      if (t > 0)
        gemmNT(
          batch,
          units,
          width,
          recurrentGrads,
          t * batch * width,
          this.recurrentKernel.value,
          0,
          gradHidden,
          0,
        );
    }
  }

  backward(gradOutput: A, batch: number): A {
    const { steps, units, inputs } = this;
    const width = this.gateCount * units;
    const block = batch * units;
    const recurrentGrads = this.recurrentGateGradients();
    this.backwardSteps(gradOutput, batch);
    const rows = steps * batch;
    gemmTN(inputs, width, rows, this.inputTime, 0, this.gates, 0, this.kernel.grad, 0);
    // h_0 = 0 adds nothing to the recurrent kernel's gradient: start at step 1.
    gemmTN(
      units,
      width,
      rows - batch,
      this.hidden,
      block,
      recurrentGrads,
      batch * width,
      this.recurrentKernel.grad,
      0,
    );
    this.addBiasGradients(rows);
    this.gradInputTime.fill(0, 0, rows * inputs);
    gemmNT(rows, inputs, width, this.gates, 0, this.kernel.value, 0, this.gradInputTime, 0);
    swapLeadingAxes(this.gradInputTime, 0, this.gradInput, 0, steps, batch, inputs);
    return this.gradInput;
  }
}

function copyBlock(src: FloatArray, srcOff: number, dst: FloatArray, length: number): void {
  for (let i = 0; i < length; i++) dst[i] = src[srcOff + i];
}
