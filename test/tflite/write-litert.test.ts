/**
 * An independent runtime: our float .tflite files run in LiteRT.js (Google's TensorFlow
 * Lite for JavaScript, WebAssembly build, CPU/XNNPACK) compute the outputs edgeforge's
 * runtime computes for the original graph, within 1e-5. LiteRT.js is a browser library; the
 * bench's loader (src/bench/runners/litert-host.ts) lets it run in Node. LiteRT.js refuses every model with variable tensors, the
 * converter's own LSTM included, so the LSTM preset is checked only for that refusal.
 */
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadLiteRtInNode } from '../../src/bench/runners/litert-host.js';
import { writeTflite } from '../../src/export/tflite/write/write-tflite.js';
import { readTflite } from '../../src/export/tflite/read/read-tflite.js';
import { lowerModel } from '../../src/graph/lower/index.js';
import { Interpreter } from '../../src/runtime/index.js';
import { PRESET_NAMES } from '../../src/train/presets.js';
import { presetModel, randomInputs } from '../graph/model-fixtures.js';
import { loadReferenceCases, referenceModelPath } from './reference-cases.js';

const { loadAndCompile, Tensor } = await loadLiteRtInNode();

async function runLiteRt(bytes: Uint8Array, input: Float32Array, shape: number[]): Promise<Float32Array> {
  const model = await loadAndCompile(bytes, { accelerator: 'wasm' });
  const [output] = await model.run(new Tensor(input, shape));
  const values = output!.toTypedArray();
  assert.ok(values instanceof Float32Array);
  return values;
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assert.equal(a.length, b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
}

test('every float preset without recurrent state runs in LiteRT.js to our runtime outputs (GRU unrolled)', async () => {
  const presets = PRESET_NAMES.filter((preset) => preset !== 'lstm-tutorial');
  assert.ok(presets.includes('gru-small'));
  for (const preset of presets) {
    const graph = lowerModel(presetModel(preset, 16, 3, 3).model);
    const input = randomInputs(16 * 3, 9);
    const interpreter = new Interpreter(graph);
    interpreter.input().set(input);
    interpreter.invoke();
    const actual = await runLiteRt(writeTflite(graph).bytes, input, [1, 16, 3]);
    const worst = maxAbsDiff(actual, interpreter.output());
    assert.ok(worst <= 1e-5, `${preset}: max abs diff ${worst}`);
  }
});

test('the rewritten hello_world_float runs in LiteRT.js to TensorFlow Lite Micro outputs', async () => {
  const cases = loadReferenceCases().filter((entry) => entry.model === 'hello_world_float.tflite');
  assert.ok(cases.length > 0);
  const bytes = writeTflite(readTflite(readFileSync(cases[0]!.modelPath))).bytes;
  for (const entry of cases) {
    const actual = await runLiteRt(bytes, Float32Array.from(entry.input), entry.inputTensor.shape);
    assert.ok(maxAbsDiff(actual, entry.expected) <= 1e-5, entry.name);
  }
});

test("LiteRT.js refuses variable tensors in the converter's LSTM as in ours", async () => {
  const converter = new Uint8Array(readFileSync(referenceModelPath('trained_lstm.tflite')));
  await assert.rejects(loadAndCompile(converter, { accelerator: 'wasm' }));
  const ours = writeTflite(lowerModel(presetModel('lstm-tutorial', 16, 3, 3).model)).bytes;
  await assert.rejects(loadAndCompile(ours, { accelerator: 'wasm' }));
});
