/**
 * int8 LOGISTIC, TANH, RELU and RELU6 as TFLite Micro runs them. LOGISTIC and TANH depend on
 * the input value alone, so their exact fixed-point results are tabulated for all 256 inputs
 * at construction; RELU rescales to the output's scale and clamps at its zero point; RELU6
 * clamps to the input's quantized 0 and 6 without rescaling (input and output share
 * quantization).
 */
import { clamp } from '../../../quant/arith/int32.js';
import {
  float32,
  int8Table,
  relu6Int8Range,
  reluInt8Params,
  rescaleInt8Table,
  sigmoidInt8Params,
  sigmoidInt8Table,
} from '../../../quant/params.js';
import type { Kernel, KernelContext, OpOf } from '../context.js';
import { derive, int8, quantOf, requireSameQuantization } from './operands.js';
import { lookUp } from './table.js';

/** The output quantization TFLite's fixed-point LOGISTIC / TANH produce. */
const SIGMOID_OUTPUTS = {
  LOGISTIC: { scale: 1 / 256, zeroPoint: -128 },
  TANH: { scale: 1 / 128, zeroPoint: 0 },
} as const;

export function activationInt8Kernel(
  op: OpOf<'LOGISTIC' | 'TANH' | 'RELU' | 'RELU6'>,
  ctx: KernelContext,
): Kernel {
  const input = op.inputs[0];
  const output = op.outputs[0];
  const x = int8(ctx, input, 'input');
  const out = int8(ctx, output, 'output');
  const inputQuant = quantOf(ctx, input, 'input');
  const outputQuant = quantOf(ctx, output, 'output');
  let table: Int8Array;
  switch (op.type) {
    case 'LOGISTIC':
    case 'TANH': {
      const expected = SIGMOID_OUTPUTS[op.type];
      if (outputQuant.scale !== float32(expected.scale) || outputQuant.zeroPoint !== expected.zeroPoint) {
        ctx.fail(
          `int8 ${op.type} outputs scale ${expected.scale} and zero point ${expected.zeroPoint}, the output tensor has ${outputQuant.scale} and ${outputQuant.zeroPoint}`,
          `Quantize the ${op.type} output as TFLite does (scale ${expected.scale}, zero point ${expected.zeroPoint})`,
        );
      }
      const params = derive(ctx, () => sigmoidInt8Params(inputQuant.scale, inputQuant.zeroPoint));
      table = sigmoidInt8Table(op.type, params);
      break;
    }
    case 'RELU': {
      const { rescale, range } = derive(ctx, () =>
        reluInt8Params(inputQuant.scale, outputQuant.scale, outputQuant.zeroPoint),
      );
      table = rescaleInt8Table(inputQuant.zeroPoint, rescale, outputQuant.zeroPoint, range);
      break;
    }
    case 'RELU6': {
      requireSameQuantization(ctx, input, output, 'int8 RELU6 clamps without rescaling');
      const range = relu6Int8Range(inputQuant.scale, inputQuant.zeroPoint);
      table = int8Table((q) => clamp(q, range.min, range.max));
      break;
    }
  }
  return () => lookUp(table, x, out);
}
