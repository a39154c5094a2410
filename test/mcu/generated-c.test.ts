/**
 * Generated C on the emulated Cortex-M4 against independent references: the edgeforge
 * runtime (int8 bit for bit, float within 1e-5) and TensorFlow Lite Micro's outputs for
 * the real int8 LSTM in ../shared/tflite-reference/, with that model's footprint targets.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { graphIo, runOnCortexM4 } from '../../src/bench/mcu/index.js';
import { generateC } from '../../src/export/c/index.js';
import { readTfliteFile } from '../../src/export/tflite/read/read-file.js';
import { lowerModel } from '../../src/graph/lower/index.js';
import type { Graph } from '../../src/graph/types.js';
import { calibrate } from '../../src/quant/calibrate/index.js';
import { quantizeGraph } from '../../src/quant/ptq/index.js';
import { Interpreter } from '../../src/runtime/interpreter.js';
import { Random } from '../../src/util/random.js';
import { presetModel, randomInputs } from '../graph/model-fixtures.js';
import { loadReferenceCases } from '../tflite/reference-cases.js';

const STEPS = 16;
const CHANNELS = 3;
const WINDOW = STEPS * CHANNELS;

function runtimeOutputs(graph: Graph, windows: ArrayLike<number>[]): number[][] {
  const interpreter = new Interpreter(graph);
  return windows.map((window) => {
    interpreter.inputData().set(window);
    interpreter.invoke();
    return Array.from(interpreter.outputData());
  });
}

async function onCortexM4(graph: Graph, name: string, windows: ArrayLike<number>[], defines: string[] = []) {
  const io = graphIo(graph);
  const library = { name, files: generateC(graph, { name }).files };
  return runOnCortexM4(library, { dtype: io.input.dtype, windows }, { output: io.output, defines });
}

for (const preset of ['lstm-tutorial', 'cnn1d-small'] as const) {
  test(`${preset}: int8 outputs on Cortex-M4 equal the runtime's bit for bit, float within 1e-5`, async () => {
    const float = lowerModel(presetModel(preset, STEPS, CHANNELS, 3).model);
    const ranges = calibrate(float, randomInputs(64 * WINDOW, 3), 64, { method: 'minmax' });
    const int8 = quantizeGraph(float, ranges, { io: 'int8' });
    const random = new Random(17);
    const int8Windows = Array.from({ length: 6 }, () =>
      Int8Array.from({ length: WINDOW }, () => random.int(256) - 128),
    );
    const floatWindows = Array.from({ length: 4 }, (_, i) => randomInputs(WINDOW, 100 + i));

    const [int8Run, floatRun] = await Promise.all([
      onCortexM4(int8, 'model_int8', int8Windows),
      onCortexM4(float, 'model_float', floatWindows),
    ]);
    const int8Expected = runtimeOutputs(int8, int8Windows);
    assert.deepEqual(
      int8Run.outputs.map((output) => Array.from(output)),
      int8Expected,
    );
    // the windows differ, so the outputs must too (a constant output would hide a broken input path)
    assert.ok(new Set(int8Expected.map((output) => output.join())).size > 1);
    const floatExpected = runtimeOutputs(float, floatWindows);
    floatRun.outputs.forEach((output, w) =>
      output.forEach((value, i) =>
        assert.ok(Math.abs(value - floatExpected[w][i]) <= 1e-5, `${value} vs ${floatExpected[w][i]}`),
      ),
    );
    assert.ok(int8Run.flashBytes > 0 && int8Run.ramBytes > 0 && int8Run.stackBytes > 0);
    assert.ok(int8Run.instructionsPerInference > 1000);
  });
}

test('trained_lstm_int8.tflite: generated C on Cortex-M4 computes what TensorFlow Lite Micro computes', async () => {
  const cases = loadReferenceCases().filter((entry) => entry.model === 'trained_lstm_int8.tflite');
  assert.ok(cases.length >= 10);
  const graph = await readTfliteFile(cases[0].modelPath);
  const windows = cases.map((entry) => entry.input);
  const [portable, dsp] = await Promise.all([
    onCortexM4(graph, 'trained_lstm', windows),
    onCortexM4(graph, 'trained_lstm', windows, ['EDGEFORGE_USE_DSP']),
  ]);
  for (const result of [portable, dsp]) {
    cases.forEach((entry, i) =>
      assert.deepEqual(Array.from(result.outputs[i]), Array.from(entry.expected), entry.name),
    );
    // the targets for this model: flash <= 27 KB with the weights, RAM + stack <= 2.4 KB
    assert.ok(result.flashBytes <= 27 * 1024, `flash ${result.flashBytes}`);
    assert.ok(
      result.ramBytes + result.stackBytes <= 2.4 * 1024,
      `RAM ${result.ramBytes} + stack ${result.stackBytes}`,
    );
  }
  // fewer instructions than TensorFlow Lite Micro's reference kernels (1,643,316 on the same board),
  // and with the DSP extension no more than its CMSIS-NN kernels (575,320, the 0.58 M)
  assert.ok(
    portable.instructionsPerInference < 1_643_316,
    `${portable.instructionsPerInference} instructions`,
  );
  assert.ok(dsp.instructionsPerInference <= 580_000, `${dsp.instructionsPerInference} instructions with DSP`);
});
