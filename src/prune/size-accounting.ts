/**
 * What the weights of a graph take to store, three ways, so unstructured sparsity is judged
 * honestly: zeros cost as much as any value in the dense layout every deploy target uses,
 * and only pay off in a sparse format or under compression.
 *
 * Counted: every constant tensor (weights, biases, per-channel factors and the few int32
 * shape operands), at its stored element size. Sparse format: per tensor a bitmask of one bit
 * per element (1 = nonzero, rounded up to whole bytes) followed by the nonzero elements.
 * Compressed: raw deflate (zlib level 9) of all constant bytes concatenated in tensor order.
 * A zero is a stored value of 0 (for int8 weights, whose zero point is 0, the same thing).
 */
import { deflateRawSync } from 'node:zlib';
import type { Graph, TensorData } from '../graph/types.js';

export interface SizeAccounting {
  denseBytes: number;
  sparseBytes: number;
  compressedBytes: number;
  zeroFraction: number;
}

export function sizeAccounting(graph: Graph): SizeAccounting {
  const constants = graph.tensors
    .map((tensor) => tensor.data)
    .filter((data): data is TensorData => data !== undefined);
  let denseBytes = 0;
  let sparseBytes = 0;
  let elements = 0;
  let zeros = 0;
  for (const data of constants) {
    const tensorZeros = countZeros(data);
    denseBytes += data.byteLength;
    sparseBytes += Math.ceil(data.length / 8) + (data.length - tensorZeros) * data.BYTES_PER_ELEMENT;
    elements += data.length;
    zeros += tensorZeros;
  }
  const bytes = Buffer.concat(
    constants.map((data) => new Uint8Array(data.buffer, data.byteOffset, data.byteLength)),
  );
  return {
    denseBytes,
    sparseBytes,
    compressedBytes: deflateRawSync(bytes, { level: 9 }).length,
    zeroFraction: elements === 0 ? 0 : zeros / elements,
  };
}

function countZeros(data: TensorData): number {
  let zeros = 0;
  for (let i = 0; i < data.length; i++) if (data[i] === 0) zeros++;
  return zeros;
}
