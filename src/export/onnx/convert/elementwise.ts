/**
 * Element-wise ops: LOGISTIC / TANH / RELU / RELU6 as Sigmoid / Tanh / Relu / Clip, SOFTMAX
 * over the last axis (beta as a Mul first), ADD / MUL / SUB with their fused activation, and
 * QUANTIZE / DEQUANTIZE, which in the QDQ form are just a float value re-stored.
 */
import type { OpDef } from '../../../graph/types.js';
import { attr } from '../onnx-builder.js';
import { applyActivation } from './activation.js';
import type { ConvertContext } from './context.js';

const BINARY = { ADD: 'Add', MUL: 'Mul', SUB: 'Sub' } as const;
const STANDALONE = { RELU: 'RELU', RELU6: 'RELU6', TANH: 'TANH' } as const;

function outputName(ctx: ConvertContext, suffix: string): string {
  return `${ctx.graph.tensors[ctx.op.outputs[0]!]!.name}/${suffix}`;
}

export function convertUnary(
  ctx: ConvertContext,
  op: Extract<OpDef, { type: 'LOGISTIC' | 'TANH' | 'RELU' | 'RELU6' }>,
): void {
  const { builder, values } = ctx;
  const input = values.floatOf(op.inputs[0]!);
  const result =
    op.type === 'LOGISTIC'
      ? builder.node('Sigmoid', [input], outputName(ctx, 'sigmoid'))
      : applyActivation(builder, input, STANDALONE[op.type]);
  values.setFloatResult(op.outputs[0]!, result);
}

export function convertSoftmax(ctx: ConvertContext, op: Extract<OpDef, { type: 'SOFTMAX' }>): void {
  const { builder, values } = ctx;
  let logits = values.floatOf(op.inputs[0]!);
  if (op.options.beta !== 1)
    logits = builder.node('Mul', [logits, builder.floats([op.options.beta], [])], outputName(ctx, 'scaled'));
  values.setFloatResult(
    op.outputs[0]!,
    builder.node('Softmax', [logits], outputName(ctx, 'softmax'), { axis: attr.int(-1) }),
  );
}

export function convertBinary(
  ctx: ConvertContext,
  op: Extract<OpDef, { type: 'ADD' | 'MUL' | 'SUB' }>,
): void {
  const { builder, values } = ctx;
  const combined = builder.node(
    BINARY[op.type],
    op.inputs.map((input) => values.floatOf(input)),
    outputName(ctx, BINARY[op.type].toLowerCase()),
  );
  values.setFloatResult(
    op.outputs[0]!,
    applyActivation(builder, combined, values.activationBefore(op.outputs[0]!, op.options.fusedActivation)),
  );
}

/** QUANTIZE (float -> int8, or int8 -> int8 requantization) and DEQUANTIZE: DequantizeLinear / QuantizeLinear as the tensors' dtypes need. */
export function convertQuantization(ctx: ConvertContext): void {
  const [input, output] = [ctx.op.inputs[0]!, ctx.op.outputs[0]!];
  // Float16 or int8 weights widened by a DEQUANTIZE op stay constants, so the weights' readers can re-lay them out.
  if (ctx.op.type === 'DEQUANTIZE' && ctx.graph.tensors[input]!.data !== undefined)
    ctx.values.setDequantizedConstant(output, input);
  else ctx.values.setFloatResult(output, ctx.values.floatOf(input));
}
