import { availableParallelism } from 'node:os';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EdgeforgeError } from '../../src/errors.js';
import { Sequential } from '../../src/nn/sequential.js';
import type { LayerSpec } from '../../src/nn/spec.js';
import { fit, type FitOptions } from '../../src/train/fit.js';
import { createAdam } from '../../src/train/optimizers/adam.js';
import { GradientPool } from '../../src/train/parallel/gradient-pool.js';
import { resolveThreads, shardSizes } from '../../src/train/parallel/threads.js';
import { constantLr } from '../../src/train/schedules.js';
import { toyWindows } from './fixtures.js';

const train = toyWindows(150, 16, 1);
const validation = toyWindows(40, 16, 2);
const plain: LayerSpec[] = [
  { type: 'flatten' },
  { type: 'dense', units: 8, activation: 'tanh' },
  { type: 'dense', units: 1, activation: 'sigmoid' },
];
const withDropout: LayerSpec[] = [plain[0]!, plain[1]!, { type: 'dropout', rate: 0.3 }, plain[2]!];

function options(threads: number, seed = 7, epochs = 4): FitOptions {
  return {
    task: 'binary',
    epochs,
    // 150 = 5·27 + 15: uneven shards (14/13) and a short last batch (8/7).
    batchSize: 27,
    seed,
    shuffle: true,
    optimizer: createAdam({ learningRate: 0.01 }),
    schedule: constantLr(0.01),
    classWeight: 'none',
    earlyStopping: false,
    threads,
  };
}

test('shards are contiguous and differ by at most one sample; auto picks 2 threads only where they were measured faster', () => {
  assert.deepEqual(shardSizes(27, 2), [14, 13]);
  assert.deepEqual(shardSizes(7, 3), [3, 2, 2]);
  assert.deepEqual(shardSizes(1, 2), [1, 0]);
  const cores = Math.min(availableParallelism(), 2);
  const lstm = { batchSize: 32, windows: 8000, recurrent: true };
  assert.equal(resolveThreads('auto', lstm), cores);
  assert.equal(resolveThreads('auto', { ...lstm, batchSize: 8 }), 1);
  assert.equal(resolveThreads('auto', { ...lstm, windows: 500 }), 1);
  assert.equal(resolveThreads('auto', { ...lstm, recurrent: false }), 1);
  assert.equal(resolveThreads(3, { ...lstm, batchSize: 8 }), 3);
  assert.throws(() => resolveThreads(0, lstm), EdgeforgeError);
});

test('2 threads follow the 1-thread loss curve and weights within float tolerance', async () => {
  const one = new Sequential(plain).build([16, 1], 3);
  const two = new Sequential(plain).build([16, 1], 3);
  const a = await fit(one, train, validation, options(1));
  const b = await fit(two, train, validation, options(2));
  a.history.forEach((record, i) => {
    const other = b.history[i]!;
    assert.ok(Math.abs(record.loss - other.loss) < 1e-5, `epoch ${i + 1}: ${record.loss} vs ${other.loss}`);
    assert.ok(Math.abs(record.valLoss! - other.valLoss!) < 1e-5);
    assert.equal(record.accuracy, other.accuracy);
  });
  const wa = one.getWeights();
  const wb = two.getWeights();
  for (const name of Object.keys(wa)) {
    wa[name]!.forEach((value, i) => assert.ok(Math.abs(value - wb[name]![i]!) < 1e-5, `${name}[${i}]`));
  }
  assert.ok(a.history.at(-1)!.loss < a.history[0]!.loss, 'the run learns');
});

test('2-thread runs with dropout are bit-identical for a seed and differ for another', async () => {
  const runs = await Promise.all(
    [7, 7, 8].map(async (seed) => {
      const network = new Sequential(withDropout).build([16, 1], 3);
      const result = await fit(network, train, validation, options(2, seed, 2));
      return { weights: network.getWeights(), losses: result.history.map((record) => record.loss) };
    }),
  );
  assert.deepEqual(runs[0], runs[1]);
  assert.notDeepEqual(runs[0]!.weights, runs[2]!.weights);
});

test('a worker that fails surfaces as an EdgeforgeError naming the worker', async () => {
  const network = new Sequential(plain).build([16, 1], 3);
  // Weights for 16 inputs cannot load into a replica built for 8: the worker throws while starting.
  const broken = { ...network.config(), inputShape: [8, 1] };
  await assert.rejects(
    GradientPool.start(broken, network.getWeights(), network.params(), 'binary', 1),
    (error: unknown) =>
      error instanceof EdgeforgeError && /^training worker 1 failed: .*needs \d+/.test(error.message),
  );
});
