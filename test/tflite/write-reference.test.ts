/**
 * The five real TFLite-converter models in ../shared/tflite-reference/, read, rewritten by
 * the writer and read again, still reproduce what TensorFlow Lite Micro computed for them:
 * float within 1e-5, int8 byte for byte. The rewritten graph keeps every tensor's constants
 * and quantization (per-channel scales and axis included) and every op's options.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readTflite } from '../../src/export/tflite/read/read-tflite.js';
import { writeTflite } from '../../src/export/tflite/write/write-tflite.js';
import type { Graph } from '../../src/graph/types.js';
import { runGraph } from '../quant/int8-graph.js';
import { loadReferenceCases } from './reference-cases.js';

const cases = loadReferenceCases();
const models = [...new Set(cases.map((entry) => entry.model))];

function rewritten(path: string, model: string): { original: Graph; reread: Graph } {
  const original = readTflite(readFileSync(path), model);
  return { original, reread: readTflite(writeTflite(original).bytes, `${model} rewritten`) };
}

test('the reference set has the five models', () => {
  assert.deepEqual([...models].sort(), [
    'hello_world_float.tflite',
    'hello_world_int8.tflite',
    'micro_speech_quantized.tflite',
    'trained_lstm.tflite',
    'trained_lstm_int8.tflite',
  ]);
});

for (const model of models) {
  const modelCases = cases.filter((entry) => entry.model === model);
  test(`${model} rewritten: all ${modelCases.length} cases reproduce TensorFlow Lite Micro`, () => {
    const { original, reread } = rewritten(modelCases[0]!.modelPath, model);
    assert.deepEqual(
      reread.tensors.map(({ name, shape, dtype, quantization, data, variable }) => ({
        name,
        shape,
        dtype,
        quantization,
        data,
        variable,
      })),
      original.tensors.map(({ name, shape, dtype, quantization, data, variable }) => ({
        name,
        shape,
        dtype,
        quantization,
        data,
        variable,
      })),
    );
    assert.deepEqual(reread.ops, original.ops);
    if (model === 'micro_speech_quantized.tflite') {
      // Its depthwise filter is quantized per channel along axis 3 (8 channels).
      const filter = reread.tensors.find((tensor) => tensor.name === 'first_weights/read')!;
      assert.equal(filter.quantization?.axis, 3);
      assert.equal(filter.quantization?.scale.length, 8);
    }
    assert.deepEqual([reread.inputs, reread.outputs], [original.inputs, original.outputs]);
    for (const entry of modelCases) {
      const [output] = runGraph(reread, [Array.from(entry.input)]);
      assert.equal(output!.length, entry.expected.length);
      if (entry.outputTensor.dtype === 'int8') {
        assert.deepEqual(output, Array.from(entry.expected), `${model} ${entry.name}`);
      } else {
        const worst = output!.reduce(
          (most, value, i) => Math.max(most, Math.abs(value - entry.expected[i]!)),
          0,
        );
        assert.ok(worst <= 1e-5, `${model} ${entry.name}: max abs diff ${worst}`);
      }
    }
  });
}
