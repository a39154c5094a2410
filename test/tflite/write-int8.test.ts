/**
 * Full-integer int8 graphs (post-training quantized presets, with int8 or float edges)
 * written as .tflite and read back run to the same output bytes, and carry the int8 op
 * versions of TensorFlow Lite's op_version.cc (CONV_2D v3, FULLY_CONNECTED v4, pools,
 * MEAN, STRIDED_SLICE and SOFTMAX v2, DEQUANTIZE v2, QUANTIZE v1, the integer LSTM v1),
 * hence min runtime 1.14.0.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readTflite } from '../../src/export/tflite/read/read-tflite.js';
import { writeTflite } from '../../src/export/tflite/write/write-tflite.js';
import { lowerModel } from '../../src/graph/lower/index.js';
import { calibrate } from '../../src/quant/calibrate/index.js';
import { quantizeGraph } from '../../src/quant/ptq/index.js';
import { presetModel, randomInputs } from '../graph/model-fixtures.js';
import { runGraph } from '../quant/int8-graph.js';

const STEPS = 12;
const CHANNELS = 2;
const WINDOW = STEPS * CHANNELS;
const CALIBRATION_WINDOWS = 16;

const EXPECTED_VERSIONS = {
  'cnn1d-small': 'RESHAPE v1, CONV_2D v3, MAX_POOL_2D v2, MEAN v2, FULLY_CONNECTED v4, SOFTMAX v2',
  mlp: 'RESHAPE v1, FULLY_CONNECTED v4, SOFTMAX v2',
  autoencoder: 'RESHAPE v1, FULLY_CONNECTED v4',
  'autoencoder-conv': 'RESHAPE v1, CONV_2D v3, FULLY_CONNECTED v4',
  // The integer LSTM stays v1, as the converter writes it (trained_lstm_int8.tflite).
  'lstm-tutorial': 'UNIDIRECTIONAL_SEQUENCE_LSTM v1, STRIDED_SLICE v2, FULLY_CONNECTED v4, SOFTMAX v2',
} as const;

test('quantized presets round-trip through .tflite to the same output bytes', () => {
  for (const [preset, versions] of Object.entries(EXPECTED_VERSIONS)) {
    const float = lowerModel(presetModel(preset as keyof typeof EXPECTED_VERSIONS, STEPS, CHANNELS, 3).model);
    const samples = randomInputs(CALIBRATION_WINDOWS * WINDOW, 5);
    const ranges = calibrate(float, samples, CALIBRATION_WINDOWS, { method: 'minmax' });
    for (const io of ['int8', 'float'] as const) {
      const label = `${preset} ${io} edges`;
      const quantized = quantizeGraph(float, ranges, { io });
      const reread = readTflite(writeTflite(quantized).bytes, label);
      const expectedVersions = io === 'int8' ? versions : `QUANTIZE v1, ${versions}, DEQUANTIZE v2`;
      assert.equal(reread.metadata.notes?.['tflite.op_versions'], expectedVersions, label);
      assert.equal(reread.metadata.notes?.['tflite.min_runtime_version'], '1.14.0', label);
      const inputTensor = quantized.tensors[quantized.inputs[0]!]!;
      assert.equal(inputTensor.dtype, io === 'int8' ? 'int8' : 'float32');
      for (let sample = 0; sample < 3; sample++) {
        const x = Array.from(samples.subarray(sample * WINDOW, (sample + 1) * WINDOW));
        const input =
          io === 'int8'
            ? x.map((value) => {
                const { scale, zeroPoint } = inputTensor.quantization!;
                return Math.max(-128, Math.min(127, Math.round(value / scale[0]!) + zeroPoint[0]!));
              })
            : x;
        const expected = runGraph(quantized, [input]);
        assert.deepEqual(runGraph(reread, [input]), expected, `${label} sample ${sample}`);
      }
    }
  }
});
