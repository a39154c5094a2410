import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EdgeforgeError } from '../../src/errors.js';
import { lowerModel } from '../../src/graph/lower/index.js';
import type { Graph, OpDef } from '../../src/graph/types.js';
import type { LayerSpec } from '../../src/nn/spec.js';
import { presetModel, untrainedModel } from './model-fixtures.js';

/** "TYPE(ACTIVATION) -> output name [shape]" per op. */
function describeOps(graph: Graph): string[] {
  return graph.ops.map((op) => {
    const activation = 'fusedActivation' in op.options ? `(${op.options.fusedActivation})` : '';
    const output = graph.tensors[op.outputs[0]!]!;
    return `${op.type}${activation} -> ${output.name} [${output.shape.join(',')}]`;
  });
}

function tensorNamed(graph: Graph, name: string) {
  const tensor = graph.tensors.find((candidate) => candidate.name === name);
  assert.ok(tensor, `no tensor '${name}'`);
  return tensor;
}

function ints(graph: Graph, op: OpDef, position: number): number[] {
  return Array.from(graph.tensors[op.inputs[position]!]!.data!);
}

test('lstm-tutorial: two LSTMs (the second sliced to its last step), Dense + LOGISTIC', () => {
  const { model } = presetModel('lstm-tutorial', 16, 3, 2);
  const graph = lowerModel(model, 'runs/demo/model.json');
  assert.deepEqual(describeOps(graph), [
    'UNIDIRECTIONAL_SEQUENCE_LSTM(TANH) -> lstm_1/output [1,16,32]',
    'UNIDIRECTIONAL_SEQUENCE_LSTM(TANH) -> lstm_2/sequence [1,16,16]',
    'STRIDED_SLICE -> lstm_2/output [1,16]',
    'FULLY_CONNECTED(NONE) -> dense_1/linear [1,1]',
    'LOGISTIC -> dense_1/output [1,1]',
  ]);
  assert.deepEqual(graph.tensors[graph.inputs[0]!]!, { name: 'input', shape: [1, 16, 3], dtype: 'float32' });
  const lstm = graph.ops[0]!;
  assert.equal(lstm.inputs.length, 24);
  assert.deepEqual(
    [9, 10, 11, 16, 17, 20, 21, 22, 23].map((position) => lstm.inputs[position]),
    [-1, -1, -1, -1, -1, -1, -1, -1, -1],
  );
  assert.deepEqual(lstm.options, { fusedActivation: 'TANH', cellClip: 0, projClip: 0, timeMajor: false });
  // Gate g's input weights are Keras kernel columns g·u .. (g+1)·u, transposed: W_g[j][i] = K[i][g·u + j].
  const kernel = model.weights['lstm_1/kernel']!;
  const recurrent = model.weights['lstm_1/recurrent_kernel']!;
  const bias = model.weights['lstm_1/bias']!;
  ['input', 'forget', 'cell', 'output'].forEach((gate, g) => {
    const weights = graph.tensors[lstm.inputs[1 + g]!]!;
    assert.equal(weights.name, `lstm_1/${gate}_kernel`);
    assert.deepEqual(weights.shape, [32, 3]);
    assert.equal(weights.data![5 * 3 + 2], kernel[2 * 128 + g * 32 + 5]);
    const recurrentWeights = graph.tensors[lstm.inputs[5 + g]!]!;
    assert.deepEqual(recurrentWeights.shape, [32, 32]);
    assert.equal(recurrentWeights.data![7 * 32 + 30], recurrent[30 * 128 + g * 32 + 7]);
    assert.deepEqual(graph.tensors[lstm.inputs[12 + g]!]!.data, bias.slice(g * 32, g * 32 + 32));
  });
  assert.deepEqual(graph.tensors[lstm.inputs[18]!], {
    name: 'lstm_1/output_state',
    shape: [1, 32],
    dtype: 'float32',
    variable: true,
  });
  assert.deepEqual(graph.tensors[lstm.inputs[19]!]!.shape, [1, 32]);
  const slice = graph.ops[2]!;
  assert.deepEqual(
    [ints(graph, slice, 1), ints(graph, slice, 2), ints(graph, slice, 3)],
    [
      [0, 15, 0],
      [1, 16, 16],
      [1, 1, 1],
    ],
  );
  assert.deepEqual(slice.options, {
    beginMask: 5,
    endMask: 5,
    ellipsisMask: 0,
    newAxisMask: 0,
    shrinkAxisMask: 2,
  });
  assert.deepEqual(graph.metadata.task, 'binary');
  assert.deepEqual(graph.metadata.classes, ['class0', 'class1']);
  assert.equal(graph.metadata.source, 'edgeforge model runs/demo/model.json');
  assert.deepEqual(graph.metadata.preprocessing?.channelNames, ['ch0', 'ch1', 'ch2']);
  assert.deepEqual(graph.metadata.notes, { preset: 'lstm-tutorial', trainedAt: '2024-01-01T00:00:00.000Z' });
});

