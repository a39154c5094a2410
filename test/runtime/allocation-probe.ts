/**
 * Run by allocation.test.ts as `node --expose-gc --trace-gc --import tsx allocation-probe.ts`:
 * for each model, after warm-up, rounds of 4,000 invocations between two marker lines, so the test can count the collections V8 reports in between and the heap
 * growth. An invoke() allocating even one 16-byte number would grow the heap by 64 kB in every
 * round (or trigger a collection); the engine's own occasional bookkeeping shows in some rounds only.
 */
import { lowerModel } from '../../src/graph/lower/index.js';
import type { LayerSpec } from '../../src/nn/spec.js';
import { Interpreter } from '../../src/runtime/index.js';
import { PRESET_NAMES, presetSettings } from '../../src/train/presets.js';
import { randomInputs, untrainedModel } from '../graph/model-fixtures.js';

const INVOKES = 4_000;
const WARM_UP = 3_000;
const ROUNDS = 3;
const STEPS = 4;
const CHANNELS = 2;
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with --expose-gc');

/** Every other op type: PAD (causal), DEPTHWISE, AVERAGE_POOL, MUL/ADD (batch norm), REDUCE_MAX, GRU sequences, standalone activations. */
const OTHERS: LayerSpec[] = [
  { type: 'conv1d', filters: 4, kernelSize: 2, padding: 'causal' },
  { type: 'activation', activation: 'relu6' },
  { type: 'depthwise_conv1d', kernelSize: 2, padding: 'same', depthMultiplier: 2 },
  { type: 'average_pooling1d', poolSize: 2, strides: 1, padding: 'same' },
  { type: 'gru', units: 4, returnSequences: true },
  { type: 'batch_normalization' },
  { type: 'activation', activation: 'tanh' },
  { type: 'global_max_pooling1d' },
  { type: 'dense', units: 1, activation: 'sigmoid' },
];

const models = [
  ...PRESET_NAMES.map((preset) => ({
    name: preset,
    layers: presetSettings(preset, { steps: STEPS, channels: CHANNELS, classes: 3 }).layers,
  })),
  { name: 'other ops', layers: OTHERS },
];
for (const { name, layers } of models) {
  const { model } = untrainedModel(layers, STEPS, CHANNELS, 'multiclass', ['a', 'b', 'c']);
  const interpreter = new Interpreter(lowerModel(model));
  const x = randomInputs(interpreter.input().length, 5);
  const run = (count: number) => {
    for (let i = 0; i < count; i++) {
      interpreter.input().set(x);
      interpreter.invoke();
    }
  };
  // Warm up until every kernel is optimised; a full collection can deoptimise code that
  // referred to now dead objects (earlier models), so warm up again after it.
  run(WARM_UP);
  gc();
  run(WARM_UP);
  for (let round = 0; round < ROUNDS; round++) {
    const before = process.memoryUsage().heapUsed;
    console.log(`START ${name}`);
    run(INVOKES);
    const growth = process.memoryUsage().heapUsed - before;
    console.log(`END ${name} growth ${growth}`);
  }
}
