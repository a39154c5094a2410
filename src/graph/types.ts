/**
 * The deploy graph: the one model representation every later stage shares. Lowering from a
 * trained model produces it; quantization passes transform it; the runtime, the .tflite and
 * .onnx writers and the C generator consume it; the .tflite reader produces it.
 *
 * Operators carry the semantics (and, where one exists, the name) of the TensorFlow Lite
 * builtin they map to, with TFLite's tensor layouts: NHWC activations, FULLY_CONNECTED
 * weights [out, in], CONV_2D filters [out, kh, kw, in], DEPTHWISE_CONV_2D filters
 * [1, kh, kw, in * multiplier]. Shapes include the batch dimension first; a graph is stored
 * for batch 1 and the runtime re-infers shapes for the batch it is created with.
 */
import type { FittedScaler } from '../data/types.js';

/** 'float16': IEEE half-precision constants (weights of float16 models), read only by DEQUANTIZE. */
export type DType = 'float32' | 'float16' | 'int8' | 'int16' | 'int32' | 'uint8';

/** A float16 tensor's data is a Uint16Array of the IEEE half bit patterns. */
export type TensorData = Float32Array | Uint16Array | Int8Array | Int16Array | Int32Array | Uint8Array;

/** real = scale * (q - zeroPoint); one entry per tensor, or one per channel along `axis`. */
export interface Quantization {
  scale: number[];
  zeroPoint: number[];
  /** Present for per-channel quantization: the channel axis (TFLite's quantized_dimension). */
  axis?: number;
}

export interface TensorDef {
  name: string;
  shape: number[];
  dtype: DType;
  quantization?: Quantization;
  /** Constant values (weights, biases, shape operands), row-major. */
  data?: TensorData;
  /** State kept across invocations (LSTM/GRU output and cell state), reset by the runtime. */
  variable?: boolean;
}

/** TFLite's fused activation functions. */
export type FusedActivation = 'NONE' | 'RELU' | 'RELU6' | 'RELU_N1_TO_1' | 'TANH';
export type Padding = 'SAME' | 'VALID';

export interface FullyConnectedOptions {
  fusedActivation: FusedActivation;
  /** Keep the input's leading dimensions (Dense over every time step) instead of flattening to [batch, out]. */
  keepNumDims: boolean;
}

export interface Conv2DOptions {
  padding: Padding;
  strideH: number;
  strideW: number;
  dilationH: number;
  dilationW: number;
  fusedActivation: FusedActivation;
}

export interface DepthwiseConv2DOptions extends Conv2DOptions {
  depthMultiplier: number;
}

export interface Pool2DOptions {
  padding: Padding;
  strideH: number;
  strideW: number;
  filterH: number;
  filterW: number;
  fusedActivation: FusedActivation;
}

export interface LstmOptions {
  /** The cell/output activation (TFLite's fused_activation_function), tanh for Keras LSTMs. */
  fusedActivation: FusedActivation;
  cellClip: number;
  projClip: number;
  timeMajor: boolean;
}

export interface GruOptions {
  /** Keras's reset_after = true formulation (the default): the reset gate scales the recurrent projection. */
  resetAfter: boolean;
  timeMajor: boolean;
  /** Return every step's output ([batch, time, units]) or only the last ([batch, units]). */
  returnSequences: boolean;
}

export interface ReducerOptions {
  keepDims: boolean;
}

export interface SoftmaxOptions {
  beta: number;
}

export interface ElementwiseOptions {
  fusedActivation: FusedActivation;
}

export interface ConcatenationOptions {
  axis: number;
  fusedActivation: FusedActivation;
}

export interface StridedSliceOptions {
  beginMask: number;
  endMask: number;
  ellipsisMask: number;
  newAxisMask: number;
  shrinkAxisMask: number;
}

