/**
 * When each activation tensor is alive, from the execution order: from the op that produces it
 * (graph inputs: -1) to its last consumer (graph outputs: the last op). Constants and variable
 * tensors are not activations and get no lifetime.
 */
import { EdgeforgeError } from '../../errors.js';
import type { Graph, OpDef } from '../types.js';

export interface Lifetime {
  firstOp: number;
  lastOp: number;
}

/** Whether the tensor lives in the activation arena (not constant data, not recurrent state). */
export function isActivation(graph: Graph, tensor: number): boolean {
  const def = graph.tensors[tensor];
  return def.data === undefined && def.variable !== true;
}

/** Lifetimes by tensor index; undefined for constants, variables and tensors no op touches. */
export function tensorLifetimes(graph: Graph): (Lifetime | undefined)[] {
  const lifetimes: (Lifetime | undefined)[] = new Array(graph.tensors.length).fill(undefined);
  const start = (tensor: number, op: number, place: string): void => {
    checkIndex(graph, tensor, place);
    if (!isActivation(graph, tensor)) return;
    if (lifetimes[tensor] !== undefined) {
      throw new EdgeforgeError(`tensor ${tensor} '${graph.tensors[tensor].name}' is written twice`, {
        place,
        fix: 'Give every op output its own tensor, and never write a graph input',
      });
    }
    lifetimes[tensor] = { firstOp: op, lastOp: op };
  };
  graph.inputs.forEach((tensor, i) => start(tensor, -1, `inputs[${i}]`));
  graph.ops.forEach((op, index) => {
    op.inputs.forEach((tensor, i) => {
      if (tensor < 0) return; // an absent optional operand
      const place = `${opPlace(op, index)} input ${i}`;
      checkIndex(graph, tensor, place);
      if (!isActivation(graph, tensor)) return;
      const lifetime = lifetimes[tensor];
      if (lifetime === undefined) throw unproduced(graph, tensor, place);
      lifetime.lastOp = index;
    });
    op.outputs.forEach((tensor, i) => start(tensor, index, `${opPlace(op, index)} output ${i}`));
    // Quantized LSTMs' intermediates are per-op working tensors.
    const intermediates = op.type === 'UNIDIRECTIONAL_SEQUENCE_LSTM' ? (op.intermediates ?? []) : [];
    intermediates.forEach((tensor, i) => start(tensor, index, `${opPlace(op, index)} intermediate ${i}`));
  });
  const end = graph.ops.length - 1;
  graph.outputs.forEach((tensor, i) => {
    checkIndex(graph, tensor, `outputs[${i}]`);
    if (!isActivation(graph, tensor)) return;
    const lifetime = lifetimes[tensor];
    if (lifetime === undefined) throw unproduced(graph, tensor, `outputs[${i}]`);
    lifetime.lastOp = Math.max(lifetime.lastOp, end);
  });
  return lifetimes;
}

export function opPlace(op: OpDef, index: number): string {
  return `op ${index} (${op.type})`;
}

function checkIndex(graph: Graph, tensor: number, place: string): void {
  if (!Number.isInteger(tensor) || tensor < 0 || tensor >= graph.tensors.length) {
    throw new EdgeforgeError(
      `tensor index ${tensor} does not exist (the graph has ${graph.tensors.length})`,
      {
        place,
        fix: 'Refer only to tensors of this graph',
      },
    );
  }
}

function unproduced(graph: Graph, tensor: number, place: string): EdgeforgeError {
  return new EdgeforgeError(
    `tensor ${tensor} '${graph.tensors[tensor].name}' is read before any op produces it`,
    { place, fix: 'Order the ops so producers run first, or make the tensor a graph input or a constant' },
  );
}
