/**
 * TensorFlow.js (WebAssembly backend) peer for bench/runtime.ts: the same architecture with
 * the same weights, timed with model.predict (plus dataSync, so the result is in JS memory
 * as the edgeforge runtime's is): single-sample latency and batch-64 throughput, and the
 * outputs for the check windows so the benchmark can compare both functions.
 *   node dist-bench/bench/peers/tfjs-predict.js <model.json> <check.bin> <runs>
 * model.json: { config: SequentialConfig, weights: { name: number[] } } (Keras layouts).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { latencyStats, throughput } from './timing.js';

interface LayerConfig {
  type: string;
  name: string;
  [field: string]: unknown;
}

const [modelFile = 'model.json', checkFile = 'check.bin', runsArg = '1000'] = process.argv.slice(2);
const spec = JSON.parse(readFileSync(modelFile, 'utf8')) as {
  config: { inputShape: number[]; layers: LayerConfig[] };
  weights: Record<string, number[]>;
};
const wasmDir = dirname(
  createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'),
);
setWasmPaths(`${wasmDir}/`);
await tf.setBackend('wasm');

/** The tfjs layer for one edgeforge layer spec, with Keras's defaults where tfjs differs. */
function tfLayer(layer: LayerConfig): tf.layers.Layer {
  const field = <T>(name: string): T => layer[name] as T;
  switch (layer.type) {
    case 'lstm':
      // tfjs defaults to hard sigmoid gates; Keras (and edgeforge) use the sigmoid. The weights
      // are replaced below, so skip the slow orthogonal initialisation.
      return tf.layers.lstm({
        units: field('units'),
        returnSequences: field('returnSequences'),
        recurrentActivation: 'sigmoid',
        recurrentInitializer: 'zeros',
      });
    case 'conv1d':
      return tf.layers.conv1d({
        filters: field('filters'),
        kernelSize: field('kernelSize'),
        strides: field('strides'),
        dilationRate: field('dilationRate'),
        padding: field('padding'),
        activation: field('activation'),
        useBias: field('useBias'),
      });
    case 'max_pooling1d':
      return tf.layers.maxPooling1d({
        poolSize: field('poolSize'),
        strides: field('strides'),
        padding: field('padding'),
      });
    case 'global_average_pooling1d':
      return tf.layers.globalAveragePooling1d({});
    case 'flatten':
      return tf.layers.flatten();
    case 'dense':
      return tf.layers.dense({
        units: field('units'),
        activation: field('activation'),
        useBias: field('useBias'),
      });
    default:
      throw new Error(`the tfjs peer does not build '${layer.type}' layers`);
  }
}

/** Keras weight order per layer: kernel, recurrent kernel (recurrent layers), bias. */
const WEIGHT_ORDER = ['kernel', 'recurrent_kernel', 'bias'];

const [steps, channels] = spec.config.inputShape;
const model = tf.sequential();
model.add(tf.layers.inputLayer({ inputShape: [steps, channels] }));
const layers = spec.config.layers.map((layer) => {
  const built = tfLayer(layer);
  model.add(built);
  return { built, name: layer.name };
});
for (const { built, name } of layers) {
  const values = WEIGHT_ORDER.map((part) => spec.weights[`${name}/${part}`]).filter(
    (w): w is number[] => w !== undefined,
  );
  built.setWeights(built.getWeights().map((weight, i) => tf.tensor(values[i], weight.shape)));
}

const checkBytes = readFileSync(checkFile);
const check = new Float32Array(checkBytes.buffer, checkBytes.byteOffset, checkBytes.byteLength / 4).slice();
const sampleSize = steps * channels;
const checkCount = check.length / sampleSize;

const predict = (x: tf.Tensor): Float32Array =>
  tf.tidy(() => (model.predict(x) as tf.Tensor).dataSync() as Float32Array);

const outputs = Array.from(predict(tf.tensor3d(check, [checkCount, steps, channels])));
const one = tf.tensor3d(check.subarray(0, sampleSize), [1, steps, channels]);
const batch = tf.tensor3d(check.subarray(0, 64 * sampleSize), [64, steps, channels]);
const runs = Number(runsArg);
const single = latencyStats(() => predict(one), runs);
const batched = throughput(() => predict(batch), 64);
console.log(JSON.stringify({ backend: tf.getBackend(), outputs, single, batch: batched }));
