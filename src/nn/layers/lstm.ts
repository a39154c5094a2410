/**
 * LSTM as Keras computes it (activation tanh, recurrent_activation sigmoid), gates
 * side by side in the order i, f, c, o (kernel [in, 4u], recurrent_kernel [u, 4u], bias [4u]):
 *   z = x_t·W + h_{t-1}·U + b
 *   i = σ(z_i)  f = σ(z_f)  g = tanh(z_c)  o = σ(z_o)
 *   c_t = f⊙c_{t-1} + i⊙g      h_t = o⊙tanh(c_t)
 * Bias starts at zero except the forget gate's, which starts at one (unit_forget_bias).
 */
import type { Layer } from '../layer.js';
import type { SpecOf } from '../spec.js';
import { createWeight, type FloatArray, type Numeric, type Weight } from '../tensor.js';
import { addColumnSums, gemmNN, sigmoidInPlace, tanh, tanhInPlace } from '../kernels/index.js';
import { WasmLstmSteps } from '../kernels/wasm-lstm.js';
import { RecurrentLayer } from './recurrent.js';

export class Lstm<A extends FloatArray> extends RecurrentLayer<A> implements Layer<A> {
  readonly type = 'lstm';
  /** Cell states c_0..c_steps, time-major [steps + 1, batch, units]; c_0 = 0. */
  private cells: A;
  /** tanh(c_t) for t = 1..steps, time-major [steps, batch, units], kept for backward. */
  private cellTanh: A;
  /** dLoss/dc_t while walking back in time, [batch, units]. */
  private gradCell: A;
  /** The float32 time loops on WebAssembly, when available; it owns the step buffers. */
  private wasmSteps: WasmLstmSteps | undefined;

  constructor(spec: SpecOf<'lstm'>, numeric: Numeric<A>) {
    super(spec.name ?? 'lstm', numeric, spec, 4);
    this.cells = this.cellTanh = this.gradCell = numeric.alloc(0);
  }

  protected createBias(): Weight<A> {
    const bias = createWeight(this.numeric, this.name, 'bias', [4 * this.units], false);
    bias.value.fill(1, this.units, 2 * this.units);
    return bias;
  }

  protected allocateCell(batch: number): void {
    this.wasmSteps =
      this.numeric.dtype === 'float32' ? WasmLstmSteps.create(this.steps, batch, this.units) : undefined;
    if (this.wasmSteps) {
      // float32 means A is Float32Array: the layer works on the instance's memory directly.
      this.gates = this.wasmSteps.gates as A;
      this.hidden = this.wasmSteps.hidden as A;
      this.cells = this.wasmSteps.cells as A;
      this.cellTanh = this.wasmSteps.cellTanh as A;
      this.gradHidden = this.wasmSteps.gradHidden as A;
      this.gradCell = this.wasmSteps.gradCell as A;
    } else {
      this.gradCell = this.numeric.alloc(batch * this.units);
      this.cells = this.numeric.alloc((this.steps + 1) * batch * this.units);
      this.cellTanh = this.numeric.alloc(this.steps * batch * this.units);
    }
  }

  protected override forwardSteps(batch: number): void {
    if (this.wasmSteps) this.wasmSteps.forward(batch, this.recurrentKernel.value as Float32Array);
    else super.forwardSteps(batch);
  }

  protected override backwardSteps(gradOutput: A, batch: number): void {
    if (this.wasmSteps) {
      const kernel = this.recurrentKernel.value as Float32Array;
      this.wasmSteps.backward(batch, kernel, gradOutput as Float32Array, this.returnSequences);
    } else super.backwardSteps(gradOutput, batch);
  }

  protected stepForward(t: number, batch: number): void {
    const units = this.units;
    const width = 4 * units;
    const gates = this.gates;
    const hidden = this.hidden;
    const cells = this.cells;
    const cellTanh = this.cellTanh;
    const gateBlock = t * batch * width;
    const prevBlock = t * batch * units;
    const nextBlock = prevBlock + batch * units;
    if (t > 0)
      gemmNN(batch, width, units, hidden, prevBlock, this.recurrentKernel.value, 0, gates, gateBlock);
    if (t === 0) cells.fill(0, 0, batch * units);
    for (let b = 0; b < batch; b++) {
      const g = gateBlock + b * width;
      const s = b * units;
      // One tight loop per activation (i and f are adjacent), then the cell update.
      sigmoidInPlace(gates, g, g + 2 * units);
      tanhInPlace(gates, g + 2 * units, g + 3 * units);
      sigmoidInPlace(gates, g + 3 * units, g + width);
      for (let j = 0; j < units; j++) {
        const cell =
          gates[g + units + j] * cells[prevBlock + s + j] + gates[g + j] * gates[g + 2 * units + j];
        const squashed = tanh(cell);
        cells[nextBlock + s + j] = cell;
        cellTanh[prevBlock + s + j] = squashed;
        hidden[nextBlock + s + j] = gates[g + 3 * units + j] * squashed;
      }
    }
  }

  protected stepBackward(t: number, batch: number): void {
    const units = this.units;
    const width = 4 * units;
    const gates = this.gates;
    const cells = this.cells;
    const cellTanh = this.cellTanh;
    const gradHidden = this.gradHidden;
    const gradCell = this.gradCell;
    const gateBlock = t * batch * width;
    const prevBlock = t * batch * units;
    if (t === this.steps - 1) gradCell.fill(0, 0, batch * units);
    for (let b = 0; b < batch; b++) {
      const g = gateBlock + b * width;
      const s = b * units;
      for (let j = 0; j < units; j++) {
        const input = gates[g + j];
        const forget = gates[g + units + j];
        const candidate = gates[g + 2 * units + j];
        const out = gates[g + 3 * units + j];
        const squashed = cellTanh[prevBlock + s + j];
        const dh = gradHidden[s + j];
        const dc = gradCell[s + j] + dh * out * (1 - squashed * squashed);
        gates[g + j] = dc * candidate * input * (1 - input);
        gates[g + units + j] = dc * cells[prevBlock + s + j] * forget * (1 - forget);
        gates[g + 2 * units + j] = dc * input * (1 - candidate * candidate);
        gates[g + 3 * units + j] = dh * squashed * out * (1 - out);
        gradCell[s + j] = dc * forget;
        gradHidden[s + j] = 0;
      }
    }
  }

  protected recurrentGateGradients(): A {
    return this.gates;
  }

  protected addBiasGradients(rows: number): void {
    addColumnSums(this.gates, rows, 4 * this.units, this.bias.grad, 0);
  }

  config(): SpecOf<'lstm'> {
    return { type: 'lstm', name: this.name, units: this.units, returnSequences: this.returnSequences };
  }
}
