/** What every op converter reads: the deploy graph, its batch-1 shapes, the ONNX graph being built. */
import { EdgeforgeError } from '../../../errors.js';
import { GRAPH_FIX } from '../../../graph/shapes.js';
import type { Graph, OpDef, TensorData, TensorDef } from '../../../graph/types.js';
import type { OnnxBuilder } from '../onnx-builder.js';
import type { TensorValues } from '../tensor-values.js';

export interface ConvertContext {
  graph: Graph;
  /** Every tensor's shape at batch 1 (the stored graph's). */
  shapes: number[][];
  builder: OnnxBuilder;
  values: TensorValues;
  /** The op being converted and its index, for errors. */
  op: OpDef;
  index: number;
  source: string | undefined;
}

export function convertError(ctx: ConvertContext, problem: string, fix = GRAPH_FIX): EdgeforgeError {
  return new EdgeforgeError(problem, { file: ctx.source, place: `op ${ctx.index} (${ctx.op.type})`, fix });
}

/**
 * Operand `position`'s constant definition, looking through a DEQUANTIZE of a constant (a
 * float16 graph's weights); the ONNX form of weights and bounds is built from their values.
 */
export function constantOperand(ctx: ConvertContext, position: number): TensorDef & { data: TensorData } {
  const tensor = ctx.op.inputs[position] ?? -1;
  const producer = ctx.graph.ops.find((op) => op.outputs[0] === tensor);
  const source = producer?.type === 'DEQUANTIZE' ? producer.inputs[0]! : tensor;
  const def = ctx.graph.tensors[source];
  if (def?.data === undefined) throw convertError(ctx, `input ${position} must be a constant tensor`);
  return { ...def, data: def.data };
}

/** An int32 constant operand's values (axes, shapes, slice bounds, paddings). */
export function intOperand(ctx: ConvertContext, position: number): number[] {
  return Array.from(constantOperand(ctx, position).data);
}

/** Operand `position` when present (TFLite marks an absent optional input -1). */
export function optionalOperand(ctx: ConvertContext, position: number): number | undefined {
  const tensor = ctx.op.inputs[position];
  return tensor === undefined || tensor < 0 ? undefined : tensor;
}
