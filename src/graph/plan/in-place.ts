/**
 * In-place ops: an op whose output may take over its input's bytes when the input dies at that
 * op. RESHAPE only reinterprets the bytes; the single-input activations read each element
 * before writing the same position. (QUANTIZE / DEQUANTIZE change the element size, so never.)
 */
import type { Graph, OpType } from '../types.js';
import { isActivation, type Lifetime } from './lifetimes.js';

const IN_PLACE_OPS: ReadonlySet<OpType> = new Set(['RESHAPE', 'LOGISTIC', 'TANH', 'RELU', 'RELU6']);

/**
 * Output tensor -> the tensor owning the bytes it shares (the first of a chain of in-place ops).
 * An input is taken over only at its last use, so the members of a chain live one after another.
 */
export function inPlaceAliases(
  graph: Graph,
  lifetimes: readonly (Lifetime | undefined)[],
  bytesOf: (tensor: number) => number,
): Map<number, number> {
  const owners = new Map<number, number>();
  const graphOutputs = new Set(graph.outputs);
  graph.ops.forEach((op, index) => {
    if (!IN_PLACE_OPS.has(op.type) || op.outputs.length !== 1) return;
    const input = op.inputs[0];
    const output = op.outputs[0];
    if (input === undefined || input < 0 || !isActivation(graph, input) || !isActivation(graph, output))
      return;
    const dies = lifetimes[input]?.lastOp === index && !graphOutputs.has(input);
    const sameBytes =
      graph.tensors[input].dtype === graph.tensors[output].dtype && bytesOf(input) === bytesOf(output);
    if (dies && sameBytes) owners.set(output, owners.get(input) ?? input);
  });
  return owners;
}
