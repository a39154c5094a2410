/**
 * Typed views of every tensor the ops touch: activations into the arena at their planned
 * offsets, variable tensors into the state region, constants straight onto their data.
 * Created once, so running the graph never allocates.
 */
import { EdgeforgeError } from '../errors.js';
import type { MemoryPlan } from '../graph/plan/index.js';
import { elementCount } from '../graph/shapes.js';
import type { DType, Graph, TensorData } from '../graph/types.js';

export interface Memory {
  arena: ArrayBuffer;
  state: ArrayBuffer;
}

export function bindTensorViews(
  graph: Graph,
  shapes: readonly number[][],
  plan: MemoryPlan,
  memory: Memory,
  source?: string,
): (TensorData | undefined)[] {
  const views: (TensorData | undefined)[] = graph.tensors.map((tensor, index) => {
    if (tensor.data === undefined) return undefined;
    if (tensor.data.length !== elementCount(shapes[index])) {
      throw new EdgeforgeError(
        `constant tensor '${tensor.name}' (#${index}) holds ${tensor.data.length} values, its shape [${shapes[index].join(', ')}] needs ${elementCount(shapes[index])}`,
        { file: source, place: `tensor ${index}`, fix: 'Re-create the graph (edgeforge train or import)' },
      );
    }
    return tensor.data;
  });
  const bind = (buffer: ArrayBuffer, tensor: number, offset: number) => {
    views[tensor] = typedView(graph.tensors[tensor].dtype, buffer, offset, elementCount(shapes[tensor]));
  };
  for (const entry of plan.entries) bind(memory.arena, entry.tensor, entry.offset);
  for (const entry of plan.variables) bind(memory.state, entry.tensor, entry.offset);
  return views;
}

/** Each op's scratch area as floats (empty for ops that declare none). */
export function bindScratch(graph: Graph, plan: MemoryPlan, arena: ArrayBuffer): Float32Array[] {
  const areas: Float32Array[] = graph.ops.map(() => EMPTY);
  for (const entry of plan.scratch) areas[entry.op] = new Float32Array(arena, entry.offset, entry.bytes / 4);
  return areas;
}

const EMPTY = new Float32Array(0);

function typedView(dtype: DType, buffer: ArrayBuffer, offset: number, length: number): TensorData {
  switch (dtype) {
    case 'float32':
      return new Float32Array(buffer, offset, length);
    case 'int32':
      return new Int32Array(buffer, offset, length);
    case 'int16':
      return new Int16Array(buffer, offset, length);
    case 'float16':
      return new Uint16Array(buffer, offset, length);
    case 'int8':
      return new Int8Array(buffer, offset, length);
    case 'uint8':
      return new Uint8Array(buffer, offset, length);
  }
}
