/**
 * What the writer puts in the file, read back with a minimal flatbuffer walker written here
 * from schema.fbs (not with edgeforge's reader): the "TFL3" identifier, schema version 3,
 * operator codes (deprecated_builtin_code = min(code, 127), builtin_code = code) at the
 * versions TensorFlow Lite's op_version.cc gives, buffer 0 empty, per-channel quantization,
 * RESHAPE's new_shape, the metadata and the signature; and the graphs it refuses.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ByteBuffer } from 'flatbuffers';
import { readTflite } from '../../src/export/tflite/read/read-tflite.js';
import { writeTflite } from '../../src/export/tflite/write/write-tflite.js';
import { writeTfliteFile } from '../../src/export/tflite/write/write-file.js';
import { EdgeforgeError } from '../../src/errors.js';
import { lowerModel } from '../../src/graph/lower/index.js';
import type { Graph } from '../../src/graph/types.js';
import { Interpreter } from '../../src/runtime/index.js';
import { presetModel, randomInputs, untrainedModel } from '../graph/model-fixtures.js';
import { q, QuantGraph } from '../quant/int8-graph.js';
import { referenceModelPath } from './reference-cases.js';

/** One flatbuffer table: fields by id (the field's position in schema.fbs). */
class Table {
  constructor(
    private readonly bb: ByteBuffer,
    private readonly at: number,
  ) {}

  private field(id: number): number {
    return this.bb.__offset(this.at, 4 + 2 * id);
  }

  has(id: number): boolean {
    return this.field(id) !== 0;
  }

  int8(id: number, fallback = 0): number {
    const offset = this.field(id);
    return offset === 0 ? fallback : this.bb.readInt8(this.at + offset);
  }

  int32(id: number, fallback = 0): number {
    const offset = this.field(id);
    return offset === 0 ? fallback : this.bb.readInt32(this.at + offset);
  }

  string(id: number): string {
    return this.bb.__string(this.at + this.field(id)) as string;
  }

  table(id: number): Table {
    return new Table(this.bb, this.bb.__indirect(this.at + this.field(id)));
  }

  private vector<T>(id: number, size: number, read: (at: number) => T): T[] {
    const offset = this.field(id);
    if (offset === 0) return [];
    const start = this.bb.__vector(this.at + offset);
    const length = this.bb.__vector_len(this.at + offset);
    return Array.from({ length }, (_, i) => read(start + i * size));
  }

  tables(id: number): Table[] {
    return this.vector(id, 4, (at) => new Table(this.bb, this.bb.__indirect(at)));
  }

  int32s(id: number): number[] {
    return this.vector(id, 4, (at) => this.bb.readInt32(at));
  }

  int64s(id: number): number[] {
    return this.vector(id, 8, (at) => Number(this.bb.readInt64(at)));
  }

  float32s(id: number): number[] {
    return this.vector(id, 4, (at) => this.bb.readFloat32(at));
  }

  bytes(id: number): number[] {
    return this.vector(id, 1, (at) => this.bb.readUint8(at));
  }
}

function modelOf(bytes: Uint8Array): Table {
  const bb = new ByteBuffer(bytes);
  return new Table(bb, bb.readInt32(0));
}

/** "TYPE vN" per operator code, checking the two code fields. */
function operatorCodes(model: Table): string[] {
  const names: Record<number, string> = {
    3: 'CONV_2D',
    4: 'DEPTHWISE_CONV_2D',
    9: 'FULLY_CONNECTED',
    14: 'LOGISTIC',
    17: 'MAX_POOL_2D',
    22: 'RESHAPE',
    25: 'SOFTMAX',
    28: 'TANH',
    40: 'MEAN',
    44: 'UNIDIRECTIONAL_SEQUENCE_LSTM',
    45: 'STRIDED_SLICE',
  };
  return model.tables(1).map((code) => {
    const builtin = code.int32(3);
    assert.equal(code.int8(0), Math.min(builtin, 127), 'deprecated_builtin_code = min(code, 127)');
    return `${names[builtin] ?? builtin} v${code.int32(2, 1)}`;
  });
}

function metadata(model: Table): Map<string, number[]> {
  const buffers = model.tables(4);
  return new Map(model.tables(6).map((entry) => [entry.string(0), buffers[entry.int32(1)]!.bytes(0)]));
}

