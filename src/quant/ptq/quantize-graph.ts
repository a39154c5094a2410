/**
 * Post-training full-integer quantization of a float deploy graph, as TensorFlow Lite's
 * converter does it: int8 activations with calibrated asymmetric parameters, symmetric int8
 * weights, int32 biases, fixed or shared parameters where the spec demands them. The result
 * has the shape of a converted .tflite graph, so the int8 kernels run it unchanged.
 */
import { builtinGraph } from '../../graph/rewrite/builtin-graph.js';
import type { Graph, OpDef } from '../../graph/types.js';
import { validateGraph } from '../../graph/validate.js';
import type { ActivationRanges } from '../calibrate/index.js';
import type { ActivationParams } from './choose-params.js';
import { fuseActivations } from './fuse-activations.js';
import { needsSharedInputs, quantizeOp } from './op-rules.js';
import { perTensor, sameParams, TensorTable } from './tensor-table.js';

export interface QuantizeOptions {
  /** Weights of FULLY_CONNECTED / CONV_2D / DEPTHWISE_CONV_2D per channel (default) or per tensor. */
  perChannel?: boolean;
  /** int8 model input and output (microcontrollers), or float ones with QUANTIZE / DEQUANTIZE at the edges. */
  io: 'int8' | 'float';
}

/** Replaces each use of `from` as an op input by `to`. */
function redirectInputs(ops: OpDef[], from: number, to: number): void {
  for (const op of ops) op.inputs = op.inputs.map((t) => (t === from ? to : t));
}

/** Inputs of `op` whose parameters differ from `params` are requantized by a QUANTIZE op first. */
function requantizeInputs(op: OpDef, params: ActivationParams, table: TensorTable, ops: OpDef[]): void {
  op.inputs = op.inputs.map((input) => {
    if (sameParams(table.paramsOf(input), params)) return input;
    const source = table.tensors[input];
    const copy = table.add({
      name: `${source.name}/requantized`,
      shape: [...source.shape],
      dtype: 'int8',
      quantization: perTensor(params),
    });
    ops.push({ type: 'QUANTIZE', inputs: [input], outputs: [copy], options: {} });
    return copy;
  });
}

/** Float graph edges: QUANTIZE the input, DEQUANTIZE each output. */
function addFloatEdges(
  graph: Graph,
  table: TensorTable,
  ops: OpDef[],
): { inputs: number[]; outputs: number[] } {
  const inputs = graph.inputs;
  for (const input of inputs) {
    const original = table.tensors[input];
    const int8 = table.add({ ...original, name: `${original.name}/int8` });
    table.tensors[input] = { name: original.name, shape: original.shape, dtype: 'float32' };
    redirectInputs(ops, input, int8);
    ops.unshift({ type: 'QUANTIZE', inputs: [input], outputs: [int8], options: {} });
  }
  const outputs = graph.outputs.map((output) => {
    const source = table.tensors[output];
    const float = table.add({
      name: `${source.name}/dequantized`,
      shape: [...source.shape],
      dtype: 'float32',
    });
    ops.push({ type: 'DEQUANTIZE', inputs: [output], outputs: [float], options: {} });
    return float;
  });
  return { inputs, outputs };
}

export function quantizeGraph(floatGraph: Graph, ranges: ActivationRanges, options: QuantizeOptions): Graph {
  // The graph calibrate() observed: fused tanh split off, GRUs unrolled into builtins.
  const graph = builtinGraph(floatGraph);
  const perChannel = options.perChannel ?? true;
  const table = new TensorTable(graph, ranges);
  for (const input of graph.inputs) table.setInt8Activation(input, table.calibrated(input));
  const ops: OpDef[] = [];
  for (const { op, index } of fuseActivations(graph)) {
    const params = quantizeOp(op, index, table, perChannel);
    if (needsSharedInputs(op)) requantizeInputs(op, params, table, ops);
    table.setInt8Activation(op.outputs[0], params);
    ops.push(op);
  }
  const edges =
    options.io === 'float'
      ? addFloatEdges(graph, table, ops)
      : { inputs: graph.inputs, outputs: graph.outputs };
  const quantized: Graph = {
    tensors: table.tensors,
    ops,
    inputs: [...edges.inputs],
    outputs: [...edges.outputs],
    metadata: {
      ...graph.metadata,
      notes: {
        ...graph.metadata.notes,
        quantization: 'int8 post-training',
        weights: perChannel ? 'per-channel' : 'per-tensor',
        io: options.io,
      },
    },
  };
  validateGraph(quantized, 'quantized graph');
  return quantized;
}