test('gru-small: GRU with transposed kernels and split biases, Dense + SOFTMAX', () => {
  const { model } = presetModel('gru-small', 16, 3, 3);
  const graph = lowerModel(model);
  assert.deepEqual(describeOps(graph), [
    'GRU -> gru_1/output [1,24]',
    'FULLY_CONNECTED(NONE) -> dense_1/linear [1,3]',
    'SOFTMAX -> dense_1/output [1,3]',
  ]);
  const gru = graph.ops[0]!;
  assert.deepEqual(gru.options, { resetAfter: true, timeMajor: false, returnSequences: false });
  const [kernel, recurrent, inputBias, recurrentBias, state] = gru.inputs
    .slice(1)
    .map((index) => graph.tensors[index]!);
  assert.deepEqual(kernel!.shape, [72, 3]);
  assert.equal(kernel!.data![40 * 3 + 1], model.weights['gru_1/kernel']![1 * 72 + 40]);
  assert.deepEqual(recurrent!.shape, [72, 24]);
  assert.equal(recurrent!.data![50 * 24 + 23], model.weights['gru_1/recurrent_kernel']![23 * 72 + 50]);
  assert.deepEqual(inputBias!.data, model.weights['gru_1/bias']!.slice(0, 72));
  assert.deepEqual(recurrentBias!.data, model.weights['gru_1/bias']!.slice(72));
  assert.deepEqual(state, { name: 'gru_1/state', shape: [1, 24], dtype: 'float32', variable: true });
  assert.deepEqual(graph.ops[2]!.options, { beta: 1 });
  // Dense weights [out, in] = Keras [in, out] transposed.
  const dense = tensorNamed(graph, 'dense_1/kernel');
  assert.deepEqual(dense.shape, [3, 24]);
  assert.equal(dense.data![2 * 24 + 17], model.weights['dense_1/kernel']![17 * 3 + 2]);
});

test('cnn1d-small stays 4-D through its conv/pool stack, ReLU fused, MEAN over [1, 2]', () => {
  const { model } = presetModel('cnn1d-small', 16, 3, 2);
  const graph = lowerModel(model);
  assert.deepEqual(describeOps(graph), [
    'RESHAPE -> conv1d_1/input_4d [1,1,16,3]',
    'CONV_2D(RELU) -> conv1d_1/output [1,1,16,16]',
    'MAX_POOL_2D(NONE) -> max_pooling1d_1/output [1,1,8,16]',
    'CONV_2D(RELU) -> conv1d_2/output [1,1,8,32]',
    'MAX_POOL_2D(NONE) -> max_pooling1d_2/output [1,1,4,32]',
    'CONV_2D(RELU) -> conv1d_3/output [1,1,4,32]',
    'MEAN -> global_average_pooling1d_1/output [1,32]',
    'FULLY_CONNECTED(NONE) -> dense_1/linear [1,1]',
    'LOGISTIC -> dense_1/output [1,1]',
  ]);
  assert.deepEqual(ints(graph, graph.ops[0]!, 1), [1, 1, 16, 3]);
  assert.deepEqual(graph.ops[1]!.options, {
    padding: 'SAME',
    strideH: 1,
    strideW: 1,
    dilationH: 1,
    dilationW: 1,
    fusedActivation: 'RELU',
  });
  assert.deepEqual(graph.ops[2]!.options, {
    padding: 'VALID',
    strideH: 1,
    strideW: 2,
    filterH: 1,
    filterW: 2,
    fusedActivation: 'NONE',
  });
  assert.deepEqual(ints(graph, graph.ops[6]!, 1), [1, 2]);
  // OHWI filter [16, 1, 5, 3]: F[f][0][t][c] = K[t][c][f] of Keras's [5, 3, 16].
  const filter = tensorNamed(graph, 'conv1d_1/kernel');
  assert.deepEqual(filter.shape, [16, 1, 5, 3]);
  assert.equal(filter.data![(11 * 5 + 4) * 3 + 2], model.weights['conv1d_1/kernel']![(4 * 3 + 2) * 16 + 11]);
});

