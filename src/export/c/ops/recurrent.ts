/**
 * UNIDIRECTIONAL_SEQUENCE_LSTM (int8 as TFLite Micro's integer LSTM, and float) and GRU
 * (float). Batch 1: each step computes every unit's gates from the old hidden state, writes
 * the new hidden row to the output (or scratch) and only then replaces the state, as the
 * runtime does.
 */
import {
  CELL_STATE,
  GATE_BIASES,
  INPUT_WEIGHTS,
  OUTPUT_STATE,
  RECURRENT_WEIGHTS,
} from '../../../runtime/kernels/lstm-operands.js';
import type { OpOf } from '../../../runtime/kernels/context.js';
import { derive, quantOf, scales } from '../../../runtime/kernels/int8/operands.js';
import { tanhInt16Scaling } from '../../../quant/arith/int16-activations.js';
import { lstmInt8Params, type QuantizedMultiplier } from '../../../quant/params.js';
import { cDouble } from '../c-syntax.js';
import type { OpEmitter } from '../program.js';
import { kernelContext } from './fused.js';

/** Gate pre-activations are Q3.12: tanh's input scale 2^-12. */
const GATE_TANH = tanhInt16Scaling(-12);

const m = (q: QuantizedMultiplier) => `${q.multiplier}, ${q.shift}`;

function sequence(e: OpEmitter, input: number, depth: number): number {
  return e.count(input) / depth;
}

export function lstm(e: OpEmitter, op: OpOf<'UNIDIRECTIONAL_SEQUENCE_LSTM'>): string {
  const inputs = op.inputs;
  const [units, depth] = e.shape(inputs[INPUT_WEIGHTS[0]]);
  const steps = sequence(e, inputs[0], depth);
  const w = INPUT_WEIGHTS.map((position) => e.ptr(inputs[position]));
  const u = RECURRENT_WEIGHTS.map((position) => e.ptr(inputs[position]));
  const biases = GATE_BIASES.map((position) =>
    inputs[position] >= 0 ? `${e.ptr(inputs[position])}[r]` : '0',
  );
  const head = `const ${e.dtype(inputs[0]) === 'int8' ? 'int8_t' : 'float'} *x = ${e.ptr(inputs[0])};
int32_t t, r;
for (t = 0; t < ${steps}; t++) {
  const ${e.dtype(inputs[0]) === 'int8' ? 'int8_t' : 'float'} *xt = x + t * ${depth};`;
  if (e.dtype(inputs[0]) === 'int8') return head + lstmInt8Step(e, op, { units, depth, w, u, biases });
  e.program.use('affineF', 'sigmoidF', 'tanhF');
  const gate = (g: number) =>
    `ef_affine(${u[g]} + r * ${units}, h, ${units}, ef_affine(${w[g]} + r * ${depth}, xt, ${depth}, ${biases[g]}))`;
  const clip = op.options.cellClip;
  return `${head}
  float *h = ${e.ptr(inputs[OUTPUT_STATE])};
  float *c = ${e.ptr(inputs[CELL_STATE])};
  float *ht = ${e.ptr(op.outputs[0])} + t * ${units};
  for (r = 0; r < ${units}; r++) {
    float input_gate = ef_sigmoid(${gate(0)});
    float forget_gate = ef_sigmoid(${gate(1)});
    float cell_gate = ef_tanh(${gate(2)});
    float output_gate = ef_sigmoid(${gate(3)});
    ef_acc_t next = (ef_acc_t)forget_gate * (ef_acc_t)c[r] + (ef_acc_t)input_gate * (ef_acc_t)cell_gate;
    float cell;${clip > 0 ? `\n    next = next < -${cDouble(clip)} ? -${cDouble(clip)} : (next > ${cDouble(clip)} ? ${cDouble(clip)} : next);` : ''}
    cell = (float)next;
    c[r] = cell;
    ht[r] = (float)((ef_acc_t)output_gate * (ef_acc_t)ef_tanh(cell));
  }
  for (r = 0; r < ${units}; r++) h[r] = ht[r];
}`;
}

interface LstmOperands {
  units: number;
  depth: number;
  w: string[];
  u: string[];
  biases: string[];
}

