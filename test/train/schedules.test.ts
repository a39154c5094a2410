import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EdgeforgeError } from '../../src/errors.js';
import {
  constantLr,
  cosineDecay,
  ReduceOnPlateau,
  stepDecay,
  type LearningRateSchedule,
} from '../../src/train/schedules.js';

function rates(schedule: LearningRateSchedule, epochs: number): number[] {
  return Array.from({ length: epochs }, (_, epoch) => schedule.lrForEpoch(epoch));
}

function closeAll(actual: number[], expected: number[]): void {
  assert.equal(actual.length, expected.length);
  expected.forEach((e, i) => assert.ok(Math.abs(actual[i] - e) <= 1e-12, `epoch ${i}: ${actual[i]} vs ${e}`));
}

test('step decay multiplies by gamma every stepEpochs epochs', () => {
  // python3: [0.1 * 0.5 ** (e // 3) for e in range(8)]
  closeAll(
    rates(stepDecay({ initialLr: 0.1, stepEpochs: 3, gamma: 0.5 }), 8),
    [0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025],
  );
  closeAll(rates(constantLr(0.003), 3), [0.003, 0.003, 0.003]);
});

test('cosine decay falls to alpha * initialLr and stays there; warmup ramps up to the peak', () => {
  // python3: [0.1 + 0.9 * (1 + cos(pi * e / 5)) / 2 for e in range(5)], then alpha * lr = 0.1.
  closeAll(
    rates(cosineDecay({ initialLr: 1, totalEpochs: 5, alpha: 0.1 }), 7),
    [1, 0.9140576474687263, 0.6890576474687263, 0.41094235253127376, 0.18594235253127372, 0.1, 0.1],
  );
  // Two warmup epochs at 1/3 and 2/3 of the peak, then cosine over the remaining 4 epochs.
  closeAll(rates(cosineDecay({ initialLr: 1, totalEpochs: 6, alpha: 0.1, warmupEpochs: 2 }), 8), [
    1 / 3,
    2 / 3,
    1,
    0.8681980515339464,
    0.55,
    0.23180194846605365,
    0.1,
    0.1,
  ]);
  assert.throws(() => cosineDecay({ initialLr: 1, totalEpochs: 3, warmupEpochs: 3 }), /leaves none/);
});

test("reduce-on-plateau follows Keras's patience, min_delta, cooldown and min_lr rules", () => {
  // Traced by hand through Keras's ReduceLROnPlateau.on_epoch_end (patience 2, factor 0.5,
  // min_delta 0.01, cooldown 2, min_lr 0.2): reductions after epochs 2, 5 and 8; the
  // third is floored at min_lr; after epoch 11 lr == min_lr so nothing changes; cooldown
  // epochs 6 and 9 do not count towards patience.
  const metrics = [1.0, 0.995, 0.99, 0.98, 0.975, 0.975, 0.975, 0.975, 0.975, 0.975, 0.975, 0.975, 0.5, 0.5];
  const expected = [1, 1, 0.5, 0.5, 0.5, 0.25, 0.25, 0.25, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2];
  const options = { initialLr: 1, factor: 0.5, patience: 2, minDelta: 0.01, cooldown: 2, minLr: 0.2 };
  const plateau = new ReduceOnPlateau(options);
  assert.equal(plateau.monitor, 'val_loss');
  const seen = metrics.map((metric, epoch) => {
    plateau.onEpochEnd(metric);
    return plateau.lrForEpoch(epoch + 1);
  });
  assert.deepEqual(seen, expected);
  assert.deepEqual(plateau.state(), {
    kind: 'plateau',
    learningRate: 0.2,
    best: 0.5,
    wait: 1,
    cooldownCounter: 0,
  });

  // Resuming from a JSON checkpoint mid-way continues the same sequence.
  const first = new ReduceOnPlateau(options);
  metrics.slice(0, 7).forEach((metric) => first.onEpochEnd(metric));
  const resumed = new ReduceOnPlateau(options);
  resumed.loadState(JSON.parse(JSON.stringify(first.state())));
  const rest = metrics.slice(7).map((metric) => {
    resumed.onEpochEnd(metric);
    return resumed.lrForEpoch(0);
  });
  assert.deepEqual(rest, expected.slice(7));

  // Mode max (accuracy): 0.6 improves on 0.5, then two flat epochs cut lr by the default factor 0.1.
  const accuracy = new ReduceOnPlateau({ initialLr: 0.01, patience: 2, mode: 'max' });
  const accuracyRates = [0.5, 0.6, 0.6, 0.6].map((metric) => {
    accuracy.onEpochEnd(metric);
    return accuracy.lrForEpoch(0);
  });
  assert.deepEqual(accuracyRates, [0.01, 0.01, 0.01, 0.001]);
});

test('a fresh plateau state saves best as null, and mismatched or damaged states are refused', () => {
  const plateau = new ReduceOnPlateau({ initialLr: 0.1 });
  assert.deepEqual(JSON.parse(JSON.stringify(plateau.state())), {
    kind: 'plateau',
    learningRate: 0.1,
    best: null,
    wait: 0,
    cooldownCounter: 0,
  });
  const oneLine = (run: () => unknown, pattern: RegExp) =>
    assert.throws(run, (error: unknown) => error instanceof EdgeforgeError && pattern.test(error.oneLine()));
  oneLine(
    () => plateau.loadState({ kind: 'step' }, 'ckpt.json'),
    /ckpt.json: schedule.kind: .*holds a step schedule/,
  );
  oneLine(
    () => plateau.loadState({ kind: 'plateau', learningRate: 0.1, best: null, wait: 1.5 }),
    /schedule.wait/,
  );
  oneLine(() => stepDecay({ initialLr: 1, stepEpochs: 0 }), /schedule.stepEpochs: 0 is not an integer >= 1/);
  oneLine(() => new ReduceOnPlateau({ initialLr: 1, factor: 1 }), /schedule.factor: 1 is not in \(0, 1\)/);
  stepDecay({ initialLr: 1, stepEpochs: 2 }).loadState({ kind: 'step' });
});
