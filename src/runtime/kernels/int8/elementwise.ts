/**
 * int8 ADD, SUB and MUL with numpy broadcasting, as TFLite Micro's reference kernels:
 * ADD / SUB shift both inputs (minus their zero points) left by 20 bits, rescale each to a
 * common scale, add or subtract, and rescale the result to the output; MUL rescales the
 * product of the two offset inputs. Then the output zero point and the activation clamp.
 */
import { clamp, multiplyByQuantizedMultiplier as rescale } from '../../../quant/arith/int32.js';
import {
  activationRange,
  addSubInt8Params,
  INT8_RANGE,
  mulMultiplier,
  type AddSubInt8Params,
  type QuantizedMultiplier,
  type QuantizedRange,
} from '../../../quant/params.js';
import type { Kernel, KernelContext, OpOf } from '../context.js';
import { broadcastLayout } from '../float/elementwise.js';
import { StridedWalk } from '../strided-walk.js';
import { derive, int8, quantOf } from './operands.js';

export type ElementwiseInt8 =
  { kind: 'ADD' | 'SUB'; params: AddSubInt8Params } | { kind: 'MUL'; params: QuantizedMultiplier };

export interface ElementwiseInt8Params {
  op: ElementwiseInt8;
  input1ZeroPoint: number;
  input2ZeroPoint: number;
  outputZeroPoint: number;
  range: QuantizedRange;
}

/** One output value from the two int8 inputs. */
export function combineInt8(p: ElementwiseInt8Params, a: number, b: number): number {
  const x = a - p.input1ZeroPoint;
  const y = b - p.input2ZeroPoint;
  let raw: number;
  if (p.op.kind === 'MUL') {
    raw = rescale(x * y, p.op.params.multiplier, p.op.params.shift);
  } else {
    const { leftShift, input1, input2, output } = p.op.params;
    const scaledX = rescale(x * (1 << leftShift), input1.multiplier, input1.shift);
    const scaledY = rescale(y * (1 << leftShift), input2.multiplier, input2.shift);
    const sum = p.op.kind === 'ADD' ? scaledX + scaledY : scaledX - scaledY;
    raw = rescale(sum | 0, output.multiplier, output.shift);
  }
  return clamp(raw + p.outputZeroPoint, p.range.min, p.range.max);
}

export function elementwiseInt8Kernel(op: OpOf<'ADD' | 'SUB' | 'MUL'>, ctx: KernelContext): Kernel {
  const [first, second] = op.inputs;
  const output = op.outputs[0];
  const a = int8(ctx, first, 'input 0');
  const b = int8(ctx, second, 'input 1');
  const out = int8(ctx, output, 'output');
  const q1 = quantOf(ctx, first, 'input 0');
  const q2 = quantOf(ctx, second, 'input 1');
  const qo = quantOf(ctx, output, 'output');
  const params: ElementwiseInt8Params = derive(ctx, () => ({
    op:
      op.type === 'MUL'
        ? { kind: op.type, params: mulMultiplier(q1.scale, q2.scale, qo.scale) }
        : { kind: op.type, params: addSubInt8Params(op.type, q1.scale, q2.scale, qo.scale) },
    input1ZeroPoint: q1.zeroPoint,
    input2ZeroPoint: q2.zeroPoint,
    outputZeroPoint: qo.zeroPoint,
    range: activationRange(op.options.fusedActivation, qo.scale, qo.zeroPoint, INT8_RANGE),
  }));
  const layout = broadcastLayout(ctx.shape(first), ctx.shape(second), ctx.shape(output));
  const walkA = new StridedWalk(layout.sizes.slice(0, -1), layout.aStrides.slice(0, -1));
  const walkB = new StridedWalk(layout.sizes.slice(0, -1), layout.bStrides.slice(0, -1));
  const rows = walkA.count;
  const rowLength = layout.sizes[layout.sizes.length - 1];
  const aStep = layout.aStrides[layout.aStrides.length - 1];
  const bStep = layout.bStrides[layout.bStrides.length - 1];
  return () => {
    walkA.reset();
    walkB.reset();
    for (let r = 0, at = 0; r < rows; r++, at += rowLength) {
      for (let i = 0; i < rowLength; i++) {
        out[at + i] = combineInt8(params, a[walkA.offset + i * aStep], b[walkB.offset + i * bStep]);
      }
      walkA.advance();
      walkB.advance();
    }
  };
}
