/**
 * int8 GRU: the gru-small preset, trained briefly on a small synthetic 3-class task, is
 * unrolled into builtins and quantized to a full-int8 graph; the int8 runtime then predicts
 * the classes the float graph predicts, and the .tflite round trip keeps it bit for bit.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readTflite } from '../../src/export/tflite/read/read-tflite.js';
import { writeTflite } from '../../src/export/tflite/write/write-tflite.js';
import { lowerModel } from '../../src/graph/lower/index.js';
import type { Graph } from '../../src/graph/types.js';
import { calibrate } from '../../src/quant/calibrate/index.js';
import { quantizeGraph } from '../../src/quant/ptq/index.js';
import { Interpreter } from '../../src/runtime/interpreter.js';
import { fit } from '../../src/train/fit.js';
import { createAdam } from '../../src/train/optimizers/adam.js';
import { constantLr } from '../../src/train/schedules.js';
import { presetModel } from '../graph/model-fixtures.js';
import { toyWindows } from '../train/fixtures.js';

const STEPS = 16;
const CLASSES = 3;
const BATCH = 25;

/** Every window's output row, run `BATCH` windows per invoke. */
function outputs(graph: Graph, x: Float32Array, count: number): Float32Array {
  const interpreter = new Interpreter(graph, { batch: BATCH });
  const width = interpreter.output().length / BATCH;
  const all = new Float32Array(count * width);
  for (let first = 0; first < count; first += BATCH) {
    interpreter.input().set(x.subarray(first * STEPS, (first + BATCH) * STEPS));
    interpreter.invoke();
    all.set(interpreter.output(), first * width);
  }
  return all;
}

function argmaxRows(values: Float32Array, width: number): number[] {
  return Array.from({ length: values.length / width }, (_, row) => {
    const slice = Array.from(values.subarray(row * width, (row + 1) * width));
    return slice.indexOf(Math.max(...slice));
  });
}

test('a trained GRU quantizes to full int8 builtins: same classes as float, accuracy within 2 points, .tflite round trip', async () => {
  const train = toyWindows(150, STEPS, 1, CLASSES);
  const validation = toyWindows(50, STEPS, 2, CLASSES);
  const test = toyWindows(200, STEPS, 3, CLASSES);
  const { model, network } = presetModel('gru-small', STEPS, 1, CLASSES);
  await fit(network, train, validation, {
    task: 'multiclass',
    epochs: 4,
    batchSize: 25,
    seed: 5,
    shuffle: true,
    optimizer: createAdam({ learningRate: 0.02 }),
    schedule: constantLr(0.02),
    classWeight: 'none',
    earlyStopping: false,
  });
  const float = lowerModel({ ...model, weights: network.getWeights() });
  const ranges = calibrate(float, train.x.subarray(0, 100 * STEPS), 100, { method: 'minmax' });
  const int8 = quantizeGraph(float, ranges, { io: 'float' });

  // Every op between the edges computes on int8: no GRU, no float fallback.
  const inner = int8.ops.slice(1, -1);
  assert.ok(!int8.ops.some((op) => op.type === 'GRU'));
  for (const op of inner) {
    assert.equal(int8.tensors[op.outputs[0]!]!.dtype, 'int8', `${op.type} output`);
  }
  const types = new Set(inner.map((op) => op.type));
  for (const type of [
    'FULLY_CONNECTED',
    'STRIDED_SLICE',
    'ADD',
    'SUB',
    'MUL',
    'LOGISTIC',
    'TANH',
    'SOFTMAX',
  ]) {
    assert.ok(types.has(type as never), `the int8 graph uses ${type}`);
  }

  const floatOut = outputs(float, test.x, test.count);
  const int8Out = outputs(int8, test.x, test.count);
  const floatClasses = argmaxRows(floatOut, CLASSES);
  const int8Classes = argmaxRows(int8Out, CLASSES);
  const accuracy = (predicted: number[]) =>
    predicted.filter((label, i) => label === test.y[i]).length / test.count;
  const agreement = floatClasses.filter((label, i) => label === int8Classes[i]).length / test.count;
  assert.ok(accuracy(floatClasses) > 0.6, `the float GRU learned the task: ${accuracy(floatClasses)}`);
  assert.ok(agreement >= 0.97, `float and int8 agree on ${agreement} of the windows`);
  assert.ok(
    Math.abs(accuracy(floatClasses) - accuracy(int8Classes)) <= 0.02,
    `accuracy float ${accuracy(floatClasses)} int8 ${accuracy(int8Classes)}`,
  );
  // Softmax outputs are int8 steps of 1/256: a few steps of error, not more.
  let worst = 0;
  floatOut.forEach((value, i) => (worst = Math.max(worst, Math.abs(value - int8Out[i]!))));
  assert.ok(worst <= 8 / 256, `worst probability error ${worst}`);

  const written = writeTflite(int8);
  const reread = readTflite(written.bytes, 'gru int8');
  assert.ok(!reread.ops.some((op) => op.type === 'GRU'));
  assert.deepEqual(outputs(reread, test.x, test.count), int8Out);
});
