/**
 * Ops that map each value on its own, and SOFTMAX. int8 LOGISTIC, TANH, RELU, RELU6 and
 * int8 -> int8 QUANTIZE depend on the input byte alone: their exact results (the same table
 * builders as the runtime's kernels) become 256-entry lookup tables. QUANTIZE from float and
 * DEQUANTIZE convert with the tensor's scale; SOFTMAX uses the fixed-point exponentials.
 */
import { clamp } from '../../../quant/arith/int32.js';
import {
  INT8_RANGE,
  int8Table,
  relu6Int8Range,
  reluInt8Params,
  rescaleInt8Table,
  rescaleMultiplier,
  sigmoidInt8Params,
  sigmoidInt8Table,
  softmaxExpTable,
  softmaxInt8Params,
} from '../../../quant/params.js';
import type { OpOf } from '../../../runtime/kernels/context.js';
import { derive, quantOf } from '../../../runtime/kernels/int8/operands.js';
import { cDouble, cFloat } from '../c-syntax.js';
import type { OpEmitter } from '../program.js';
import { fusedFloat, kernelContext } from './fused.js';

function lookup(e: OpEmitter, table: Int8Array, what: string): string {
  e.program.use('lookup');
  const name = e.program.table('table', 'int8', table, what);
  const [input, output] = [e.op.inputs[0], e.op.outputs[0]];
  return `ef_lookup_s8(${name}, ${e.ptr(input)}, ${e.ptr(output)}, ${e.count(output)});`;
}

export function activation(e: OpEmitter, op: OpOf<'LOGISTIC' | 'TANH' | 'RELU' | 'RELU6'>): string {
  const input = op.inputs[0];
  const output = op.outputs[0];
  if (e.dtype(input) === 'int8') {
    const k = kernelContext(e);
    const from = quantOf(k, input, 'input');
    const to = quantOf(k, output, 'output');
    switch (op.type) {
      case 'LOGISTIC':
      case 'TANH': {
        const params = derive(k, () => sigmoidInt8Params(from.scale, from.zeroPoint));
        return lookup(e, sigmoidInt8Table(op.type, params), `${op.type} of every int8 input`);
      }
      case 'RELU': {
        const { rescale, range } = derive(k, () => reluInt8Params(from.scale, to.scale, to.zeroPoint));
        return lookup(
          e,
          rescaleInt8Table(from.zeroPoint, rescale, to.zeroPoint, range),
          'RELU of every int8 input',
        );
      }
      case 'RELU6': {
        const range = relu6Int8Range(from.scale, from.zeroPoint);
        return lookup(
          e,
          int8Table((q) => clamp(q, range.min, range.max)),
          'RELU6 of every int8 input',
        );
      }
    }
  }
  const value =
    op.type === 'LOGISTIC'
      ? (e.program.use('sigmoidF'), 'ef_sigmoid(x[i])')
      : op.type === 'TANH'
        ? (e.program.use('tanhF'), 'ef_tanh(x[i])')
        : fusedFloat(e, op.type, 'x[i]');
  return `const float *x = ${e.ptr(input)};
float *out = ${e.ptr(output)};
int32_t i;
for (i = 0; i < ${e.count(output)}; i++) out[i] = ${value};`;
}

export function quantize(e: OpEmitter, op: OpOf<'QUANTIZE' | 'DEQUANTIZE'>): string {
  const [input, output] = [op.inputs[0], op.outputs[0]];
  const k = kernelContext(e);
  const to = quantOf(k, output, 'output');
  if (e.dtype(output) !== 'int8') unsupported(e, `QUANTIZE to ${e.dtype(output)}`);
  if (e.dtype(input) === 'int8') {
    const from = quantOf(k, input, 'input');
    const rescale = derive(k, () => rescaleMultiplier(from.scale, to.scale));
    return lookup(
      e,
      rescaleInt8Table(from.zeroPoint, rescale, to.zeroPoint, INT8_RANGE),
      'requantization of every int8 input',
    );
  }
  e.program.use('quantizeS8');
  return `const float *x = ${e.ptr(input)};
int8_t *out = ${e.ptr(output)};
int32_t i;
for (i = 0; i < ${e.count(output)}; i++) out[i] = ef_quantize_s8(x[i], ${cFloat(to.scale)}, ${to.zeroPoint});`;
}

export function dequantize(e: OpEmitter, op: OpOf<'QUANTIZE' | 'DEQUANTIZE'>): string {
  const [input, output] = [op.inputs[0], op.outputs[0]];
  const count = e.count(output);
  if (e.dtype(input) === 'float16') {
    e.program.use('halfToFloat');
    return `const uint16_t *half = ${e.ptr(input)};
float *out = ${e.ptr(output)};
int32_t i;
for (i = 0; i < ${count}; i++) out[i] = ef_half_to_float(half[i]);`;
  }
  const params = e.variant.graph.tensors[input].quantization;
  if (e.dtype(input) !== 'int8' || params === undefined || params.scale.length !== 1) {
    unsupported(e, `DEQUANTIZE of ${e.dtype(input)} (or per channel)`);
  }
  return `const int8_t *q = ${e.ptr(input)};
float *out = ${e.ptr(output)};
int32_t i;
for (i = 0; i < ${count}; i++) out[i] = (float)(${cDouble(params.scale[0])} * (double)(q[i] - (${params.zeroPoint[0]})));`;
}

export function softmax(e: OpEmitter, op: OpOf<'SOFTMAX'>): string {
  const [input, output] = [op.inputs[0], op.outputs[0]];
  const shape = e.shape(input);
  const depth = shape[shape.length - 1] ?? 1;
  const rows = depth === 0 ? 0 : e.count(input) / depth;
  if (e.dtype(input) === 'int8') {
    const k = kernelContext(e);
    const params = derive(k, () => softmaxInt8Params(op.options.beta, quantOf(k, input, 'input').scale));
    const table = e.program.table(
      'exp',
      'int32',
      softmaxExpTable(params),
      'SOFTMAX exponentials by distance below the row maximum',
    );
    e.program.use('softmaxS8');
    return `int32_t r;
for (r = 0; r < ${rows}; r++) ef_softmax_s8(${table}, ${e.ptr(input)} + r * ${depth}, ${e.ptr(output)} + r * ${depth}, ${depth});`;
  }
  e.program.usesLibm = true;
  return `const float *x = ${e.ptr(input)};
float *out = ${e.ptr(output)};
int32_t r, i;
for (r = 0; r < ${rows}; r++) {
  const float *xr = x + r * ${depth};
  float *o = out + r * ${depth};
  float max = xr[0];
  ef_acc_t sum = (ef_acc_t)0;
  ef_acc_t scale;
  for (i = 1; i < ${depth}; i++) if (xr[i] > max) max = xr[i];
  for (i = 0; i < ${depth}; i++) {
    ef_acc_t v = EF_EXP((ef_acc_t)${cDouble(op.options.beta)} * ((ef_acc_t)xr[i] - (ef_acc_t)max));
    o[i] = (float)v;
    sum += v;
  }
  scale = (ef_acc_t)1 / sum;
  for (i = 0; i < ${depth}; i++) o[i] = (float)((ef_acc_t)o[i] * scale);
}`;
}

export function unsupported(e: OpEmitter, what: string): never {
  throw e.fail(
    `${what} has no C kernel`,
    'Export this model with --format tflite, or use the operators the C generator supports (see its README)',
  );
}
