/**
 * The oracle: every int8 case in ../shared/tflite-reference/ (real models made by the TFLite
 * converter, with the outputs TensorFlow Lite Micro's reference kernels computed) reproduced
 * byte for byte by the runtime's int8 kernels.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readTflite } from '../../src/export/tflite/read/read-tflite.js';
import { loadReferenceCases, type ReferenceCase } from '../tflite/reference-cases.js';
import { runGraph } from './int8-graph.js';

const int8Cases = loadReferenceCases().filter((c) => c.inputTensor.dtype === 'int8');
const models = [...new Set(int8Cases.map((c) => c.model))];

test('the reference set has the three int8 models', () => {
  assert.deepEqual(models.sort(), [
    'hello_world_int8.tflite',
    'micro_speech_quantized.tflite',
    'trained_lstm_int8.tflite',
  ]);
});

for (const model of models) {
  const cases = int8Cases.filter((c) => c.model === model);
  test(`${model}: all ${cases.length} cases equal TensorFlow Lite Micro's output bytes`, () => {
    const graph = readTflite(readFileSync(cases[0].modelPath), model);
    const mismatches = cases.filter((c: ReferenceCase) => {
      const [output] = runGraph(graph, [Array.from(c.input)]);
      return output.some((value, i) => value !== c.expected[i]);
    });
    assert.deepEqual(
      mismatches.map((c) => c.name),
      [],
    );
  });
}
