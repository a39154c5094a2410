/**
 * UNIDIRECTIONAL_SEQUENCE_LSTM with TFLite's semantics and operand layout (see graph/types.ts):
 * gates i, f, c, o with weights [units, in] and recurrent weights [units, units] per gate,
 *   i = σ(W_i x + U_i h + b_i)  f = σ(...)  g = tanh(...)  o = σ(...)
 *   c' = f⊙c + i⊙g (clipped to ±cellClip when set)   h' = o⊙tanh(c')
 * writing h' of every step to the output. h and c are the output-state and cell-state variable
 * tensors, so they carry over when the interpreter keeps state between invocations.
 * Gate pre-activations go to the op's planned scratch (4·units floats). The four gates' weights
 * are stacked and packed once at creation (packed-matrix.ts), so each step is two products.
 * Peepholes, projection, layer normalisation and CIFG have no kernel.
 */
import { sigmoidRange, tanhRange } from './transcendental.js';
import type { Kernel, KernelContext, OpOf } from '../context.js';
import {
  CELL_STATE,
  GATE_BIASES,
  INPUT_WEIGHTS,
  OUTPUT_STATE,
  RECURRENT_WEIGHTS,
  requireStandardLstm,
} from '../lstm-operands.js';
import { copyValues } from '../copy.js';
import { addMatVec, packMatrix, stackRows, type PackedMatrix } from './packed-matrix.js';
import { sequenceLayout, stepRow, type SequenceLayout } from './sequence.js';

/** Gates i, f, c, o stacked: input weights [4·units, depth], recurrent [4·units, units], bias. */
interface LstmWeights {
  w: PackedMatrix;
  u: PackedMatrix;
  bias: Float32Array;
}

interface LstmShape extends SequenceLayout {
  units: number;
  depth: number;
  cellClip: number;
}

export function lstmKernel(op: OpOf<'UNIDIRECTIONAL_SEQUENCE_LSTM'>, ctx: KernelContext): Kernel {
  const inputs = op.inputs;
  requireStandardLstm(op, ctx, 'kernel');
  const stacked = (positions: number[], role: string): Float32Array =>
    stackRows(positions.map((position) => ctx.float(inputs[position], role)));
  const [units, depth] = ctx.shape(inputs[INPUT_WEIGHTS[0]]);
  const weights: LstmWeights = {
    w: packMatrix(stacked(INPUT_WEIGHTS, 'input weights'), 4 * units, depth),
    u: packMatrix(stacked(RECURRENT_WEIGHTS, 'recurrent weights'), 4 * units, units),
    bias: stacked(GATE_BIASES, 'gate bias'),
  };
  const x = ctx.float(inputs[0], 'input');
  const hidden = ctx.float(inputs[OUTPUT_STATE], 'output state');
  const cell = ctx.float(inputs[CELL_STATE], 'cell state');
  const out = ctx.float(op.outputs[0], 'output');
  const gates = ctx.scratch();
  const shape: LstmShape = {
    ...sequenceLayout(ctx.shape(inputs[0]), op.options.timeMajor),
    units,
    depth,
    cellClip: op.options.cellClip,
  };
  return () => {
    for (let b = 0; b < shape.batch; b++) {
      for (let t = 0; t < shape.steps; t++) {
        const row = stepRow(shape, b, t);
        lstmStep(shape, weights, gates, x, row * depth, hidden, cell, b * units);
        for (let j = 0; j < units; j++) out[row * units + j] = hidden[b * units + j];
      }
    }
  };
}

/**
 * One step of one sample: the gate pre-activations into `gates` ([i, f, c, o] × units), each
 * gate's activation as one tight loop, then the cell update. Once the products are done the
 * old h is no longer needed, so c and h update in place (at stateAt). Transcendentals run over
 * arrays only: see transcendental.ts.
 */
function lstmStep(
  shape: LstmShape,
  weights: LstmWeights,
  gates: Float32Array,
  x: Float32Array,
  xAt: number,
  h: Float32Array,
  c: Float32Array,
  stateAt: number,
): void {
  const { units, cellClip } = shape;
  copyValues(weights.bias, gates, 0);
  addMatVec(weights.w, x, xAt, gates, 0);
  addMatVec(weights.u, h, stateAt, gates, 0);
  sigmoidRange(gates, gates, 0, 2 * units);
  tanhRange(gates, gates, 2 * units, 3 * units);
  sigmoidRange(gates, gates, 3 * units, 4 * units);
  // The forget gate's slot takes c', then tanh(c'): no call returns a number per unit.
  for (let r = 0; r < units; r++) {
    let next = gates[units + r] * c[stateAt + r] + gates[r] * gates[2 * units + r];
    if (cellClip > 0) next = Math.min(Math.max(next, -cellClip), cellClip);
    c[stateAt + r] = next;
    gates[units + r] = next;
  }
  tanhRange(gates, gates, units, 2 * units);
  for (let r = 0; r < units; r++) h[stateAt + r] = gates[3 * units + r] * gates[units + r];
}
