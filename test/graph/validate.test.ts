import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EdgeforgeError } from '../../src/errors.js';
import { GraphBuilder } from '../../src/graph/lower/graph-builder.js';
import type { Graph } from '../../src/graph/types.js';
import { validateGraph } from '../../src/graph/validate.js';

/** input [1, 4] -> FULLY_CONNECTED (dense/kernel [3, 4], dense/bias [3]) -> RELU -> output. */
function smallGraph(): Graph {
  const b = new GraphBuilder();
  const x = b.input('input', [1, 4]);
  const kernel = b.constant('dense/kernel', [3, 4], new Float32Array(12).fill(0.5));
  const bias = b.constant('dense/bias', [3], Float32Array.of(1, 2, 3));
  const dense = b.add(
    {
      type: 'FULLY_CONNECTED',
      inputs: [x, kernel, bias],
      options: { fusedActivation: 'NONE', keepNumDims: false },
    },
    'dense/output',
  );
  const relu = b.add({ type: 'RELU', inputs: [dense], options: {} }, 'relu/output');
  return b.build([x], [relu], { task: 'other', classes: [], source: 'test' });
}

function assertInvalid(graph: Graph, ...fragments: string[]): void {
  assert.throws(
    () => validateGraph(graph, 'model.efg'),
    (error: unknown) => {
      assert.ok(error instanceof EdgeforgeError, String(error));
      const line = error.oneLine();
      assert.ok(line.startsWith('model.efg: '), line);
      for (const fragment of fragments) assert.ok(line.includes(fragment), `"${line}" lacks "${fragment}"`);
      return true;
    },
  );
}

test('a well-formed graph passes', () => {
  validateGraph(smallGraph());
});

test('a dangling tensor index names the op and the input', () => {
  const graph = smallGraph();
  graph.ops[1]!.inputs[0] = 17;
  assertInvalid(graph, 'op 1 (RELU)', 'dangling tensor index: input 0 is 17, the graph has 5 tensors');
  const output = smallGraph();
  output.ops[0]!.outputs[0] = -3;
  assertInvalid(output, 'op 0 (FULLY_CONNECTED)', 'dangling tensor index: output -3');
  const graphOutput = smallGraph();
  graphOutput.outputs = [5];
  assertInvalid(graphOutput, 'graph output 5 is not a tensor index');
});

test('a declared shape that differs from the inferred one is a shape mismatch naming op and tensor', () => {
  const graph = smallGraph();
  graph.tensors[4]!.shape = [1, 4];
  assertInvalid(
    graph,
    'op 1 (RELU)',
    "shape mismatch: it produces [1, 3] but tensor 'relu/output' (#4) is declared [1, 4]",
  );
});

test('weights that do not fit the input are a shape error naming op and tensor', () => {
  const graph = smallGraph();
  graph.tensors[1] = { name: 'dense/kernel', shape: [3, 5], dtype: 'float32', data: new Float32Array(15) };
  assertInvalid(
    graph,
    'op 0 (FULLY_CONNECTED)',
    '[1, 4]',
    "rows of 5 for weights tensor 'dense/kernel' (#1) [3, 5]",
  );
  const bias = smallGraph();
  bias.tensors[2] = { name: 'dense/bias', shape: [4], dtype: 'float32', data: new Float32Array(4) };
  assertInvalid(bias, 'op 0 (FULLY_CONNECTED)', "bias tensor 'dense/bias' (#2) has shape [4], expected [3]");
});

test('dtype mismatches name op and tensor', () => {
  const graph = smallGraph();
  graph.tensors[2] = { name: 'dense/bias', shape: [3], dtype: 'int32', data: Int32Array.of(1, 2, 3) };
  assertInvalid(
    graph,
    'op 0 (FULLY_CONNECTED)',
    "dtype mismatch: bias tensor 'dense/bias' (#2) is int32, expected float32",
  );
  const relu = smallGraph();
  relu.tensors[4]!.dtype = 'int32';
  assertInvalid(
    relu,
    'op 1 (RELU)',
    "dtype mismatch: input tensor 'dense/output' (#3) is float32, expected int32",
  );
  const data = smallGraph();
  data.tensors[1]!.data = new Int32Array(12);
  assertInvalid(
    data,
    "tensor 'dense/kernel' (#1)",
    'dtype mismatch: constant data is a Int32Array, the tensor is float32',
  );
});

test('a weight without constant data names the op and the tensor', () => {
  const graph = smallGraph();
  delete graph.tensors[1]!.data;
  assertInvalid(
    graph,
    'op 0 (FULLY_CONNECTED)',
    "tensor 'dense/kernel' (#1) (input 1) has no constant data, is no graph input or variable, and no earlier op produces it",
  );
});

test('constant data of the wrong length, quantization, producers and batch are checked', () => {
  const short = smallGraph();
  short.tensors[2]!.data = Float32Array.of(1, 2);
  assertInvalid(short, "tensor 'dense/bias' (#2)", 'holds 2 values, shape [3] needs 3');

  const twice = smallGraph();
  twice.ops[1]!.outputs[0] = 3;
  assertInvalid(
    twice,
    'op 1 (RELU)',
    "writes tensor 'dense/output' (#3), which is a graph input, constant, variable or written before",
  );

  const unquantized = smallGraph();
  unquantized.tensors[1] = { name: 'dense/kernel', shape: [3, 4], dtype: 'int8', data: new Int8Array(12) };
  assertInvalid(unquantized, "tensor 'dense/kernel' (#1)", 'is int8 but has no quantization parameters');

  const badScales = smallGraph();
  badScales.tensors[1] = {
    ...badScales.tensors[1]!,
    quantization: { scale: [0.1, 0.2], zeroPoint: [0, 0], axis: 0 },
  };
  assertInvalid(badScales, 'quantization has 2 scales and 2 zero points, expected 3 each');

  const batch = smallGraph();
  batch.tensors[0]!.shape = [2, 4];
  assertInvalid(batch, "tensor 'input' (#0)", 'must have batch 1 first');

  const huge = smallGraph();
  huge.tensors[0]!.shape = [1, 65536, 65536];
  assertInvalid(huge, "tensor 'input' (#0)", 'has over 2^31 - 1 elements');

  const unused = smallGraph();
  unused.ops = [unused.ops[0]!];
  assertInvalid(unused, "graph output tensor 'relu/output' (#4) is never produced");
});
