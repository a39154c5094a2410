/**
 * int8 UNIDIRECTIONAL_SEQUENCE_LSTM as TensorFlow Lite Micro's integer path (8-bit input,
 * weights and hidden state, 16-bit cell state). For each step and each gate g of i, f, c, o:
 *   pre_g = sat16(rescale(W_g·(x - xZp) + b_g) + rescale(U_g·(h - hZp)))     Q3.12
 *   i, f, o = logistic(pre) and g = tanh(pre)                                 Q0.15
 *   c' = sat16(rescale(f·c) + rescale(i·g)), clipped when a cell clip is set   cell scale
 *   h' = sat8(rescale(o·tanh(c')) + hZp)                                       hidden scale
 * each product rescaled by its multiplier from src/quant/params.ts, each partial result
 * saturated where TFLite stores it in int16. Every stage after the two matrix products is
 * elementwise, so a unit's four gates, cell and hidden value are computed together; the new
 * hidden row goes to the output and replaces the state once all units have read the old one.
 * The converter's intermediate tensors are not read: TFLite Micro fixes the gate scales at
 * 2^-12 (in) and 2^-15 (out) for LSTMs without layer normalisation.
 */
import { logisticInt16, tanhInt16, tanhInt16Scaling } from '../../../quant/arith/int16-activations.js';
import { clamp, multiplyByQuantizedMultiplier as rescale } from '../../../quant/arith/int32.js';
import {
  INT16_RANGE,
  INT8_RANGE,
  lstmInt8Params,
  type LstmInt8Params,
  type QuantizedMultiplier,
} from '../../../quant/params.js';
import type { Kernel, KernelContext, OpOf } from '../context.js';
import {
  CELL_STATE,
  GATE_BIASES,
  INPUT_WEIGHTS,
  OUTPUT_STATE,
  RECURRENT_WEIGHTS,
  requireStandardLstm,
} from '../lstm-operands.js';
import { sequenceLayout, stepRow, type SequenceLayout } from '../float/sequence.js';
import { derive, int16, int8, optionalInt32, quantOf, scales } from './operands.js';

/** Gate positions in the per-gate arrays. */
const INPUT_GATE = 0;
const FORGET_GATE = 1;
const CELL_GATE = 2;
const OUTPUT_GATE = 3;
/** Gate pre-activations are Q3.12: tanh's input scale 2^-12. */
const GATE_TANH = tanhInt16Scaling(-12);

export interface LstmInt8Weights {
  /** Per gate i, f, c, o. */
  input: Int8Array[];
  recurrent: Int8Array[];
  bias: (Int32Array | undefined)[];
}

export interface LstmInt8Shape extends SequenceLayout {
  units: number;
  depth: number;
}

/** Σ_k w[row·n + k] · (v[at + k] - zeroPoint). */
function dot(w: Int8Array, row: number, v: Int8Array, at: number, n: number, zeroPoint: number): number {
  let acc = 0;
  for (let k = 0, i = row * n; k < n; k++, i++) acc += w[i] * (v[at + k] - zeroPoint);
  return acc;
}

/** A product (or sum of products) rescaled and saturated to int16, as TFLite stores each partial result. */
function toInt16(acc: number, m: QuantizedMultiplier): number {
  return clamp(rescale(acc, m.multiplier, m.shift), INT16_RANGE.min, INT16_RANGE.max);
}

/** A gate's Q3.12 pre-activation for unit r: input and recurrent parts saturated apart, then summed. */
function preActivation(
  p: LstmInt8Params,
  weights: LstmInt8Weights,
  gate: number,
  shape: LstmInt8Shape,
  r: number,
  x: Int8Array,
  xAt: number,
  h: Int8Array,
  hAt: number,
): number {
  const bias = weights.bias[gate];
  const fromInput =
    dot(weights.input[gate], r, x, xAt, shape.depth, p.inputZeroPoint) + (bias === undefined ? 0 : bias[r]);
  const fromRecurrent = dot(weights.recurrent[gate], r, h, hAt, shape.units, p.hiddenZeroPoint);
  const sum =
    toInt16(fromInput | 0, p.inputToGate[gate]) + toInt16(fromRecurrent | 0, p.recurrentToGate[gate]);
  return clamp(sum, INT16_RANGE.min, INT16_RANGE.max);
}

