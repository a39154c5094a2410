/**
 * FULLY_CONNECTED, CONV_2D and DEPTHWISE_CONV_2D, int8 and float, as C loops with the
 * model's sizes, strides, paddings and quantization constants written in. Integer sums are
 * exact whatever their order; float sums run in double in the runtime's order and round once
 * where the runtime rounds, so float results match it too.
 */
import { convWindows } from '../../../runtime/kernels/conv-geometry.js';
import { filterQuantization, outputStage } from '../../../runtime/kernels/int8/output-stage.js';
import { quantOf } from '../../../runtime/kernels/int8/operands.js';
import type { OpOf } from '../../../runtime/kernels/context.js';
import type { OpEmitter } from '../program.js';
import { fusedFloat, kernelContext, requantizeExpression } from './fused.js';

export function fullyConnected(e: OpEmitter, op: OpOf<'FULLY_CONNECTED'>): string {
  const [input, filter, bias = -1] = op.inputs;
  const output = op.outputs[0];
  const [units, depth] = e.shape(filter);
  const rows = e.count(input) / depth;
  const biasTerm = bias >= 0 ? e.ptr(bias) : undefined;
  if (e.dtype(input) === 'int8') {
    const k = kernelContext(e);
    const filterQuant = filterQuantization(k, filter, units);
    const stage = outputStage(
      k,
      { input, filter: filterQuant, output },
      units,
      op.options.fusedActivation,
      true,
    );
    e.program.use('dotS8');
    const inputZeroPoint = quantOf(k, input, 'input').zeroPoint;
    return `int32_t r, o;
for (r = 0; r < ${rows}; r++) {
  for (o = 0; o < ${units}; o++) {
    int32_t acc = ef_dot_s8(${e.ptr(filter)} + o * ${depth}, ${e.ptr(input)} + r * ${depth}, ${depth}, ${-filterQuant.zeroPoint}, ${-inputZeroPoint});${biasTerm === undefined ? '' : `\n    acc += ${biasTerm}[o];`}
    ${e.ptr(output)}[r * ${units} + o] = ${requantizeExpression(e, stage, 'acc', 'o')};
  }
}`;
  }
  const start = biasTerm === undefined ? 's' : `(ef_acc_t)${biasTerm}[o] + s`;
  return `const float *x = ${e.ptr(input)};
const float *w = ${e.ptr(filter)};
float *out = ${e.ptr(output)};
int32_t r, o, k;
for (r = 0; r < ${rows}; r++) {
  for (o = 0; o < ${units}; o++) {
    ef_acc_t s = (ef_acc_t)0;
    float v;
    for (k = 0; k < ${depth}; k++) s += (ef_acc_t)w[o * ${depth} + k] * (ef_acc_t)x[r * ${depth} + k];
    v = (float)(${start});
    out[r * ${units} + o] = ${fusedFloat(e, op.options.fusedActivation, 'v')};
  }
}`;
}

/** The loops over output positions and in-bounds taps shared by both convolutions. */
function tapLoops(e: OpEmitter, op: OpOf<'CONV_2D' | 'DEPTHWISE_CONV_2D'>, inner: string): string {
  const g = convWindows(op, kernelContext(e));
  const { rows, cols } = g;
  return `for (ky = 0; ky < ${rows.kernel}; ky++) {
  int32_t iy = oy * ${rows.stride} - ${rows.padBefore} + ky * ${rows.dilation};
  if (iy < 0 || iy >= ${rows.size}) continue;
  for (kx = 0; kx < ${cols.kernel}; kx++) {
    int32_t ix = ox * ${cols.stride} - ${cols.padBefore} + kx * ${cols.dilation};
    if (ix < 0 || ix >= ${cols.size}) continue;
${inner
  .split('\n')
  .map((line) => `    ${line}`)
  .join('\n')}
  }
}`;
}

function indented(text: string, spaces: number): string {
  return text
    .split('\n')
    .map((line) => ' '.repeat(spaces) + line)
    .join('\n');
}