test('a rewritten converter model: identifier, version, codes, buffer 0, metadata, signature', () => {
  const graph = readTflite(readFileSync(referenceModelPath('hello_world_int8.tflite')));
  const written = writeTflite(graph, { description: 'hello' });
  const bytes = written.bytes;
  assert.equal(new TextDecoder().decode(bytes.subarray(4, 8)), 'TFL3');
  const model = modelOf(bytes);
  assert.equal(model.int32(0), 3);
  assert.equal(model.string(3), 'hello');
  assert.deepEqual(operatorCodes(model), ['FULLY_CONNECTED v4']);
  const buffers = model.tables(4);
  assert.deepEqual(buffers[0]!.bytes(0), []);
  const subgraph = model.tables(2)[0]!;
  const tensors = subgraph.tables(0);
  // Every constant has its own non-empty buffer; activations use buffer 0.
  graph.tensors.forEach((tensor, index) => {
    const buffer = tensors[index]!.int32(2);
    if (tensor.data === undefined) assert.equal(buffer, 0);
    else assert.equal(buffers[buffer]!.bytes(0).length, tensor.data.byteLength);
  });
  const entries = metadata(model);
  const runtime = entries.get('min_runtime_version')!;
  assert.equal(String.fromCharCode(...runtime.slice(0, runtime.indexOf(0))), '1.14.0');
  const arena = entries.get('edgeforge_arena_bytes')!;
  assert.equal(arena.length, 4);
  assert.equal(arena[0]! + 256 * arena[1]! + 65536 * arena[2]! + 16777216 * arena[3]!, written.arenaBytes);
  // Three FULLY_CONNECTED layers of 16 int8 units, two activations live at once: at least 32 bytes.
  assert.ok(written.arenaBytes >= 32 && written.arenaBytes < 1024, `${written.arenaBytes}`);
  const [signature] = model.tables(7);
  assert.equal(signature!.string(2), 'serving_default');
  const inputMap = signature!.tables(0)[0]!;
  assert.equal(inputMap.int32(1), subgraph.int32s(1)[0]);
  assert.equal(inputMap.string(0), graph.tensors[graph.inputs[0]!]!.name);
});

test('op versions follow what each op uses: int8 kernels, per-channel quantization', () => {
  const graph = new QuantGraph();
  const input = graph.input([1, 1, 4, 2], q(0.1, 3));
  const perChannel = (scale: number[], axis: number) => ({ scale, zeroPoint: scale.map(() => 0), axis });
  const filter = graph.tensor([3, 1, 1, 2], perChannel([0.01, 0.02, 0.03], 0), 'int8', {
    data: Int8Array.from([1, -2, 3, -4, 5, -6]),
  });
  const convBias = graph.int32([3], [10, -20, 30], perChannel([0.001, 0.002, 0.003], 0));
  const conv = graph.tensor([1, 1, 4, 3], q(0.2, -5));
  const window = { padding: 'VALID', strideH: 1, strideW: 1, dilationH: 1, dilationW: 1 } as const;
  graph.op({
    type: 'CONV_2D',
    inputs: [input, filter, convBias],
    outputs: [conv],
    options: { ...window, fusedActivation: 'RELU' },
  });
  const depthFilter = graph.tensor([1, 1, 1, 3], perChannel([0.04, 0.05, 0.06], 3), 'int8', {
    data: Int8Array.from([7, -8, 9]),
  });
  const depthBias = graph.int32([3], [1, 2, 3], perChannel([0.008, 0.01, 0.012], 0));
  const depth = graph.tensor([1, 1, 4, 3], q(0.25, 1));
  graph.op({
    type: 'DEPTHWISE_CONV_2D',
    inputs: [conv, depthFilter, depthBias],
    outputs: [depth],
    options: { ...window, depthMultiplier: 1, fusedActivation: 'NONE' },
  });
  const axes = graph.int32([2], [1, 2]);
  const mean = graph.tensor([1, 3], q(0.25, 1));
  graph.op({ type: 'MEAN', inputs: [depth, axes], outputs: [mean], options: { keepDims: false } });
  const weights = graph.tensor([2, 3], q(0.05), 'int8', { data: Int8Array.from([1, 2, 3, 4, 5, 6]) });
  const bias = graph.int32([2], [5, -5], q(0.0125));
  const dense = graph.tensor([1, 2], q(0.3, -2));
  graph.op({
    type: 'FULLY_CONNECTED',
    inputs: [mean, weights, bias],
    outputs: [dense],
    options: { fusedActivation: 'NONE', keepNumDims: false },
  });
  const probability = graph.tensor([1, 2], q(1 / 256, -128));
  graph.op({ type: 'LOGISTIC', inputs: [dense], outputs: [probability], options: {} });
  const softmax = graph.tensor([1, 2], q(1 / 256, -128));
  graph.op({ type: 'SOFTMAX', inputs: [dense], outputs: [softmax], options: { beta: 1 } });
  graph.output(probability).output(softmax);
  const model = modelOf(writeTflite(graph.build()).bytes);
  assert.deepEqual(operatorCodes(model), [
    'CONV_2D v3',
    'DEPTHWISE_CONV_2D v3',
    'MEAN v2',
    'FULLY_CONNECTED v4',
    'LOGISTIC v2',
    'SOFTMAX v2',
  ]);
  const tensors = model.tables(2)[0]!.tables(0);
  const quantization = (index: number) => tensors[index]!.table(4);
  assert.deepEqual(
    quantization(filter)
      .float32s(2)
      .map((scale) => Math.fround(scale)),
    [0.01, 0.02, 0.03].map(Math.fround),
  );
  assert.deepEqual(quantization(filter).int64s(3), [0, 0, 0]);
  assert.equal(quantization(filter).int32(6), 0);
  assert.equal(quantization(depthFilter).int32(6), 3);
  assert.deepEqual(quantization(input).int64s(3), [3]);
  assert.equal(tensors[filter]!.int8(1), 9, 'INT8');
  assert.equal(tensors[convBias]!.int8(1), 2, 'INT32');
  const runtime = metadata(model).get('min_runtime_version')!;
  assert.equal(String.fromCharCode(...runtime.slice(0, runtime.indexOf(0))), '1.14.0');
});

