import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EdgeforgeError } from '../../src/errors.js';
import { FLOAT64, Sequential, formatSummary, type LayerSpec, type Param } from '../../src/nn/index.js';

const tutorial: LayerSpec[] = [
  { type: 'lstm', units: 32, returnSequences: true },
  { type: 'lstm', units: 16 },
  { type: 'dense', units: 1, activation: 'sigmoid' },
];

test('the tutorial model has Keras parameter counts, names and shapes', () => {
  const model = new Sequential(tutorial).build([64, 1], 1);
  const summary = model.summary();
  assert.deepEqual(
    summary.layers.map((row) => [row.name, row.outputShape, row.trainableParams]),
    [
      ['lstm_1', [64, 32], 4 * 32 * (1 + 32 + 1)],
      ['lstm_2', [16], 4 * 16 * (32 + 16 + 1)],
      ['dense_1', [1], 17],
    ],
  );
  assert.equal(summary.trainableParams, 4352 + 3136 + 17);
  const params: Param[] = model.params();
  assert.deepEqual(
    params.map((p) => [p.name, p.shape, p.decay]),
    [
      ['lstm_1/kernel', [1, 128], true],
      ['lstm_1/recurrent_kernel', [32, 128], true],
      ['lstm_1/bias', [128], false],
      ['lstm_2/kernel', [32, 64], true],
      ['lstm_2/recurrent_kernel', [16, 64], true],
      ['lstm_2/bias', [64], false],
      ['dense_1/kernel', [16, 1], true],
      ['dense_1/bias', [1], false],
    ],
  );
  assert.match(formatSummary(summary), /lstm_2\s+lstm\s+\[batch, 16\]\s+3136/);
  assert.equal(model.outputActivation, 'sigmoid');
});

test('explicit names are kept, automatic ones skip them, duplicates are refused', () => {
  const model = new Sequential([
    { type: 'dense', units: 2, name: 'dense_1' },
    { type: 'dense', units: 2 },
    { type: 'dropout', rate: 0.1 },
  ]).build([3], 0);
  assert.deepEqual(
    model.layers.map((layer) => layer.name),
    ['dense_1', 'dense_2', 'dropout_1'],
  );
  assert.throws(
    () =>
      new Sequential([
        { type: 'flatten', name: 'x' },
        { type: 'flatten', name: 'x' },
      ]),
    (error: unknown) => error instanceof EdgeforgeError && error.place === 'layers[1].name',
  );
});

test('bad specs name the field', () => {
  const bad = [{ type: 'dense', units: -3 }] as unknown as LayerSpec[];
  assert.throws(
    () => new Sequential(bad),
    (error: unknown) =>
      error instanceof EdgeforgeError &&
      error.place === 'layers[0].units' &&
      error.oneLine().includes("a 'dense' layer takes name, units (required), activation, useBias"),
  );
  const unknown = [{ type: 'transformer' }] as unknown as LayerSpec[];
  assert.throws(
    () => new Sequential(unknown),
    (error: unknown) =>
      error instanceof EdgeforgeError && /set type to one of: dense, lstm, gru/.test(error.oneLine()),
  );
  assert.throws(() => new Sequential([{ type: 'lstm', units: 4 }]).build([8], 0), /\[steps, channels\]/);
});

