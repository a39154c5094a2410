import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Builder } from 'flatbuffers';
import { readTflite } from '../../src/export/tflite/read/read-tflite.js';
import { EdgeforgeError } from '../../src/errors.js';
import { referenceModelPath } from './reference-cases.js';
import {
  buildTflite,
  int32Vector,
  littleEndianBytes,
  offsetVector,
  scalarTable,
  TYPE,
  type TestModel,
  type TestOperator,
  type TestTensor,
} from './tflite-builder.js';

// BuiltinOperator codes and BuiltinOptions members from schema.fbs.
const FULLY_CONNECTED = 9;
const SPLIT = 49;
const CUSTOM = 32;
const GELU = 150;
const FULLY_CONNECTED_OPTIONS = 8;
const CONV_2D_OPTIONS = 1;

const FLOAT_TENSORS: TestTensor[] = [
  { name: 'x', shape: [1, 2], type: TYPE.FLOAT32 },
  { name: 'w', shape: [2, 2], type: TYPE.FLOAT32, data: littleEndianBytes([1, 2, 3, 4], 'float32') },
  { name: 'y', shape: [1, 2], type: TYPE.FLOAT32 },
];

/** One FULLY_CONNECTED x·wᵀ -> y, with the given changes. */
function fcModel(changes: Partial<TestModel> = {}, operator: Partial<TestOperator> = {}): TestModel {
  return {
    codes: [{ builtin: FULLY_CONNECTED, version: 1 }],
    tensors: FLOAT_TENSORS,
    operators: [{ opcode: 0, inputs: [0, 1], outputs: [2], ...operator }],
    inputs: [0],
    outputs: [2],
    ...changes,
  };
}

function fullyConnectedOptions(activation: number, weightsFormat: number): TestOperator['options'] {
  return {
    type: FULLY_CONNECTED_OPTIONS,
    write: (b) =>
      scalarTable(b, [
        [0, 'int8', activation],
        [1, 'int8', weightsFormat],
      ]),
  };
}

function errorOf(bytes: Uint8Array, source = 'model.tflite'): EdgeforgeError {
  try {
    readTflite(bytes, source);
  } catch (error) {
    assert.ok(error instanceof EdgeforgeError, `not an EdgeforgeError: ${String(error)}`);
    return error;
  }
  return assert.fail('the file was accepted');
}

const SUPPORTED =
  'ADD, AVERAGE_POOL_2D, CONCATENATION, CONV_2D, DEPTHWISE_CONV_2D, DEQUANTIZE, FULLY_CONNECTED, LOGISTIC, ' +
  'MAX_POOL_2D, MEAN, MUL, PAD, QUANTIZE, REDUCE_MAX, RELU, RELU6, RESHAPE, SOFTMAX, STRIDED_SLICE, SUB, TANH, ' +
  'UNIDIRECTIONAL_SEQUENCE_LSTM';

test('the baseline model reads, so each error below comes from its one change', () => {
  const graph = readTflite(buildTflite(fcModel()));
  assert.deepEqual(
    graph.ops.map((op) => op.type),
    ['FULLY_CONNECTED'],
  );
});

