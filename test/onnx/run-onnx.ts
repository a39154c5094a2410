/** Runs a deploy graph's .onnx export in ONNX Runtime on float inputs, for the op tests. */
import * as ort from 'onnxruntime-node';
import { writeOnnx } from '../../src/export/onnx/index.js';
import type { Graph } from '../../src/graph/types.js';

/** Every output of one run, as plain numbers; `inputs[i]` feeds graph input i at its stored shape. */
export async function runOnnx(graph: Graph, inputs: readonly (readonly number[])[]): Promise<number[][]> {
  const session = await ort.InferenceSession.create(writeOnnx(graph), { logSeverityLevel: 3 });
  const feeds = Object.fromEntries(
    session.inputNames.map((name, i) => {
      const shape = graph.tensors[graph.inputs[i]!]!.shape;
      return [name, new ort.Tensor('float32', Float32Array.from(inputs[i]!), shape)];
    }),
  );
  const results = await session.run(feeds);
  await session.release();
  return session.outputNames.map((name) => Array.from(results[name]!.data as Float32Array));
}

export function assertClose(actual: readonly number[], expected: readonly number[], label: string): void {
  if (actual.length !== expected.length || actual.some((value, i) => Math.abs(value - expected[i]!) > 1e-5))
    throw new Error(`${label}: got [${actual.join(', ')}], expected [${expected.join(', ')}]`);
}