test('config and weights rebuild the same function', () => {
  const specs: LayerSpec[] = [
    { type: 'conv1d', filters: 4, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' },
    { type: 'batch_normalization' },
    { type: 'gru', units: 5, returnSequences: true },
    { type: 'max_pooling1d' },
    { type: 'flatten' },
    { type: 'dropout', rate: 0.3 },
    { type: 'dense', units: 3, activation: 'softmax' },
  ];
  const model = new Sequential(specs).build([12, 2], 5);
  const x = Float32Array.from({ length: 3 * 24 }, (_, i) => Math.cos(i));
  model.forward(x, 3, { training: true }); // moves BatchNorm's statistics away from their start
  const config = JSON.parse(JSON.stringify(model.config())) as ReturnType<typeof model.config>;
  const copy = new Sequential(config.layers).build(config.inputShape, 99);
  copy.setWeights(model.getWeights());
  assert.deepEqual(copy.config(), model.config());
  assert.deepEqual([...copy.forward(x, 3)], [...model.forward(x, 3)]);
  assert.ok(Object.keys(model.getWeights()).includes('batch_normalization_1/moving_mean'));
  const rows = model.forward(x, 3);
  for (let b = 0; b < 3; b++) assert.ok(Math.abs(rows[3 * b] + rows[3 * b + 1] + rows[3 * b + 2] - 1) < 1e-6);
});

test('setWeights refuses missing, unknown and mis-sized tensors', () => {
  const model = new Sequential([{ type: 'dense', units: 2 }]).build([3], 0);
  const weights = model.getWeights();
  assert.throws(() => model.setWeights({ ...weights, 'dense_9/kernel': [1] }), /does not belong/);
  assert.throws(() => model.setWeights({ 'dense_1/kernel': weights['dense_1/kernel'] }), /missing/);
  assert.throws(() => model.setWeights({ ...weights, 'dense_1/bias': [1, 2, 3] }), /has 3 values/);
});

test('logits: the output before the final sigmoid, and backward from dLoss/dLogits', () => {
  const model = new Sequential(
    tutorial.map((spec) => ({ ...spec })),
    FLOAT64,
  ).build([6, 1], 3);
  const x = Float64Array.from({ length: 2 * 6 }, (_, i) => Math.sin(i * 0.7));
  const probability = Float64Array.from(model.forward(x, 2));
  const logits = Float64Array.from(model.forward(x, 2, { logits: true }));
  for (let b = 0; b < 2; b++) assert.ok(Math.abs(1 / (1 + Math.exp(-logits[b])) - probability[b]) < 1e-12);
  // BCE from logits: dL/dz = σ(z) - y; compare dL/dx with finite differences through the whole model
  const target = [1, 0];
  const loss = (): number => {
    const z = model.forward(x, 2, { training: true, logits: true });
    let sum = 0;
    for (let b = 0; b < 2; b++)
      sum += Math.max(z[b], 0) - z[b] * target[b] + Math.log1p(Math.exp(-Math.abs(z[b])));
    return sum;
  };
  const z = model.forward(x, 2, { training: true, logits: true });
  const gradLogits = Float64Array.from([0, 1], (b) => 1 / (1 + Math.exp(-z[b])) - target[b]);
  const gradInput = Float64Array.from(model.backward(gradLogits, 2));
  for (let i = 0; i < x.length; i++) {
    const saved = x[i];
    x[i] = saved + 1e-6;
    const up = loss();
    x[i] = saved - 1e-6;
    const down = loss();
    x[i] = saved;
    assert.ok(Math.abs((up - down) / 2e-6 - gradInput[i]) < 1e-7);
  }
});

test('float32 and float64 models built with one seed agree, and batch size does not change a sample', () => {
  const specs: LayerSpec[] = [
    { type: 'conv1d', filters: 3, kernelSize: 3, padding: 'same', activation: 'tanh' },
    { type: 'lstm', units: 4 },
    { type: 'dense', units: 2, activation: 'softmax' },
  ];
  const single = new Sequential(specs).build([10, 2], 7);
  const double = new Sequential(specs, FLOAT64).build([10, 2], 7);
  const x = Float32Array.from({ length: 5 * 20 }, (_, i) => Math.sin(i));
  const y32 = Float64Array.from(single.forward(x, 5));
  const y64 = double.forward(Float64Array.from(x), 5);
  y32.forEach((value, i) => assert.ok(Math.abs(value - y64[i]) < 1e-5));
  const first = single.forward(x, 1); // smaller batch after a larger one
  assert.deepEqual([...first], [...y32.slice(0, 2)]);
  single.forward(x, 5);
  assert.deepEqual([...single.forward(x, 2)], [...y32.slice(0, 4)]);
  assert.equal(single.backward(new Float32Array(4), 2).length, 2 * 20);
});

test('backward accumulates into grads until the trainer zeroes them', () => {
  const model = new Sequential([{ type: 'dense', units: 1 }]).build([2], 0);
  const x = Float32Array.of(1, 2);
  model.forward(x, 1, { training: true });
  model.backward(Float32Array.of(1), 1);
  model.forward(x, 1, { training: true });
  model.backward(Float32Array.of(1), 1);
  const [kernel, bias] = model.params();
  assert.deepEqual([...kernel.grad], [2, 4]);
  assert.deepEqual([...bias.grad], [2]);
});

test('a short input is refused with the sizes named', () => {
  const model = new Sequential([{ type: 'dense', units: 1 }]).build([4], 0);
  assert.throws(() => model.forward(new Float32Array(7), 2), /7 values, 2 samples need 8/);
  assert.throws(
    () => new Sequential([{ type: 'dense', units: 1 }]).forward(new Float32Array(1), 1),
    /not built/,
  );
});

test('dropout: seeded masks in training, identity at inference', () => {
  const specs: LayerSpec[] = [{ type: 'dropout', rate: 0.5 }];
  const a = new Sequential(specs).build([1000], 4);
  const b = new Sequential(specs).build([1000], 4);
  const x = new Float32Array(1000).fill(1);
  const ya = Float32Array.from(a.forward(x, 1, { training: true }));
  assert.deepEqual([...ya], [...b.forward(x, 1, { training: true })]);
  const kept = ya.filter((v) => v !== 0);
  assert.ok(kept.every((v) => v === 2) && kept.length > 430 && kept.length < 570);
  assert.deepEqual([...a.forward(x, 1)], [...x]);
});

test('building again for another input shape resizes the buffers', () => {
  const model = new Sequential(
    [
      { type: 'lstm', units: 3 },
      { type: 'dense', units: 1 },
    ],
    FLOAT64,
  ).build([4, 1], 2);
  model.forward(new Float64Array(2 * 4), 2);
  model.build([9, 1], 2);
  const x = Float64Array.from({ length: 9 }, (_, i) => i / 9);
  const reference = new Sequential(
    [
      { type: 'lstm', units: 3 },
      { type: 'dense', units: 1 },
    ],
    FLOAT64,
  ).build([9, 1], 2);
  assert.deepEqual([...model.forward(x, 1)], [...reference.forward(x, 1)]);
});

test('reseeding restarts the dropout masks: same seed, same masks', () => {
  const model = new Sequential([{ type: 'dropout', rate: 0.5 }]).build([64], 1);
  const x = new Float32Array(64).fill(1);
  model.reseed(10);
  const first = [...model.forward(x, 1, { training: true })];
  const next = [...model.forward(x, 1, { training: true })];
  model.reseed(10);
  assert.deepEqual([...model.forward(x, 1, { training: true })], first);
  assert.notDeepEqual(next, first);
});