/**
 * Each operator's inputs follow its TFLite builtin's input order (an absent optional input
 * is -1). UNIDIRECTIONAL_SEQUENCE_LSTM has TFLite's 24 inputs: input; input-to-{input,
 * forget, cell, output} weights [units, in]; recurrent-to-{...} weights [units, units];
 * three peephole weights (-1); {input, forget, cell, output} gate biases [units];
 * projection weights and bias (-1); output state and cell state (variable tensors,
 * [batch, units]); four layer-norm coefficients (-1). GRU (no TFLite builtin; lowered to
 * builtins for TFLite) has inputs: input; kernel [3 * units, in] (gates z, r, h);
 * recurrent kernel [3 * units, units]; input bias [3 * units]; recurrent bias [3 * units];
 * state (variable, [batch, units]).
 */
export type OpDef =
  | { type: 'FULLY_CONNECTED'; inputs: number[]; outputs: number[]; options: FullyConnectedOptions }
  | {
      type: 'UNIDIRECTIONAL_SEQUENCE_LSTM';
      inputs: number[];
      outputs: number[];
      options: LstmOptions;
      intermediates?: number[];
    }
  | { type: 'GRU'; inputs: number[]; outputs: number[]; options: GruOptions }
  | { type: 'CONV_2D'; inputs: number[]; outputs: number[]; options: Conv2DOptions }
  | { type: 'DEPTHWISE_CONV_2D'; inputs: number[]; outputs: number[]; options: DepthwiseConv2DOptions }
  | { type: 'MAX_POOL_2D' | 'AVERAGE_POOL_2D'; inputs: number[]; outputs: number[]; options: Pool2DOptions }
  | { type: 'MEAN' | 'REDUCE_MAX'; inputs: number[]; outputs: number[]; options: ReducerOptions }
  | { type: 'RESHAPE'; inputs: number[]; outputs: number[]; options: Record<string, never> }
  | { type: 'STRIDED_SLICE'; inputs: number[]; outputs: number[]; options: StridedSliceOptions }
  | { type: 'PAD'; inputs: number[]; outputs: number[]; options: Record<string, never> }
  | {
      type: 'LOGISTIC' | 'TANH' | 'RELU' | 'RELU6';
      inputs: number[];
      outputs: number[];
      options: Record<string, never>;
    }
  | { type: 'SOFTMAX'; inputs: number[]; outputs: number[]; options: SoftmaxOptions }
  | { type: 'ADD' | 'MUL' | 'SUB'; inputs: number[]; outputs: number[]; options: ElementwiseOptions }
  | { type: 'CONCATENATION'; inputs: number[]; outputs: number[]; options: ConcatenationOptions }
  | { type: 'QUANTIZE' | 'DEQUANTIZE'; inputs: number[]; outputs: number[]; options: Record<string, never> };

export type OpType = OpDef['type'];

/** What inference needs besides the network: the deployed model is self-contained. */
export interface Preprocessing {
  /** Readings per window and channels per reading, in this channel order. */
  steps: number;
  channels: number;
  channelNames: string[];
  /** Data layout the model was trained on, and the columns it read. */
  layout: 'wide' | 'long';
  featureColumns: string[];
  labelColumn: string;
  /** Applied to raw readings before the network: x' = (x - center) / scale. */
  scaler: FittedScaler;
  /** Long layout: how windows were cut (the streaming predictor predicts every `stride` readings). */
  window?: { length: number; stride: number };
}

export interface GraphMetadata {
  /**
   * binary: output [batch, 1] probability of class 1; multiclass: [batch, classes];
   * autoencoder: the reconstruction; other: a foreign model whose meaning is unknown.
   */
  task: 'binary' | 'multiclass' | 'autoencoder' | 'other';
  /** Output index -> class name (empty when unknown). */
  classes: string[];
  /** Absent for foreign models that carry no preprocessing. */
  preprocessing?: Preprocessing;
  /** Autoencoders: reconstruction-error threshold and the normal class. */
  anomaly?: { threshold: number; normalClass: string };
  /** Where the graph came from: "edgeforge model runs/demo/train/model.json", "tflite file x.tflite", ... */
  source: string;
  /** Free-form facts a pass records (e.g. quantization settings), kept through save/load. */
  notes?: Record<string, string | number | boolean>;
}

export interface Graph {
  tensors: TensorDef[];
  ops: OpDef[];
  /** Tensor indices of the graph's inputs and outputs. */
  inputs: number[];
  outputs: number[];
  metadata: GraphMetadata;
}
