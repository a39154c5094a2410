import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { WindowSet } from '../../src/data/types.js';
import { lowerModel } from '../../src/graph/lower/index.js';
import type { Graph } from '../../src/graph/types.js';
import { postTrainingInt8 } from '../../src/quant/post-training.js';
import { quantizationAwareTraining } from '../../src/quant/qat/index.js';
import { Interpreter } from '../../src/runtime/interpreter.js';
import { Random } from '../../src/util/random.js';
import { untrainedModel } from '../graph/model-fixtures.js';

/**
 * Two channels: x0 = ±U(0.1, 1) decides the class (its sign), x1 = U(-1, 1) is noise. The
 * float model reads the class from two tiny hidden units relu(±0.02·x0) scaled up by the
 * head, next to a large hidden unit relu(40·x1) the head ignores. The hidden tensor is
 * quantized per tensor, so its int8 step (40 / 255 ≈ 0.16) is eight times the informative
 * units' whole range: after PTQ they read 0 and the model answers one class for everything.
 */
function signWindows(count: number, seed: number): WindowSet {
  const random = new Random(seed);
  const x = new Float32Array(count * 2);
  const y = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    y[i] = i % 2;
    x[2 * i] = (y[i] === 1 ? 1 : -1) * random.uniform(0.1, 1);
    x[2 * i + 1] = random.uniform(-1, 1);
  }
  return {
    x,
    count,
    steps: 1,
    channels: 2,
    channelNames: ['signal', 'noise'],
    y,
    classes: ['neg', 'pos'],
    meta: {},
  };
}

function headroomModel() {
  const { model } = untrainedModel(
    [
      { type: 'flatten' },
      { type: 'dense', name: 'hidden', units: 3, activation: 'relu' },
      { type: 'dense', name: 'head', units: 2, activation: 'softmax' },
    ],
    1,
    2,
    'multiclass',
    ['neg', 'pos'],
  );
  model.weights = {
    // Keras layout [in, units]: rows x0, x1.
    'hidden/kernel': Float32Array.from([0, 0.02, -0.02, 40, 0, 0]),
    'hidden/bias': new Float32Array(3),
    'head/kernel': Float32Array.from([0, 0, -100, 100, 100, -100]),
    'head/bias': new Float32Array(2),
  };
  return model;
}

/** Accuracy of a graph with float input and output, run by the edgeforge runtime on the whole set at once. */
function graphAccuracy(graph: Graph, data: WindowSet): number {
  const interpreter = new Interpreter(graph, { batch: data.count });
  interpreter.input().set(data.x);
  interpreter.invoke();
  const probabilities = interpreter.output();
  let correct = 0;
  for (let i = 0; i < data.count; i++) {
    const predicted = probabilities[2 * i + 1] > probabilities[2 * i] ? 1 : 0;
    if (predicted === data.y[i]) correct++;
  }
  return correct / data.count;
}

test('QAT recovers the accuracy int8 PTQ loses when the information sits below one int8 step', async () => {
  const model = headroomModel();
  const train = signWindows(512, 1);
  const validation = signWindows(128, 2);
  const evaluation = signWindows(400, 3);
  const floatAccuracy = graphAccuracy(lowerModel(model), evaluation);
  const ptqAccuracy = graphAccuracy(postTrainingInt8(lowerModel(model), train, { io: 'float' }), evaluation);
  const epochs: number[] = [];
  const result = await quantizationAwareTraining(
    model,
    { train, validation },
    {
      epochs: 6,
      batchSize: 32,
      learningRate: 0.02,
      seed: 5,
      io: 'float',
      onEpoch: (epoch) => epochs.push(epoch),
    },
  );
  const qatAccuracy = graphAccuracy(result.graph, evaluation);
  console.log({ floatAccuracy, ptqAccuracy, qatAccuracy, history: result.history });
  assert.equal(floatAccuracy, 1);
  assert.ok(ptqAccuracy < floatAccuracy - 0.3, `PTQ int8 accuracy ${ptqAccuracy}`);
  assert.ok(qatAccuracy >= floatAccuracy - 0.02, `QAT int8 accuracy ${qatAccuracy}`);
  assert.deepEqual(epochs, [1, 2, 3, 4, 5, 6]);
});
