/**
 * MAX_POOL_2D / AVERAGE_POOL_2D over the in-bounds taps of each window, and MEAN /
 * REDUCE_MAX over constant axes, int8 (TFLite's integer rules, the runtime's parameters) and
 * float (sums in ef_acc_t: double as the runtime, or float with EDGEFORGE_FLOAT_SINGLE).
 */
import { meanMultiplier, INT8_RANGE, activationRange } from '../../../quant/params.js';
import type { OpOf } from '../../../runtime/kernels/context.js';
import { derive, quantOf } from '../../../runtime/kernels/int8/operands.js';
import { reductionWalks } from '../../../runtime/kernels/int8/reduce.js';
import { poolGeometry } from '../../../runtime/kernels/pool-geometry.js';
import type { OpEmitter } from '../program.js';
import { fusedFloat, kernelContext } from './fused.js';
import { offsetExpression, walkOffsets } from './offsets.js';

export function pool2d(e: OpEmitter, op: OpOf<'MAX_POOL_2D' | 'AVERAGE_POOL_2D'>): string {
  const [input, output] = [op.inputs[0], op.outputs[0]];
  const k = kernelContext(e);
  const { rows, cols, channels } = poolGeometry(op, k);
  const max = op.type === 'MAX_POOL_2D';
  const int8 = e.dtype(input) === 'int8';
  const start = max ? (int8 ? '-128' : '-HUGE_VALF') : '0';
  const accType = int8 ? 'int32_t' : max ? 'float' : 'ef_acc_t';
  const take = max ? 'if (v > acc) acc = v;' : 'acc += v;';
  let result: string;
  if (int8) {
    const { scale, zeroPoint } = quantOf(k, output, 'output');
    const range = derive(k, () => activationRange(op.options.fusedActivation, scale, zeroPoint, INT8_RANGE));
    e.program.use('clamp');
    const value = max ? 'acc' : '(acc > 0 ? (acc + count / 2) / count : (acc - count / 2) / count)';
    result = `(int8_t)ef_clamp(${value}, ${range.min}, ${range.max})`;
  } else {
    e.program.usesLibm = e.program.usesLibm || max;
    result = fusedFloat(e, op.options.fusedActivation, max ? 'acc' : '(float)(acc / count)');
  }
  const type = int8 ? 'int8_t' : 'float';
  return `const ${type} *x = ${e.ptr(input)};
${type} *out = ${e.ptr(output)};
int32_t oy, ox, c, ky, kx;
for (oy = 0; oy < ${rows.out}; oy++) {
  for (ox = 0; ox < ${cols.out}; ox++) {
    for (c = 0; c < ${channels}; c++) {
      ${accType} acc = ${start};
      int32_t count = 0;
      for (ky = 0; ky < ${rows.kernel}; ky++) {
        int32_t iy = oy * ${rows.stride} - ${rows.padBefore} + ky;
        if (iy < 0 || iy >= ${rows.size}) continue;
        for (kx = 0; kx < ${cols.kernel}; kx++) {
          int32_t ix = ox * ${cols.stride} - ${cols.padBefore} + kx;
          ${type} v;
          if (ix < 0 || ix >= ${cols.size}) continue;
          v = x[(iy * ${cols.size} + ix) * ${channels} + c];
          ${take}
          count++;
        }
      }
      (void)count;
      out[(oy * ${cols.out} + ox) * ${channels} + c] = ${result};
    }
  }
}`;
}

export function reduce(e: OpEmitter, op: OpOf<'MEAN' | 'REDUCE_MAX'>): string {
  const [input, axesTensor] = op.inputs;
  const output = op.outputs[0];
  const k = kernelContext(e);
  const shape = e.shape(input);
  const axes = Array.from(k.ints(axesTensor, 'axes'), (axis) => (axis < 0 ? axis + shape.length : axis));
  const walks = reductionWalks(shape, axes);
  const outer = offsetExpression(e, walkOffsets(walks.outer, walks.outputs), 'o');
  const inner = offsetExpression(e, walkOffsets(walks.inner, walks.count), 'i');
  const int8 = e.dtype(input) === 'int8';
  const type = int8 ? 'int8_t' : 'float';
  const max = op.type === 'REDUCE_MAX';
  let accType = 'ef_acc_t';
  let start = '0';
  let result = `(float)(acc / ${walks.count})`;
  if (max) {
    accType = type;
    start = int8 ? '-128' : '-HUGE_VALF';
    result = 'acc';
    e.program.usesLibm = e.program.usesLibm || !int8;
  } else if (int8) {
    const from = quantOf(k, input, 'input');
    const to = quantOf(k, output, 'output');
    const rescale = derive(k, () => meanMultiplier(from.scale, to.scale, walks.count));
    e.program.use('mbqm', 'clamp');
    accType = 'int32_t';
    start = '0';
    result = `(int8_t)ef_clamp(ef_mbqm(acc - ${from.zeroPoint * walks.count}, ${rescale.multiplier}, ${rescale.shift}) + ${to.zeroPoint}, -128, 127)`;
  }
  const take = max ? 'if (v > acc) acc = v;' : 'acc += v;';
  return `const ${type} *x = ${e.ptr(input)};
${type} *out = ${e.ptr(output)};
int32_t o, i;
for (o = 0; o < ${walks.outputs}; o++) {
  ${accType} acc = ${start};
  for (i = 0; i < ${walks.count}; i++) {
    ${type} v = x[${outer} + ${inner}];
    ${take}
  }
  out[o] = ${result};
}`;
}
