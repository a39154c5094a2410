/**
 * int8 SOFTMAX over the last axis as TFLite Micro's reference kernel (output scale 1/256,
 * zero point -128). Each value's exponential depends only on its difference from the row
 * maximum (0 down to -255), so the exact fixed-point exponentials are tabulated once.
 */
import {
  addToExpSum,
  reciprocalOfExpSum,
  softmaxOutput,
  softmaxOutputShift,
} from '../../../quant/arith/softmax.js';
import { float32, softmaxExpTable, softmaxInt8Params } from '../../../quant/params.js';
import type { Kernel, KernelContext, OpOf } from '../context.js';
import { derive, int8, quantOf } from './operands.js';

export function softmaxInt8(expTable: Int32Array, x: Int8Array, out: Int8Array, depth: number): void {
  for (let at = 0; at < x.length; at += depth) {
    const end = at + depth;
    let max = -128;
    for (let i = at; i < end; i++) if (x[i] > max) max = x[i];
    let sum = 0;
    for (let i = at; i < end; i++) sum = addToExpSum(sum, expTable[max - x[i]]);
    const reciprocal = reciprocalOfExpSum(sum);
    const shift = softmaxOutputShift(sum);
    for (let i = at; i < end; i++) out[i] = softmaxOutput(expTable[max - x[i]], reciprocal, shift);
  }
}

export function softmaxInt8Kernel(op: OpOf<'SOFTMAX'>, ctx: KernelContext): Kernel {
  const input = op.inputs[0];
  const output = op.outputs[0];
  const x = int8(ctx, input, 'input');
  const out = int8(ctx, output, 'output');
  const outputQuant = quantOf(ctx, output, 'output');
  if (outputQuant.scale !== float32(1 / 256) || outputQuant.zeroPoint !== -128) {
    ctx.fail(
      `int8 SOFTMAX outputs scale 1/256 and zero point -128, the output tensor has ${outputQuant.scale} and ${outputQuant.zeroPoint}`,
      'Quantize the SOFTMAX output as TFLite does (scale 1/256, zero point -128)',
    );
  }
  const params = derive(ctx, () => softmaxInt8Params(op.options.beta, quantOf(ctx, input, 'input').scale));
  const expTable = softmaxExpTable(params);
  const shape = ctx.shape(input);
  const depth = shape[shape.length - 1] ?? 1;
  return () => softmaxInt8(expTable, x, out, depth);
}
