/** The Interpreter's memory and API, and the preprocessing helper. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lowerModel } from '../../src/graph/lower/index.js';
import type { Preprocessing } from '../../src/graph/types.js';
import { Interpreter, scaleWindow } from '../../src/runtime/index.js';
import { presetModel, randomInputs } from '../graph/model-fixtures.js';

test('the arena is one buffer of exactly plan.arenaBytes; state lives apart', () => {
  const graph = lowerModel(presetModel('lstm-tutorial', 12, 2, 2).model);
  const interpreter = new Interpreter(graph, { batch: 3 });
  assert.equal(interpreter.arenaBytes, interpreter.plan.arenaBytes);
  assert.equal(interpreter.input().buffer.byteLength, interpreter.plan.arenaBytes);
  assert.equal(interpreter.output().buffer, interpreter.input().buffer);
  // Two LSTM states of [3, 32] and two of [3, 16] floats, each 16-byte aligned.
  assert.equal(interpreter.plan.variableBytes, 2 * 3 * 32 * 4 + 2 * 3 * 16 * 4);
  assert.deepEqual(interpreter.inputShape(), [3, 12, 2]);
  assert.deepEqual(interpreter.outputShape(), [3, 1]);
});

test('invoke() gives the same answer for the same window every time', () => {
  const graph = lowerModel(presetModel('gru-small', 10, 3, 3).model);
  const interpreter = new Interpreter(graph);
  const window = randomInputs(30, 1);
  interpreter.input().set(window);
  interpreter.invoke();
  const first = Array.from(interpreter.output());
  interpreter.input().set(randomInputs(30, 2));
  interpreter.invoke();
  interpreter.input().set(window);
  interpreter.invoke();
  assert.deepEqual(Array.from(interpreter.output()), first);
  assert.ok(Math.abs(first.reduce((a, b) => a + b, 0) - 1) < 1e-6, 'softmax over 3 classes');
});

function preprocessing(per: 'feature' | 'channel', center: number[], scale: number[]): Preprocessing {
  return {
    steps: 2,
    channels: 2,
    channelNames: ['a', 'b'],
    layout: 'long',
    featureColumns: ['a', 'b'],
    labelColumn: 'label',
    scaler: { method: 'standard', per, steps: 2, channels: 2, center, scale },
  };
}

test('scaleWindow: (x - center) / scale per feature or per channel, over whole windows', () => {
  const out = new Float32Array(8);
  // Per feature: one statistic per (step, channel) position.
  scaleWindow(
    preprocessing('feature', [1, 2, 3, 4], [2, 2, 2, 0.5]),
    Float32Array.from([3, 4, 5, 6, 1, 2, 3, 4]),
    out,
  );
  assert.deepEqual(Array.from(out), [1, 1, 1, 4, 0, 0, 0, 0]);
  // Per channel: channel a has center 10, scale 5; channel b center 0, scale 0.5.
  scaleWindow(
    preprocessing('channel', [10, 0], [5, 0.5]),
    Float32Array.from([15, 1, 20, -1, 10, 0, 0, 2]),
    out,
  );
  assert.deepEqual(Array.from(out), [1, 2, 2, -2, 0, 0, -2, 4]);
  assert.throws(
    () => scaleWindow(preprocessing('channel', [10, 0], [5, 0.5]), new Float32Array(6), new Float32Array(6)),
    /cannot scale 6 values into 6: windows are 2 steps x 2 channels/,
  );
  assert.throws(
    () => scaleWindow(preprocessing('feature', [1, 2], [1, 1]), new Float32Array(4), new Float32Array(4)),
    /the scaler holds 2 centers and 2 scales, per feature over 2 steps x 2 channels needs 4/,
  );
});
