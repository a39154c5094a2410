/**
 * Which tensors magnitude pruning may zero: the weight matrices (Dense/Conv1D kernels,
 * depthwise kernels, LSTM/GRU input and recurrent kernels). Biases, BatchNorm gamma/beta and
 * moving statistics, and the recurrent state are left alone: they are a tiny share of the
 * parameters, and zeroing one shifts every output of its unit instead of cutting one connection.
 */
import type { Sequential } from '../nn/sequential.js';
import type { Param } from '../nn/param.js';

const PRUNABLE_KINDS = new Set(['kernel', 'recurrent_kernel', 'depthwise_kernel']);

export function isPrunable(tensorName: string): boolean {
  return PRUNABLE_KINDS.has(tensorName.slice(tensorName.lastIndexOf('/') + 1));
}

export interface PrunableLayer {
  layer: string;
  /** Live views of the network's weights: writing them changes the model. */
  tensors: Param[];
}

/** The layers holding prunable tensors, in model order. */
export function prunableLayers(network: Sequential): PrunableLayer[] {
  return network.layers
    .map((layer) => ({
      layer: layer.name,
      tensors: layer.params().filter((param) => isPrunable(param.name)),
    }))
    .filter((entry) => entry.tensors.length > 0);
}
