/**
 * int8 UNIDIRECTIONAL_SEQUENCE_LSTM as TensorFlow Lite Micro's integer path (8-bit input,
 * weights and hidden state, 16-bit cell state). For each step and each gate g of i, f, c, o:
 *   pre_g = sat16(rescale(W_g·(x - xZp) + b_g) + rescale(U_g·(h - hZp)))     Q3.12
 *   i, f, o = logistic(pre) and g = tanh(pre)                                 Q0.15
 *   c' = sat16(rescale(f·c) + rescale(i·g)), clipped when a cell clip is set   cell scale
 *   h' = sat8(rescale(o·tanh(c')) + hZp)                                       hidden scale
 * each product rescaled by its multiplier from src/quant/params.ts, each partial result
 * saturated where TFLite stores it in int16. The converter's intermediate tensors are not
 * read: TFLite Micro fixes the gate scales at 2^-12 (in) and 2^-15 (out) for LSTMs without
 * layer normalisation.
 *
 * Speed without changing a bit: the four gates' weights are packed once into one matrix of
 * 4·units rows, the zero points folded into per-row offsets (W·(x - zp) = W·x - zp·ΣW, exact
 * in integers), and the input part of every step's gates computed for the whole sequence
 * before the recurrence, which then needs only the recurrent product per step.
 */
import {
  INT16_TABLE_OFFSET,
  logisticInt16Table,
  tanhInt16Table,
} from '../../../quant/arith/int16-activation-tables.js';
import { tanhInt16Scaling } from '../../../quant/arith/int16-activations.js';
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
import { rowSums } from './dot.js';
import { matVec, matVec2, packPanels } from './panel-matrix.js';
import { derive, int16, int8, optionalInt32, quantOf, scales } from './operands.js';

const GATES = 4;
/** Gate positions in the packed rows: i, f, c, o blocks of `units` rows each. */
const INPUT_GATE = 0;
const FORGET_GATE = 1;
const CELL_GATE = 2;
const OUTPUT_GATE = 3;
/** Gate pre-activations are Q3.12: tanh's input scale 2^-12. */
const GATE_TANH = tanhInt16Scaling(-12);
const { min: INT16_MIN, max: INT16_MAX } = INT16_RANGE;
const { min: INT8_MIN, max: INT8_MAX } = INT8_RANGE;
const INT8_VALUES = INT8_MAX - INT8_MIN + 1;

/** The four gates' [units, columns] matrices stacked into one of 4·units rows, gate-major. */
function packGates(matrices: Int8Array[]): Float64Array {
  const packed = new Float64Array(matrices.reduce((n, m) => n + m.length, 0));
  let at = 0;
  for (const matrix of matrices) {
    packed.set(matrix, at);
    at += matrix.length;
  }
  return packed;
}

/** A product (or sum of products) rescaled and saturated to int16, as TFLite stores each partial result. */
function toInt16(acc: number, multiplier: number, shift: number): number {
  return clamp(rescale(acc | 0, multiplier, shift), INT16_MIN, INT16_MAX);
}

/** One multiplier and shift per packed row (each gate's for its block of rows). */
function perRow(gateMultipliers: QuantizedMultiplier[], units: number): { m: Int32Array; s: Int32Array } {
  const m = new Int32Array(GATES * units);
  const s = new Int32Array(GATES * units);
  gateMultipliers.forEach((q, g) => {
    m.fill(q.multiplier, g * units, (g + 1) * units);
    s.fill(q.shift, g * units, (g + 1) * units);
  });
  return { m, s };
}

