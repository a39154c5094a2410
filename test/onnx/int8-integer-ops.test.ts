/**
 * The int8 ops whose ONNX form repeats TFLite's integer arithmetic (MEAN, AVERAGE_POOL_2D),
 * against values worked out by hand where an exact mean or QuantizeLinear's half-to-even
 * rounding would give another step; and the verification's allowed steps for squashing outputs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allowedSteps } from '../../src/export/onnx/step-tolerance.js';
import type { Graph } from '../../src/graph/types.js';
import { Interpreter } from '../../src/runtime/interpreter.js';
import { GraphBuilder } from '../runtime/graph-builder.js';
import { runOnnx } from './run-onnx.js';

/** Both ONNX Runtime optimization levels and edgeforge's int8 runtime give `expected`. */
async function assertAllGive(graph: Graph, input: number[], expected: number[][]): Promise<void> {
  for (const optimization of ['basic', 'all'] as const)
    assert.deepEqual(await runOnnx(graph, [input], optimization), expected, optimization);
  const interpreter = new Interpreter(graph);
  interpreter.inputData(0).set(input);
  interpreter.invoke();
  const ours = graph.outputs.map((_, i) => Array.from(interpreter.outputData(i)));
  assert.deepEqual(ours, expected, 'edgeforge int8 runtime');
}

test('int8 MEAN rounds twice as TFLite does: hand-computed means that an exact mean rounds otherwise', async () => {
  const g = new GraphBuilder();
  const x = g.tensor([1, 4, 3], 'int8', { quantization: { scale: [1], zeroPoint: [2] } });
  g.inputs.push(x);
  const y = g.tensor([1, 3], 'int8', { quantization: { scale: [1.6], zeroPoint: [-5] } });
  g.op({ type: 'MEAN', inputs: [x, g.ints([1])], outputs: [y], options: { keepDims: false } });
  const graph = g.output(y).build();
  // Columns (real = q - 2): sums 3, 22, -3 over 4 steps. Rescale 1 / 1.6 = 0.625 with 1/4
  // folded in as a right shift by 2: high multiply 3·0.625 = 1.875 -> 2, then 2 / 4 = 0.5 ->
  // 1 (half away from zero); 22·0.625 = 13.75 -> 14 -> 3.5 -> 4; -3 -> -2 -> -0.5 -> -1.
  // An exact mean rounds 0.47, 3.44, -0.47 to 0, 3, 0 instead. Plus the output zero point -5.
  await assertAllGive(graph, [3, 8, 1, 3, 8, 1, 3, 7, 1, 2, 7, 2], [[-4, -1, -6]]);
});

test('allowed steps: one, plus one input step through the output squashing op at its largest slope', () => {
  const g = new GraphBuilder();
  const int8 = (scale: number, zeroPoint: number) =>
    g.tensor([1, 4], 'int8', { quantization: { scale: [scale], zeroPoint: [zeroPoint] } });
  const x = int8(0.1, 0);
  const sigmoid = int8(1 / 256, -128);
  const tanh = int8(1 / 128, 0);
  const softmax = int8(1 / 256, -128);
  g.op({ type: 'LOGISTIC', inputs: [x], outputs: [sigmoid], options: {} });
  g.op({ type: 'TANH', inputs: [x], outputs: [tanh], options: {} });
  g.op({ type: 'SOFTMAX', inputs: [x], outputs: [softmax], options: { beta: 2 } });
  const graph = g.build();
  // 0.1 · 1/4 · 256 = 6.4 -> 7; 0.1 · 1 · 128 = 12.8 -> 13; 0.1 · 2 · 1/2 · 256 = 25.6 -> 26.
  assert.equal(allowedSteps(graph, sigmoid), 1 + 7);
  assert.equal(allowedSteps(graph, tanh), 1 + 13);
  assert.equal(allowedSteps(graph, softmax), 1 + 26);
  assert.equal(allowedSteps(graph, x), 1, 'an input (or a linear op) has only its own step');
});

test('int8 AVERAGE_POOL_2D averages the int8 values and rounds halves away from zero', async () => {
  const g = new GraphBuilder();
  const quantization = { scale: [0.5], zeroPoint: [-3] };
  const x = g.tensor([1, 1, 8, 1], 'int8', { quantization });
  g.inputs.push(x);
  const pool = (fusedActivation: 'NONE' | 'RELU') => {
    const y = g.tensor([1, 1, 4, 1], 'int8', { quantization });
    const options = {
      padding: 'VALID' as const,
      strideH: 1,
      strideW: 2,
      filterH: 1,
      filterW: 2,
      fusedActivation,
    };
    g.op({ type: 'AVERAGE_POOL_2D', inputs: [x], outputs: [y], options });
    g.output(y);
  };
  pool('NONE');
  pool('RELU');
  // Pairs (1, 2), (-4, -5), (5, 6), (0, 1) average 1.5, -4.5, 5.5, 0.5 -> 2, -5, 6, 1 (half
  // away from zero; QuantizeLinear, rounding avg - zero point = 4.5, -1.5, 8.5, 3.5 to even,
  // would give 1, -5, 5, 1). RELU clamps at the zero point -3.
  await assertAllGive(
    g.build(),
    [1, 2, -4, -5, 5, 6, 0, 1],
    [
      [2, -5, 6, 1],
      [2, -3, 6, 1],
    ],
  );
});
