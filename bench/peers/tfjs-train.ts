/**
 * TensorFlow.js (WebAssembly backend) peer for bench/train.ts: the tutorial's LSTM trained on
 * the first `windows` training windows of the prepared split, timed per window. A full epoch
 * takes over a minute on this backend, so the benchmark times a slice and says so.
 *   node dist-bench/bench/peers/tfjs-train.js <split folder> <windows>
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

const [folder = '.', windowsArg = '640'] = process.argv.slice(2);
const meta = JSON.parse(readFileSync(join(folder, 'split.json'), 'utf8')) as {
  steps: number;
  channels: number;
  batch: number;
};
const wasmDir = dirname(
  createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'),
);
setWasmPaths(`${wasmDir}/`);
await tf.setBackend('wasm');

const windows = Number(windowsArg);
const xBytes = readFileSync(join(folder, 'train.x.bin'));
const yBytes = readFileSync(join(folder, 'train.y.bin'));
const sampleSize = meta.steps * meta.channels;
const x = new Float32Array(xBytes.buffer, xBytes.byteOffset, windows * sampleSize).slice();
const y = Float32Array.from(new Int32Array(yBytes.buffer, yBytes.byteOffset, windows));

const model = tf.sequential({
  layers: [
    tf.layers.lstm({ units: 32, returnSequences: true, inputShape: [meta.steps, meta.channels] }),
    tf.layers.lstm({ units: 16 }),
    tf.layers.dense({ units: 1, activation: 'sigmoid' }),
  ],
});
model.compile({ optimizer: tf.train.adam(0.001), loss: 'binaryCrossentropy' });
const xs = tf.tensor3d(x, [windows, meta.steps, meta.channels]);
const ys = tf.tensor1d(y);
// One warm-up batch compiles the kernels; then the timed pass over the slice.
await model.fit(xs.slice(0, meta.batch), ys.slice(0, meta.batch), {
  batchSize: meta.batch,
  epochs: 1,
  verbose: 0,
});
const started = performance.now();
await model.fit(xs, ys, { batchSize: meta.batch, epochs: 1, verbose: 0, shuffle: true });
const seconds = (performance.now() - started) / 1000;
console.log(
  JSON.stringify({ backend: tf.getBackend(), windows, seconds, msPerWindow: (seconds * 1000) / windows }),
);
