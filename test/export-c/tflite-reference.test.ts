/**
 * The oracle: real int8 models made by the TensorFlow Lite converter (../shared/tflite-reference),
 * imported with readTfliteFile and compiled to C, reproduce the output bytes TensorFlow Lite
 * Micro's reference kernels computed for every recorded case.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readTfliteFile } from '../../src/export/tflite/read/read-file.js';
import { loadReferenceCases } from '../tflite/reference-cases.js';
import { buildLibrary } from './c-build.js';

const int8Cases = loadReferenceCases().filter((c) => c.inputTensor.dtype === 'int8');

for (const model of [
  'trained_lstm_int8.tflite',
  'hello_world_int8.tflite',
  'micro_speech_quantized.tflite',
]) {
  const cases = int8Cases.filter((c) => c.model === model);
  test(`${model}: the generated C equals TensorFlow Lite Micro on all ${cases.length} cases`, async () => {
    assert.ok(cases.length > 0, `the manifest lists cases for ${model}`);
    const library = buildLibrary(await readTfliteFile(cases[0].modelPath), 'reference');
    try {
      const outputs = library.run(
        'raw',
        cases.map((c) => c.input),
      );
      assert.deepEqual(
        outputs,
        cases.map((c) => Array.from(c.expected)),
      );
    } finally {
      library.remove();
    }
  });
}
