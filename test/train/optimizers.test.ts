import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EdgeforgeError } from '../../src/errors.js';
import type { Param } from '../../src/nn/param.js';
import { Random } from '../../src/util/random.js';
import {
  clipByGlobalNorm,
  clipByValue,
  createAdam,
  createAdamW,
  createSgd,
  type Optimizer,
} from '../../src/train/optimizers/index.js';

function param(name: string, values: number[], decay = true): Param {
  return {
    name,
    shape: [values.length],
    value: Float32Array.from(values),
    grad: new Float32Array(values.length),
    decay,
  };
}

function close(actual: ArrayLike<number>, expected: number[], tolerance: number): void {
  assert.equal(actual.length, expected.length);
  expected.forEach((e, i) =>
    assert.ok(Math.abs(actual[i] - e) <= tolerance, `[${i}] ${actual[i]} is not within ${tolerance} of ${e}`),
  );
}

test('Adam with Keras defaults takes the hand-computed first three steps', () => {
  // Expected values from python3 in doubles with Keras's formula (lr 0.001, b1 0.9,
  // b2 0.999, eps 1e-7): lr_t = lr * sqrt(1 - b2^t) / (1 - b1^t); w -= lr_t * m / (sqrt(v) + eps).
  const expected = [
    [0.00900000632451532, -0.01900000316226766],
    [0.00819697032869824, -0.018488978670466377],
    [0.007986258503439517, -0.018093955257808887],
  ];
  const gradients = [
    [0.5, -1],
    [0.1, 0.2],
    [-0.3, 0],
  ];
  const w = param('w', [0.01, -0.02]);
  const adam = createAdam();
  assert.equal(adam.learningRate, 0.001);
  gradients.forEach((g, t) => {
    w.grad.set(g);
    adam.step([w]);
    // float32 storage of w and the moments: ~1 ulp at 0.02 is 1.9e-9.
    close(w.value, expected[t], 1e-8);
  });
});

test('SGD with momentum and with Nesterov momentum follows the Keras update', () => {
  // python3: v = 0.9 v - 0.1 g; w += v (or w += 0.9 v - 0.1 g), g1 = [1, 2], g2 = [0.5, -1].
  const cases: [boolean, number[][]][] = [
    [
      false,
      [
        [0.9, -1.2],
        [0.76, -1.28],
      ],
    ],
    [
      true,
      [
        [0.81, -1.38],
        [0.634, -1.352],
      ],
    ],
  ];
  for (const [nesterov, expected] of cases) {
    const w = param('w', [1, -1]);
    const sgd = createSgd({ learningRate: 0.1, momentum: 0.9, nesterov });
    [
      [1, 2],
      [0.5, -1],
    ].forEach((g, t) => {
      w.grad.set(g);
      sgd.step([w]);
      close(w.value, expected[t], 1e-6);
    });
  }
  const plain = param('w', [1, -1]);
  plain.grad.set([1, 2]);
  createSgd({ learningRate: 0.1 }).step([plain]);
  close(plain.value, [0.9, -1.2], 1e-7);
});

test('AdamW decays only params marked decay, by w * weightDecay * lr', () => {
  const kernel = param('kernel', [0.5, -2]);
  const bias = param('bias', [0.5, -2], false);
  // Zero gradients leave Adam's update at 0, so only the decay moves the weights:
  // python3: 1 - 0.004 * 0.001 = 0.999996.
  createAdamW().step([kernel, bias]);
  assert.deepEqual(kernel.value, Float32Array.from([0.5 * 0.999996, -2 * 0.999996]));
  assert.deepEqual(Array.from(bias.value), [0.5, -2]);
  // With gradients, the non-decayed param moves exactly as under plain Adam.
  const withDecay = param('bias', [0.3, 0.7], false);
  const reference = param('bias', [0.3, 0.7], false);
  const adamW = createAdamW({ weightDecay: 0.1 });
  const adam = createAdam();
  for (let t = 0; t < 3; t++) {
    withDecay.grad.set([0.2 * t - 0.1, 0.4]);
    reference.grad.set([0.2 * t - 0.1, 0.4]);
    adamW.step([withDecay]);
    adam.step([reference]);
  }
  assert.deepEqual(withDecay.value, reference.value);
});

