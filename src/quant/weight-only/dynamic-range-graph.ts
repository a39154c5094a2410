/**
 * Dynamic-range quantization: int8 weights, float activations, as TFLite's hybrid kernels
 * run it. The weights of FULLY_CONNECTED / CONV_2D / DEPTHWISE_CONV_2D become int8
 * symmetric per output channel (DEPTHWISE along its last axis); biases and activations stay
 * float32, and the runtime quantizes each input row on the fly. GRUs are unrolled into
 * builtins first (the shared rewrite), so their matrices are quantized like any
 * FULLY_CONNECTED's. UNIDIRECTIONAL_SEQUENCE_LSTM's eight weight matrices become int8 with
 * one symmetric scale each, as TFLite's hybrid LSTM takes them; its biases stay float32.
 */
import { builtinGraph } from '../../graph/rewrite/builtin-graph.js';
import type { Graph, OpDef, TensorDef } from '../../graph/types.js';
import { validateGraph } from '../../graph/validate.js';
import { requireFloatGraph } from './require-float-graph.js';
import { symmetricWeights } from '../ptq/choose-params.js';

/** The weight's output-channel axis per hybrid op type. */
const CHANNEL_AXIS: Partial<Record<OpDef['type'], number>> = {
  FULLY_CONNECTED: 0,
  CONV_2D: 0,
  DEPTHWISE_CONV_2D: 3,
};

/** Input-to-{i, f, c, o} and recurrent-to-{i, f, c, o} weights. */
const LSTM_WEIGHTS = [1, 2, 3, 4, 5, 6, 7, 8];

export function dynamicRangeGraph(floatGraph: Graph): Graph {
  requireFloatGraph(floatGraph, 'dynamic-range quantization');
  const graph = builtinGraph(floatGraph);
  const tensors: TensorDef[] = graph.tensors.map((tensor) => ({ ...tensor }));
  const quantize = (tensor: number, axis: number | undefined) => {
    const weights = tensors[tensor];
    // A filter several ops share (an unrolled GRU's recurrent matrix) is quantized once.
    if (!(weights?.data instanceof Float32Array)) return;
    const quantized = symmetricWeights(weights.data, weights.shape, axis);
    tensors[tensor] = {
      ...weights,
      dtype: 'int8',
      data: quantized.data,
      quantization: {
        scale: quantized.scales,
        zeroPoint: quantized.scales.map(() => 0),
        ...(axis !== undefined && { axis }),
      },
    };
  };
  for (const op of graph.ops) {
    if (tensors[op.inputs[0] ?? -1]?.dtype !== 'float32') continue;
    if (op.type === 'UNIDIRECTIONAL_SEQUENCE_LSTM') {
      for (const position of LSTM_WEIGHTS) quantize(op.inputs[position] ?? -1, undefined);
      continue;
    }
    const axis = CHANNEL_AXIS[op.type];
    if (axis !== undefined) quantize(op.inputs[1] ?? -1, axis);
  }
  const result: Graph = {
    ...graph,
    tensors,
    metadata: {
      ...graph.metadata,
      notes: {
        ...graph.metadata.notes,
        quantization: 'dynamic-range (int8 weights, float activations)',
        weights: 'per-channel (LSTM: per-tensor)',
      },
    },
  };
  validateGraph(result, 'dynamic-range graph');
  return result;
}