test('one error lists every unsupported operator, tensor type, sparse tensor and extra subgraph', () => {
  const model = fcModel({
    codes: [
      { builtin: FULLY_CONNECTED, version: 1 },
      { builtin: SPLIT, version: 2 },
      { builtin: CUSTOM, custom: 'TFLite_Detection_PostProcess' },
      // Codes above 127 only fit builtin_code; deprecated_builtin_code then holds 127.
      { builtin: GELU, version: 1 },
    ],
    tensors: [
      ...FLOAT_TENSORS,
      { name: 'ids', shape: [2], type: TYPE.INT64 },
      { name: 'pruned', shape: [2, 2], type: TYPE.FLOAT32, sparse: true },
    ],
    operators: [
      { opcode: 0, inputs: [0, 1], outputs: [2] },
      { opcode: 1, inputs: [2], outputs: [3] },
      { opcode: 2, inputs: [3], outputs: [4] },
      { opcode: 3, inputs: [2], outputs: [4] },
    ],
    extraSubgraphs: 1,
  });
  const error = errorOf(buildTflite(model), 'detector.tflite');
  assert.equal(
    error.message,
    "unsupported: 2 subgraphs (edgeforge runs one), tensor 3 'ids' is INT64, tensor 4 'pruned' is sparse, " +
      "op 1 SPLIT (v2), op 2 custom 'TFLite_Detection_PostProcess', op 3 GELU (v1); " +
      `edgeforge supports: ${SUPPORTED} (float32 and int8, one subgraph)`,
  );
  assert.equal(error.file, 'detector.tflite');
  assert.match(error.oneLine(), /^detector\.tflite: unsupported: /);
});

test('versions newer than TensorFlow Lite defines and unsupported options are listed per op', () => {
  const model = fcModel({
    codes: [
      { builtin: FULLY_CONNECTED, version: 13 },
      { builtin: FULLY_CONNECTED, version: 2 },
      { builtin: FULLY_CONNECTED, version: 1 },
    ],
    tensors: [...FLOAT_TENSORS, { name: 'z', shape: [1, 2], type: TYPE.FLOAT32 }],
    operators: [
      { opcode: 0, inputs: [0, 1], outputs: [2] },
      // weights_format SHUFFLED4x16INT8
      { opcode: 1, inputs: [0, 1], outputs: [3], options: fullyConnectedOptions(0, 1) },
      // fused activation SIGN_BIT
      { opcode: 2, inputs: [0, 1], outputs: [3], options: fullyConnectedOptions(5, 0) },
    ],
  });
  assert.match(
    errorOf(buildTflite(model)).message,
    new RegExp(
      '^unsupported: op 0 FULLY_CONNECTED \\(v13\\): TensorFlow Lite defines versions 1 to 12, ' +
        'op 1 FULLY_CONNECTED \\(v2\\): weights_format 1 \\(shuffled weights\\), ' +
        'op 2 FULLY_CONNECTED \\(v1\\): fused activation SIGN_BIT; edgeforge supports: ',
    ),
  );
});

test('long lists are cut with a count', () => {
  const operators = Array.from({ length: 15 }, () => ({ opcode: 0, inputs: [0], outputs: [2] }));
  const message = errorOf(buildTflite(fcModel({ codes: [{ builtin: SPLIT }], operators }))).message;
  assert.match(message, /op 11 SPLIT \(v1\) and 3 more; edgeforge supports/);
  assert.doesNotMatch(message, /op 12 /);
});

/** Malformed files: EdgeforgeError "malformed TFLite file: ..." placed at the broken field. */
function assertMalformed(bytes: Uint8Array, place: string | RegExp, problem: RegExp): void {
  const error = errorOf(bytes, 'broken.tflite');
  assert.equal(error.file, 'broken.tflite');
  if (typeof place === 'string') assert.equal(error.place, place);
  else assert.match(error.place ?? '', place);
  assert.match(error.message, /^malformed TFLite file: /);
  assert.match(error.message, problem);
}

