/**
 * int8 exports of a trained model, not random weights: cnn1d-small trained 20 epochs on the
 * demo's synthetic bearing data (fixtures/cnn1d-small-trained.int8.efg, the demo pipeline's
 * PTQ graph). Its MEAN is where TFLite's double-rounding fixed-point rescale parts from an
 * exact ReduceMean (about one mean in nine, before the writer emitted the integer form), and
 * its sigmoid output magnifies a one-step difference in the logit to up to 25 output steps.
 */
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { verifyOnnx, writeOnnx } from '../../src/export/onnx/index.js';
import { allowedSteps } from '../../src/export/onnx/step-tolerance.js';
import { decodeGraph } from '../../src/graph/format.js';
import type { Graph } from '../../src/graph/types.js';
import { Interpreter } from '../../src/runtime/interpreter.js';
import { Random } from '../../src/util/random.js';
import { GraphBuilder } from '../runtime/graph-builder.js';
import { runOnnx, type OnnxOptimization } from './run-onnx.js';

const FIXTURE = new URL('./fixtures/cnn1d-small-trained.int8.efg', import.meta.url);
const WINDOWS = 96;
const STEPS = 64;

/** The graph's int8 input for standardized windows (the scaler's output is about N(0, 1)). */
function int8Windows(graph: Graph): Int8Array {
  const { scale, zeroPoint } = graph.tensors[graph.inputs[0]!]!.quantization!;
  const random = new Random(11);
  return Int8Array.from({ length: WINDOWS * STEPS }, () =>
    Math.max(-128, Math.min(127, Math.round(random.normal() / scale[0]!) + zeroPoint[0]!)),
  );
}

/** The graph cut after op `last` (inputs from `first` on), with that op's output as its output. */
function slice(graph: Graph, first: number, last: number): Graph {
  const ops = graph.ops.slice(first, last + 1);
  return { ...graph, ops, inputs: [ops[0]!.inputs[0]!], outputs: [ops.at(-1)!.outputs[0]!] };
}

function runEdgeforge(graph: Graph, input: Int8Array): Int8Array {
  const interpreter = new Interpreter(graph, { batch: WINDOWS });
  interpreter.inputData(0).set(input);
  interpreter.invoke();
  return Int8Array.from(interpreter.outputData(0) as Int8Array);
}

/** ONNX Runtime on the whole batch (the exported model's batch dimension is symbolic). */
async function runOnnxBatch(
  graph: Graph,
  input: Int8Array,
  optimization: OnnxOptimization,
): Promise<number[]> {
  const [out] = await runOnnx(graph, [Array.from(input)], optimization, WINDOWS);
  return out!;
}

function largestDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
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
  const expected = [-4, -1, -6];
  const input = [3, 8, 1, 3, 8, 1, 3, 7, 1, 2, 7, 2];
  for (const optimization of ['basic', 'all'] as const) {
    const [out] = await runOnnx(graph, [input], optimization);
    assert.deepEqual(out, expected, optimization);
  }
  const interpreter = new Interpreter(graph);
  interpreter.inputData(0).set(input);
  interpreter.invoke();
  assert.deepEqual(Array.from(interpreter.outputData(0)), expected, 'edgeforge int8 runtime');
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

test('trained cnn1d-small: exact MEAN, logit within one step, sigmoid output within the propagated step', async () => {
  const graph = decodeGraph(readFileSync(FIXTURE));
  assert.deepEqual(
    graph.ops.map((op) => op.type),
    [
      'RESHAPE',
      'CONV_2D',
      'MAX_POOL_2D',
      'CONV_2D',
      'MAX_POOL_2D',
      'CONV_2D',
      'MEAN',
      'FULLY_CONNECTED',
      'LOGISTIC',
    ],
  );
  const [mean, logit] = [6, 7];
  const input = int8Windows(graph);
  const features = runEdgeforge(slice(graph, 0, mean - 1), input);
  const [meanGraph, logitGraph] = [slice(graph, mean, mean), slice(graph, 0, logit)];
  const [ourMeans, ourLogits] = [runEdgeforge(meanGraph, features), runEdgeforge(logitGraph, input)];
  for (const optimization of ['basic', 'all'] as const) {
    // The MEAN alone, on the model's own last-convolution activations: bit for bit.
    const means = await runOnnxBatch(meanGraph, features, optimization);
    assert.equal(largestDifference(means, ourMeans), 0, `${optimization} MEAN`);
    // Everything up to the logit: the convolutions' own rounding steps stay within one step.
    const logits = await runOnnxBatch(logitGraph, input, optimization);
    assert.ok(largestDifference(logits, ourLogits) <= 1, `${optimization} logit`);
  }

  // One logit step (scale 0.3917) at sigmoid' <= 1/4 is 0.3917 / 4 · 256 = 25.07 -> 26 output steps, plus its own.
  const output = graph.outputs[0]!;
  assert.equal(allowedSteps(graph, output), 27);
  const scale = graph.tensors[output]!.quantization!.scale[0]!;
  const windows = Float32Array.from(input, (q) => {
    const { scale: s, zeroPoint: z } = graph.tensors[graph.inputs[0]!]!.quantization!;
    return s[0]! * (q - z[0]!);
  });
  const bytes = writeOnnx(graph);
  for (const optimization of ['basic', 'all'] as const) {
    const result = await verifyOnnx(graph, bytes, windows, optimization);
    assert.ok(Math.abs(result.tolerance - 27.001 * scale) < 1e-9, `${optimization} tolerance`);
    assert.equal(result.passed, true, `${optimization}: ${result.maxStepDiff} steps`);
  }
});