function lstmInt8Step(e: OpEmitter, op: OpOf<'UNIDIRECTIONAL_SEQUENCE_LSTM'>, o: LstmOperands): string {
  const inputs = op.inputs;
  const k = kernelContext(e);
  const hidden = quantOf(k, inputs[OUTPUT_STATE], 'output state');
  const p = derive(k, () =>
    lstmInt8Params({
      input: quantOf(k, inputs[0], 'input'),
      hidden,
      cellScale: quantOf(k, inputs[CELL_STATE], 'cell state').scale,
      inputWeightScales: INPUT_WEIGHTS.map((position) => scales(k, inputs[position], 'weights')[0]),
      recurrentWeightScales: RECURRENT_WEIGHTS.map((position) => scales(k, inputs[position], 'weights')[0]),
      cellClip: op.options.cellClip,
    }),
  );
  e.program.use('dot4S8', 'gate16', 'logistic16', 'tanh16', 'mbqm', 'clamp');
  const { units, depth } = o;
  const rows = (weights: string[], n: number) => weights.map((w) => `${w} + r * ${n}`).join(', ');
  const gate = (g: number) =>
    `ef_gate16(from_input[${g}]${o.biases[g] === '0' ? '' : ` + ${o.biases[g]}`}, ${m(p.inputToGate[g])}, from_recurrent[${g}], ${m(p.recurrentToGate[g])})`;
  const clip = p.cellClip > 0 ? `\n    cell = ef_clamp(cell, ${-p.cellClip}, ${p.cellClip});` : '';
  return `
  int8_t *h = ${e.ptr(inputs[OUTPUT_STATE])};
  int16_t *c = ${e.ptr(inputs[CELL_STATE])};
  int8_t *ht = ${e.ptr(op.outputs[0])} + t * ${units};
  for (r = 0; r < ${units}; r++) {
    int32_t from_input[4], from_recurrent[4];
    int32_t input_gate, forget_gate, cell_gate, output_gate;
    ef_dot4_s8(${rows(o.w, depth)}, xt, ${depth}, ${-p.inputZeroPoint}, from_input);
    ef_dot4_s8(${rows(o.u, units)}, h, ${units}, ${-p.hiddenZeroPoint}, from_recurrent);
    input_gate = ef_logistic16(${gate(0)});
    forget_gate = ef_logistic16(${gate(1)});
    cell_gate = ef_tanh16(${gate(2)}, ${GATE_TANH.multiplier}, ${GATE_TANH.shift});
    output_gate = ef_logistic16(${gate(3)});
    int32_t kept = ef_clamp(ef_mbqm(forget_gate * c[r], ${m(p.forgetTimesCell)}), -32768, 32767);
    int32_t added = ef_clamp(ef_mbqm(input_gate * cell_gate, ${m(p.inputTimesCellGate)}), -32768, 32767);
    int32_t cell = ef_clamp(kept + added, -32768, 32767);${clip}
    c[r] = (int16_t)cell;
    ht[r] = (int8_t)ef_clamp(ef_mbqm(ef_tanh16(cell, ${p.cellTanh.multiplier}, ${p.cellTanh.shift}) * output_gate, ${m(p.outputTimesTanhCell)}) + ${p.hiddenZeroPoint}, -128, 127);
  }
  for (r = 0; r < ${units}; r++) h[r] = ht[r];
}`;
}

export function gru(e: OpEmitter, op: OpOf<'GRU'>): string {
  const [input, kernel, recurrent, inputBias, recurrentBias, state] = op.inputs;
  const [gateRows, depth] = e.shape(kernel);
  const units = gateRows / 3;
  const steps = sequence(e, input, depth);
  e.program.use('affineF', 'sigmoidF', 'tanhF');
  const projection = (weights: number, bias: number, row: string, vector: string, n: number) =>
    `ef_affine(${e.ptr(weights)} + (${row}) * ${n}, ${vector}, ${n}, ${e.ptr(bias)}[${row}])`;
  const x = (row: string) => projection(kernel, inputBias, row, 'xt', depth);
  const r = (row: string) => projection(recurrent, recurrentBias, row, 'h', units);
  const out = e.ptr(op.outputs[0]);
  const sequences = op.options.returnSequences;
  return `const float *x = ${e.ptr(input)};
float *h = ${e.ptr(state)};
float *next = (float *)(ef_arena + ${e.scratchOffset()});
int32_t t, j;
for (t = 0; t < ${steps}; t++) {
  const float *xt = x + t * ${depth};
  for (j = 0; j < ${units}; j++) {
    float update = ef_sigmoid((float)((ef_acc_t)${x('j')} + (ef_acc_t)${r('j')}));
    float reset = ef_sigmoid((float)((ef_acc_t)${x(`${units} + j`)} + (ef_acc_t)${r(`${units} + j`)}));
    float candidate = ef_tanh((float)((ef_acc_t)${x(`${2 * units} + j`)} + (ef_acc_t)reset * (ef_acc_t)${r(`${2 * units} + j`)}));
    next[j] = (float)((ef_acc_t)update * (ef_acc_t)h[j] + ((ef_acc_t)1 - (ef_acc_t)update) * (ef_acc_t)candidate);
  }
  for (j = 0; j < ${units}; j++) h[j] = next[j];${sequences ? `\n  for (j = 0; j < ${units}; j++) ${out}[t * ${units} + j] = h[j];` : ''}
}${sequences ? '' : `\nfor (j = 0; j < ${units}; j++) ${out}[j] = h[j];`}`;
}
