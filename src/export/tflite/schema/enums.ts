/**
 * Enumerations of the TFLite schema (schema.fbs) that the reader and writer interpret:
 * tensor element types, fused activations, paddings, and the BuiltinOptions union's
 * member numbers for the options tables edgeforge reads.
 */

/** TensorType by value. */
export const TENSOR_TYPE_NAMES: readonly string[] = [
  'FLOAT32',
  'FLOAT16',
  'INT32',
  'UINT8',
  'INT64',
  'STRING',
  'BOOL',
  'INT16',
  'COMPLEX64',
  'INT8',
  'FLOAT64',
  'COMPLEX128',
  'UINT64',
  'RESOURCE',
  'VARIANT',
  'UINT32',
  'UINT16',
  'INT4',
  'BFLOAT16',
];

export const TensorType = { FLOAT32: 0, INT32: 2, UINT8: 3, INT16: 7, INT8: 9 } as const;

export function tensorTypeName(value: number): string {
  return TENSOR_TYPE_NAMES[value] ?? `type ${value}`;
}

/** ActivationFunctionType by value. */
export const ACTIVATION_NAMES: readonly string[] = [
  'NONE',
  'RELU',
  'RELU_N1_TO_1',
  'RELU6',
  'TANH',
  'SIGN_BIT',
];

/** Padding by value. */
export const PADDING_NAMES: readonly string[] = ['SAME', 'VALID'];

/** Member numbers of the BuiltinOptions union (0 = no options) for the tables edgeforge reads. */
export const BuiltinOptionsType = {
  NONE: 0,
  Conv2DOptions: 1,
  DepthwiseConv2DOptions: 2,
  Pool2DOptions: 5,
  FullyConnectedOptions: 8,
  SoftmaxOptions: 9,
  ConcatenationOptions: 10,
  AddOptions: 11,
  ReshapeOptions: 17,
  MulOptions: 21,
  PadOptions: 22,
  ReducerOptions: 27,
  SubOptions: 28,
  StridedSliceOptions: 32,
  DequantizeOptions: 38,
  UnidirectionalSequenceLSTMOptions: 71,
  QuantizeOptions: 89,
} as const;

export type BuiltinOptionsName = keyof typeof BuiltinOptionsType;
