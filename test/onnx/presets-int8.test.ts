/**
 * Every preset's int8 graph (post-training quantized, int8 and float edges) written as a QDQ
 * .onnx matches edgeforge's int8 runtime within one output step, both evaluated as written
 * (ONNX Runtime optimization 'basic') and with ONNX Runtime's fused integer kernels ('all').
 * Weights stored as signed int8 instead are what ONNX Runtime's u8s8 kernels saturate on x86
 * CPUs without VNNI (docs/onnx.md); the default uint8 storage holds the same real values.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { verifyOnnx, writeOnnx } from '../../src/export/onnx/index.js';
import { lowerModel } from '../../src/graph/lower/index.js';
import { calibrate } from '../../src/quant/calibrate/index.js';
import { quantizeGraph } from '../../src/quant/ptq/index.js';
import { PRESET_NAMES } from '../../src/train/presets.js';
import { presetModel, randomInputs } from '../graph/model-fixtures.js';

const STEPS = 12;
const CHANNELS = 2;
const WINDOW = STEPS * CHANNELS;
const CALIBRATION_WINDOWS = 16;
const WINDOWS = 16;

/** Occurrences of `text` in the file's bytes (op types and names are stored as plain UTF-8). */
function occurrences(bytes: Uint8Array, text: string): number {
  return Buffer.from(bytes).toString('latin1').split(text).length - 1;
}

for (const preset of PRESET_NAMES) {
  test(`${preset}: int8 QDQ .onnx within one step of edgeforge's int8 runtime`, async () => {
    const float = lowerModel(presetModel(preset, STEPS, CHANNELS, 3).model);
    const ranges = calibrate(float, randomInputs(CALIBRATION_WINDOWS * WINDOW, 5), CALIBRATION_WINDOWS, {
      method: 'minmax',
    });
    const windows = randomInputs(WINDOWS * WINDOW, 9);
    for (const io of ['int8', 'float'] as const) {
      const graph = quantizeGraph(float, ranges, { io });
      const bytes = writeOnnx(graph);
      assert.ok(occurrences(bytes, 'DequantizeLinear') > 0 && occurrences(bytes, 'QuantizeLinear') > 0);
      const label = `${preset} ${io} edges`;
      const written = await verifyOnnx(graph, bytes, windows, 'basic');
      assert.ok(written.maxStepDiff! <= 1 + 1e-3, `${label} as written: ${written.maxStepDiff} steps`);
      const fused = await verifyOnnx(graph, bytes, windows, 'all');
      assert.ok(fused.maxStepDiff! <= 1 + 1e-3, `${label} integer kernels: ${fused.maxStepDiff} steps`);
      assert.equal(written.passed && fused.passed, true, label);
    }
  });
}
