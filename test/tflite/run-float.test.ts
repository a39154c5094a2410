import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readTfliteFile } from '../../src/export/tflite/read/read-file.js';
import { Interpreter } from '../../src/runtime/index.js';
import { loadReferenceCases } from './reference-cases.js';

const floatCases = loadReferenceCases().filter((entry) => entry.inputTensor.dtype === 'float32');

test('the float reference models reproduce TensorFlow Lite Micro within 1e-5', async () => {
  assert.deepEqual(
    [...new Set(floatCases.map((entry) => entry.model))],
    ['hello_world_float.tflite', 'trained_lstm.tflite'],
  );
  const interpreters = new Map<string, Interpreter>();
  for (const entry of floatCases) {
    let interpreter = interpreters.get(entry.model);
    if (interpreter === undefined) {
      interpreter = new Interpreter(await readTfliteFile(entry.modelPath));
      interpreters.set(entry.model, interpreter);
    }
    assert.deepEqual(interpreter.inputShape(), entry.inputTensor.shape);
    assert.deepEqual(interpreter.outputShape(), entry.outputTensor.shape);
    interpreter.input().set(entry.input);
    interpreter.invoke();
    const output = interpreter.output();
    assert.equal(output.length, entry.expected.length);
    let worst = 0;
    output.forEach((value, i) => (worst = Math.max(worst, Math.abs(value - entry.expected[i]!))));
    assert.ok(worst <= 1e-5, `${entry.model} ${entry.name}: max abs diff ${worst}`);
  }
});
