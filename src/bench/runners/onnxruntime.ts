/** ONNX Runtime (onnxruntime-node) on the variant's .onnx export: one intra-op thread, all graph optimizations. */
import { writeOnnxFile } from '../../export/onnx/index.js';
import { decodeOutput, encodeInput, inputDef } from '../io-codec.js';
import { exportedFile, fileBytes, UnsupportedVariant, type Runner } from './context.js';
import { measureSession } from './js-session.js';

type OrtModule = typeof import('onnxruntime-node');

async function loadOrt(): Promise<OrtModule> {
  try {
    return await import('onnxruntime-node');
  } catch {
    throw new UnsupportedVariant('onnxruntime-node is not installed (npm install onnxruntime-node)');
  }
}

export const onnxRuntimeRunner: Runner = async (context) => {
  const ort = await loadOrt();
  const file = await exportedFile(context, 'onnx', (graph, out) => writeOnnxFile(graph, out));
  return measureSession(context, async () => {
    const session = await ort.InferenceSession.create(file, {
      intraOpNumThreads: 1,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
      logSeverityLevel: 3,
    });
    const { graph } = context;
    const windowShape = inputDef(graph).shape.slice(1);
    const [inputName, outputName] = [session.inputNames[0]!, session.outputNames[0]!];
    return {
      file,
      modelBytes: await fileBytes(file),
      async run(windows, count) {
        const input = encodeInput(graph, windows);
        const type = input instanceof Int8Array ? 'int8' : 'float32';
        const results = await session.run({
          [inputName]: new ort.Tensor(type, input, [count, ...windowShape]),
        });
        return decodeOutput(graph, results[outputName]!.data as ArrayLike<number>);
      },
      close: () => session.release(),
    };
  });
};
