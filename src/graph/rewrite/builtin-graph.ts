/**
 * The deploy graph in the operators TensorFlow Lite's builtins and int8 quantization know:
 * fused TANH split off (./unfuse-tanh.ts), then GRUs unrolled (./unroll-gru.ts). The .tflite
 * writer, calibration and post-training quantization all apply this one rewrite, so
 * calibrated ranges and quantized tensors refer to the same tensor indices.
 */
import type { Graph } from '../types.js';
import { unfuseTanh } from './unfuse-tanh.js';
import { unrollGrus } from './unroll-gru.js';

export function builtinGraph(graph: Graph, source?: string): Graph {
  return unrollGrus(unfuseTanh(graph), source);
}