test('a float CNN: v1 operators, min runtime 1.6.0 (MEAN), RESHAPE new_shape = its shape operand', () => {
  const graph = lowerModel(presetModel('cnn1d-small', 16, 3, 3).model);
  const model = modelOf(writeTflite(graph).bytes);
  assert.deepEqual(operatorCodes(model), [
    'RESHAPE v1',
    'CONV_2D v1',
    'MAX_POOL_2D v1',
    'MEAN v1',
    'FULLY_CONNECTED v1',
    'SOFTMAX v1',
  ]);
  const runtime = metadata(model).get('min_runtime_version')!;
  assert.equal(String.fromCharCode(...runtime.slice(0, runtime.indexOf(0))), '1.6.0');
  const subgraph = model.tables(2)[0]!;
  const buffers = model.tables(4);
  const reshapes = subgraph.tables(3).filter((op) => op.int8(3) === 17);
  assert.ok(reshapes.length >= 1);
  for (const reshape of reshapes) {
    const shapeTensor = subgraph.tables(0)[reshape.int32s(1)[1]!]!;
    const bytes = Uint8Array.from(buffers[shapeTensor.int32(2)]!.bytes(0));
    const operand = Array.from(new Int32Array(bytes.buffer));
    assert.equal(operand[0], -1, 'the batch is inferred');
    assert.deepEqual(reshape.table(4).int32s(0), operand);
  }
});

test('FULLY_CONNECTED with keep_num_dims is v5 (runtime 2.0.0); an LSTM is UNIDIRECTIONAL_SEQUENCE_LSTM v1 with variable state', () => {
  const graph: Graph = {
    tensors: [
      { name: 'x', shape: [1, 4, 3], dtype: 'float32' },
      { name: 'w', shape: [2, 3], dtype: 'float32', data: Float32Array.from([1, 2, 3, 4, 5, 6]) },
      { name: 'b', shape: [2], dtype: 'float32', data: Float32Array.from([0.5, -0.5]) },
      { name: 'y', shape: [1, 4, 2], dtype: 'float32' },
    ],
    ops: [
      {
        type: 'FULLY_CONNECTED',
        inputs: [0, 1, 2],
        outputs: [3],
        options: { fusedActivation: 'NONE', keepNumDims: true },
      },
    ],
    inputs: [0],
    outputs: [3],
    metadata: { task: 'other', classes: [], source: 'test' },
  };
  const model = modelOf(writeTflite(graph).bytes);
  assert.deepEqual(operatorCodes(model), ['FULLY_CONNECTED v5']);
  const runtime = metadata(model).get('min_runtime_version')!;
  assert.equal(String.fromCharCode(...runtime.slice(0, runtime.indexOf(0))), '2.0.0');

  const lstm = lowerModel(presetModel('lstm-tutorial', 8, 2, 2).model);
  const lstmModel = modelOf(writeTflite(lstm).bytes);
  assert.equal(operatorCodes(lstmModel)[0], 'UNIDIRECTIONAL_SEQUENCE_LSTM v1');
  const op = lstmModel.tables(2)[0]!.tables(3)[0]!;
  const operands = op.int32s(1);
  assert.equal(operands.length, 24);
  const tensors = lstmModel.tables(2)[0]!.tables(0);
  // Output state and cell state (inputs 18 and 19) are variable, with no data.
  for (const position of [18, 19]) {
    assert.equal(tensors[operands[position]!]!.int8(5), 1);
    assert.equal(tensors[operands[position]!]!.int32(2), 0);
  }
  assert.equal(op.table(4).int8(0), 4, 'fused_activation_function TANH');
});

