/**
 * The WebAssembly training GEMMs against a hand-computed product, a naive reference summed
 * the way gemm.ts specifies (double, sequential over k, rounded once) and gemm.ts itself, bit
 * for bit, for odd sizes and unaligned offsets; the fallback when switched off; and a training
 * run that ends with the same weights on both paths.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gemm, type GemmVariant, type VariantGemm } from '../../src/nn/kernels/gemm.js';
import { TRAIN_GEMM, wasmGemm } from '../../src/nn/kernels/wasm-gemm.js';
import { Sequential } from '../../src/nn/sequential.js';
import { fit } from '../../src/train/fit.js';
import { createAdam } from '../../src/train/optimizers/adam.js';
import { presetSettings } from '../../src/train/presets.js';
import { constantLr } from '../../src/train/schedules.js';
import { useWasmKernels, wasmKernelsAvailable } from '../../src/runtime/wasm/kernel-module.js';
import { Random } from '../../src/util/random.js';
import { toyWindows } from '../train/fixtures.js';

const VARIANTS: GemmVariant[] = ['NN', 'NT', 'TN'];

function runWasm(...args: Parameters<typeof wasmGemm>): void {
  assert.equal(wasmGemm(...args), true, 'the product ran on WebAssembly');
}

/** C[i,j] = f32(C[i,j] + Σ_p op(A)[i,p]·op(B)[p,j]) with the sum in double, p = 0, 1, ... */
const reference: VariantGemm<Float32Array, void> = (variant, m, n, k, a, aOff, b, bOff, c, cOff) => {
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let p = 0; p < k; p++) {
        const x = variant === 'TN' ? a[aOff + p * m + i] : a[aOff + i * k + p];
        const y = variant === 'NT' ? b[bOff + j * k + p] : b[bOff + p * n + j];
        sum += x * y;
      }
      c[cOff + i * n + j] = Math.fround(c[cOff + i * n + j] + sum);
    }
  }
};

function randomArray(random: Random, length: number): Float32Array {
  return Float32Array.from({ length }, () => random.uniform(-2, 2));
}

test('Node 20 has WebAssembly SIMD, so the training GEMMs are on', () => {
  assert.equal(wasmKernelsAvailable(TRAIN_GEMM), true);
});

test('a hand-computed product in every variant, added to what C held', () => {
  // op(A) = [[1, 2, 3], [4, 5, 6]], op(B) = [[1, 0], [0, 1], [2, -1]], C = [[10, 20], [30, 40]]:
  // op(A)·op(B) = [[7, -1], [16, -1]] -> C = [[17, 19], [46, 39]].
  const operands = {
    NN: [
      [1, 2, 3, 4, 5, 6],
      [1, 0, 0, 1, 2, -1],
    ],
    NT: [
      [1, 2, 3, 4, 5, 6],
      [1, 0, 2, 0, 1, -1],
    ],
    TN: [
      [1, 4, 2, 5, 3, 6],
      [1, 0, 0, 1, 2, -1],
    ],
  };
  for (const variant of VARIANTS) {
    const [a, b] = operands[variant];
    const c = Float32Array.from([10, 20, 30, 40]);
    runWasm(variant, 2, 2, 3, Float32Array.from(a!), 0, Float32Array.from(b!), 0, c, 0);
    assert.deepEqual(Array.from(c), [17, 19, 46, 39], variant);
  }
});

