/**
 * QUANTIZE from int8 to int8 (a change of scale and zero point) as TFLite's Requantize:
 * (q - inputZp) times the input-to-output rescale, plus the output zero point, saturated.
 */
import { INT8_RANGE, rescaleInt8Table, rescaleMultiplier } from '../../../quant/params.js';
import type { OpDef } from '../../../graph/types.js';
import type { Kernel, KernelContext } from '../context.js';
import { derive, int8, quantOf } from './operands.js';
import { lookUp } from './table.js';

export function requantizeInt8Kernel(op: Pick<OpDef, 'inputs' | 'outputs'>, ctx: KernelContext): Kernel {
  const input = op.inputs[0];
  const output = op.outputs[0];
  const x = int8(ctx, input, 'input');
  const out = int8(ctx, output, 'output');
  const from = quantOf(ctx, input, 'input');
  const to = quantOf(ctx, output, 'output');
  const rescale = derive(ctx, () => rescaleMultiplier(from.scale, to.scale));
  const table = rescaleInt8Table(from.zeroPoint, rescale, to.zeroPoint, INT8_RANGE);
  return () => lookUp(table, x, out);
}
