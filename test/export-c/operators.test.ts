/**
 * The operators no preset uses (PAD, DEPTHWISE_CONV_2D with a depth multiplier, AVERAGE_POOL_2D
 * with SAME padding, TANH, RELU6, broadcasting ADD / SUB / MUL, CONCATENATION, REDUCE_MAX,
 * int8 requantization, float16 DEQUANTIZE) compiled to C and compared with the runtime: within
 * 1e-5 in float, bit for bit in int8 (float I/O, so QUANTIZE and DEQUANTIZE run in the library
 * too). Dynamic-range (hybrid) ops have no C kernel and are refused.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EdgeforgeError } from '../../src/errors.js';
import { generateC } from '../../src/export/c/index.js';
import { calibrate } from '../../src/quant/calibrate/index.js';
import { quantizeGraph } from '../../src/quant/ptq/index.js';
import { dynamicRangeGraph, float16Graph } from '../../src/quant/weight-only/index.js';
import { randomInputs } from '../graph/model-fixtures.js';
import { buildLibrary } from './c-build.js';
import { opZooGraph } from './op-zoo.js';
import { inputWindows, presetGraphs, runtimeOutputs, worstDifference } from './reference-runs.js';

const windows = Array.from({ length: 8 }, (_, w) => Array.from(randomInputs(32, 40 + w)));

test('float: every other operator equals the runtime within 1e-5', () => {
  const graph = opZooGraph();
  const library = buildLibrary(graph, 'zoo');
  try {
    const worst = worstDifference(library.run('raw', windows), runtimeOutputs(graph, windows));
    assert.ok(worst <= 1e-5, `worst difference ${worst}`);
  } finally {
    library.remove();
  }
});

test('int8: every other operator equals the runtime bit for bit', () => {
  const float = opZooGraph();
  const graph = quantizeGraph(float, calibrate(float, randomInputs(30 * 32, 2), 30, { method: 'minmax' }), {
    io: 'float',
  });
  const types = new Set<string>(graph.ops.map((op) => op.type));
  for (const type of ['DEPTHWISE_CONV_2D', 'ADD', 'MUL', 'SUB', 'CONCATENATION', 'REDUCE_MAX', 'QUANTIZE']) {
    assert.ok(types.has(type), `the quantized graph runs ${type}`);
  }
  const library = buildLibrary(graph, 'zoo');
  try {
    const outputs = library.run('raw', windows).map((row) => row.map(Math.fround));
    assert.deepEqual(outputs, runtimeOutputs(graph, windows));
  } finally {
    library.remove();
  }
});

test('float16 weight variants (DEQUANTIZE of half bits) equal the runtime within 1e-5', () => {
  for (const preset of ['lstm-tutorial', 'cnn1d-small'] as const) {
    const graph = float16Graph(presetGraphs(preset).float);
    const library = buildLibrary(graph, 'half');
    try {
      const presetWindows = inputWindows(graph, 6, 3);
      const worst = worstDifference(library.run('raw', presetWindows), runtimeOutputs(graph, presetWindows));
      assert.ok(worst <= 1e-5, `${preset}: worst difference ${worst}`);
    } finally {
      library.remove();
    }
  }
});

test('dynamic-range (hybrid) graphs are refused naming the op, not compiled wrongly', () => {
  assert.throws(
    () => generateC(dynamicRangeGraph(presetGraphs('mlp').float), { name: 'hybrid' }),
    (error: unknown) =>
      error instanceof EdgeforgeError &&
      /FULLY_CONNECTED on float input with int8 weights/.test(error.message) &&
      error.place === 'op 1 (FULLY_CONNECTED)',
  );
});
