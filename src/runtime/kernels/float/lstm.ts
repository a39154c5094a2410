/**
 * UNIDIRECTIONAL_SEQUENCE_LSTM with TFLite's semantics and operand layout (see graph/types.ts):
 * gates i, f, c, o with weights [units, in] and recurrent weights [units, units] per gate,
 *   i = σ(W_i x + U_i h + b_i)  f = σ(...)  g = tanh(...)  o = σ(...)
 *   c' = f⊙c + i⊙g (clipped to ±cellClip when set)   h' = o⊙tanh(c')
 * writing h' of every step to the output. h and c are the output-state and cell-state variable
 * tensors, so they carry over when the interpreter keeps state between invocations.
 * Peepholes, projection, layer normalisation and CIFG have no kernel.
 *
 * The four gates' weights are stacked and packed once at creation (packed-matrix.ts). The input
 * projections b + W x do not depend on h, so they run ahead of the recurrence, CHUNK steps of
 * every sample at a time, as one blocked product per sample into a workspace allocated with the
 * kernel ([batch, CHUNK, 4·units] floats, whatever the sequence length). Each step then adds
 * U h for all samples in one blocked product (the batch shares every weight load) and updates
 * the gates in place in the workspace.
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
import { addMatMul, packMatrix, stackRows, type PackedMatrix } from './packed-matrix.js';
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

/** Steps whose input projections are computed ahead at a time. */
const CHUNK = 16;

export function lstmKernel(op: OpOf<'UNIDIRECTIONAL_SEQUENCE_LSTM'>, ctx: KernelContext): Kernel {
  const inputs = op.inputs;
  requireStandardLstm(op, ctx, 'kernel');
  const stacked = (positions: number[], role: string): Float32Array =>
    stackRows(positions.map((position) => ctx.float(inputs[position], role)));
  const [units, depth] = ctx.shape(inputs[INPUT_WEIGHTS[0]]);
  const x = ctx.float(inputs[0], 'input');
  const hidden = ctx.float(inputs[OUTPUT_STATE], 'output state');
  const cell = ctx.float(inputs[CELL_STATE], 'cell state');
  const out = ctx.float(op.outputs[0], 'output');
  const shape: LstmShape = {
    ...sequenceLayout(ctx.shape(inputs[0]), op.options.timeMajor),
    units,
    depth,
    cellClip: op.options.cellClip,
  };
  const chunk = Math.min(CHUNK, shape.steps);
  const weights: LstmWeights = {
    w: packMatrix(stacked(INPUT_WEIGHTS, 'input weights'), 4 * units, depth),
    u: packMatrix(stacked(RECURRENT_WEIGHTS, 'recurrent weights'), 4 * units, units),
    bias: stacked(GATE_BIASES, 'gate bias'),
  };
  // More than the plan's scratch (one step of one sample): allocated here, once, never per invoke.
  const gates = new Float32Array(shape.batch * chunk * 4 * units);
  return () => {
    for (let t0 = 0; t0 < shape.steps; t0 += chunk) {
      const steps = Math.min(chunk, shape.steps - t0);
      projectInputs(shape, weights, x, t0, steps, chunk, gates);
      for (let t = t0; t < t0 + steps; t++)
        lstmStep(shape, weights, t, t - t0, chunk, gates, hidden, cell, out);
    }
  };
}

/** gates[b, s] = bias + W x[b, t0 + s] for every sample b and the chunk's steps s < steps. */
function projectInputs(
  shape: LstmShape,
  weights: LstmWeights,
  x: Float32Array,
  t0: number,
  steps: number,
  chunk: number,
  gates: Float32Array,
): void {
  const { batch, depth } = shape;
  const width = 4 * shape.units;
  // Consecutive steps of one sample are this many rows apart in x: 1, or batch if time-major.
  const stepRows = stepRow(shape, 0, 1) - stepRow(shape, 0, 0);
  for (let b = 0; b < batch; b++) {
    const at = b * chunk * width;
    for (let s = 0; s < steps; s++) copyValues(weights.bias, gates, at + s * width);
    addMatMul(weights.w, steps, x, stepRow(shape, b, t0) * depth, stepRows * depth, gates, at, width);
  }
}

/**
 * Step t (slot s of the chunk) of every sample: U h added to the projected gates
 * ([i, f, c, o] × units per sample), each gate's activation as one tight loop, then the cell
 * update. Once the products are done the old h is no longer needed, so c and h update in place.
 * Transcendentals run over arrays only: see transcendental.ts.
 */
function lstmStep(
  shape: LstmShape,
  weights: LstmWeights,
  t: number,
  s: number,
  chunk: number,
  gates: Float32Array,
  h: Float32Array,
  c: Float32Array,
  out: Float32Array,
): void {
  const { units, cellClip } = shape;
  const width = 4 * units;
  addMatMul(weights.u, shape.batch, h, 0, units, gates, s * width, chunk * width);
  for (let b = 0; b < shape.batch; b++) {
    const g = (b * chunk + s) * width;
    const stateAt = b * units;
    sigmoidRange(gates, gates, g, g + 2 * units);
    tanhRange(gates, gates, g + 2 * units, g + 3 * units);
    sigmoidRange(gates, gates, g + 3 * units, g + width);
    // The forget gate's slot takes c', then tanh(c'): no call returns a number per unit.
    for (let r = 0; r < units; r++) {
      let next = gates[g + units + r] * c[stateAt + r] + gates[g + r] * gates[g + 2 * units + r];
      if (cellClip > 0) next = Math.min(Math.max(next, -cellClip), cellClip);
      c[stateAt + r] = next;
      gates[g + units + r] = next;
    }
    tanhRange(gates, gates, g + units, g + 2 * units);
    const outAt = stepRow(shape, b, t) * units;
    for (let r = 0; r < units; r++) {
      const value = gates[g + 3 * units + r] * gates[g + units + r];
      h[stateAt + r] = value;
      out[outAt + r] = value;
    }
  }
}
