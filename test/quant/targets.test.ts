/**
 * deployTargets: which runtimes run each weight scheme, and the reasons given where one
 * cannot (TFLite Micro: no hybrid kernels, no float16 DEQUANTIZE; C: float32 and full int8).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lowerModel } from '../../src/graph/lower/index.js';
import type { Graph } from '../../src/graph/types.js';
import { calibrate } from '../../src/quant/calibrate/index.js';
import { quantizeGraph } from '../../src/quant/ptq/index.js';
import { deployTargets, type DeployTarget } from '../../src/quant/targets.js';
import { dynamicRangeGraph, float16Graph } from '../../src/quant/weight-only/index.js';
import { presetModel, randomInputs } from '../graph/model-fixtures.js';

const TARGETS: DeployTarget[] = ['edgeforge-runtime', 'tflite-micro', 'litert', 'onnxruntime', 'c'];

function verdicts(graph: Graph): Map<DeployTarget, string | undefined> {
  const result = deployTargets(graph);
  assert.deepEqual(
    result.map((entry) => entry.target),
    TARGETS,
  );
  for (const entry of result) assert.equal(entry.ok, entry.reason === undefined, entry.target);
  return new Map(result.map((entry) => [entry.target, entry.reason]));
}

const mlp = lowerModel(presetModel('mlp', 8, 2, 2).model);

test('float32 and full int8 graphs run everywhere', () => {
  const ranges = calibrate(mlp, randomInputs(10 * 16, 4), 10, { method: 'minmax' });
  for (const graph of [
    mlp,
    quantizeGraph(mlp, ranges, { io: 'int8' }),
    quantizeGraph(mlp, ranges, { io: 'float' }),
  ]) {
    for (const [target, reason] of verdicts(graph)) assert.equal(reason, undefined, `${target}: ${reason}`);
  }
});

test('float16 weights: edgeforge, LiteRT and ONNX Runtime; not TensorFlow Lite Micro nor the C generator', () => {
  const reasons = verdicts(float16Graph(mlp));
  for (const target of ['edgeforge-runtime', 'litert', 'onnxruntime'] as const) {
    assert.equal(reasons.get(target), undefined, `${target}: ${reasons.get(target)}`);
  }
  assert.match(
    reasons.get('tflite-micro')!,
    /float16 weights: TensorFlow Lite Micro's DEQUANTIZE does not read float16/,
  );
  assert.match(reasons.get('tflite-micro')!, /full-integer int8 post-training quantization/);
  assert.match(
    reasons.get('c')!,
    /float16 weights: the C generator writes float32 and full-integer int8 models only/,
  );
});

test('dynamic-range graphs: edgeforge and ONNX Runtime; TFLite Micro, LiteRT (writer) and C refuse, naming the op', () => {
  const reasons = verdicts(dynamicRangeGraph(mlp));
  assert.equal(reasons.get('edgeforge-runtime'), undefined);
  assert.equal(reasons.get('onnxruntime'), undefined, reasons.get('onnxruntime'));
  assert.match(
    reasons.get('tflite-micro')!,
    /^op \d+ FULLY_CONNECTED is a dynamic-range \(hybrid\) op: TensorFlow Lite Micro has no hybrid kernels; use full-integer int8/,
  );
  assert.match(reasons.get('litert')!, /op \d+ FULLY_CONNECTED .*writer does not write hybrid ops/);
  assert.match(
    reasons.get('c')!,
    /^op \d+ FULLY_CONNECTED: the C generator writes float32 and full-integer int8/,
  );
});

test("a GRU with int8 weights and float activations has no edgeforge kernel; an invalid graph gets the validator's error", () => {
  const gru = lowerModel(presetModel('gru-small', 8, 2, 2).model);
  const op = gru.ops.findIndex((candidate) => candidate.type === 'GRU');
  const weights = gru.ops[op]!.inputs[1]!;
  const tensors = gru.tensors.map((tensor, index) =>
    index === weights
      ? {
          ...tensor,
          dtype: 'int8' as const,
          data: new Int8Array(tensor.data!.length),
          quantization: { scale: [0.01], zeroPoint: [0] },
        }
      : tensor,
  );
  const reasons = verdicts({ ...gru, tensors });
  assert.match(
    reasons.get('edgeforge-runtime')!,
    new RegExp(`^op ${op} GRU has int8 weights .*no hybrid GRU kernel`),
  );
  assert.match(reasons.get('tflite-micro')!, /^op \d+ GRU is a dynamic-range \(hybrid\) op/);

  const broken = { ...mlp, outputs: [mlp.tensors.length + 5] };
  assert.match(verdicts(broken).get('edgeforge-runtime')!, /graph output \d+ is not a tensor index/);
});
