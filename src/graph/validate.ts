/**
 * The graph validator: everything a consumer of a deploy graph may rely on, checked once
 * with errors that name the op and the tensor. Tensors (data matches dtype and shape,
 * quantization fits), wiring (no dangling index, every read tensor is a graph input, a
 * constant, a variable or the output of an earlier op, each tensor produced once), shapes
 * (the stored batch-1 shapes are what inference gives) and dtypes per operator.
 */
import { EdgeforgeError } from '../errors.js';
import {
  describeTensor,
  elementCount,
  formatShape,
  GRAPH_FIX,
  inferShapes,
  opError,
  sameShape,
} from './shapes.js';
import { QUANTIZED_DTYPES as QUANTIZED, TYPED_ARRAY_OF as ARRAY_OF } from './dtypes.js';
import type { DType, Graph, OpDef, TensorDef } from './types.js';

const MAX_ELEMENTS = 2 ** 31 - 1;

/** Throws an EdgeforgeError describing the first problem found. */
export function validateGraph(graph: Graph, source?: string): void {
  graph.tensors.forEach((tensor, index) => checkTensor(graph, tensor, index, source));
  checkWiring(graph, source);
  checkShapes(graph, source);
  graph.ops.forEach((op, index) => checkDtypes(graph, op, index, source));
}

function tensorError(graph: Graph, index: number, problem: string, source?: string): EdgeforgeError {
  return new EdgeforgeError(problem, { file: source, place: describeTensor(graph, index), fix: GRAPH_FIX });
}

function checkTensor(graph: Graph, tensor: TensorDef, index: number, source?: string): void {
  const fail = (problem: string) => tensorError(graph, index, problem, source);
  if (!tensor.shape.every((size) => Number.isInteger(size) && size >= 0)) {
    throw fail(`shape ${formatShape(tensor.shape)} is not a list of non-negative integers`);
  }
  // Element indices are int32 in TFLite and in generated C.
  if (elementCount(tensor.shape) > MAX_ELEMENTS)
    throw fail(`shape ${formatShape(tensor.shape)} has over 2^31 - 1 elements`);
  if (!(tensor.dtype in ARRAY_OF)) throw fail(`dtype '${String(tensor.dtype)}' is unknown`);
  if (tensor.data !== undefined) {
    if (!(tensor.data instanceof ARRAY_OF[tensor.dtype])) {
      throw fail(
        `dtype mismatch: constant data is a ${tensor.data.constructor.name}, the tensor is ${tensor.dtype}`,
      );
    }
    const expected = elementCount(tensor.shape);
    if (tensor.data.length !== expected) {
      throw fail(`holds ${tensor.data.length} values, shape ${formatShape(tensor.shape)} needs ${expected}`);
    }
    if (tensor.variable === true) throw fail('is both a constant and a variable');
  } else if (tensor.dtype === 'float16') {
    throw fail('float16 tensors must be constants (float16 weights, read by DEQUANTIZE)');
  }
  // Integer LSTMs keep an int8 output state and an int16 cell state (quantized, checked below).
  if (tensor.variable === true && !['float32', 'int8', 'int16'].includes(tensor.dtype))
    throw fail('variable (state) tensors must be float32, int8 or int16');
  const quantization = tensor.quantization;
  if (quantization === undefined) {
    if (QUANTIZED.includes(tensor.dtype)) throw fail(`is ${tensor.dtype} but has no quantization parameters`);
    return;
  }
  const { scale, zeroPoint, axis } = quantization;
  const channels = axis === undefined ? 1 : tensor.shape[axis];
  if (axis !== undefined && (!Number.isInteger(axis) || channels === undefined)) {
    throw fail(`quantization axis ${axis} is outside shape ${formatShape(tensor.shape)}`);
  }
  if (scale.length !== channels || zeroPoint.length !== channels) {
    throw fail(
      `quantization has ${scale.length} scales and ${zeroPoint.length} zero points, expected ${channels} each`,
    );
  }
  if (!scale.every((value) => Number.isFinite(value) && value > 0))
    throw fail('quantization scales must be positive');
  if (!zeroPoint.every(Number.isInteger)) throw fail('quantization zero points must be integers');
}

/** Index ranges, single producers, and every read tensor available when its op runs. */
function checkWiring(graph: Graph, source?: string): void {
  const count = graph.tensors.length;
  const inRange = (index: number) => Number.isInteger(index) && index >= 0 && index < count;
  const graphError = (problem: string) => new EdgeforgeError(problem, { file: source, fix: GRAPH_FIX });
  if (graph.outputs.length === 0) throw graphError('the graph has no outputs');
  const available = new Set<number>();
  graph.tensors.forEach((tensor, index) => {
    if (tensor.data !== undefined || tensor.variable === true) available.add(index);
  });
  for (const index of graph.inputs) {
    if (!inRange(index))
      throw graphError(`graph input ${index} is not a tensor index (the graph has ${count})`);
    if (available.has(index))
      throw graphError(`graph input ${describeTensor(graph, index)} is a constant or variable`);
    available.add(index);
  }
  graph.ops.forEach((op, opIndex) => {
    const fail = (problem: string) => opError(graph, opIndex, problem, source);
    op.inputs.forEach((index, position) => {
      if (index === -1) return;
      if (!inRange(index))
        throw fail(`dangling tensor index: input ${position} is ${index}, the graph has ${count} tensors`);
      if (!available.has(index)) {
        throw fail(
          `${describeTensor(graph, index)} (input ${position}) has no constant data, is no graph input or variable, and no earlier op produces it`,
        );
      }
    });
    if (op.outputs.length === 0) throw fail('has no outputs');
    for (const index of op.outputs) {
      if (!inRange(index))
        throw fail(`dangling tensor index: output ${index}, the graph has ${count} tensors`);
      if (available.has(index)) {
        throw fail(
          `writes ${describeTensor(graph, index)}, which is a graph input, constant, variable or written before`,
        );
      }
      available.add(index);
    }
  });
  for (const index of graph.outputs) {
    if (!inRange(index))
      throw graphError(`graph output ${index} is not a tensor index (the graph has ${count})`);
    if (!available.has(index))
      throw graphError(`graph output ${describeTensor(graph, index)} is never produced`);
  }
}

