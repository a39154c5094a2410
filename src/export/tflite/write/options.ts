/**
 * Deploy-graph op options -> the TFLite builtin options table of the same operator (field
 * ids are the fields' order in schema.fbs, as ../schema/options.ts reads them). Operators
 * without options get none; PAD, QUANTIZE and DEQUANTIZE get their empty tables, as the
 * converter writes them.
 */
import type { Builder } from 'flatbuffers';
import type { FusedActivation, OpDef, Padding } from '../../../graph/types.js';
import { ACTIVATION_NAMES, BuiltinOptionsType, PADDING_NAMES } from '../schema/enums.js';
import { int32Vector } from './vectors.js';

export interface WrittenOptions {
  type: number;
  /** 0 when the operator has no options table. */
  offset: number;
}

type Field = [id: number, kind: 'int8' | 'int32' | 'float32' | 'bool', value: number | boolean];

const activation = (value: FusedActivation) => ACTIVATION_NAMES.indexOf(value);
const padding = (value: Padding) => PADDING_NAMES.indexOf(value);

/** A table of scalars, every field written (defaults included) so readers need not know them. */
function table(builder: Builder, fields: readonly Field[], vectors: readonly [number, number][] = []) {
  builder.startObject(8);
  for (const [id, offset] of vectors) builder.addFieldOffset(id, offset, 0);
  for (const [id, kind, value] of fields) {
    const number = Number(value);
    if (kind === 'int32') builder.addFieldInt32(id, number, null);
    else if (kind === 'float32') builder.addFieldFloat32(id, number, null);
    else builder.addFieldInt8(id, number, null);
  }
  return builder.endObject();
}

/** `reshapeTarget`: the RESHAPE's constant shape, repeated in new_shape. */
export function writeOptions(builder: Builder, op: OpDef, reshapeTarget?: readonly number[]): WrittenOptions {
  const written = (type: keyof typeof BuiltinOptionsType, fields: Field[], vectors?: [number, number][]) => ({
    type: BuiltinOptionsType[type],
    offset: table(builder, fields, vectors),
  });
  switch (op.type) {
    case 'FULLY_CONNECTED':
      return written('FullyConnectedOptions', [
        [0, 'int8', activation(op.options.fusedActivation)],
        [1, 'int8', 0],
        [2, 'bool', op.options.keepNumDims],
      ]);
    case 'CONV_2D': {
      const o = op.options;
      return written('Conv2DOptions', [
        [0, 'int8', padding(o.padding)],
        [1, 'int32', o.strideW],
        [2, 'int32', o.strideH],
        [3, 'int8', activation(o.fusedActivation)],
        [4, 'int32', o.dilationW],
        [5, 'int32', o.dilationH],
      ]);
    }
    case 'DEPTHWISE_CONV_2D': {
      const o = op.options;
      return written('DepthwiseConv2DOptions', [
        [0, 'int8', padding(o.padding)],
        [1, 'int32', o.strideW],
        [2, 'int32', o.strideH],
        [3, 'int32', o.depthMultiplier],
        [4, 'int8', activation(o.fusedActivation)],
        [5, 'int32', o.dilationW],
        [6, 'int32', o.dilationH],
      ]);
    }
    case 'MAX_POOL_2D':
    case 'AVERAGE_POOL_2D': {
      const o = op.options;
      return written('Pool2DOptions', [
        [0, 'int8', padding(o.padding)],
        [1, 'int32', o.strideW],
        [2, 'int32', o.strideH],
        [3, 'int32', o.filterW],
        [4, 'int32', o.filterH],
        [5, 'int8', activation(o.fusedActivation)],
      ]);
    }
    case 'MEAN':
    case 'REDUCE_MAX':
      return written('ReducerOptions', [[0, 'bool', op.options.keepDims]]);
    case 'RESHAPE':
      return written('ReshapeOptions', [], [[0, int32Vector(builder, reshapeTarget ?? [])]]);
    case 'STRIDED_SLICE': {
      const o = op.options;
      return written('StridedSliceOptions', [
        [0, 'int32', o.beginMask],
        [1, 'int32', o.endMask],
        [2, 'int32', o.ellipsisMask],
        [3, 'int32', o.newAxisMask],
        [4, 'int32', o.shrinkAxisMask],
      ]);
    }
    case 'SOFTMAX':
      return written('SoftmaxOptions', [[0, 'float32', op.options.beta]]);
    case 'ADD':
      return written('AddOptions', [[0, 'int8', activation(op.options.fusedActivation)]]);
    case 'MUL':
      return written('MulOptions', [[0, 'int8', activation(op.options.fusedActivation)]]);
    case 'SUB':
      return written('SubOptions', [[0, 'int8', activation(op.options.fusedActivation)]]);
    case 'CONCATENATION':
      return written('ConcatenationOptions', [
        [0, 'int32', op.options.axis],
        [1, 'int8', activation(op.options.fusedActivation)],
      ]);
    case 'UNIDIRECTIONAL_SEQUENCE_LSTM': {
      const o = op.options;
      return written('UnidirectionalSequenceLSTMOptions', [
        [0, 'int8', activation(o.fusedActivation)],
        [1, 'float32', o.cellClip],
        [2, 'float32', o.projClip],
        [3, 'bool', o.timeMajor],
      ]);
    }
    case 'PAD':
      return written('PadOptions', []);
    case 'QUANTIZE':
      return written('QuantizeOptions', []);
    case 'DEQUANTIZE':
      return written('DequantizeOptions', []);
    case 'LOGISTIC':
    case 'TANH':
    case 'RELU':
    case 'RELU6':
    case 'GRU':
      return { type: BuiltinOptionsType.NONE, offset: 0 };
  }
}
