/** Runs a deploy graph's .onnx export in ONNX Runtime, for the op tests. */
import * as ort from 'onnxruntime-node';
import { writeOnnx } from '../../src/export/onnx/index.js';
import type { Graph } from '../../src/graph/types.js';

export type OnnxOptimization = 'basic' | 'all';

/**
 * Every output of one run, as plain numbers; `inputs[i]` feeds graph input i at its stored
 * shape with `batch` first, as float32 values (or int8 ones for an int8 input).
 */
export async function runOnnx(
  graph: Graph,
  inputs: readonly (readonly number[])[],
  optimization: OnnxOptimization = 'all',
  batch = 1,
): Promise<number[][]> {
  const session = await ort.InferenceSession.create(writeOnnx(graph), {
    logSeverityLevel: 3,
    graphOptimizationLevel: optimization,
  });
  const feeds = Object.fromEntries(
    session.inputNames.map((name, i) => {
      const def = graph.tensors[graph.inputs[i]!]!;
      const shape = [batch, ...def.shape.slice(1)];
      const tensor =
        def.dtype === 'int8'
          ? new ort.Tensor('int8', Int8Array.from(inputs[i]!), shape)
          : new ort.Tensor('float32', Float32Array.from(inputs[i]!), shape);
      return [name, tensor];
    }),
  );
  const results = await session.run(feeds);
  await session.release();
  return session.outputNames.map((name) => Array.from(results[name]!.data as ArrayLike<number>));
}

export function assertClose(actual: readonly number[], expected: readonly number[], label: string): void {
  if (actual.length !== expected.length || actual.some((value, i) => Math.abs(value - expected[i]!) > 1e-5))
    throw new Error(`${label}: got [${actual.join(', ')}], expected [${expected.join(', ')}]`);
}
