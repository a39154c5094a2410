/**
 * The LSTM's forward time loop on WebAssembly: a hand-computed two-step fixture, and layers of
 * odd sizes whose outputs and gradients equal the TypeScript loop's bit for bit (also for a
 * batch smaller than the buffers' capacity and across repeated calls); the fallback when off.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Sequential } from '../../src/nn/index.js';
import type { LayerSpec } from '../../src/nn/spec.js';
import { WasmLstmSteps } from '../../src/nn/kernels/wasm-lstm.js';
import { useWasmKernels } from '../../src/runtime/wasm/kernel-module.js';
import { Random } from '../../src/util/random.js';

/** Runs `body` with WebAssembly kernels switched on or off, back on afterwards. */
function withWasm<T>(on: boolean, body: () => T): T {
  useWasmKernels(on);
  try {
    return body();
  } finally {
    useWasmKernels(true);
  }
}

test('the WebAssembly loop exists here and declines when switched off', () => {
  assert.ok(WasmLstmSteps.create(3, 2, 5) !== undefined);
  assert.equal(
    withWasm(false, () => WasmLstmSteps.create(3, 2, 5)),
    undefined,
  );
});

test('a sequence too large for one instance declines (the TypeScript loop runs)', () => {
  // 5000 steps x 1024 sequences x 4·64 gates: 5 GB of gate values.
  assert.equal(WasmLstmSteps.create(5000, 1024, 64), undefined);
});

// The same weights and values as test/nn/recurrent-forward.test.ts (Python, math module).
test('a 1-unit float32 LSTM over two steps matches the hand computation', () => {
  const model = new Sequential([{ type: 'lstm', units: 1, returnSequences: true }]).build([2, 1], 0);
  model.setWeights({
    'lstm_1/kernel': [0.5, 0.5, 0.5, 0.5],
    'lstm_1/recurrent_kernel': [0.25, -0.5, 1, 0.75],
    'lstm_1/bias': [0, 1, 0, 0],
  });
  const y = model.forward(Float32Array.of(1, -1), 1);
  const expected = [0.17426971865610508, 0.020849520621167517];
  expected.forEach((value, i) => assert.ok(Math.abs(y[i] - value) <= 1e-6, `[${i}] ${y[i]} vs ${value}`));
});

/** Outputs, input gradients and weight gradients of a float32 model for two batch sizes, twice. */
function run(layers: LayerSpec[], steps: number, inputs: number, batches: number[]): Float32Array[] {
  const model = new Sequential(layers).build([steps, inputs], 3);
  const random = new Random(8);
  const results: Float32Array[] = [];
  for (const batch of [...batches, ...batches]) {
    const x = Float32Array.from({ length: batch * steps * inputs }, () => random.uniform(-3, 3));
    const y = model.forward(x, batch, { training: true });
    results.push(Float32Array.from(y));
    const grad = Float32Array.from({ length: y.length }, () => random.uniform(-1, 1));
    for (const param of model.params()) param.grad.fill(0);
    results.push(Float32Array.from(model.backward(grad, batch)));
    for (const param of model.params()) results.push(Float32Array.from(param.grad));
  }
  return results;
}

test('odd sizes: outputs and gradients equal the TypeScript loop bit for bit', () => {
  const cases: { layers: LayerSpec[]; steps: number; inputs: number; batches: number[] }[] = [
    { layers: [{ type: 'lstm', units: 5, returnSequences: true }], steps: 7, inputs: 3, batches: [6, 1] },
    {
      layers: [
        { type: 'lstm', units: 9, returnSequences: true },
        { type: 'lstm', units: 3 },
      ],
      steps: 5,
      inputs: 2,
      batches: [3, 2],
    },
    { layers: [{ type: 'lstm', units: 32 }], steps: 4, inputs: 1, batches: [33] },
  ];
  for (const { layers, steps, inputs, batches } of cases) {
    const onWasm = run(layers, steps, inputs, batches);
    const onTypescript = withWasm(false, () => run(layers, steps, inputs, batches));
    assert.equal(onWasm.length, onTypescript.length);
    onWasm.forEach((values, i) =>
      assert.deepEqual(values, onTypescript[i], `${JSON.stringify(layers)} #${i}`),
    );
  }
});

test('gate inputs swept from -900 to 900 and around the tanh series limit stay exact', () => {
  // x = 1 makes each gate pre-activation equal its kernel weight: exp clamps above 710 and
  // below -745, underflows, and tanh switches between its series and exp form at ±0.05.
  const units = 45;
  const sweep = [-900, -746, -745, -700, -30, -1, -0.0500001, -0.05, -0.0499999, -1e-9, 0];
  const weights = Array.from({ length: 4 * units }, (_, i) => {
    const value = sweep[i % sweep.length]! * (1 + (i % 3) * 1e-3);
    return i % 2 === 0 ? value : -value;
  });
  const layers: LayerSpec[] = [{ type: 'lstm', units, returnSequences: true }];
  const build = () => {
    const model = new Sequential(layers).build([2, 1], 1);
    model.setWeights({
      'lstm_1/kernel': weights,
      'lstm_1/recurrent_kernel': Array.from({ length: 4 * units * units }, (_, i) => ((i % 5) - 2) * 0.3),
      'lstm_1/bias': new Array(4 * units).fill(0),
    });
    const y = Float32Array.from(model.forward(Float32Array.of(1, 0.5), 1, { training: true }));
    const gradInput = Float32Array.from(
      model.backward(
        Float32Array.from(y, (v) => 1 - v),
        1,
      ),
    );
    return [y, gradInput, ...model.params().map((param) => Float32Array.from(param.grad))];
  };
  const onWasm = build();
  withWasm(false, build).forEach((values, i) => assert.deepEqual(onWasm[i], values, `#${i}`));
});

test('saturating gate inputs stay exact (exp clamps, tanh series near zero)', () => {
  const layers: LayerSpec[] = [{ type: 'lstm', units: 4, returnSequences: true }];
  const build = () => {
    const model = new Sequential(layers).build([3, 1], 1);
    model.setWeights({
      'lstm_1/kernel': Array.from({ length: 16 }, (_, i) => [400, -400, 0.001, -0.02][i % 4]!),
      'lstm_1/recurrent_kernel': Array.from({ length: 64 }, (_, i) => ((i % 7) - 3) * 0.01),
      'lstm_1/bias': Array.from({ length: 16 }, (_, i) => (i % 3) * 1e-3),
    });
    return Float32Array.from(model.forward(Float32Array.of(2, -1, 1e-4), 1));
  };
  assert.deepEqual(build(), withWasm(false, build));
});