test('mlp drops its dropout; autoencoders keep a linear output of steps·channels', () => {
  const mlp = lowerModel(presetModel('mlp', 16, 3, 3).model);
  assert.deepEqual(describeOps(mlp), [
    'RESHAPE -> flatten_1/output [1,48]',
    'FULLY_CONNECTED(RELU) -> dense_1/output [1,64]',
    'FULLY_CONNECTED(RELU) -> dense_2/output [1,32]',
    'FULLY_CONNECTED(NONE) -> dense_3/linear [1,3]',
    'SOFTMAX -> dense_3/output [1,3]',
  ]);
  assert.deepEqual(ints(mlp, mlp.ops[0]!, 1), [1, 48]);

  const { model } = presetModel('autoencoder', 16, 3, 2);
  const autoencoder = lowerModel(model);
  assert.deepEqual(describeOps(autoencoder), [
    'RESHAPE -> flatten_1/output [1,48]',
    'FULLY_CONNECTED(RELU) -> dense_1/output [1,32]',
    'FULLY_CONNECTED(RELU) -> dense_2/output [1,8]',
    'FULLY_CONNECTED(RELU) -> dense_3/output [1,32]',
    'FULLY_CONNECTED(NONE) -> dense_4/output [1,48]',
  ]);
  assert.equal(autoencoder.metadata.task, 'autoencoder');
  assert.deepEqual(autoencoder.metadata.anomaly, { threshold: 0.5, normalClass: 'class0' });

  const conv = lowerModel(presetModel('autoencoder-conv', 16, 3, 2).model);
  assert.deepEqual(describeOps(conv), [
    'RESHAPE -> conv1d_1/input_4d [1,1,16,3]',
    'CONV_2D(RELU) -> conv1d_1/output [1,1,8,16]',
    'CONV_2D(RELU) -> conv1d_2/output [1,1,4,8]',
    'RESHAPE -> flatten_1/output [1,32]',
    'FULLY_CONNECTED(NONE) -> dense_1/output [1,48]',
  ]);
  assert.equal((conv.ops[1]!.options as { strideW: number }).strideW, 2);
});

test('other layers: causal PAD, depthwise, same-padded average pool, global max over time, Dense over time, activation layers', () => {
  const layers: LayerSpec[] = [
    { type: 'conv1d', filters: 4, kernelSize: 3, dilationRate: 2, padding: 'causal' },
    { type: 'activation', activation: 'relu6' },
    { type: 'depthwise_conv1d', kernelSize: 3, depthMultiplier: 2, padding: 'same', activation: 'tanh' },
    { type: 'average_pooling1d', poolSize: 3, strides: 2, padding: 'same' },
    { type: 'activation', activation: 'relu' },
    { type: 'dense', units: 5, activation: 'relu' },
    { type: 'activation', activation: 'relu' },
    { type: 'lstm', units: 6, returnSequences: true },
    { type: 'global_max_pooling1d' },
    { type: 'activation', activation: 'sigmoid' },
  ];
  const graph = lowerModel(untrainedModel(layers, 10, 2, 'binary', ['a', 'b']).model);
  assert.deepEqual(describeOps(graph), [
    'RESHAPE -> conv1d_1/input_4d [1,1,10,2]',
    'PAD -> conv1d_1/padded [1,1,14,2]',
    'CONV_2D(RELU6) -> conv1d_1/output [1,1,10,4]',
    'DEPTHWISE_CONV_2D(TANH) -> depthwise_conv1d_1/output [1,1,10,8]',
    'AVERAGE_POOL_2D(RELU) -> average_pooling1d_1/output [1,1,5,8]',
    'RESHAPE -> dense_1/input_3d [1,5,8]',
    'FULLY_CONNECTED(RELU) -> dense_1/output [1,5,5]',
    'RELU -> activation_3/output [1,5,5]',
    'UNIDIRECTIONAL_SEQUENCE_LSTM(TANH) -> lstm_1/output [1,5,6]',
    'REDUCE_MAX -> global_max_pooling1d_1/output [1,6]',
    'LOGISTIC -> activation_4/output [1,6]',
  ]);
  assert.deepEqual(Array.from(graph.tensors[graph.ops[1]!.inputs[1]!]!.data!), [0, 0, 0, 0, 4, 0, 0, 0]);
  assert.equal((graph.ops[2]!.options as { padding: string }).padding, 'VALID');
  assert.equal((graph.ops[2]!.options as { dilationW: number }).dilationW, 2);
  assert.equal((graph.ops[6]!.options as { keepNumDims: boolean }).keepNumDims, true);
  assert.deepEqual(ints(graph, graph.ops[9]!, 1), [1]);
  // The depthwise kernel [3, 4, 2] is already [1, 1, 3, 8] in memory.
  const depthwise = tensorNamed(graph, 'depthwise_conv1d_1/depthwise_kernel');
  assert.deepEqual(depthwise.shape, [1, 1, 3, 8]);
});

test('a model ending in a convolution answers in [1, T, C]; missing weights are clean errors', () => {
  const layers: LayerSpec[] = [{ type: 'conv1d', filters: 2, kernelSize: 3 }];
  const { model } = untrainedModel(layers, 8, 1, 'binary', ['a', 'b']);
  const graph = lowerModel(model);
  assert.deepEqual(describeOps(graph).slice(-1), ['RESHAPE -> output [1,6,2]']);

  delete model.weights['conv1d_1/bias'];
  assert.throws(
    () => lowerModel(model, 'm/model.json'),
    (error: unknown) =>
      error instanceof EdgeforgeError &&
      error.oneLine().startsWith("m/model.json: weights['conv1d_1/bias']: is missing"),
  );
  model.weights['conv1d_1/bias'] = new Float32Array(3);
  assert.throws(
    () => lowerModel(model, 'm/model.json'),
    (error: unknown) =>
      error instanceof EdgeforgeError && /has 3 values, shape \[2\] needs 2/.test(error.message),
  );
});
