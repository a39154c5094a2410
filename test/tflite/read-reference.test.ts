import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readTflite } from '../../src/export/tflite/read/read-tflite.js';
import { readTfliteFile } from '../../src/export/tflite/read/read-file.js';
import { EdgeforgeError } from '../../src/errors.js';
import type { Graph, OpDef } from '../../src/graph/types.js';
import { loadReferenceCases, referenceModelPath, type ReferenceTensor } from './reference-cases.js';

const cases = loadReferenceCases();
const models = [...new Set(cases.map((entry) => entry.model))];

function opOf<T extends OpDef['type']>(graph: Graph, index: number, type: T): Extract<OpDef, { type: T }> {
  const op = graph.ops[index]!;
  assert.equal(op.type, type);
  return op as Extract<OpDef, { type: T }>;
}

/** Relative agreement with the manifest's 9 significant digits. */
function assertScale(actual: number | undefined, expected: number): void {
  assert.ok(
    actual !== undefined && Math.abs(actual - expected) <= 1e-8 * expected,
    `${actual} vs ${expected}`,
  );
}

function assertTensorMatches(graph: Graph, index: number, reference: ReferenceTensor): void {
  const tensor = graph.tensors[index]!;
  assert.equal(tensor.dtype, reference.dtype);
  assert.deepEqual(tensor.shape, reference.shape);
  if (reference.dtype === 'float32') {
    assert.equal(tensor.quantization, undefined);
    return;
  }
  assertScale(tensor.quantization?.scale[0], reference.scale);
  assert.deepEqual(tensor.quantization?.zeroPoint, [reference.zeroPoint]);
}

// Every reference model, the full-integer LSTM included, maps and passes the deploy-graph validator.
const graphs = new Map(
  models.map((model) => [model, readTflite(readFileSync(referenceModelPath(model)), model)]),
);

test('every reference model has the manifest operators and input/output tensors', () => {
  for (const entry of cases) {
    const graph = graphs.get(entry.model)!;
    assert.deepEqual(
      graph.ops.map((op) => op.type),
      entry.ops,
      entry.model,
    );
    assert.equal(graph.inputs.length, 1);
    assert.equal(graph.outputs.length, 1);
    assertTensorMatches(graph, graph.inputs[0]!, entry.inputTensor);
    assertTensorMatches(graph, graph.outputs[0]!, entry.outputTensor);
  }
});

test('graph metadata marks a foreign model and records the TFLite facts', async () => {
  const graph = await readTfliteFile(referenceModelPath('micro_speech_quantized.tflite'));
  assert.equal(graph.metadata.task, 'other');
  assert.deepEqual(graph.metadata.classes, []);
  assert.equal(graph.metadata.preprocessing, undefined);
  assert.equal(graph.metadata.source, `tflite file ${referenceModelPath('micro_speech_quantized.tflite')}`);
  const notes = graph.metadata.notes!;
  assert.equal(notes['tflite.schema_version'], 3);
  assert.equal(
    notes['tflite.op_versions'],
    'RESHAPE v1, DEPTHWISE_CONV_2D v3, FULLY_CONNECTED v4, SOFTMAX v2',
  );
  // The converter's text, found in the raw bytes.
  const text = new TextDecoder('latin1').decode(
    readFileSync(referenceModelPath('micro_speech_quantized.tflite')),
  );
  assert.ok(text.includes(`${notes['tflite.min_runtime_version']}\0`));
  assert.ok(text.includes(String(notes['tflite.description'])));
  assert.equal(graphs.get('trained_lstm.tflite')!.metadata.notes!['tflite.signatures'], 'serving_default');
});

/**
 * An independent walk over the flatbuffer (FlatBuffers binary layout, schema field ids):
 * root table -> subgraphs[0] -> tensors[i], and its buffer's bytes.
 */
