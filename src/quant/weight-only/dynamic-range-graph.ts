/**
 * Dynamic-range quantization: int8 weights, float activations, as TFLite's hybrid kernels
 * run it. The weights of FULLY_CONNECTED / CONV_2D / DEPTHWISE_CONV_2D become int8
 * symmetric per output channel (DEPTHWISE along its last axis); biases and activations stay
 * float32, and the runtime quantizes each input row on the fly. GRUs are unrolled into
 * builtins first (the shared rewrite), so their matrices are quantized like any
 * FULLY_CONNECTED's. LSTM weights stay float32: edgeforge has no hybrid LSTM kernel.
 */
import { builtinGraph } from '../../graph/rewrite/builtin-graph.js';
import type { Graph, OpDef, TensorDef } from '../../graph/types.js';
import { validateGraph } from '../../graph/validate.js';
import { symmetricWeights } from '../ptq/choose-params.js';

/** The weight's output-channel axis per hybrid op type. */
const CHANNEL_AXIS: Partial<Record<OpDef['type'], number>> = {
  FULLY_CONNECTED: 0,
  CONV_2D: 0,
  DEPTHWISE_CONV_2D: 3,
};

export function dynamicRangeGraph(floatGraph: Graph): Graph {
  validateGraph(floatGraph, 'float graph');
  const graph = builtinGraph(floatGraph);
  const tensors: TensorDef[] = graph.tensors.map((tensor) => ({ ...tensor }));
  for (const op of graph.ops) {
    const axis = CHANNEL_AXIS[op.type];
    const [input = -1, filter = -1] = op.inputs;
    if (axis === undefined || tensors[input]?.dtype !== 'float32') continue;
    const weights = tensors[filter];
    // A filter several ops share (an unrolled GRU's recurrent matrix) is quantized once.
    if (!(weights?.data instanceof Float32Array)) continue;
    const quantized = symmetricWeights(weights.data, weights.shape, axis);
    tensors[filter] = {
      ...weights,
      dtype: 'int8',
      data: quantized.data,
      quantization: { scale: quantized.scales, zeroPoint: quantized.scales.map(() => 0), axis },
    };
  }
  const result: Graph = {
    ...graph,
    tensors,
    metadata: {
      ...graph.metadata,
      notes: {
        ...graph.metadata.notes,
        quantization: 'dynamic-range (int8 weights, float activations)',
        weights: 'per-channel',
      },
    },
  };
  validateGraph(result, 'dynamic-range graph');
  return result;
}
