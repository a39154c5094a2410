/** The element types and counts of a deploy graph's input and output, as the harness needs them. */
import { EdgeforgeError } from '../../errors.js';
import { elementCount, inferShapes } from '../../graph/shapes.js';
import type { DType, Graph } from '../../graph/types.js';
import type { McuDtype } from './c-arrays.js';

export interface McuIo {
  input: { dtype: McuDtype; length: number };
  output: { dtype: McuDtype; length: number };
}

function mcuDtype(dtype: DType, what: string, source: string): McuDtype {
  if (dtype === 'float16') {
    throw new EdgeforgeError(`the graph's ${what} is float16, which generated C does not take as I/O`, {
      file: source,
      fix: 'Use a graph with float32 or int8 input and output',
    });
  }
  return dtype;
}

/** One input and one output per inference (batch 1), as generated libraries have. */
export function graphIo(graph: Graph, source = graph.metadata.source): McuIo {
  if (graph.inputs.length !== 1 || graph.outputs.length !== 1) {
    throw new EdgeforgeError(
      `the graph has ${graph.inputs.length} inputs and ${graph.outputs.length} outputs; the harness runs one of each`,
      { file: source, fix: 'Run a single-input, single-output model' },
    );
  }
  const shapes = inferShapes(graph, 1, source);
  const [input, output] = [graph.inputs[0], graph.outputs[0]];
  return {
    input: {
      dtype: mcuDtype(graph.tensors[input].dtype, 'input', source),
      length: elementCount(shapes[input]),
    },
    output: {
      dtype: mcuDtype(graph.tensors[output].dtype, 'output', source),
      length: elementCount(shapes[output]),
    },
  };
}
