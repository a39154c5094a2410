import { lowerModel } from '../../src/graph/lower/index.js';
import { presetModel, randomInputs } from '../graph/model-fixtures.js';
import { calibrate } from '../../src/quant/calibrate/index.js';
import { quantizeGraph } from '../../src/quant/ptq/index.js';
import { writeOnnx } from '../../src/export/onnx/index.js';
import { Interpreter } from '../../src/runtime/interpreter.js';
import * as ort from 'onnxruntime-node';
for (const preset of ['gru-small'] as const) {
  const graph = lowerModel(presetModel(preset, 12, 2, 3).model);
  const ranges = calibrate(graph, randomInputs(16 * 24, 5), 16, { method: 'minmax' });
  const q = quantizeGraph(graph, ranges, { io: 'float' });
  const n = 64;
  const x = randomInputs(n * 24, 3);
  const run = (g: typeof graph) => {
    const it = new Interpreter(g, { batch: n });
    it.input(0).set(x);
    it.invoke();
    return Float32Array.from(it.output(0));
  };
  const ref = run(graph);
  const ef = run(q);
  for (const level of ['disabled', 'basic', 'extended', 'all'] as const) {
    const s = await ort.InferenceSession.create(writeOnnx(q), {
      intraOpNumThreads: 1,
      graphOptimizationLevel: level,
    });
    const out = (await s.run({ [s.inputNames[0]!]: new ort.Tensor('float32', x, [n, 12, 2]) }))[
      s.outputNames[0]!
    ]!.data as Float32Array;
    const d = (a: Float32Array, b: Float32Array) => {
      let m = 0,
        sum = 0;
      for (let i = 0; i < a.length; i++) {
        m = Math.max(m, Math.abs(a[i]! - b[i]!));
        sum += Math.abs(a[i]! - b[i]!);
      }
      return [m, sum / a.length];
    };
    console.log(
      level,
      'edgeforge-int8 vs float',
      d(ef, ref),
      'ort-int8 vs float',
      d(out, ref),
      'ort vs edgeforge',
      d(out, ef).map((v) => v * 256),
    );
  }
}