/** The stored shapes are the batch-1 shapes; inputs and state hold one sample. */
function checkShapes(graph: Graph, source?: string): void {
  for (const index of [
    ...graph.inputs,
    ...graph.tensors.flatMap((tensor, i) => (tensor.variable ? [i] : [])),
  ]) {
    const shape = graph.tensors[index]!.shape;
    if (shape.length > 0 && shape[0] !== 1) {
      throw tensorError(
        graph,
        index,
        `shape ${formatShape(shape)} must have batch 1 first (graphs are stored for batch 1)`,
        source,
      );
    }
  }
  const inferred = inferShapes(graph, 1, source);
  graph.ops.forEach((op, opIndex) => {
    for (const index of op.outputs) {
      const stored = graph.tensors[index]!.shape;
      if (!sameShape(stored, inferred[index]!)) {
        throw opError(
          graph,
          opIndex,
          `shape mismatch: it produces ${formatShape(inferred[index]!)} but ${describeTensor(graph, index)} is declared ${formatShape(stored)}`,
          source,
        );
      }
    }
  });
}

/** Which inputs carry activations (same dtype as the output), weights and biases. */
export function operandRoles(op: OpDef): { data: number[]; weights: number[]; biases: number[] } {
  switch (op.type) {
    case 'FULLY_CONNECTED':
    case 'CONV_2D':
    case 'DEPTHWISE_CONV_2D':
      return { data: [0], weights: [1], biases: [2] };
    case 'UNIDIRECTIONAL_SEQUENCE_LSTM':
      return {
        data: [0],
        weights: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 16],
        biases: [12, 13, 14, 15, 17, 20, 21, 22, 23],
      };
    case 'GRU':
      return { data: [0], weights: [1, 2], biases: [3, 4] };
    case 'ADD':
    case 'MUL':
    case 'SUB':
      return { data: [0, 1], weights: [], biases: [] };
    case 'CONCATENATION':
      return { data: op.inputs.map((_, position) => position), weights: [], biases: [] };
    default:
      return { data: [0], weights: [], biases: [] };
  }
}

function checkDtypes(graph: Graph, op: OpDef, opIndex: number, source?: string): void {
  const dtypeAt = (position: number) => graph.tensors[op.inputs[position] ?? -1]?.dtype;
  const output = graph.tensors[op.outputs[0]!]!.dtype;
  const expect = (position: number, allowed: readonly DType[], role: string) => {
    const dtype = dtypeAt(position);
    if (dtype !== undefined && !allowed.includes(dtype)) {
      throw opError(
        graph,
        opIndex,
        `dtype mismatch: ${role} ${describeTensor(graph, op.inputs[position]!)} is ${dtype}, expected ${allowed.join(' or ')}`,
        source,
      );
    }
  };
  // float16 weights are stored, not computed on: DEQUANTIZE turns them into float32 first.
  if (op.type !== 'DEQUANTIZE') {
    op.inputs.forEach((tensor, position) => {
      if (dtypeAt(position) !== 'float16') return;
      throw opError(
        graph,
        opIndex,
        `dtype mismatch: input ${position} ${describeTensor(graph, tensor)} is float16, which only DEQUANTIZE reads`,
        source,
      );
    });
  }
  if (op.type === 'QUANTIZE' || op.type === 'DEQUANTIZE') {
    const quantize = op.type === 'QUANTIZE';
    expect(0, quantize ? ['float32', ...QUANTIZED] : [...QUANTIZED, 'float16'], 'input');
    if (quantize ? !QUANTIZED.includes(output) : output !== 'float32') {
      const expected = quantize ? QUANTIZED.join(' or ') : 'float32';
      throw opError(graph, opIndex, `dtype mismatch: the output is ${output}, expected ${expected}`, source);
    }
    return;
  }
  const recurrent = op.type === 'UNIDIRECTIONAL_SEQUENCE_LSTM' || op.type === 'GRU';
  // TFLite's full-integer LSTM: int8 activations and weights, int32 biases. Other recurrent ops run in float.
  const integerLstm = op.type === 'UNIDIRECTIONAL_SEQUENCE_LSTM' && output === 'int8';
  const roles = operandRoles(op);
  for (const position of roles.data)
    expect(position, recurrent && !integerLstm ? ['float32'] : [output], 'input');
  // Float ops may hold int8 weights with scales (dynamic-range "hybrid" ops); quantized ops
  // take int8 weights, int32 biases.
  const weights: DType[] =
    (recurrent && !integerLstm) || output === 'float32'
      ? ['float32', 'int8']
      : output === 'uint8'
        ? ['uint8']
        : ['int8'];
  const biases: DType[] = output === 'float32' ? ['float32'] : ['int32'];
  for (const position of roles.weights) expect(position, weights, 'weights');
  for (const position of roles.biases) expect(position, biases, 'bias');
  if (recurrent && output !== 'float32' && !integerLstm) {
    const allowed = op.type === 'GRU' ? 'float32' : 'float32 or int8';
    throw opError(graph, opIndex, `dtype mismatch: the output is ${output}, expected ${allowed}`, source);
  }
}