test('malformed: empty, wrong identifier, truncated', () => {
  assertMalformed(new Uint8Array(0), 'model', /file header .* outside the file's 0 bytes/);
  const real = readFileSync(referenceModelPath('hello_world_float.tflite'));
  const renamed = Uint8Array.from(real);
  renamed.set([0x58, 0x58, 0x58, 0x58], 4);
  assertMalformed(renamed, 'model', /identifier is "XXXX", expected "TFL3"/);
  assertMalformed(real.subarray(0, real.length / 2), /^model\./, /outside the file/);
});

test('malformed: references to operator codes, tensors and buffers that do not exist', () => {
  assertMalformed(
    buildTflite(fcModel({}, { opcode: 4 })),
    'model.subgraphs[0].operators[0].opcode_index',
    /operator code 4 does not exist \(the model has 1\)/,
  );
  assertMalformed(
    buildTflite(fcModel({}, { inputs: [0, 7] })),
    'model.subgraphs[0].operators[0].inputs[1]',
    /tensor index 7 does not exist \(the subgraph has 3 tensors\)/,
  );
  assertMalformed(
    buildTflite(fcModel({}, { outputs: [-1] })),
    'model.subgraphs[0].operators[0].outputs[0]',
    /tensor index -1 does not exist/,
  );
  assertMalformed(
    buildTflite(fcModel({ outputs: [3] })),
    'model.subgraphs[0].outputs[0]',
    /tensor index 3 does not exist/,
  );
  const badBuffer = FLOAT_TENSORS.map((tensor, index) => (index === 1 ? { ...tensor, buffer: 9 } : tensor));
  assertMalformed(
    buildTflite(fcModel({ tensors: badBuffer })),
    'model.subgraphs[0].tensors[1].buffer',
    /buffer 9 does not exist/,
  );
});

test('malformed: data, quantization and options that do not fit', () => {
  const short = FLOAT_TENSORS.map((tensor, index) =>
    index === 1 ? { ...tensor, data: littleEndianBytes([1, 2, 3], 'float32') } : tensor,
  );
  assertMalformed(
    buildTflite(fcModel({ tensors: short })),
    'model.subgraphs[0].tensors[1].buffer',
    /the buffer holds 12 bytes, shape \[2, 2\] of float32 needs 16/,
  );
  const scales = [
    ...FLOAT_TENSORS,
    {
      name: 'q',
      shape: [3, 4],
      type: TYPE.INT8,
      quantization: { scale: [0.1, 0.2], zeroPoint: [0, 0], axis: 0 },
    },
  ];
  assertMalformed(
    buildTflite(fcModel({ tensors: scales })),
    'model.subgraphs[0].tensors[3].quantization',
    /2 scales along quantized_dimension 0 of shape \[3, 4\]/,
  );
  const convOptions = { type: CONV_2D_OPTIONS, write: fullyConnectedOptions(0, 0)!.write };
  assertMalformed(
    buildTflite(fcModel({}, { options: convOptions })),
    'model.subgraphs[0].operators[0].builtin_options_type',
    /options type 1 does not belong to FULLY_CONNECTED/,
  );
});

test('graph-level problems come from the deploy-graph validator, naming the op', () => {
  // Weights [2, 2] cannot take an input row of 3.
  const tensors = [{ ...FLOAT_TENSORS[0]!, shape: [1, 3] }, ...FLOAT_TENSORS.slice(1)];
  const error = errorOf(buildTflite(fcModel({ tensors })));
  assert.equal(error.place, 'op 0 (FULLY_CONNECTED)');
  assert.match(error.message, /input shape \[1, 3\] does not split into rows of 2/);
});

test('tables that all point at one large vector stop at the decode budget, not after 9 million values', () => {
  const builder = new Builder(1024);
  const shape = int32Vector(builder, new Array<number>(3000).fill(1));
  builder.startObject(10);
  builder.addFieldOffset(0, shape, 0);
  const tensor = builder.endObject();
  const tensors = offsetVector(builder, new Array<number>(3000).fill(tensor));
  builder.startObject(5);
  builder.addFieldOffset(0, tensors, 0);
  const subgraphs = offsetVector(builder, [builder.endObject()]);
  builder.startObject(8);
  builder.addFieldOffset(2, subgraphs, 0);
  builder.finish(builder.endObject(), 'TFL3');
  const bytes = builder.asUint8Array();
  assert.ok(bytes.length < 30_000);
  assertMalformed(
    bytes,
    /^model\.subgraphs\[0\]\.tensors\[\d+\]/,
    /reference far more data than the file holds/,
  );
});
