import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readTflite } from '../../src/export/tflite/read/read-tflite.js';
import { EdgeforgeError } from '../../src/errors.js';
import { Interpreter } from '../../src/runtime/index.js';
import {
  buildTflite,
  int32Vector,
  littleEndianBytes,
  scalarTable,
  TYPE,
  type TestModel,
} from './tflite-builder.js';

// BuiltinOperator codes and BuiltinOptions members from schema.fbs.
const FULLY_CONNECTED = 9;
const RESHAPE = 22;
const CONV_2D = 3;
const FULLY_CONNECTED_OPTIONS = 8;
const RESHAPE_OPTIONS = 17;
const CONV_2D_OPTIONS = 1;

/**
 * input [1, 2, 3] -> FULLY_CONNECTED (keep_num_dims false: rows of 3) -> [2, 4]
 * -> RESHAPE by its new_shape option only -> [1, 8].
 */
function flattenModel(): TestModel {
  return {
    // An old file: FULLY_CONNECTED only in deprecated_builtin_code.
    codes: [
      { builtin: FULLY_CONNECTED, deprecatedOnly: true },
      { builtin: RESHAPE, version: 1 },
    ],
    tensors: [
      { name: 'input', shape: [1, 2, 3], type: TYPE.FLOAT32 },
      {
        name: 'weights',
        shape: [4, 3],
        type: TYPE.FLOAT32,
        data: littleEndianBytes([1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 1], 'float32'),
      },
      { name: 'bias', shape: [4], type: TYPE.FLOAT32, data: littleEndianBytes([0.5, 0, 0, -1], 'float32') },
      { name: 'rows', shape: [2, 4], type: TYPE.FLOAT32 },
      { name: 'flat', shape: [1, 8], type: TYPE.FLOAT32 },
    ],
    operators: [
      {
        opcode: 0,
        inputs: [0, 1, 2],
        outputs: [3],
        options: {
          type: FULLY_CONNECTED_OPTIONS,
          // fused activation NONE, weights_format DEFAULT, keep_num_dims false
          write: (b) =>
            scalarTable(b, [
              [0, 'int8', 0],
              [1, 'int8', 0],
              [2, 'int8', 0],
            ]),
        },
      },
      {
        opcode: 1,
        inputs: [3],
        outputs: [4],
        options: { type: RESHAPE_OPTIONS, write: (b) => scalarTable(b, [], [[0, int32Vector(b, [1, 8])]]) },
      },
    ],
    inputs: [0],
    outputs: [4],
  };
}

test('old operator codes, keep_num_dims false on a 3-D input and RESHAPE by new_shape run in the runtime', () => {
  const graph = readTflite(buildTflite(flattenModel()), 'flatten.tflite');
  assert.deepEqual(
    graph.ops.map((op) => [op.type, op.inputs, op.outputs]),
    [
      ['FULLY_CONNECTED', [0, 1, 2], [3]],
      ['RESHAPE', [3, 5], [4]],
    ],
  );
  // The option became a constant shape operand, its literal leading 1 an inferred -1 (the input starts with 2 rows).
  const shape = graph.tensors[5]!;
  assert.equal(shape.name, 'flat/shape');
  assert.equal(shape.dtype, 'int32');
  assert.deepEqual(Array.from(shape.data!), [-1, 8]);
  const interpreter = new Interpreter(graph);
  interpreter.input().set([1, 2, 3, 4, 5, 6]);
  interpreter.invoke();
  // Rows [1, 2, 3] and [4, 5, 6] times W = [I; 1 1 1] plus [0.5, 0, 0, -1].
  assert.deepEqual(Array.from(interpreter.output()), [1.5, 2, 3, 5, 4.5, 5, 6, 14]);
});

test('constants stored after the flatbuffer (Buffer offset/size) read like inline ones', () => {
  const inline = readTflite(buildTflite(flattenModel()));
  const bytes = buildTflite({ ...flattenModel(), externalData: true });
  const external = readTflite(bytes);
  assert.deepEqual(external.tensors, inline.tensors);
  // The file ends with the weights (48 bytes) and the bias (16 bytes), after the flatbuffer.
  const weights = littleEndianBytes([1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 1], 'float32');
  const at = indexOfBytes(bytes, weights);
  assert.equal(at, bytes.length - 64);
  assert.throws(
    () => readTflite(bytes.subarray(0, at + 8), 'cut.tflite'),
    (error: unknown) =>
      error instanceof EdgeforgeError &&
      error.place === 'model.buffers[1].offset' &&
      /the buffer data \(48 bytes at \d+\) lies outside the file/.test(error.message),
  );
});

function indexOfBytes(haystack: Uint8Array, needle: Uint8Array): number {
  return Buffer.from(haystack).indexOf(Buffer.from(needle));
}

test('CONV_2D options map field by field', () => {
  const model: TestModel = {
    codes: [{ builtin: CONV_2D, version: 1 }],
    tensors: [
      { name: 'input', shape: [1, 5, 5, 2], type: TYPE.FLOAT32 },
      {
        name: 'filter',
        shape: [3, 3, 3, 2],
        type: TYPE.FLOAT32,
        data: littleEndianBytes(new Array(54).fill(0.5), 'float32'),
      },
      { name: 'output', shape: [1, 1, 2, 3], type: TYPE.FLOAT32 },
    ],
    operators: [
      {
        opcode: 0,
        inputs: [0, 1, -1],
        outputs: [2],
        options: {
          type: CONV_2D_OPTIONS,
          // padding VALID, stride_w 2, stride_h 1, RELU6, dilation_w 1, dilation_h 2
          write: (b) =>
            scalarTable(b, [
              [0, 'int8', 1],
              [1, 'int32', 2],
              [2, 'int32', 1],
              [3, 'int8', 3],
              [4, 'int32', 1],
              [5, 'int32', 2],
            ]),
        },
      },
    ],
    inputs: [0],
    outputs: [2],
  };
  const graph = readTflite(buildTflite(model));
  assert.deepEqual(graph.ops[0], {
    type: 'CONV_2D',
    inputs: [0, 1, -1],
    outputs: [2],
    options: {
      padding: 'VALID',
      strideH: 1,
      strideW: 2,
      dilationH: 2,
      dilationW: 1,
      fusedActivation: 'RELU6',
    },
  });
  assert.equal(graph.metadata.source, 'tflite file (in memory)');
  const interpreter = new Interpreter(graph);
  interpreter.input().fill(1);
  interpreter.invoke();
  // Each output sums 3 x 3 x 2 products 1 x 0.5 = 9, which RELU6 clips to 6.
  assert.deepEqual(Array.from(interpreter.output()), new Array(6).fill(6));
});

test('a zero scale means "not quantized"; real scales keep their zero points', () => {
  const model = flattenModel();
  model.tensors.push(
    {
      name: 'index',
      shape: [1],
      type: TYPE.INT32,
      data: littleEndianBytes([3], 'int32'),
      quantization: { scale: [0], zeroPoint: [0] },
    },
    {
      name: 'codes',
      shape: [2],
      type: TYPE.INT8,
      data: Uint8Array.of(0xff, 0x7f),
      quantization: { scale: [0.5], zeroPoint: [-3] },
    },
  );
  const graph = readTflite(buildTflite(model));
  assert.equal(graph.tensors[5]!.quantization, undefined);
  assert.deepEqual(graph.tensors[6]!.quantization, { scale: [0.5], zeroPoint: [-3] });
  assert.deepEqual(Array.from(graph.tensors[6]!.data!), [-1, 127]);
});
