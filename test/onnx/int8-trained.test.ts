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