export function conv2d(e: OpEmitter, op: OpOf<'CONV_2D'>): string {
  const [input, filter, bias = -1] = op.inputs;
  const output = op.outputs[0];
  const k = kernelContext(e);
  const g = convWindows(op, k);
  const filters = e.shape(filter)[0];
  const { channels, rows, cols } = g;
  const header = `int32_t oy, ox, o, ky, kx;
for (oy = 0; oy < ${rows.out}; oy++) {
  for (ox = 0; ox < ${cols.out}; ox++) {
    for (o = 0; o < ${filters}; o++) {`;
  const filterAt = `${e.ptr(filter)} + ((o * ${rows.kernel} + ky) * ${cols.kernel} + kx) * ${channels}`;
  const inputAt = `${e.ptr(input)} + (iy * ${cols.size} + ix) * ${channels}`;
  const outAt = `${e.ptr(output)}[(oy * ${cols.out} + ox) * ${filters} + o]`;
  const biasValue = bias >= 0 ? `${e.ptr(bias)}[o]` : undefined;
  if (e.dtype(input) === 'int8') {
    const filterQuant = filterQuantization(k, filter, filters);
    const stage = outputStage(
      k,
      { input, filter: filterQuant, output },
      filters,
      op.options.fusedActivation,
      false,
    );
    const inputZeroPoint = quantOf(k, input, 'input').zeroPoint;
    e.program.use('dotS8');
    const taps = tapLoops(
      e,
      op,
      `acc += ef_dot_s8(${filterAt}, ${inputAt}, ${channels}, 0, ${-inputZeroPoint});`,
    );
    return `${header}
      int32_t acc = 0;
${indented(taps, 6)}${biasValue === undefined ? '' : `\n      acc += ${biasValue};`}
      ${outAt} = ${requantizeExpression(e, stage, 'acc', 'o')};
    }
  }
}`;
  }
  const taps = tapLoops(
    e,
    op,
    `const float *f = ${filterAt};
const float *v = ${inputAt};
int32_t c;
for (c = 0; c < ${channels}; c++) s += (ef_acc_t)f[c] * (ef_acc_t)v[c];`,
  );
  return `${header}
      ef_acc_t s = ${biasValue === undefined ? '(ef_acc_t)0' : `(ef_acc_t)${biasValue}`};
      float value;
${indented(taps, 6)}
      value = (float)s;
      ${outAt} = ${fusedFloat(e, op.options.fusedActivation, 'value')};
    }
  }
}`;
}

export function depthwiseConv2d(e: OpEmitter, op: OpOf<'DEPTHWISE_CONV_2D'>): string {
  const [input, filter, bias = -1] = op.inputs;
  const output = op.outputs[0];
  const k = kernelContext(e);
  const g = convWindows(op, k);
  const filters = e.shape(filter)[3];
  const { channels, rows, cols } = g;
  const multiplier = filters / channels;
  const header = `int32_t oy, ox, c, m, ky, kx;
for (oy = 0; oy < ${rows.out}; oy++) {
  for (ox = 0; ox < ${cols.out}; ox++) {
    for (c = 0; c < ${channels}; c++) {
      for (m = 0; m < ${multiplier}; m++) {
        int32_t o = c * ${multiplier} + m;`;
  const filterValue = `${e.ptr(filter)}[(ky * ${cols.kernel} + kx) * ${filters} + o]`;
  const inputValue = `${e.ptr(input)}[(iy * ${cols.size} + ix) * ${channels} + c]`;
  const outAt = `${e.ptr(output)}[(oy * ${cols.out} + ox) * ${filters} + o]`;
  const biasValue = bias >= 0 ? `${e.ptr(bias)}[o]` : undefined;
  if (e.dtype(input) === 'int8') {
    const filterQuant = filterQuantization(k, filter, filters);
    const stage = outputStage(
      k,
      { input, filter: filterQuant, output },
      filters,
      op.options.fusedActivation,
      false,
    );
    const inputZeroPoint = quantOf(k, input, 'input').zeroPoint;
    const taps = tapLoops(e, op, `acc += ${filterValue} * (${inputValue} - (${inputZeroPoint}));`);
    return `${header}
        int32_t acc = 0;
${indented(taps, 8)}${biasValue === undefined ? '' : `\n        acc += ${biasValue};`}
        ${outAt} = ${requantizeExpression(e, stage, 'acc', 'o')};
      }
    }
  }
}`;
  }
  // The float runtime accumulates into the float32 output tap by tap.
  const taps = tapLoops(
    e,
    op,
    `s = (float)((ef_acc_t)s + (ef_acc_t)${inputValue} * (ef_acc_t)${filterValue});`,
  );
  return `${header}
        float s = ${biasValue ?? '0.0f'};
${indented(taps, 8)}
        ${outAt} = ${fusedFloat(e, op.options.fusedActivation, 's')};
      }
    }
  }
}`;
}
