/**
 * The TFLite version of each operator we write, by what it uses (the rules of TensorFlow's
 * lite/tools/versioning/op_version.cc for the operand types and options edgeforge emits),
 * and the oldest TensorFlow Lite runtime that runs a set of versioned operators
 * (lite/tools/versioning/runtime_version.cc), for the min_runtime_version metadata.
 */
import type { DType, Graph, OpDef } from '../../../graph/types.js';
import type { BuiltinOpType } from '../builtin-ops.js';

/** Operators whose int8 kernels are version 2 (float: 1). */
const INT8_IS_V2: ReadonlySet<BuiltinOpType> = new Set<BuiltinOpType>([
  'ADD',
  'SUB',
  'MUL',
  'AVERAGE_POOL_2D',
  'MAX_POOL_2D',
  'CONCATENATION',
  'SOFTMAX',
  'LOGISTIC',
  'TANH',
  'RELU',
  'RELU6',
  'MEAN',
  'REDUCE_MAX',
  'PAD',
  'STRIDED_SLICE',
  'DEQUANTIZE',
]);

export function opVersion(graph: Graph, op: Exclude<OpDef, { type: 'GRU' }>): number {
  const dtype = (position: number): DType | undefined => {
    const index = op.inputs[position];
    return index === undefined || index < 0 ? undefined : graph.tensors[index]?.dtype;
  };
  const int8 = dtype(0) === 'int8';
  switch (op.type) {
    case 'FULLY_CONNECTED':
      // No bias operand at all is v6, keep_num_dims v5, the int8 kernel v4 (an absent bias written as -1 keeps 3 inputs).
      if (op.inputs.length === 2) return 6;
      if (op.options.keepNumDims) return 5;
      return int8 ? 4 : 1;
    case 'CONV_2D':
      return int8 ? 3 : 1;
    case 'DEPTHWISE_CONV_2D':
      if (int8) return 3;
      return op.options.dilationH !== 1 || op.options.dilationW !== 1 ? 2 : 1;
    case 'UNIDIRECTIONAL_SEQUENCE_LSTM':
      // Float and full-integer kernels are v1 (hybrid v2+ is refused before we get here).
      return 1;
    case 'RESHAPE':
    case 'QUANTIZE':
      return 1;
    case 'DEQUANTIZE':
      // float16 weights (the converter's float16 models) are v3.
      return dtype(0) === 'float16' ? 3 : int8 ? 2 : 1;
    default:
      return int8 && INT8_IS_V2.has(op.type) ? 2 : 1;
  }
}

/** runtime_version.cc: the release that first ran each operator version (index = version - 1). */
const RUNTIME_OF: Readonly<Record<BuiltinOpType, readonly string[]>> = {
  ADD: ['1.5.0', '1.14.0'],
  SUB: ['1.6.0', '1.14.0'],
  MUL: ['1.5.0', '1.14.0'],
  AVERAGE_POOL_2D: ['1.5.0', '1.14.0'],
  MAX_POOL_2D: ['1.5.0', '1.14.0'],
  CONCATENATION: ['1.5.0', '1.14.0'],
  CONV_2D: ['1.5.0', '1.14.0', '1.14.0'],
  DEPTHWISE_CONV_2D: ['1.5.0', '1.12.0', '1.14.0'],
  FULLY_CONNECTED: ['1.5.0', '1.10.0', '1.14.0', '1.14.0', '2.0.0', '2.1.0'],
  SOFTMAX: ['1.5.0', '1.14.0'],
  LOGISTIC: ['1.5.0', '1.14.0'],
  TANH: ['1.5.0', '1.14.0'],
  RELU: ['1.5.0', '2.1.0'],
  RELU6: ['1.5.0', '2.1.0'],
  MEAN: ['1.6.0', '1.14.0'],
  REDUCE_MAX: ['1.11.0', '1.14.0'],
  PAD: ['1.5.0', '1.14.0'],
  STRIDED_SLICE: ['1.6.0', '1.14.0'],
  RESHAPE: ['1.5.0'],
  QUANTIZE: ['1.14.0'],
  DEQUANTIZE: ['1.13.1', '1.14.0', '1.15.0'],
  UNIDIRECTIONAL_SEQUENCE_LSTM: ['1.13.1'],
};

export function runtimeVersionOf(type: BuiltinOpType, version: number): string {
  return RUNTIME_OF[type][version - 1] ?? RUNTIME_OF[type].at(-1)!;
}

/** The newest of the releases ("1.14.0" > "1.5.0"); "1.5.0" when there are none. */
export function newestRuntime(versions: readonly string[]): string {
  const parts = (version: string) => version.split('.').map(Number);
  return versions.reduce((newest, version) => {
    const [a, b] = [parts(version), parts(newest)];
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const difference = (a[i] ?? 0) - (b[i] ?? 0);
      if (difference !== 0) return difference > 0 ? version : newest;
    }
    return newest;
  }, '1.5.0');
}