test('global-norm clipping rescales all gradients together; value clipping clamps each', () => {
  const a = param('a', [0, 0]);
  const b = param('b', [0]);
  a.grad.set([3, 4]);
  b.grad.set([12]);
  // Global norm sqrt(9 + 16 + 144) = 13; clipping to 6.5 halves every gradient.
  assert.equal(clipByGlobalNorm([a, b], 6.5), 13);
  assert.deepEqual([...a.grad, ...b.grad], [1.5, 2, 6]);
  assert.equal(clipByGlobalNorm([a, b], 100), 6.5);
  assert.deepEqual([...a.grad, ...b.grad], [1.5, 2, 6]);
  clipByValue([a, b], 1.8);
  assert.deepEqual([...a.grad, ...b.grad], [1.5, 1.7999999523162842, 1.7999999523162842]);
  // Inside an optimizer: plain SGD with lr 1 moves the weights by minus the clipped gradients.
  const c = param('c', [0, 0]);
  c.grad.set([30, -40]);
  createSgd({ learningRate: 1, clipGlobalNorm: 5 }).step([c]);
  close(c.value, [-3, 4], 1e-6);
  a.grad.set([NaN, 1]);
  assert.throws(() => clipByGlobalNorm([a], 1), /gradient norm is NaN: training diverged/);
});

/** Runs `steps` steps with seeded gradients starting at `from`, so two runs can share a stream. */
function train(optimizer: Optimizer, params: Param[], from: number, steps: number): void {
  for (let t = from; t < from + steps; t++) {
    const random = new Random(1000 + t);
    for (const p of params) p.grad.forEach((_, i) => (p.grad[i] = random.normal(0, 1)));
    optimizer.step(params);
  }
}

function model(): Param[] {
  const random = new Random(5);
  const weights = (n: number) => Array.from({ length: n }, () => random.normal(0, 0.5));
  return [param('dense/kernel', weights(12)), param('dense/bias', weights(3), false)];
}

test('a saved optimizer state resumes bit-exactly through JSON', () => {
  const makers: (() => Optimizer)[] = [
    () => createAdam({ learningRate: 0.01 }),
    () => createAdamW({ learningRate: 0.01, weightDecay: 0.05, clipGlobalNorm: 2 }),
    () => createSgd({ learningRate: 0.05, momentum: 0.9, nesterov: true }),
  ];
  for (const make of makers) {
    const straight = model();
    const straightOptimizer = make();
    train(straightOptimizer, straight, 0, 6);

    const first = model();
    const firstOptimizer = make();
    train(firstOptimizer, first, 0, 3);
    const checkpoint = JSON.stringify({
      optimizer: firstOptimizer.state(),
      values: first.map((p) => [...p.value]),
    });

    const saved = JSON.parse(checkpoint) as { optimizer: unknown; values: number[][] };
    const resumed = model();
    resumed.forEach((p, k) => p.value.set(saved.values[k]));
    const resumedOptimizer = make();
    resumedOptimizer.loadState(saved.optimizer);
    train(resumedOptimizer, resumed, 3, 3);
    resumed.forEach((p, k) => assert.deepEqual(p.value, straight[k].value, p.name));
    assert.deepEqual(resumedOptimizer.state(), straightOptimizer.state());
  }
});

/** The error's one-line rendering (file: place: problem. fix.) must match. */
function throwsLine(run: () => unknown, pattern: RegExp): void {
  assert.throws(run, (error: unknown) => error instanceof EdgeforgeError && pattern.test(error.oneLine()));
}

test('a state from another optimizer, a damaged one or another model is refused', () => {
  const adam = createAdam();
  const params = model();
  train(adam, params, 0, 1);
  const state = adam.state();
  throwsLine(
    () => createSgd().loadState(state, 'run/ckpt.json'),
    /ckpt.json: optimizer.kind: .*holds adam state/,
  );
  const damaged = { ...state, slots: { 'dense/bias': { m: 'not base64!', v: '' } } };
  throwsLine(() => createAdam().loadState(damaged), /optimizer.slots.dense\/bias.m: is not base64/);
  throwsLine(() => createAdam().loadState({ ...state, iterations: -1 }), /optimizer.iterations/);
  const other = createAdam();
  other.loadState(state);
  const bigger = [param('dense/kernel', new Array<number>(20).fill(0))];
  throwsLine(() => other.step(bigger), /param dense\/kernel: optimizer state has 12 values/);
  throwsLine(() => createAdam({ beta1: 1 }), /optimizer.beta1: 1 is not in \[0, 1\)/);
  throwsLine(() => createSgd({ clipGlobalNorm: 1, clipValue: 1 }), /both set/);
});
