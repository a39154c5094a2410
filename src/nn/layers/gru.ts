/**
 * GRU as Keras computes it by default (reset_after = true), gates side by side in the
 * order z, r, h (kernel [in, 3u], recurrent_kernel [u, 3u], bias [2, 3u] = input bias
 * row then recurrent bias row, all zero at start):
 *   x_* = x_t·W_* + b_in_*        r_* = h_{t-1}·U_* + b_rec_*
 *   z = σ(x_z + r_z)   r = σ(x_r + r_r)   ĥ = tanh(x_h + r⊙r_h)
 *   h_t = z⊙h_{t-1} + (1 - z)⊙ĥ
 */
import { addColumnSums, broadcastRows, gemmNN, sigmoid, tanh } from '../kernels/index.js';
import type { Layer } from '../layer.js';
import type { SpecOf } from '../spec.js';
import { createWeight, type FloatArray, type Numeric, type Weight } from '../tensor.js';
import { RecurrentLayer } from './recurrent.js';

export class Gru<A extends FloatArray> extends RecurrentLayer<A> implements Layer<A> {
  readonly type = 'gru';
  /**
   * Recurrent pre-activations h_{t-1}·U + b_rec, time-major [steps, batch, 3u]; forward
   * keeps r_h there, backward overwrites each step with dLoss/d(recurrent pre-activation).
   */
  private recurrent: A;

  constructor(spec: SpecOf<'gru'>, numeric: Numeric<A>) {
    super(spec.name ?? 'gru', numeric, spec, 3);
    this.recurrent = numeric.alloc(0);
  }

  protected createBias(): Weight<A> {
    return createWeight(this.numeric, this.name, 'bias', [2, 3 * this.units], false);
  }

  protected allocateCell(batch: number): void {
    this.recurrent = this.numeric.alloc(this.steps * batch * 3 * this.units);
  }

  protected stepForward(t: number, batch: number): void {
    const units = this.units;
    const width = 3 * units;
    const gates = this.gates;
    const hidden = this.hidden;
    const recurrent = this.recurrent;
    const block = t * batch * width;
    const prevBlock = t * batch * units;
    const nextBlock = prevBlock + batch * units;
    broadcastRows(this.bias.value, width, recurrent, block, batch, width);
    if (t > 0)
      gemmNN(batch, width, units, hidden, prevBlock, this.recurrentKernel.value, 0, recurrent, block);
    for (let b = 0; b < batch; b++) {
      const g = block + b * width;
      const s = b * units;
      for (let j = 0; j < units; j++) {
        const update = sigmoid(gates[g + j] + recurrent[g + j]);
        const reset = sigmoid(gates[g + units + j] + recurrent[g + units + j]);
        const candidate = tanh(gates[g + 2 * units + j] + reset * recurrent[g + 2 * units + j]);
        gates[g + j] = update;
        gates[g + units + j] = reset;
        gates[g + 2 * units + j] = candidate;
        hidden[nextBlock + s + j] = update * hidden[prevBlock + s + j] + (1 - update) * candidate;
      }
    }
  }

  protected stepBackward(t: number, batch: number): void {
    const units = this.units;
    const width = 3 * units;
    const gates = this.gates;
    const hidden = this.hidden;
    const recurrent = this.recurrent;
    const gradHidden = this.gradHidden;
    const block = t * batch * width;
    const prevBlock = t * batch * units;
    for (let b = 0; b < batch; b++) {
      const g = block + b * width;
      const s = b * units;
      for (let j = 0; j < units; j++) {
        const update = gates[g + j];
        const reset = gates[g + units + j];
        const candidate = gates[g + 2 * units + j];
        const dh = gradHidden[s + j];
        const dUpdate = dh * (hidden[prevBlock + s + j] - candidate) * update * (1 - update);
        const dCandidate = dh * (1 - update) * (1 - candidate * candidate);
        const dReset = dCandidate * recurrent[g + 2 * units + j] * reset * (1 - reset);
        gates[g + j] = dUpdate;
        gates[g + units + j] = dReset;
        gates[g + 2 * units + j] = dCandidate;
        recurrent[g + j] = dUpdate;
        recurrent[g + units + j] = dReset;
        recurrent[g + 2 * units + j] = dCandidate * reset;
        gradHidden[s + j] = dh * update;
      }
    }
  }

  protected recurrentGateGradients(): A {
    return this.recurrent;
  }

  protected addBiasGradients(rows: number): void {
    const width = 3 * this.units;
    addColumnSums(this.gates, rows, width, this.bias.grad, 0);
    addColumnSums(this.recurrent, rows, width, this.bias.grad, width);
  }

  config(): SpecOf<'gru'> {
    return { type: 'gru', name: this.name, units: this.units, returnSequences: this.returnSequences };
  }
}
