/**
 * Hybrid UNIDIRECTIONAL_SEQUENCE_LSTM (float input, state and output; int8 weights, one
 * symmetric scale per weight tensor), as TFLite's hybrid LSTM: per sample and step, the input
 * row x and the output state h are each quantized symmetrically on the fly (factors s_x, s_h),
 * and each gate's pre-activation is
 *   bias + Σ W_g[r, k] q_x[k] · (s_x · w_g) + Σ U_g[r, k] q_h[k] · (s_h · u_g)
 * (int32 dot products, float32 scales); the gate activations and the cell update are the
 * float LSTM's. Gate pre-activations go to the op's planned scratch (4·units floats).
 */
import type { Kernel, KernelContext, OpOf } from '../context.js';
import { sigmoidRange, tanhRange } from '../float/transcendental.js';
import { sequenceLayout, stepRow } from '../float/sequence.js';
import {
  CELL_STATE,
  GATE_BIASES,
  INPUT_WEIGHTS,
  OUTPUT_STATE,
  RECURRENT_WEIGHTS,
  requireStandardLstm,
} from '../lstm-operands.js';
import { hybridWeights, type HybridWeights } from './operands.js';
import { quantizeRow } from './symmetric-input.js';

/** gates[g·units + r] += Σ_k W[r, k] q[k] · (factors[at] · scale of W), for one gate's weights. */
function addGateProducts(
  gates: Float32Array,
  gate: number,
  weights: HybridWeights,
  q: Int8Array,
  factors: Float32Array,
  at: number,
): void {
  const { values, scales } = weights;
  const units = scales.length;
  const depth = q.length;
  const scale = Math.fround(factors[at] * scales[0]);
  for (let r = 0; r < units; r++) {
    let dot = 0;
    for (let k = 0; k < depth; k++) dot += values[r * depth + k] * q[k];
    gates[gate * units + r] += Math.fround(dot * scale);
  }
}

export function lstmHybridKernel(op: OpOf<'UNIDIRECTIONAL_SEQUENCE_LSTM'>, ctx: KernelContext): Kernel {
  const inputs = op.inputs;
  requireStandardLstm(op, ctx, 'hybrid kernel');
  const [units, depth] = ctx.shape(inputs[INPUT_WEIGHTS[0]]);
  // Per-tensor weights: each tensor's one scale, repeated per row by hybridWeights.
  const perTensor = (position: number) => {
    if (ctx.quantization(inputs[position])?.scale.length !== 1) {
      ctx.fail(
        `weights ${ctx.describe(inputs[position])} need one scale (TFLite's hybrid LSTM)`,
        'Quantize LSTM weights per tensor',
      );
    }
    return hybridWeights(ctx, inputs[position], units, 0);
  };
  const w = INPUT_WEIGHTS.map(perTensor);
  const u = RECURRENT_WEIGHTS.map(perTensor);
  const biases = GATE_BIASES.map((position) => ctx.float(inputs[position], 'gate bias'));
  const x = ctx.float(inputs[0], 'input');
  const hidden = ctx.float(inputs[OUTPUT_STATE], 'output state');
  const cell = ctx.float(inputs[CELL_STATE], 'cell state');
  const out = ctx.float(op.outputs[0], 'output');
  const gates = ctx.scratch();
  const layout = sequenceLayout(ctx.shape(inputs[0]), op.options.timeMajor);
  const clip = op.options.cellClip;
  // Built once with the interpreter: invoke allocates nothing.
  const qx = new Int8Array(depth);
  const qh = new Int8Array(units);
  /** [input factor, state factor] of the current step. */
  const factors = new Float32Array(2);
  return () => {
    for (let b = 0; b < layout.batch; b++) {
      const at = b * units;
      for (let t = 0; t < layout.steps; t++) {
        const row = stepRow(layout, b, t);
        quantizeRow(x, row * depth, depth, qx, 0, factors, 0);
        quantizeRow(hidden, at, units, qh, 0, factors, 1);
        for (let g = 0; g < 4; g++) {
          gates.set(biases[g], g * units);
          addGateProducts(gates, g, w[g], qx, factors, 0);
          addGateProducts(gates, g, u[g], qh, factors, 1);
        }
        sigmoidRange(gates, gates, 0, 2 * units);
        tanhRange(gates, gates, 2 * units, 3 * units);
        sigmoidRange(gates, gates, 3 * units, 4 * units);
        for (let r = 0; r < units; r++) {
          let next = gates[units + r] * cell[at + r] + gates[r] * gates[2 * units + r];
          if (clip > 0) next = Math.min(Math.max(next, -clip), clip);
          cell[at + r] = next;
          gates[units + r] = next;
        }
        tanhRange(gates, gates, units, 2 * units);
        for (let r = 0; r < units; r++) {
          hidden[at + r] = gates[3 * units + r] * gates[units + r];
          out[row * units + r] = hidden[at + r];
        }
      }
    }
  };
}