/** One step of one sequence: reads h at stateAt, updates c there, writes the new h to out at outAt. */
export function lstmInt8Step(
  p: LstmInt8Params,
  weights: LstmInt8Weights,
  shape: LstmInt8Shape,
  x: Int8Array,
  xAt: number,
  h: Int8Array,
  c: Int16Array,
  stateAt: number,
  out: Int8Array,
  outAt: number,
): void {
  for (let r = 0; r < shape.units; r++) {
    const inputGate = logisticInt16(preActivation(p, weights, INPUT_GATE, shape, r, x, xAt, h, stateAt));
    const forgetGate = logisticInt16(preActivation(p, weights, FORGET_GATE, shape, r, x, xAt, h, stateAt));
    const cellGate = tanhInt16(preActivation(p, weights, CELL_GATE, shape, r, x, xAt, h, stateAt), GATE_TANH);
    const outputGate = logisticInt16(preActivation(p, weights, OUTPUT_GATE, shape, r, x, xAt, h, stateAt));
    const kept = toInt16(forgetGate * c[stateAt + r], p.forgetTimesCell);
    const added = toInt16(inputGate * cellGate, p.inputTimesCellGate);
    let cell = clamp(kept + added, INT16_RANGE.min, INT16_RANGE.max);
    if (p.cellClip > 0) cell = clamp(cell, -p.cellClip, p.cellClip);
    c[stateAt + r] = cell;
    const { multiplier, shift } = p.outputTimesTanhCell;
    const hidden = rescale(tanhInt16(cell, p.cellTanh) * outputGate, multiplier, shift) + p.hiddenZeroPoint;
    out[outAt + r] = clamp(hidden, INT8_RANGE.min, INT8_RANGE.max);
  }
}

export function lstmInt8Kernel(op: OpOf<'UNIDIRECTIONAL_SEQUENCE_LSTM'>, ctx: KernelContext): Kernel {
  const inputs = op.inputs;
  requireStandardLstm(op, ctx, 'int8 kernel');
  const x = int8(ctx, inputs[0], 'input');
  const hidden = int8(ctx, inputs[OUTPUT_STATE], 'output state');
  const cell = int16(ctx, inputs[CELL_STATE], 'cell state');
  const out = int8(ctx, op.outputs[0], 'output');
  const weights: LstmInt8Weights = {
    input: INPUT_WEIGHTS.map((position) => int8(ctx, inputs[position], 'input weights')),
    recurrent: RECURRENT_WEIGHTS.map((position) => int8(ctx, inputs[position], 'recurrent weights')),
    bias: GATE_BIASES.map((position) => optionalInt32(ctx, inputs[position], 'gate bias')),
  };
  const perTensorScale = (position: number) => {
    const all = scales(ctx, inputs[position], 'weights');
    if (all.length !== 1 || ctx.quantization(inputs[position])?.zeroPoint[0] !== 0) {
      ctx.fail(
        `LSTM weights ${ctx.describe(inputs[position])} must be quantized per tensor, symmetrically`,
        'Quantize LSTM weights with one scale and zero point 0',
      );
    }
    return all[0];
  };
  const hiddenQuant = quantOf(ctx, inputs[OUTPUT_STATE], 'output state');
  const outputQuant = quantOf(ctx, op.outputs[0], 'output');
  if (hiddenQuant.scale !== outputQuant.scale || hiddenQuant.zeroPoint !== outputQuant.zeroPoint) {
    ctx.fail(
      'the LSTM output and output state are quantized differently',
      'Quantize both alike: the output is a copy of the state',
    );
  }
  const params = derive(ctx, () =>
    lstmInt8Params({
      input: quantOf(ctx, inputs[0], 'input'),
      hidden: hiddenQuant,
      cellScale: quantOf(ctx, inputs[CELL_STATE], 'cell state').scale,
      inputWeightScales: INPUT_WEIGHTS.map(perTensorScale),
      recurrentWeightScales: RECURRENT_WEIGHTS.map(perTensorScale),
      cellClip: op.options.cellClip,
    }),
  );
  const [units, depth] = ctx.shape(inputs[INPUT_WEIGHTS[0]]);
  const shape: LstmInt8Shape = {
    ...sequenceLayout(ctx.shape(inputs[0]), op.options.timeMajor),
    units,
    depth,
  };
  return () => {
    for (let b = 0; b < shape.batch; b++) {
      for (let t = 0; t < shape.steps; t++) {
        const row = stepRow(shape, b, t);
        lstmInt8Step(params, weights, shape, x, row * depth, hidden, cell, b * units, out, row * units);
        for (let j = 0; j < units; j++) hidden[b * units + j] = out[row * units + j];
      }
    }
  };
}
