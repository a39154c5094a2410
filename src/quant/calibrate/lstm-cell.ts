/**
 * The cell-state values of an LSTM over the calibration windows. The cell state is a variable
 * tensor the interpreter never exposes, so it is recomputed from what was observed: the op's
 * input sequence and its output sequence (h of every step), with
 *   c_t = σ(f_t)·c_{t-1} + σ(i_t)·tanh(g_t),  gate_t = W·x_t + U·h_{t-1} + b.
 */
import { EdgeforgeError } from '../../errors.js';
import type { Graph, OpDef } from '../../graph/types.js';

const INPUT_WEIGHTS = [1, 2, 3];
const RECURRENT_WEIGHTS = [5, 6, 7];
const GATE_BIASES = [12, 13, 14];

function floatConstant(graph: Graph, tensor: number): Float32Array {
  const data = graph.tensors[tensor]?.data;
  if (!(data instanceof Float32Array)) {
    throw new EdgeforgeError(`LSTM operand #${tensor} is not a float32 constant`, {
      fix: 'Calibrate a float graph',
    });
  }
  return data;
}

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** Row `row` of a [rows, n] matrix times v[at .. at + n). */
function rowDot(w: Float32Array, row: number, n: number, v: Float32Array, at: number): number {
  let sum = 0;
  for (let k = 0; k < n; k++) sum += w[row * n + k] * v[at + k];
  return sum;
}

/**
 * Every cell value of a batch-major LSTM (gates i, f, c used; o is not needed) over `count`
 * windows of observed `input` ([count, T, in]) and `output` ([count, T, units]).
 */
export function lstmCellValues(
  graph: Graph,
  op: Extract<OpDef, { type: 'UNIDIRECTIONAL_SEQUENCE_LSTM' }>,
  input: Float32Array,
  output: Float32Array,
  count: number,
): Float32Array {
  if (op.options.timeMajor) {
    throw new EdgeforgeError('calibrating a time-major LSTM is not supported', {
      fix: 'Lower LSTMs batch-major, as edgeforge does',
    });
  }
  const [units, depth] = graph.tensors[op.inputs[1]].shape;
  const steps = input.length / (count * depth);
  const [inputWeights, recurrentWeights, biases] = [INPUT_WEIGHTS, RECURRENT_WEIGHTS, GATE_BIASES].map(
    (positions) => positions.map((p) => floatConstant(graph, op.inputs[p])),
  );
  const clip = op.options.cellClip;
  const cells = new Float32Array(count * steps * units);
  const cell = new Float64Array(units);
  const noState = new Float32Array(units);
  for (let w = 0; w < count; w++) {
    cell.fill(0);
    for (let t = 0; t < steps; t++) {
      const row = w * steps + t;
      const hidden = t === 0 ? noState : output;
      const hiddenAt = t === 0 ? 0 : (row - 1) * units;
      for (let r = 0; r < units; r++) {
        const gate = (g: number) =>
          biases[g][r] +
          rowDot(inputWeights[g], r, depth, input, row * depth) +
          rowDot(recurrentWeights[g], r, units, hidden, hiddenAt);
        let c = sigmoid(gate(1)) * cell[r] + sigmoid(gate(0)) * Math.tanh(gate(2));
        if (clip > 0) c = Math.min(clip, Math.max(-clip, c));
        cell[r] = c;
        cells[row * units + r] = c;
      }
    }
  }
  return cells;
}