test('a TANH fused into a float Dense is written as its own TANH op, outputs unchanged', () => {
  const { model } = untrainedModel(
    [
      { type: 'flatten' },
      { type: 'dense', units: 4, activation: 'tanh' },
      { type: 'dense', units: 2, activation: 'softmax' },
    ],
    6,
    2,
    'multiclass',
    ['a', 'b'],
  );
  const graph = lowerModel(model);
  assert.ok(graph.ops.some((op) => 'fusedActivation' in op.options && op.options.fusedActivation === 'TANH'));
  const written = writeTflite(graph);
  assert.ok(written.warnings.some((warning) => warning.includes('TANH')));
  const reread = readTflite(written.bytes);
  assert.deepEqual(
    reread.ops.map((op) => op.type),
    ['RESHAPE', 'FULLY_CONNECTED', 'TANH', 'FULLY_CONNECTED', 'SOFTMAX'],
  );
  const input = randomInputs(12, 4);
  const outputs = [graph, reread].map((g) => {
    const interpreter = new Interpreter(g);
    interpreter.input().set(input);
    interpreter.invoke();
    return Array.from(interpreter.output());
  });
  const worst = outputs[0]!.reduce((most, value, i) => Math.max(most, Math.abs(value - outputs[1]![i]!)), 0);
  assert.ok(worst <= 1e-7, `max abs diff ${worst}`);
});

/** Asserts `write` throws an EdgeforgeError whose one-line message matches every pattern. */
function assertRefused(write: () => unknown, patterns: RegExp[]): void {
  assert.throws(write, (error: unknown) => {
    assert.ok(error instanceof EdgeforgeError, String(error));
    const line = error.oneLine();
    for (const pattern of patterns) assert.match(line, pattern);
    return true;
  });
}

test('graphs TensorFlow Lite Micro cannot run are refused, naming the op and the alternative', () => {
  const gru = lowerModel(presetModel('gru-small', 8, 2, 2).model);
  const timeMajor: Graph = {
    ...gru,
    ops: gru.ops.map((op) =>
      op.type === 'GRU' ? { ...op, options: { ...op.options, timeMajor: true } } : op,
    ),
  };
  assertRefused(() => writeTflite(timeMajor), [/op \d+ GRU/, /batch-major/, /lstm-tutorial or cnn1d-small/]);
  const hybrid = new QuantGraph();
  const x = hybrid.input([1, 3], q(1), 'float32');
  const weights = hybrid.tensor([2, 3], q(0.1), 'int8', { data: Int8Array.from([1, 2, 3, 4, 5, 6]) });
  const y = hybrid.tensor([1, 2], undefined, 'float32');
  hybrid.op({
    type: 'FULLY_CONNECTED',
    inputs: [x, weights, -1],
    outputs: [y],
    options: { fusedActivation: 'NONE', keepNumDims: false },
  });
  hybrid.output(y);
  assertRefused(() => writeTflite(hybrid.build()), [/op 0 FULLY_CONNECTED/, /dynamic-range/, /full-integer/]);
  const fusedTanh = new QuantGraph();
  const input = fusedTanh.input([1, 3], q(0.1));
  const w = fusedTanh.tensor([2, 3], q(0.1), 'int8', { data: Int8Array.from([1, 2, 3, 4, 5, 6]) });
  const out = fusedTanh.tensor([1, 2], q(1 / 128));
  fusedTanh.op({
    type: 'FULLY_CONNECTED',
    inputs: [input, w, -1],
    outputs: [out],
    options: { fusedActivation: 'TANH', keepNumDims: false },
  });
  fusedTanh.output(out);
  assertRefused(() => writeTflite(fusedTanh.build()), [/op 0 FULLY_CONNECTED/, /fused TANH/, /TANH op/]);
});

test('writeTfliteFile writes the same bytes to disk and returns the arena size', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'edgeforge-tflite-'));
  try {
    const graph = lowerModel(presetModel('mlp', 8, 2, 2).model);
    const path = join(folder, 'nested', 'model.tflite');
    const written = await writeTfliteFile(path, graph);
    assert.deepEqual(new Uint8Array(readFileSync(path)), written.bytes);
    assert.equal(written.arenaBytes, writeTflite(graph).arenaBytes);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
