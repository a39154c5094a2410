/** Weight-only passes start from the float32 model: a graph already quantized or halved is refused. */
import { EdgeforgeError } from '../../errors.js';
import type { Graph } from '../../graph/types.js';
import { validateGraph } from '../../graph/validate.js';

export function requireFloatGraph(graph: Graph, pass: string): void {
  validateGraph(graph, 'float graph');
  const index = graph.tensors.findIndex((tensor) => tensor.dtype !== 'float32' && tensor.dtype !== 'int32');
  if (index < 0) return;
  const tensor = graph.tensors[index]!;
  throw new EdgeforgeError(
    `${pass} needs a float32 graph; tensor '${tensor.name}' (#${index}) is ${tensor.dtype}`,
    {
      place: `tensor ${index}`,
      fix: 'Start from the float model (model.efg), not from a quantized variant',
    },
  );
}
