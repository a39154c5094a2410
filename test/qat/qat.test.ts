import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { WindowSet } from '../../src/data/types.js';
import { lowerModel } from '../../src/graph/lower/index.js';
import type { Graph } from '../../src/graph/types.js';
import { postTrainingInt8 } from '../../src/quant/post-training.js';
import { quantizationAwareTraining } from '../../src/quant/qat/index.js';
import { EdgeforgeError } from '../../src/errors.js';
import { Interpreter } from '../../src/runtime/interpreter.js';
import { Random } from '../../src/util/random.js';
import { untrainedModel } from '../graph/model-fixtures.js';
import { toyWindows } from '../train/fixtures.js';
import { fit } from '../../src/train/fit.js';
import { instantiate } from '../../src/train/model-file.js';
import { createAdam } from '../../src/train/optimizers/adam.js';
import { constantLr } from '../../src/train/schedules.js';
import type { TrainedModel } from '../../src/train/model-file.js';

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

/**
 * Accuracy of a graph with float input and output, run by the edgeforge runtime on the whole
 * set at once: one sigmoid output (class 1 above 0.5) or one probability per class.
 */
function graphAccuracy(graph: Graph, data: WindowSet): number {
  const interpreter = new Interpreter(graph, { batch: data.count });
  interpreter.input().set(data.x);
  interpreter.invoke();
  const probabilities = interpreter.output();
  const classes = probabilities.length / data.count;
  let correct = 0;
  for (let i = 0; i < data.count; i++) {
    const predicted =
      classes === 1
        ? Number(probabilities[i] > 0.5)
        : Number(probabilities[2 * i + 1] > probabilities[2 * i]);
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
  assert.equal(floatAccuracy, 1);
  // PTQ answers one class for everything; QAT grew the informative units past the int8 step.
  assert.ok(ptqAccuracy < floatAccuracy - 0.3, `PTQ int8 accuracy ${ptqAccuracy}`);
  assert.ok(qatAccuracy >= floatAccuracy - 0.03, `QAT int8 accuracy ${qatAccuracy}`);
  // The int8 graph computes what fake quantization showed in training (up to integer rounding).
  const last = result.history.at(-1)!;
  assert.ok(
    Math.abs(graphAccuracy(result.graph, validation) - last.validationAccuracy!) <= 2 / validation.count,
  );
  assert.deepEqual(epochs, [1, 2, 3, 4, 5, 6]);
});

/** The toy sine-burst task learned in float by a stacked LSTM, as edgeforge train would leave it. */
async function trainedLstm(train: WindowSet, validation: WindowSet): Promise<TrainedModel> {
  const { model } = untrainedModel(
    [
      { type: 'lstm', name: 'l1', units: 6, returnSequences: true },
      { type: 'lstm', name: 'l2', units: 4 },
      { type: 'dense', name: 'head', units: 1, activation: 'sigmoid' },
    ],
    train.steps,
    1,
    'binary',
    ['0', '1'],
  );
  const network = instantiate(model);
  await fit(network, train, validation, {
    task: 'binary',
    epochs: 8,
    batchSize: 32,
    seed: 1,
    shuffle: true,
    optimizer: createAdam({ learningRate: 0.02 }),
    schedule: constantLr(0.02),
    classWeight: 'none',
    earlyStopping: false,
  });
  return { ...model, weights: network.getWeights() };
}

test('QAT of a stacked LSTM: per-gate int8 weights, symmetric outputs, the int8 graph as accurate as float', async () => {
  const train = toyWindows(256, 12, 1);
  const validation = toyWindows(64, 12, 2);
  const evaluation = toyWindows(200, 12, 3);
  const model = await trainedLstm(train, validation);
  const floatAccuracy = graphAccuracy(lowerModel(model), evaluation);
  const result = await quantizationAwareTraining(
    model,
    { train, validation },
    { epochs: 2, learningRate: 0.001, io: 'float' },
  );
  const lstms = result.graph.ops.filter((op) => op.type === 'UNIDIRECTIONAL_SEQUENCE_LSTM');
  assert.equal(lstms.length, 2);
  for (const op of lstms) {
    assert.equal(result.graph.tensors[op.inputs[1]].dtype, 'int8');
    assert.equal(result.graph.tensors[op.outputs[0]].quantization?.zeroPoint[0], 0);
  }
  assert.equal(result.graph.metadata.notes?.quantization, 'int8 quantization-aware training');
  const qatAccuracy = graphAccuracy(result.graph, evaluation);
  assert.ok(floatAccuracy > 0.95, `float accuracy ${floatAccuracy}`);
  assert.ok(qatAccuracy >= floatAccuracy - 0.01, `QAT int8 ${qatAccuracy} vs float ${floatAccuracy}`);
});

test('bad options, data that do not fit the model and an abort are EdgeforgeErrors', async () => {
  const model = headroomModel();
  const train = signWindows(8, 1);
  const data = { train, validation: signWindows(4, 2) };
  const rejects = (promise: Promise<unknown>, place: RegExp) =>
    assert.rejects(promise, (error) => error instanceof EdgeforgeError && place.test(error.oneLine()));
  await rejects(quantizationAwareTraining(model, data, { epochs: 0, io: 'int8' }), /qat options/);
  await rejects(
    quantizationAwareTraining(model, data, { epochs: 1, learningRate: -1, io: 'int8' }),
    /learningRate/,
  );
  const wide = { ...train, channels: 3, x: new Float32Array(24) };
  await rejects(
    quantizationAwareTraining(model, { ...data, train: wide }, { epochs: 1, io: 'int8' }),
    /data\.train/,
  );
  const aborted = AbortSignal.abort();
  await assert.rejects(
    quantizationAwareTraining(model, data, { epochs: 3, io: 'int8', signal: aborted }),
    /interrupted after 1 finished epoch/,
  );
  const empty = { ...train, count: 0, x: new Float32Array(0), y: new Int32Array(0) };
  await rejects(
    quantizationAwareTraining(model, { ...data, train: empty }, { epochs: 1, io: 'int8' }),
    /data\.train/,
  );
});
