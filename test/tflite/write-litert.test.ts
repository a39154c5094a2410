/**
 * An independent runtime: our float .tflite files run in LiteRT.js (Google's TensorFlow
 * Lite for JavaScript, WebAssembly build, CPU/XNNPACK) compute the outputs edgeforge's
 * runtime computes for the original graph, within 1e-5. LiteRT.js is a browser library; the
 * small shim below lets its loader run in Node (scripts evaluated in the global scope, local
 * files served to fetch). LiteRT.js refuses every model with variable tensors, the
 * converter's own LSTM included, so the LSTM preset is checked only for that refusal.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { writeTflite } from '../../src/export/tflite/write/write-tflite.js';
import { readTflite } from '../../src/export/tflite/read/read-tflite.js';
import { lowerModel } from '../../src/graph/lower/index.js';
import { Interpreter } from '../../src/runtime/index.js';
import { PRESET_NAMES } from '../../src/train/presets.js';
import { presetModel, randomInputs } from '../graph/model-fixtures.js';
import { loadReferenceCases, referenceModelPath } from './reference-cases.js';

const WASM_DIR = fileURLToPath(new URL('../../node_modules/@litertjs/core/wasm/', import.meta.url));

/** What LiteRT.js's browser loader expects of its host, for Node. */
function shimBrowserLoader(): void {
  const host = globalThis as Record<string, unknown>;
  const pathOf = (url: unknown) =>
    String(url).startsWith('file:') ? fileURLToPath(String(url)) : String(url);
  host.self = globalThis;
  host.require = createRequire(import.meta.url);
  host.__dirname = WASM_DIR;
  host.importScripts = (url: unknown) =>
    vm.runInThisContext(readFileSync(pathOf(url), 'utf8'), { filename: pathOf(url) });
  const networkFetch = globalThis.fetch;
  globalThis.fetch = async (input, init) => {
    const path = pathOf(input instanceof Request ? input.url : input);
    if (!path.startsWith('/')) return networkFetch(input, init);
    return new Response(readFileSync(path), { headers: { 'Content-Type': 'application/wasm' } });
  };
}

shimBrowserLoader();
const { loadLiteRt, loadAndCompile, Tensor } = await import('@litertjs/core');
await loadLiteRt(WASM_DIR);

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