function decodeTensorByHand(bytes: Uint8Array, tensorIndex: number) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const field = (table: number, id: number): number => {
    const vtable = table - view.getInt32(table, true);
    if (4 + 2 * id >= view.getUint16(vtable, true)) return 0;
    const at = view.getUint16(vtable + 4 + 2 * id, true);
    return at === 0 ? 0 : table + at;
  };
  const deref = (at: number) => at + view.getUint32(at, true);
  const element = (vector: number, i: number) => deref(vector + 4 + 4 * i);
  const ints = (vector: number) =>
    Array.from({ length: view.getUint32(vector, true) }, (_, i) => view.getInt32(vector + 4 + 4 * i, true));
  const model = deref(0);
  const subgraph = element(deref(field(model, 2)), 0);
  const tensor = element(deref(field(subgraph, 0)), tensorIndex);
  const buffer = element(deref(field(model, 4)), view.getUint32(field(tensor, 2), true));
  const data = deref(field(buffer, 0));
  const quantization = field(tensor, 4) === 0 ? undefined : deref(field(tensor, 4));
  const scales = quantization === undefined ? undefined : deref(field(quantization, 2));
  return {
    shape: ints(deref(field(tensor, 0))),
    type: field(tensor, 1) === 0 ? 0 : view.getInt8(field(tensor, 1)),
    data: bytes.subarray(data + 4, data + 4 + view.getUint32(data, true)),
    scales:
      scales === undefined
        ? []
        : Array.from({ length: view.getUint32(scales, true) }, (_, i) =>
            view.getFloat32(scales + 4 + 4 * i, true),
          ),
    quantizedDimension: quantization === undefined ? 0 : view.getInt32(field(quantization, 6), true),
  };
}

test('float weights equal the bytes decoded by hand', () => {
  const bytes = readFileSync(referenceModelPath('hello_world_float.tflite'));
  const graph = graphs.get('hello_world_float.tflite')!;
  const fc = opOf(graph, 1, 'FULLY_CONNECTED');
  const weights = graph.tensors[fc.inputs[1]!]!;
  const byHand = decodeTensorByHand(bytes, fc.inputs[1]!);
  assert.equal(byHand.type, 0); // FLOAT32
  assert.deepEqual(weights.shape, byHand.shape);
  assert.deepEqual(weights.shape, [16, 16]);
  const view = new DataView(byHand.data.buffer, byHand.data.byteOffset, byHand.data.length);
  assert.equal(byHand.data.length, 16 * 16 * 4);
  assert.ok(weights.data instanceof Float32Array);
  weights.data.forEach((value, i) => assert.equal(value, view.getFloat32(4 * i, true)));
  assert.deepEqual(fc.options, { fusedActivation: 'RELU', keepNumDims: false });
  assert.deepEqual(opOf(graph, 2, 'FULLY_CONNECTED').options, {
    fusedActivation: 'NONE',
    keepNumDims: false,
  });
});

test('per-channel int8 depthwise filter: scales along quantized_dimension 3, data as decoded by hand', () => {
  const bytes = readFileSync(referenceModelPath('micro_speech_quantized.tflite'));
  const graph = graphs.get('micro_speech_quantized.tflite')!;
  const depthwise = opOf(graph, 1, 'DEPTHWISE_CONV_2D');
  const filterIndex = depthwise.inputs[1]!;
  const filter = graph.tensors[filterIndex]!;
  const byHand = decodeTensorByHand(bytes, filterIndex);
  assert.equal(byHand.type, 9); // INT8
  assert.deepEqual(filter.shape, [1, 10, 8, 8]);
  assert.deepEqual(filter.shape, byHand.shape);
  assert.equal(byHand.quantizedDimension, 3);
  assert.equal(filter.quantization?.axis, 3);
  assert.deepEqual(filter.quantization?.scale, byHand.scales);
  assert.deepEqual(filter.quantization?.zeroPoint, new Array(8).fill(0));
  assert.deepEqual(
    Array.from(filter.data!),
    Array.from(new Int8Array(byHand.data.buffer, byHand.data.byteOffset, 640)),
  );
  // One input channel, eight filters: the multiplier follows from the shapes.
  assert.deepEqual(depthwise.options, {
    padding: 'SAME',
    strideH: 2,
    strideW: 2,
    dilationH: 1,
    dilationW: 1,
    fusedActivation: 'RELU',
    depthMultiplier: 8,
  });
  // TFLite's int8 rule: bias scale = input scale x filter scale, per channel.
  const bias = graph.tensors[depthwise.inputs[2]!]!;
  const inputScale = graph.tensors[depthwise.inputs[0]!]!.quantization!.scale[0]!;
  assert.equal(bias.dtype, 'int32');
  assert.equal(bias.quantization?.axis, 0);
  bias.quantization!.scale.forEach((scale, channel) =>
    assert.ok(Math.abs(scale - inputScale * byHand.scales[channel]!) <= 1e-6 * scale),
  );
  const reshape = opOf(graph, 0, 'RESHAPE');
  // The file's own shape constant: its -1 batch needs no translation.
  assert.deepEqual(reshape.inputs, [3, 5]);
  assert.deepEqual(Array.from(graph.tensors[reshape.inputs[1]!]!.data!), [-1, 49, 40, 1]);
});

