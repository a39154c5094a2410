/**
 * LiteRT.js (CPU, WebAssembly) on the variant's float .tflite export. It takes float tensors
 * only at its boundary and refuses models with variable tensors (recurrent state), so int8 and
 * stateful variants are unsupported. The model is fixed at batch 1: a batch is that many calls.
 */
import { isIntegerGraph } from '../../export/verification.js';
import { writeTfliteFile } from '../../export/tflite/write/write-file.js';
import type { Graph } from '../../graph/types.js';
import { inputDef, windowSize } from '../io-codec.js';
import { exportedFile, fileBytes, UnsupportedVariant, type Runner } from './context.js';
import { measureSession } from './js-session.js';
import { loadLiteRtInNode } from './litert-host.js';
import { readFile } from 'node:fs/promises';

function refusal(graph: Graph): string | undefined {
  if (isIntegerGraph(graph))
    return 'LiteRT.js takes only float32 tensors at its boundary and this variant is an int8 graph';
  if (graph.tensors.some((tensor) => tensor.variable))
    return 'LiteRT.js refuses models with variable tensors (the recurrent state of LSTM/GRU layers)';
  return undefined;
}

export const liteRtRunner: Runner = async (context) => {
  const reason = refusal(context.graph);
  if (reason) throw new UnsupportedVariant(reason);
  const liteRt = await loadLiteRtInNode();
  const file = await exportedFile(context, 'tflite', (graph, out) => writeTfliteFile(out, graph));
  return measureSession(context, async () => {
    const model = await liteRt.loadAndCompile(new Uint8Array(await readFile(file)), { accelerator: 'wasm' });
    const shape = [1, ...inputDef(context.graph).shape.slice(1)];
    const size = windowSize(context.graph);
    const once = async (window: Float32Array): Promise<Float32Array> => {
      const input = new liteRt.Tensor(window, shape);
      const [output] = await model.run(input);
      const values = output!.toTypedArray();
      input.delete();
      output!.delete();
      return Float32Array.from(values);
    };
    return {
      file,
      modelBytes: await fileBytes(file),
      async run(windows, count) {
        if (count === 1) return once(windows);
        const outputs: Float32Array[] = [];
        for (let i = 0; i < count; i++) outputs.push(await once(windows.subarray(i * size, (i + 1) * size)));
        const all = new Float32Array(outputs.length * outputs[0]!.length);
        outputs.forEach((values, i) => all.set(values, i * values.length));
        return all;
      },
      close: () => model.delete(),
    };
  });
};
