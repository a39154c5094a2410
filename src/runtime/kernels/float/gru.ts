/**
 * GRU, Keras's reset_after formulation, kernel [3u, in] and recurrent kernel [3u, u] with
 * gate rows z, r, h, input and recurrent biases [3u]:
 *   z = σ(W_z x + b_z + U_z h + c_z)   r = σ(W_r x + b_r + U_r h + c_r)
 *   ĥ = tanh(W_h x + b_h + r⊙(U_h h + c_h))   h' = z⊙h + (1 - z)⊙ĥ
 * h is the state variable tensor. Per step both projections go to the op's planned scratch
 * ([W x + b | U h + c], 6·units floats); then h updates in place, element by element. Both
 * kernels are packed once at creation (packed-matrix.ts).
 */
import { sigmoidRange, tanhRange } from './transcendental.js';
import type { Kernel, KernelContext, OpOf } from '../context.js';
import { copyValues } from '../copy.js';
import { addMatVec, packMatrix, type PackedMatrix } from './packed-matrix.js';
import { sequenceLayout, stepRow, type SequenceLayout } from './sequence.js';

interface GruWeights {
  kernel: PackedMatrix;
  recurrent: PackedMatrix;
  inputBias: Float32Array;
  recurrentBias: Float32Array;
}

interface GruShape extends SequenceLayout {
  units: number;
  depth: number;
}

export function gruKernel(op: OpOf<'GRU'>, ctx: KernelContext): Kernel {
  if (!op.options.resetAfter) {
    ctx.fail('a GRU with reset_after = false has no kernel', "Use Keras's default GRU (reset_after = true)");
  }
  const [input, kernel, recurrent, inputBias, recurrentBias, stateTensor] = op.inputs;
  const [gateRows, depth] = ctx.shape(kernel);
  const units = gateRows / 3;
  const weights: GruWeights = {
    kernel: packMatrix(ctx.float(kernel, 'kernel'), gateRows, depth),
    recurrent: packMatrix(ctx.float(recurrent, 'recurrent kernel'), gateRows, units),
    inputBias: ctx.float(inputBias, 'input bias'),
    recurrentBias: ctx.float(recurrentBias, 'recurrent bias'),
  };
  const x = ctx.float(input, 'input');
  const state = ctx.float(stateTensor, 'state');
  const out = ctx.float(op.outputs[0], 'output');
  const projections = ctx.scratch();
  const shape: GruShape = { ...sequenceLayout(ctx.shape(input), op.options.timeMajor), units, depth };
  const sequences = op.options.returnSequences;
  return () => {
    for (let b = 0; b < shape.batch; b++) {
      for (let t = 0; t < shape.steps; t++) {
        const row = stepRow(shape, b, t);
        gruStep(shape, weights, projections, x, row * depth, state, b * units);
        if (sequences) for (let j = 0; j < units; j++) out[row * units + j] = state[b * units + j];
      }
      if (!sequences) for (let j = 0; j < units; j++) out[b * units + j] = state[b * units + j];
    }
  };
}

/** One step of one sample, updating h at stateAt. */
function gruStep(
  shape: GruShape,
  weights: GruWeights,
  projections: Float32Array,
  x: Float32Array,
  xAt: number,
  h: Float32Array,
  stateAt: number,
): void {
  const { units } = shape;
  const rows = 3 * units;
  copyValues(weights.inputBias, projections, 0);
  copyValues(weights.recurrentBias, projections, rows);
  addMatVec(weights.kernel, x, xAt, projections, 0);
  addMatVec(weights.recurrent, h, stateAt, projections, rows);
  // Pre-activations into the input projections' slots, then the activations over arrays (a
  // call returning a double per element would allocate a number for each).
  for (let j = 0; j < 2 * units; j++) projections[j] += projections[rows + j];
  sigmoidRange(projections, projections, 0, 2 * units);
  for (let j = 0; j < units; j++)
    projections[2 * units + j] += projections[units + j] * projections[rows + 2 * units + j];
  tanhRange(projections, projections, 2 * units, 3 * units);
  for (let j = 0; j < units; j++) {
    const update = projections[j];
    h[stateAt + j] = update * h[stateAt + j] + (1 - update) * projections[2 * units + j];
  }
}