test('int8 fully connected: per-tensor scales with bias scale = input scale x weight scale', () => {
  const graph = graphs.get('hello_world_int8.tflite')!;
  for (const op of graph.ops) {
    const [input, weights, bias] = op.inputs.map((index) => graph.tensors[index]!);
    assert.equal(weights!.dtype, 'int8');
    assert.equal(bias!.dtype, 'int32');
    const expected = input!.quantization!.scale[0]! * weights!.quantization!.scale[0]!;
    assert.ok(Math.abs(bias!.quantization!.scale[0]! - expected) <= 1e-6 * expected);
    assert.deepEqual(weights!.quantization!.zeroPoint, [0]);
  }
});

test('float LSTM: 24 TFLite operands, variable state, options', () => {
  const graph = graphs.get('trained_lstm.tflite')!;
  const lstm = opOf(graph, 0, 'UNIDIRECTIONAL_SEQUENCE_LSTM');
  assert.equal(lstm.inputs.length, 24);
  const absent = lstm.inputs.flatMap((index, position) => (index === -1 ? [position] : []));
  assert.deepEqual(absent, [9, 10, 11, 16, 17, 20, 21, 22, 23]);
  for (const position of [18, 19]) {
    const state = graph.tensors[lstm.inputs[position]!]!;
    assert.equal(state.variable, true);
    assert.equal(state.data, undefined);
    assert.deepEqual(state.shape, [1, 20]);
  }
  assert.deepEqual(graph.tensors[lstm.inputs[1]!]!.shape, [20, 28]);
  assert.deepEqual(graph.tensors[lstm.inputs[5]!]!.shape, [20, 20]);
  assert.deepEqual(lstm.options, { fusedActivation: 'TANH', cellClip: 10, projClip: 0, timeMajor: false });
  assert.equal(lstm.intermediates, undefined);
  assert.deepEqual(graph.tensors[lstm.outputs[0]!]!.shape, [1, 28, 20]);
});

test('int8 LSTM: int8 output state, int16 cell state with a power-of-two scale, five intermediates', () => {
  const graph = graphs.get('trained_lstm_int8.tflite')!;
  const lstm = opOf(graph, 0, 'UNIDIRECTIONAL_SEQUENCE_LSTM');
  const outputState = graph.tensors[lstm.inputs[18]!]!;
  const cellState = graph.tensors[lstm.inputs[19]!]!;
  assert.equal(outputState.dtype, 'int8');
  assert.equal(outputState.variable, true);
  assert.equal(cellState.dtype, 'int16');
  assert.equal(cellState.variable, true);
  assert.deepEqual(cellState.quantization?.scale, [2 ** -12]);
  // The output state shares the LSTM output's quantization.
  assert.deepEqual(outputState.quantization, graph.tensors[lstm.outputs[0]!]!.quantization);
  assert.equal(lstm.intermediates?.length, 5);
  const names = lstm.intermediates!.map((index) => graph.tensors[index]!.name);
  assert.deepEqual(names, [
    'input_to_input_intermediate',
    'input_to_forget_intermediate',
    'input_to_cell_intermediate',
    'input_to_output_intermediate',
    'effective_hidden_scale_intermediate',
  ]);
});

test('readTfliteFile names a missing file', async () => {
  await assert.rejects(
    readTfliteFile(referenceModelPath('no-such-model.tflite')),
    (error: unknown) => error instanceof EdgeforgeError && error.message === 'file not found',
  );
});
