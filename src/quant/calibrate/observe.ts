/**
 * Runs a float graph over calibration windows and collects every activation's values. The
 * planner reuses arena memory, so the graph is run as a copy whose every op output is also a
 * graph output: graph outputs live to the end of an invocation, so each can be read after it.
 */
import { EdgeforgeError } from '../../errors.js';
import type { Graph } from '../../graph/types.js';
import { Interpreter } from '../../runtime/interpreter.js';

/** Every tensor an op writes, in graph order. */
function opOutputs(graph: Graph): number[] {
  return graph.ops.flatMap((op) => op.outputs);
}

/** Appends chunks of observed values and hands them back as one array. */
class ValueLog {
  private readonly chunks: Float32Array[] = [];

  add(values: Float32Array): void {
    this.chunks.push(Float32Array.from(values));
  }

  values(): Float32Array {
    const all = new Float32Array(this.chunks.reduce((n, chunk) => n + chunk.length, 0));
    let at = 0;
    for (const chunk of this.chunks) {
      all.set(chunk, at);
      at += chunk.length;
    }
    return all;
  }
}

/**
 * Tensor index -> every value it took over the `count` windows of `samples` (input 0 included).
 * `samples` is count x (the input's size at batch 1).
 */
export function observeActivations(
  graph: Graph,
  samples: Float32Array,
  count: number,
): Map<number, Float32Array> {
  if (graph.inputs.length !== 1) {
    throw new EdgeforgeError(
      `calibration needs a graph with one input, this one has ${graph.inputs.length}`,
      {
        fix: 'Calibrate a graph lowered from an edgeforge model',
      },
    );
  }
  const watched = opOutputs(graph);
  const order = [...graph.outputs, ...watched.filter((t) => !graph.outputs.includes(t))];
  const observed = new Interpreter({ ...graph, outputs: order });
  const window = observed.input(0).length;
  if (!Number.isInteger(count) || count < 1 || samples.length !== count * window) {
    throw new EdgeforgeError(
      `calibration samples hold ${samples.length} values, expected ${count} windows of ${window}`,
      { place: 'samples', fix: 'Pass count x steps x channels scaled values' },
    );
  }
  const inputLog = new ValueLog();
  const outputLogs = order.map(() => new ValueLog());
  for (let w = 0; w < count; w++) {
    const windowValues = samples.subarray(w * window, (w + 1) * window);
    inputLog.add(windowValues);
    observed.input(0).set(windowValues);
    observed.invoke();
    outputLogs.forEach((log, i) => log.add(observed.output(i)));
  }
  return new Map([
    [graph.inputs[0], inputLog.values()],
    ...order.map((tensor, i) => [tensor, outputLogs[i].values()] as const),
  ]);
}