/** Everything both int8 LSTM kernels (this one and the WebAssembly one) take from the op, checked. */
export interface LstmInt8Setup {
  x: Int8Array;
  /** The state tensors, read at the start of each sequence and left at its last step. */
  hidden: Int8Array;
  cell: Int16Array;
  out: Int8Array;
  units: number;
  depth: number;
  layout: SequenceLayout;
  /** The four gates' weights stacked gate-major (i, f, c, o): 4·units rows of depth, and of units, values. */
  inputWeights: Float64Array;
  recurrentWeights: Float64Array;
  /** Per stacked row: bias - xZp·ΣW and -hZp·ΣU, the zero points' whole contribution. */
  inputOffset: Float64Array;
  recurrentOffset: Float64Array;
  params: LstmInt8Params;
  /** logistic for the i, f, o gates, tanh at Q3.12 for the cell gate, tanh at the cell's scale. */
  logistic: Int16Array;
  gateTanh: Int16Array;
  cellTanh: Int16Array;
}

export function lstmInt8Setup(op: OpOf<'UNIDIRECTIONAL_SEQUENCE_LSTM'>, ctx: KernelContext): LstmInt8Setup {
  const inputs = op.inputs;
  requireStandardLstm(op, ctx, 'int8 kernel');
  const x = int8(ctx, inputs[0], 'input');
  const hidden = int8(ctx, inputs[OUTPUT_STATE], 'output state');
  const cell = int16(ctx, inputs[CELL_STATE], 'cell state');
  const out = int8(ctx, op.outputs[0], 'output');
  const inputWeights = INPUT_WEIGHTS.map((position) => int8(ctx, inputs[position], 'input weights'));
  const recurrentWeights = RECURRENT_WEIGHTS.map((position) =>
    int8(ctx, inputs[position], 'recurrent weights'),
  );
  const biases = GATE_BIASES.map((position) => optionalInt32(ctx, inputs[position], 'gate bias'));
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
  const p = derive(ctx, () =>
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
  const rows = GATES * units;
  const stackedInput = packGates(inputWeights);
  const stackedRecurrent = packGates(recurrentWeights);
  const inputSums = rowSums(stackedInput, rows, depth);
  const recurrentSums = rowSums(stackedRecurrent, rows, units);
  const inputOffset = new Float64Array(rows);
  const recurrentOffset = new Float64Array(rows);
  for (let g = 0; g < GATES; g++) {
    for (let r = 0; r < units; r++) {
      const row = g * units + r;
      inputOffset[row] = (biases[g]?.[r] ?? 0) - p.inputZeroPoint * inputSums[row];
      recurrentOffset[row] = -p.hiddenZeroPoint * recurrentSums[row];
    }
  }
  return {
    x,
    hidden,
    cell,
    out,
    units,
    depth,
    layout: sequenceLayout(ctx.shape(inputs[0]), op.options.timeMajor),
    inputWeights: stackedInput,
    recurrentWeights: stackedRecurrent,
    inputOffset,
    recurrentOffset,
    params: p,
    logistic: logisticInt16Table(),
    gateTanh: tanhInt16Table(GATE_TANH),
    cellTanh: tanhInt16Table(p.cellTanh),
  };
}

export function lstmInt8Kernel(op: OpOf<'UNIDIRECTIONAL_SEQUENCE_LSTM'>, ctx: KernelContext): Kernel {
  const setup = lstmInt8Setup(op, ctx);
  const { x, hidden, cell, out, units, depth, layout, inputOffset, recurrentOffset, params: p } = setup;
  const { logistic, gateTanh, cellTanh } = setup;
  const { batch, steps } = layout;
  const rows = GATES * units;
  const stackedInput = setup.inputWeights;
  const w = packPanels(stackedInput, rows, depth);
  const u = packPanels(setup.recurrentWeights, rows, units);
  const fromInput = perRow(p.inputToGate, units);
  const fromRecurrent = perRow(p.recurrentToGate, units);
  const { multiplier: forgetM, shift: forgetS } = p.forgetTimesCell;
  const { multiplier: inputM, shift: inputS } = p.inputTimesCellGate;
  const { multiplier: outputM, shift: outputS } = p.outputTimesTanhCell;
  const { cellClip, hiddenZeroPoint } = p;

  // Scratch for one sequence: its inputs, every step's input part of the gates, the state.
  const xs = new Float64Array(steps * depth);
  const inputPart = new Int32Array(steps * rows);
  const sums = new Float64Array(steps * rows);
  const gate = new Int32Array(rows);
  const hs = new Float64Array(units);

  /** Every step's gates from the input alone, rescaled to Q3.12 and saturated. */
  // With one input channel a step's gate inputs depend on one int8 value: tabulate all 256.
  const oneChannelTable = depth === 1 ? new Int16Array(INT8_VALUES * rows) : undefined;
  for (let v = 0; oneChannelTable !== undefined && v < INT8_VALUES; v++) {
    for (let row = 0; row < rows; row++) {
      const acc = stackedInput[row] * (v + INT8_MIN) + inputOffset[row];
      oneChannelTable[v * rows + row] = toInt16(acc, fromInput.m[row], fromInput.s[row]);
    }
  }

  /** Every step's gates from the input alone, rescaled to Q3.12 and saturated. */
  const projectInputs = (b: number): void => {
    for (let t = 0; t < steps; t++) {
      const at = stepRow(layout, b, t) * depth;
      if (oneChannelTable !== undefined) {
        const from = (x[at] - INT8_MIN) * rows;
        for (let row = 0; row < rows; row++) inputPart[t * rows + row] = oneChannelTable[from + row];
      } else {
        for (let k = 0; k < depth; k++) xs[t * depth + k] = x[at + k];
      }
    }
    if (oneChannelTable !== undefined) return;
    // Two steps per pass over the weights.
    for (let t = 0; t < steps; t += 2) {
      if (t + 1 < steps) matVec2(w, xs, t * depth, depth, sums, t * rows, rows);
      else matVec(w, xs, t * depth, sums, t * rows);
    }
    for (let t = 0; t < steps; t++) {
      for (let row = 0, i = t * rows; row < rows; row++, i++)
        inputPart[i] = toInt16(sums[i] + inputOffset[row], fromInput.m[row], fromInput.s[row]);
    }
  };

  /** Step t's activated gates (i, f, o logistic and c tanh, Q0.15) into `gate`. */
  const gates = (t: number): void => {
    matVec(u, hs, 0, sums, 0);
    for (let g = 0; g < GATES; g++) {
      const table = g === CELL_GATE ? gateTanh : logistic;
      const m = fromRecurrent.m[g * units];
      const shift = fromRecurrent.s[g * units];
      for (let row = g * units; row < (g + 1) * units; row++) {
        const sum = inputPart[t * rows + row] + toInt16(sums[row] + recurrentOffset[row], m, shift);
        gate[row] = table[clamp(sum, INT16_MIN, INT16_MAX) + INT16_TABLE_OFFSET];
      }
    }
  };

  /** Step t of sequence b from its gates: each unit's cell and hidden value. */
  const cells = (b: number, t: number): void => {
    const stateAt = b * units;
    const outAt = stepRow(layout, b, t) * units;
    for (let r = 0; r < units; r++) {
      const kept = toInt16(gate[FORGET_GATE * units + r] * cell[stateAt + r], forgetM, forgetS);
      const added = toInt16(gate[INPUT_GATE * units + r] * gate[CELL_GATE * units + r], inputM, inputS);
      let c = clamp(kept + added, INT16_MIN, INT16_MAX);
      if (cellClip > 0) c = clamp(c, -cellClip, cellClip);
      cell[stateAt + r] = c;
      const activated = cellTanh[c + INT16_TABLE_OFFSET] * gate[OUTPUT_GATE * units + r];
      out[outAt + r] = clamp(rescale(activated, outputM, outputS) + hiddenZeroPoint, INT8_MIN, INT8_MAX);
    }
    // Every unit has read the old state: now it may change.
    for (let r = 0; r < units; r++) {
      hidden[stateAt + r] = out[outAt + r];
      hs[r] = out[outAt + r];
    }
  };

  return () => {
    for (let b = 0; b < batch; b++) {
      projectInputs(b);
      for (let r = 0; r < units; r++) hs[r] = hidden[b * units + r];
      for (let t = 0; t < steps; t++) {
        gates(t);
        cells(b, t);
      }
    }
  };
}
