/**
 * Float16 graphs (weights stored as IEEE half, widened by DEQUANTIZE) export with FLOAT16
 * initializers behind Cast (gru-small's graph is larger: float16Graph unrolls its GRU), re-laid out for Conv and stacked for LSTM like float weights, and
 * match the edgeforge runtime within 1e-5: both widen the same half values exactly.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { verifyOnnx, writeOnnx } from '../../src/export/onnx/index.js';
import { lowerModel } from '../../src/graph/lower/index.js';
import { float16Graph } from '../../src/quant/weight-only/index.js';
import { PRESET_NAMES } from '../../src/train/presets.js';
import { presetModel, randomInputs } from '../graph/model-fixtures.js';

test('float16 graphs of every preset match the edgeforge runtime within 1e-5', async () => {
  for (const preset of PRESET_NAMES) {
    const float = lowerModel(presetModel(preset, 12, 2, 3).model);
    const graph = float16Graph(float);
    const floatBytes = writeOnnx(float);
    const halfBytes = writeOnnx(graph);
    // The float16 weights are read through Cast nodes, not stored widened: the file is smaller.
    assert.ok(Buffer.from(halfBytes).includes('Cast'), preset);
    assert.ok(halfBytes.length < floatBytes.length || preset === 'gru-small', preset);
    const result = await verifyOnnx(graph, halfBytes, randomInputs(4 * 24, 13));
    assert.ok(result.maxAbsDiff <= 1e-5, `${preset}: ${result.maxAbsDiff}`);
  }
});
