import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { UsageError } from '../../src/errors.js';
import { readLines } from '../../src/predict/line-source.js';
import type { PredictionModel } from '../../src/predict/model-source.js';
import { predictStream, type StreamSummary } from '../../src/predict/stream.js';
import { firstReadingModel, sigmoid, softmaxRowModel, zeroAutoencoder } from './fixtures.js';

const CLOCK = new Date('2025-01-02T03:04:05.000Z');

async function run(
  model: PredictionModel,
  text: string,
  stride?: number,
): Promise<{ predictions: Record<string, unknown>[]; warnings: string[]; summary: StreamSummary }> {
  const out: string[] = [];
  const warnings: string[] = [];
  // Chunks cut mid-line, as a pipe delivers them.
  const chunks = text.match(/[\s\S]{1,7}/g) ?? [];
  const summary = await predictStream({
    model,
    lines: readLines(Readable.from(chunks)),
    source: 'stdin',
    stride,
    emit: (line) => out.push(line),
    warn: (message) => warnings.push(message),
    now: () => CLOCK,
  });
  for (const line of out) assert.ok(line.endsWith('\n') && !line.slice(0, -1).includes('\n'));
  return { predictions: out.map((line) => JSON.parse(line) as Record<string, unknown>), warnings, summary };
}

function close(actual: unknown, expected: number): void {
  assert.equal(typeof actual, 'number');
  assert.ok(Math.abs((actual as number) - expected) < 1e-6, `${String(actual)} vs ${expected}`);
}

test('long layout: header mapped by name, a window every stride readings, malformed lines skipped and reported', async () => {
  const text = [
    'time;b;a',
    '100;0;0',
    '101;0;1',
    '',
    '102;0;oops',
    '103;0;2',
    '104;0;3',
    '105;0;4',
    '106;0;5',
    '107;0;6',
  ].join('\n');
  const { predictions, warnings, summary } = await run(firstReadingModel(), text);
  // Readings a = 0..6 (line 5 skipped). Windows of 4 every 2: readings 0-3 and 2-5; 4-7 never fills.
  // p(fault) = sigmoid((first a - 1) / 2), from the scaler (a - 1) / 2 and the weight on the first reading.
  assert.equal(predictions.length, 2);
  assert.deepEqual(Object.keys(predictions[0]), ['timestamp', 'class', 'probability', 'index']);
  assert.equal(predictions[0].timestamp, 104);
  assert.equal(predictions[0].class, 'ok');
  close(predictions[0].probability, 1 - sigmoid(-0.5));
  assert.equal(predictions[0].index, 3);
  assert.equal(predictions[1].timestamp, 106);
  assert.equal(predictions[1].class, 'fault');
  close(predictions[1].probability, sigmoid(0.5));
  assert.equal(predictions[1].index, 5);
  assert.deepEqual(warnings, ["stdin: line 5: 'oops' in column 'a' is not a finite number; skipped."]);
  assert.deepEqual(summary, { lines: 10, readings: 7, predictions: 2, malformed: 1 });
});

test('long layout without a header: values in model order, --stride overrides, wall-clock timestamps', async () => {
  const text = '0 9\n1 9\n2 9\n3 9\n4 9\n5 9\n';
  const { predictions } = await run(firstReadingModel(), text, 1);
  assert.deepEqual(
    predictions.map((p) => p.index),
    [3, 4, 5],
  );
  assert.deepEqual(
    predictions.map((p) => p.timestamp),
    [CLOCK.toISOString(), CLOCK.toISOString(), CLOCK.toISOString()],
  );
  // First readings a = 0, 1, 2: p(fault) = sigmoid(-0.5), sigmoid(0) = 0.5 (not above 0.5: ok), sigmoid(0.5).
  assert.deepEqual(
    predictions.map((p) => p.class),
    ['ok', 'ok', 'fault'],
  );
  close(predictions[1].probability, 0.5);
  close(predictions[2].probability, sigmoid(0.5));
});

test('wide layout: every line is a whole window, predicted on its own; a leading timestamp is kept as text', async () => {
  const { predictions, summary } = await run(softmaxRowModel(), '1,2,3\nt1,3,1,1\n1,2\n');
  const softmax = (values: number[]): number[] => {
    const exps = values.map(Math.exp);
    const sum = exps.reduce((a, b) => a + b, 0);
    return exps.map((e) => e / sum);
  };
  assert.equal(predictions.length, 2);
  assert.equal(predictions[0].class, 'run');
  close(predictions[0].probability, softmax([1, 2, 3])[2]);
  assert.equal(predictions[0].index, 0);
  assert.equal(predictions[1].class, 'idle');
  assert.equal(predictions[1].timestamp, 't1');
  close(predictions[1].probability, softmax([3, 1, 1])[0]);
  assert.equal(predictions[1].index, 1);
  assert.equal(summary.malformed, 1);
});

test('autoencoder: the reconstruction error and whether it is above the threshold', async () => {
  // Scaled (x - 1); zero reconstruction: error = mean of squares. (3, 1) -> 2 > 1; (0, 2) -> 1, not above.
  const { predictions } = await run(zeroAutoencoder(), '1,1\n3,1\n0,2\n');
  assert.deepEqual(
    predictions.map(({ error, anomaly, index }) => ({ error, anomaly, index })),
    [
      { error: 0, anomaly: false, index: 0 },
      { error: 2, anomaly: true, index: 1 },
      { error: 1, anomaly: false, index: 2 },
    ],
  );
});

test('a stride for a wide-layout model is a usage error', async () => {
  await assert.rejects(run(softmaxRowModel(), '1,2,3\n', 2), UsageError);
});
