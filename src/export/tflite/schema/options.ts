/**
 * Accessors for the builtin options tables edgeforge supports, with the schema's field ids
 * and defaults. Values stay in the schema's encoding (enum numbers); the reader maps them
 * to deploy-graph options. An operator without an options table gets every default, as
 * TensorFlow Lite does.
 */
import type { FlatTable } from './flat-buffer.js';

type OptionFields = Pick<FlatTable, 'int32' | 'int8' | 'bool' | 'float32' | 'int32s' | 'has'>;

const ABSENT: OptionFields = {
  int32: (_id, _name, fallback = 0) => fallback,
  int8: (_id, _name, fallback = 0) => fallback,
  bool: (_id, _name, fallback = false) => fallback,
  float32: (_id, _name, fallback = 0) => fallback,
  int32s: () => [],
  has: () => false,
};

const fieldsOf = (table: FlatTable | undefined): OptionFields => table ?? ABSENT;

export interface WindowOptions {
  padding: number;
  strideW: number;
  strideH: number;
  fusedActivation: number;
}

export interface ConvolutionOptions extends WindowOptions {
  dilationW: number;
  dilationH: number;
}

export interface DepthwiseOptions extends ConvolutionOptions {
  depthMultiplier: number;
}

export interface PoolOptions extends WindowOptions {
  filterWidth: number;
  filterHeight: number;
}

export function readConv2DOptions(
  table: FlatTable | undefined,
): ConvolutionOptions & { quantizedBiasType: number } {
  const t = fieldsOf(table);
  return {
    padding: t.int8(0, 'padding'),
    strideW: t.int32(1, 'stride_w'),
    strideH: t.int32(2, 'stride_h'),
    fusedActivation: t.int8(3, 'fused_activation_function'),
    dilationW: t.int32(4, 'dilation_w_factor', 1),
    dilationH: t.int32(5, 'dilation_h_factor', 1),
    quantizedBiasType: t.int8(6, 'quantized_bias_type'),
  };
}

export function readDepthwiseConv2DOptions(table: FlatTable | undefined): DepthwiseOptions {
  const t = fieldsOf(table);
  return {
    padding: t.int8(0, 'padding'),
    strideW: t.int32(1, 'stride_w'),
    strideH: t.int32(2, 'stride_h'),
    depthMultiplier: t.int32(3, 'depth_multiplier'),
    fusedActivation: t.int8(4, 'fused_activation_function'),
    dilationW: t.int32(5, 'dilation_w_factor', 1),
    dilationH: t.int32(6, 'dilation_h_factor', 1),
  };
}

export function readPool2DOptions(table: FlatTable | undefined): PoolOptions {
  const t = fieldsOf(table);
  return {
    padding: t.int8(0, 'padding'),
    strideW: t.int32(1, 'stride_w'),
    strideH: t.int32(2, 'stride_h'),
    filterWidth: t.int32(3, 'filter_width'),
    filterHeight: t.int32(4, 'filter_height'),
    fusedActivation: t.int8(5, 'fused_activation_function'),
  };
}

export function readFullyConnectedOptions(table: FlatTable | undefined): {
  fusedActivation: number;
  weightsFormat: number;
  keepNumDims: boolean;
  asymmetricQuantizeInputs: boolean;
  quantizedBiasType: number;
} {
  const t = fieldsOf(table);
  return {
    fusedActivation: t.int8(0, 'fused_activation_function'),
    weightsFormat: t.int8(1, 'weights_format'),
    keepNumDims: t.bool(2, 'keep_num_dims'),
    asymmetricQuantizeInputs: t.bool(3, 'asymmetric_quantize_inputs'),
    quantizedBiasType: t.int8(4, 'quantized_bias_type'),
  };
}

export function readSoftmaxOptions(table: FlatTable | undefined): { beta: number } {
  return { beta: fieldsOf(table).float32(0, 'beta') };
}

export function readConcatenationOptions(table: FlatTable | undefined): {
  axis: number;
  fusedActivation: number;
} {
  const t = fieldsOf(table);
  return { axis: t.int32(0, 'axis'), fusedActivation: t.int8(1, 'fused_activation_function') };
}

/** AddOptions, MulOptions and SubOptions all hold the fused activation as field 0. */
export function readElementwiseOptions(table: FlatTable | undefined): { fusedActivation: number } {
  return { fusedActivation: fieldsOf(table).int8(0, 'fused_activation_function') };
}

/** new_shape is undefined when the option is absent (the shape then comes from the second input). */
export function readReshapeOptions(table: FlatTable | undefined): { newShape: number[] | undefined } {
  const t = fieldsOf(table);
  return { newShape: t.has(0) ? t.int32s(0, 'new_shape') : undefined };
}

export function readReducerOptions(table: FlatTable | undefined): { keepDims: boolean } {
  return { keepDims: fieldsOf(table).bool(0, 'keep_dims') };
}

export function readStridedSliceOptions(table: FlatTable | undefined): {
  beginMask: number;
  endMask: number;
  ellipsisMask: number;
  newAxisMask: number;
  shrinkAxisMask: number;
  offset: boolean;
} {
  const t = fieldsOf(table);
  return {
    beginMask: t.int32(0, 'begin_mask'),
    endMask: t.int32(1, 'end_mask'),
    ellipsisMask: t.int32(2, 'ellipsis_mask'),
    newAxisMask: t.int32(3, 'new_axis_mask'),
    shrinkAxisMask: t.int32(4, 'shrink_axis_mask'),
    offset: t.bool(5, 'offset'),
  };
}

export function readSequenceLstmOptions(table: FlatTable | undefined): {
  fusedActivation: number;
  cellClip: number;
  projClip: number;
  timeMajor: boolean;
  asymmetricQuantizeInputs: boolean;
  diagonalRecurrentTensors: boolean;
} {
  const t = fieldsOf(table);
  return {
    fusedActivation: t.int8(0, 'fused_activation_function'),
    cellClip: t.float32(1, 'cell_clip'),
    projClip: t.float32(2, 'proj_clip'),
    timeMajor: t.bool(3, 'time_major'),
    asymmetricQuantizeInputs: t.bool(4, 'asymmetric_quantize_inputs'),
    diagonalRecurrentTensors: t.bool(5, 'diagonal_recurrent_tensors'),
  };
}
