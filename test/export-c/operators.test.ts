/**
 * The operators no preset uses (PAD, DEPTHWISE_CONV_2D with a depth multiplier, AVERAGE_POOL_2D
 * with SAME padding, TANH, RELU6, broadcasting ADD / SUB / MUL, CONCATENATION, REDUCE_MAX,
 * int8 requantization) compiled to C and compared with the runtime: within 1e-5 in float, bit
 * for bit in int8 (float I/O, so QUANTIZE and DEQUANTIZE run in the library too).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { calibrate } from '../../src/quant/calibrate/index.js';
import { quantizeGraph } from '../../src/quant/ptq/index.js';
import { randomInputs } from '../graph/model-fixtures.js';
import { buildLibrary } from './c-build.js';
import { opZooGraph } from './op-zoo.js';
import { runtimeOutputs, worstDifference } from './reference-runs.js';

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
  const types = new Set(graph.ops.map((op) => op.type));
  for (const type of ['DEPTHWISE_CONV_2D', 'ADD', 'MUL', 'SUB', 'CONCATENATION', 'REDUCE_MAX', 'QUANTIZE']) {
    assert.ok(types.has(type as never), `the quantized graph runs ${type}`);
  }
  const library = buildLibrary(graph, 'zoo');
  try {
    const outputs = library.run('raw', windows).map((row) => row.map(Math.fround));
    assert.deepEqual(outputs, runtimeOutputs(graph, windows));
  } finally {
    library.remove();
  }
});
