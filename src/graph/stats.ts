/**
 * What a graph costs: its parameters (the constants that are weights, biases and per-channel
 * factors — not shape, axis or slice operands), the multiply-accumulates of one inference
 * at batch 1, the elementwise operations besides them, and the bytes of the weights by dtype.
 */
import { DTYPE_BYTES } from './dtypes.js';
import { elementCount, inferShapes } from './shapes.js';
import type { DType, Graph, OpDef, OpType } from './types.js';

export interface OpCost {
  op: number;
  type: OpType;
  /** Multiply-accumulates at batch 1. */
  macs: number;
  /**
   * Arithmetic besides MACs at batch 1: one per output value of elementwise and activation
   * ops, one per window tap of pools and reductions (the gate math inside LSTM/GRU is not counted).
   */
  elementOps: number;
}

export interface GraphStats {
  parameters: number;
  macs: number;
  elementOps: number;
  weightBytes: number;
  weightBytesByDtype: Partial<Record<DType, number>>;
  ops: OpCost[];
}

/** Inputs that are shapes, axes, paddings or slice bounds rather than learned values. */
const SHAPE_OPERANDS: Partial<Record<OpType, number[]>> = {
  RESHAPE: [1],
  MEAN: [1],
  REDUCE_MAX: [1],
  PAD: [1],
  STRIDED_SLICE: [1, 2, 3],
};

export function graphStats(graph: Graph): GraphStats {
  const shapes = inferShapes(graph, 1);
  const shapeOperands = new Set(
    graph.ops.flatMap((op) => (SHAPE_OPERANDS[op.type] ?? []).map((position) => op.inputs[position])),
  );
  let parameters = 0;
  const weightBytesByDtype: Partial<Record<DType, number>> = {};
  graph.tensors.forEach((tensor, index) => {
    if (tensor.data === undefined || shapeOperands.has(index)) return;
    parameters += tensor.data.length;
    weightBytesByDtype[tensor.dtype] =
      (weightBytesByDtype[tensor.dtype] ?? 0) + tensor.data.length * DTYPE_BYTES[tensor.dtype];
  });
  const ops = graph.ops.map((op, index) => ({ op: index, type: op.type, ...opCost(op, shapes) }));
  return {
    parameters,
    macs: ops.reduce((sum, cost) => sum + cost.macs, 0),
    elementOps: ops.reduce((sum, cost) => sum + cost.elementOps, 0),
    weightBytes: Object.values(weightBytesByDtype).reduce((sum, bytes) => sum + bytes, 0),
    weightBytesByDtype,
    ops,
  };
}

function opCost(op: OpDef, shapes: number[][]): { macs: number; elementOps: number } {
  const shapeOf = (position: number) => shapes[op.inputs[position]!]!;
  const output = shapes[op.outputs[0]!]!;
  const outputs = elementCount(output);
  switch (op.type) {
    case 'FULLY_CONNECTED':
      // Each output value is one dot product over the weights' input width.
      return { macs: outputs * shapeOf(1)[1]!, elementOps: 0 };
    case 'CONV_2D': {
      const [, kernelH, kernelW, depth] = shapeOf(1) as [number, number, number, number];
      return { macs: outputs * kernelH * kernelW * depth, elementOps: 0 };
    }
    case 'DEPTHWISE_CONV_2D': {
      const [, kernelH, kernelW] = shapeOf(1) as [number, number, number];
      return { macs: outputs * kernelH * kernelW, elementOps: 0 };
    }
    case 'UNIDIRECTIONAL_SEQUENCE_LSTM': {
      const [units, depth] = shapeOf(2) as [number, number];
      const input = shapeOf(0);
      const steps = op.options.timeMajor ? input[0]! : input[1]!;
      const outputWidth = output.at(-1)!;
      const projection = op.inputs[16] !== undefined && op.inputs[16] !== -1 ? outputWidth * units : 0;
      return { macs: steps * (4 * units * (depth + outputWidth) + projection), elementOps: 0 };
    }
    case 'GRU': {
      const [rows, depth] = shapeOf(1) as [number, number];
      const input = shapeOf(0);
      const steps = op.options.timeMajor ? input[0]! : input[1]!;
      const units = rows / 3;
      return { macs: steps * rows * (depth + units), elementOps: 0 };
    }
    case 'MAX_POOL_2D':
    case 'AVERAGE_POOL_2D':
      return { macs: 0, elementOps: outputs * op.options.filterH * op.options.filterW };
    case 'MEAN':
    case 'REDUCE_MAX':
      return { macs: 0, elementOps: elementCount(shapeOf(0)) };
    case 'RESHAPE':
    case 'STRIDED_SLICE':
    case 'PAD':
    case 'CONCATENATION':
      return { macs: 0, elementOps: 0 };
    default:
      return { macs: 0, elementOps: outputs };
  }
}