test('odd sizes and unaligned offsets: bit for bit the reference and gemm.ts', () => {
  const random = new Random(11);
  const sizes = [
    [1, 1, 1],
    [3, 5, 7],
    [4, 4, 4],
    [5, 9, 1],
    [13, 3, 33],
    [32, 128, 32],
    [33, 17, 65],
    [7, 64, 2017],
  ];
  for (const [m, n, k] of sizes as [number, number, number][]) {
    for (const variant of VARIANTS) {
      const [aOff, bOff, cOff] = [random.int(5), random.int(5), random.int(5)];
      const a = randomArray(random, aOff + m * k + 3);
      const b = randomArray(random, bOff + k * n + 2);
      const expected = randomArray(random, cOff + m * n + 1);
      const fromWasm = expected.slice();
      const fromTypescript = expected.slice();
      reference(variant, m, n, k, a, aOff, b, bOff, expected, cOff);
      runWasm(variant, m, n, k, a, aOff, b, bOff, fromWasm, cOff);
      gemm(variant, m, n, k, a, aOff, b, bOff, fromTypescript, cOff);
      const label = `${variant} ${m}x${n}x${k}`;
      assert.deepEqual(fromWasm, expected, label);
      assert.deepEqual(fromTypescript, expected, `${label} (gemm.ts)`);
    }
  }
});

test('repeated products, growing the memory and shrinking again, stay exact', () => {
  const random = new Random(5);
  for (const [m, n, k] of [
    [6, 6, 6],
    [300, 130, 90],
    [6, 6, 6],
  ] as [number, number, number][]) {
    const a = randomArray(random, m * k);
    const b = randomArray(random, k * n);
    const expected = randomArray(random, m * n);
    const actual = expected.slice();
    reference('NN', m, n, k, a, 0, b, 0, expected, 0);
    runWasm('NN', m, n, k, a, 0, b, 0, actual, 0);
    runWasm('NN', m, n, k, a, 0, b, 0, actual, 0);
    reference('NN', m, n, k, a, 0, b, 0, expected, 0);
    assert.deepEqual(actual, expected, `${m}x${n}x${k}`);
  }
});

test('switched off, the WebAssembly product declines and leaves C alone', () => {
  useWasmKernels(false);
  try {
    const c = Float32Array.from([1, 2]);
    assert.equal(wasmGemm('NN', 1, 2, 1, Float32Array.of(3), 0, Float32Array.of(4, 5), 0, c, 0), false);
    assert.deepEqual(Array.from(c), [1, 2]);
  } finally {
    useWasmKernels(true);
  }
});

test('a product too large for one instance declines before touching its operands', () => {
  const c = Float32Array.from([1, 2]);
  // 20000³: 3.2 GB of packed operands, beyond MAX_INSTANCE_BYTES (gemm.ts would run it).
  assert.equal(
    wasmGemm('NN', 20000, 20000, 20000, Float32Array.of(3), 0, Float32Array.of(4), 0, c, 0),
    false,
  );
  assert.deepEqual(Array.from(c), [1, 2]);
});

/** One epoch of lstm-tutorial on a small set; the final weights. */
async function trainedWeights(wasm: boolean): Promise<Record<string, Float32Array>> {
  useWasmKernels(wasm);
  try {
    const train = toyWindows(96, 24, 3);
    const preset = presetSettings('lstm-tutorial', { steps: 24, channels: 1, classes: 2 });
    const model = new Sequential(preset.layers).build([24, 1], 9);
    await fit(model, train, undefined, {
      task: preset.task,
      epochs: 1,
      batchSize: 32,
      seed: 9,
      shuffle: true,
      optimizer: createAdam({ learningRate: 0.01 }),
      schedule: constantLr(0.01),
      classWeight: 'none',
      earlyStopping: false,
    });
    return model.getWeights();
  } finally {
    useWasmKernels(true);
  }
}

test('lstm-tutorial trained for an epoch ends with the same weights on WebAssembly and off it', async () => {
  const onWasm = await trainedWeights(true);
  const onTypescript = await trainedWeights(false);
  assert.deepEqual(Object.keys(onWasm), Object.keys(onTypescript));
  for (const name of Object.keys(onWasm)) assert.deepEqual(onWasm[name], onTypescript[name], name);
  // Training moved the weights: a fresh model's differ.
  const preset = presetSettings('lstm-tutorial', { steps: 24, channels: 1, classes: 2 });
  const fresh = new Sequential(preset.layers).build([24, 1], 9).getWeights();
  assert.notDeepEqual(fresh['lstm_1/recurrent_kernel'], onWasm['lstm_1/recurrent_kernel']);
});
