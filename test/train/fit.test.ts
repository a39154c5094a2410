import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Sequential } from '../../src/nn/sequential.js';
import type { LayerSpec } from '../../src/nn/spec.js';
import { fit, TrainingInterrupted, type FitOptions } from '../../src/train/fit.js';
import { createAdam } from '../../src/train/optimizers/adam.js';
import { constantLr } from '../../src/train/schedules.js';
import { toyWindows } from './fixtures.js';

const train = toyWindows(192, 16, 1);
const validation = toyWindows(64, 16, 2);
const layers: LayerSpec[] = [
  { type: 'flatten' },
  { type: 'dense', units: 12, activation: 'relu' },
  { type: 'dropout', rate: 0.2 },
  { type: 'dense', units: 1, activation: 'sigmoid' },
];

function options(overrides: Partial<FitOptions> = {}): FitOptions {
  return {
    task: 'binary',
    epochs: 6,
    batchSize: 32,
    seed: 7,
    shuffle: true,
    optimizer: createAdam({ learningRate: 0.01 }),
    schedule: constantLr(0.01),
    classWeight: 'none',
    earlyStopping: false,
    ...overrides,
  };
}

function model(): Sequential {
  return new Sequential(layers).build([16, 1], 7);
}

test('training learns a learnable task: loss falls and validation accuracy rises', async () => {
  const network = model();
  const result = await fit(network, train, validation, options({ epochs: 8 }));
  const first = result.history[0]!;
  const last = result.history.at(-1)!;
  assert.equal(result.history.length, 8);
  assert.ok(last.loss < first.loss * 0.7, `loss ${first.loss} -> ${last.loss}`);
  assert.ok(last.valAccuracy! > 0.9, `val accuracy ${last.valAccuracy}`);
  assert.equal(last.samples, 192);
});

test('the same seed gives bit-identical weights; another seed different ones', async () => {
  const a = model();
  const b = model();
  await fit(a, train, validation, options());
  await fit(b, train, validation, options());
  assert.deepEqual(a.getWeights(), b.getWeights());
  const c = model();
  await fit(c, train, validation, options({ seed: 8 }));
  assert.notDeepEqual(a.getWeights(), c.getWeights());
});

test('an interrupted run resumes from its checkpoint to the same weights, bit for bit', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'edgeforge-fit-'));
  const checkpoint = { file: join(dir, 'checkpoint.json'), fingerprint: 'run-1' };
  const reference = model();
  await fit(reference, train, validation, options());

  const controller = new AbortController();
  const interrupted = model();
  await assert.rejects(
    fit(interrupted, train, validation, {
      ...options({ checkpoint, signal: controller.signal }),
      callbacks: { onEpochEnd: (record) => record.epoch === 3 && controller.abort() },
    }),
    (error: unknown) => error instanceof TrainingInterrupted && /after 3 finished epoch/.test(error.message),
  );

  let resumedAt = -1;
  const resumed = model();
  const result = await fit(resumed, train, validation, {
    ...options({ checkpoint }),
    callbacks: { onResume: (epochs) => (resumedAt = epochs) },
  });
  assert.equal(resumedAt, 3);
  assert.equal(result.resumedFromEpoch, 3);
  assert.equal(result.history.length, 6);
  assert.deepEqual(resumed.getWeights(), reference.getWeights());
});

test('a checkpoint of another run (other fingerprint) is not resumed', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'edgeforge-fit-'));
  const file = join(dir, 'checkpoint.json');
  await fit(model(), train, validation, options({ epochs: 2, checkpoint: { file, fingerprint: 'a' } }));
  let resumed = false;
  const result = await fit(model(), train, validation, {
    ...options({ epochs: 2, checkpoint: { file, fingerprint: 'b' } }),
    callbacks: { onResume: () => (resumed = true) },
  });
  assert.equal(resumed, false);
  assert.equal(result.resumedFromEpoch, 0);
});

test('early stopping stops after `patience` epochs without improvement and restores the best weights', async () => {
  const network = model();
  // A learning rate this high makes validation loss bounce, so early stopping triggers.
  let bestWeights: Record<string, Float32Array> | undefined;
  let bestLoss = Infinity;
  const result = await fit(network, train, validation, {
    ...options({
      epochs: 40,
      optimizer: createAdam({ learningRate: 0.3 }),
      schedule: constantLr(0.3),
      earlyStopping: { monitor: 'val_loss', patience: 2, minDelta: 0, restoreBest: true },
    }),
    callbacks: {
      onEpochEnd: (record) => {
        if (record.valLoss! < bestLoss) {
          bestLoss = record.valLoss!;
          bestWeights = network.getWeights();
        }
      },
    },
  });
  assert.ok(result.stoppedEarly, 'expected an early stop');
  const losses = result.history.map((r) => r.valLoss!);
  const bestIndex = losses.indexOf(Math.min(...losses));
  assert.equal(result.bestEpoch, bestIndex + 1);
  assert.equal(result.history.length, bestIndex + 1 + 2);
  assert.deepEqual(network.getWeights(), bestWeights);
});

test('balanced class weights shift the decision towards a rare class', async () => {
  const rareIndices = [...Array(train.count).keys()].filter((i) => train.y[i] === 0 || i % 8 === 1);
  const { subset } = await import('../../src/data/window-set.js');
  const imbalanced = subset(train, rareIndices);
  const plain = model();
  const weighted = model();
  await fit(
    plain,
    imbalanced,
    validation,
    options({ epochs: 3, optimizer: createAdam({ learningRate: 0.003 }) }),
  );
  await fit(
    weighted,
    imbalanced,
    validation,
    options({ epochs: 3, optimizer: createAdam({ learningRate: 0.003 }), classWeight: 'balanced' }),
  );
  const { evaluate } = await import('../../src/train/evaluate.js');
  const mean = (values: Float32Array): number => values.reduce((a, b) => a + b, 0) / values.length;
  assert.ok(
    mean(evaluate(weighted, validation, 'binary').outputs) >
      mean(evaluate(plain, validation, 'binary').outputs),
  );
});
