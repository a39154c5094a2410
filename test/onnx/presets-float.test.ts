/**
 * Every preset's float graph written as .onnx runs in ONNX Runtime (onnxruntime-node) to the
 * edgeforge runtime's outputs within 1e-5, on several windows in one batch (the ONNX batch
 * dimension is symbolic), at the default opset 17 and the oldest supported, 13.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { verifyOnnx, writeOnnx } from '../../src/export/onnx/index.js';
import { lowerModel } from '../../src/graph/lower/index.js';
import { PRESET_NAMES } from '../../src/train/presets.js';
import { presetModel, randomInputs } from '../graph/model-fixtures.js';

const STEPS = 12;
const CHANNELS = 2;
const WINDOWS = 5;

for (const preset of PRESET_NAMES) {
  test(`${preset}: float .onnx matches the edgeforge runtime within 1e-5`, async () => {
    const graph = lowerModel(presetModel(preset, STEPS, CHANNELS, 3).model);
    const windows = randomInputs(WINDOWS * STEPS * CHANNELS, 11);
    for (const opset of [17, 13]) {
      const result = await verifyOnnx(graph, writeOnnx(graph, { opset }), windows);
      assert.equal(result.windows, WINDOWS);
      assert.ok(result.maxAbsDiff <= 1e-5, `${preset} opset ${opset}: max abs diff ${result.maxAbsDiff}`);
      assert.equal(result.passed, true);
    }
  });
}
