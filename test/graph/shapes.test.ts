import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EdgeforgeError } from '../../src/errors.js';
import { GraphBuilder } from '../../src/graph/lower/graph-builder.js';
import { inferShapes } from '../../src/graph/shapes.js';
import type { Graph } from '../../src/graph/types.js';

const meta = { task: 'other' as const, classes: [], source: 'test' };
const zeros = (...shape: number[]) => new Float32Array(shape.reduce((a, b) => a * b, 1));
const noAct = { fusedActivation: 'NONE' as const };

/** Builds a graph whose inputs are the builder's non-constant, non-variable, non-produced tensors. */
function finish(builder: GraphBuilder, output: number): Graph {
  const produced = new Set(builder.ops.flatMap((op) => op.outputs));
  const inputs = builder.tensors
    .map((tensor, index) => ({ tensor, index }))
    .filter(
      ({ tensor, index }) => tensor.data === undefined && tensor.variable !== true && !produced.has(index),
    )
    .map(({ index }) => index);
  return builder.build(inputs, [output], meta);
}

/** The output's shape at batch 3, checked against a hand-computed shape (and batch 1 likewise). */
function assertOutput(builder: GraphBuilder, output: number, atBatch3: number[], atBatch1: number[]): void {
  const graph = finish(builder, output);
  assert.deepEqual(inferShapes(graph, 3)[output], atBatch3);
  assert.deepEqual(inferShapes(graph)[output], atBatch1);
  assert.deepEqual(graph.tensors[output]!.shape, atBatch1);
}

function assertFails(run: () => unknown, ...fragments: string[]): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof EdgeforgeError, `expected an EdgeforgeError, got ${String(error)}`);
    for (const fragment of fragments)
      assert.ok(error.oneLine().includes(fragment), `"${error.oneLine()}" lacks "${fragment}"`);
    return true;
  });
}

test('FULLY_CONNECTED: [batch, in] -> [batch, out]; keepNumDims keeps time; otherwise rows of `in`', () => {
  const b = new GraphBuilder();
  const x = b.input('x', [1, 8]);
  const y = b.add(
    {
      type: 'FULLY_CONNECTED',
      inputs: [x, b.constant('w', [5, 8], zeros(5, 8)), b.constant('b', [5], zeros(5))],
      options: { ...noAct, keepNumDims: false },
    },
    'y',
  );
  assertOutput(b, y, [3, 5], [1, 5]);

  const seq = new GraphBuilder();
  const s = seq.input('s', [1, 4, 8]);
  const w = seq.constant('w', [5, 8], zeros(5, 8));
  const kept = seq.add(
    { type: 'FULLY_CONNECTED', inputs: [s, w, -1], options: { ...noAct, keepNumDims: true } },
    'k',
  );
  assertOutput(seq, kept, [3, 4, 5], [1, 4, 5]);

  const flat = new GraphBuilder();
  const f = flat.input('f', [1, 4, 8]);
  const wide = flat.constant('w', [5, 32], zeros(5, 32));
  const rows = flat.add(
    { type: 'FULLY_CONNECTED', inputs: [f, wide], options: { ...noAct, keepNumDims: false } },
    'r',
  );
  assertOutput(flat, rows, [3, 5], [1, 5]);
});

test('FULLY_CONNECTED: weights and bias that do not fit the input name the op and tensor', () => {
  const b = new GraphBuilder();
  const x = b.input('x', [1, 4, 8]);
  const w = b.constant('dense/kernel', [5, 7], zeros(5, 7));
  assertFails(
    () => b.add({ type: 'FULLY_CONNECTED', inputs: [x, w], options: { ...noAct, keepNumDims: true } }, 'y'),
    'op 0 (FULLY_CONNECTED)',
    '[1, 4, 8]',
  );
  const c = new GraphBuilder();
  const cx = c.input('x', [1, 8]);
  const cw = c.constant('dense/kernel', [5, 8], zeros(5, 8));
  const bias = c.constant('dense/bias', [4], zeros(4));
  assertFails(
    () =>
      c.add(
        { type: 'FULLY_CONNECTED', inputs: [cx, cw, bias], options: { ...noAct, keepNumDims: false } },
        'y',
      ),
    "tensor 'dense/bias' (#2)",
    'expected [5]',
  );
});

test('CONV_2D: SAME keeps ceil(W / stride), VALID counts whole dilated windows', () => {
  const conv = (padding: 'SAME' | 'VALID', stride: number, dilation: number) => {
    const b = new GraphBuilder();
    const x = b.input('x', [1, 1, 10, 3]);
    const filter = b.constant('f', [4, 1, 3, 3], zeros(4, 1, 3, 3));
    const bias = b.constant('b', [4], zeros(4));
    const y = b.add(
      {
        type: 'CONV_2D',
        inputs: [x, filter, bias],
        options: { padding, strideH: 1, strideW: stride, dilationH: 1, dilationW: dilation, ...noAct },
      },
      'y',
    );
    return { b, y };
  };
  const same = conv('SAME', 2, 1);
  assertOutput(same.b, same.y, [3, 1, 5, 4], [1, 1, 5, 4]);
  // span (3 - 1) * 2 + 1 = 5 -> 10 - 5 + 1 = 6 positions
  const dilated = conv('VALID', 1, 2);
  assertOutput(dilated.b, dilated.y, [3, 1, 6, 4], [1, 1, 6, 4]);
  // span 3 -> 8 positions, stride 3 -> ceil(8 / 3) = 3
  const strided = conv('VALID', 3, 1);
  assertOutput(strided.b, strided.y, [3, 1, 3, 4], [1, 1, 3, 4]);
});

test('CONV_2D: channel mismatch and a window wider than the input are errors', () => {
  const b = new GraphBuilder();
  const x = b.input('x', [1, 1, 10, 3]);
  const filter = b.constant('conv/kernel', [4, 1, 3, 2], zeros(4, 1, 3, 2));
  const options = { padding: 'VALID' as const, strideH: 1, strideW: 1, dilationH: 1, dilationW: 1, ...noAct };
  assertFails(
    () => b.add({ type: 'CONV_2D', inputs: [x, filter], options }, 'y'),
    "'conv/kernel'",
    '2 input channels',
  );
  const wide = b.constant('wide', [4, 1, 11, 3], zeros(4, 1, 11, 3));
  assertFails(() => b.add({ type: 'CONV_2D', inputs: [x, wide], options }, 'z'), 'wider than the input');
});

test('DEPTHWISE_CONV_2D: filter [1, kh, kw, in * multiplier], output channels in * multiplier', () => {
  const b = new GraphBuilder();
  const x = b.input('x', [1, 1, 10, 3]);
  const filter = b.constant('f', [1, 1, 3, 6], zeros(1, 1, 3, 6));
  const options = { padding: 'VALID' as const, strideH: 1, strideW: 3, dilationH: 1, dilationW: 1, ...noAct };
  const y = b.add(
    {
      type: 'DEPTHWISE_CONV_2D',
      inputs: [x, filter, b.constant('b', [6], zeros(6))],
      options: { ...options, depthMultiplier: 2 },
    },
    'y',
  );
  assertOutput(b, y, [3, 1, 3, 6], [1, 1, 3, 6]);
  assertFails(
    () =>
      b.add(
        { type: 'DEPTHWISE_CONV_2D', inputs: [x, filter], options: { ...options, depthMultiplier: 1 } },
        'z',
      ),
    "'f'",
    'expected [1, 1, 3, 3]',
  );
});

test('MAX_POOL_2D and AVERAGE_POOL_2D', () => {
  const pool = (type: 'MAX_POOL_2D' | 'AVERAGE_POOL_2D', padding: 'SAME' | 'VALID', filterW: number) => {
    const b = new GraphBuilder();
    const x = b.input('x', [1, 1, 10, 4]);
    const y = b.add(
      { type, inputs: [x], options: { padding, strideH: 1, strideW: 2, filterH: 1, filterW, ...noAct } },
      'y',
    );
    return { b, y };
  };
  const max = pool('MAX_POOL_2D', 'VALID', 2);
  assertOutput(max.b, max.y, [3, 1, 5, 4], [1, 1, 5, 4]);
  const same = pool('AVERAGE_POOL_2D', 'SAME', 3);
  assertOutput(same.b, same.y, [3, 1, 5, 4], [1, 1, 5, 4]);
  // 10 - 3 + 1 = 8 positions, stride 2 -> 4
  const valid = pool('AVERAGE_POOL_2D', 'VALID', 3);
  assertOutput(valid.b, valid.y, [3, 1, 4, 4], [1, 1, 4, 4]);
});

test('MEAN and REDUCE_MAX drop (or keep as 1) the reduced axes, negative axes count from the end', () => {
  const b = new GraphBuilder();
  const x = b.input('x', [1, 10, 4]);
  const mean = b.add(
    { type: 'MEAN', inputs: [x, b.ints('axis', [1])], options: { keepDims: false } },
    'mean',
  );
  assertOutput(b, mean, [3, 4], [1, 4]);
  const last = b.add(
    { type: 'MEAN', inputs: [x, b.ints('last', [-1])], options: { keepDims: false } },
    'last',
  );
  assertOutput(b, last, [3, 10], [1, 10]);

  const c = new GraphBuilder();
  const y = c.input('y', [1, 1, 10, 4]);
  const max = c.add(
    { type: 'REDUCE_MAX', inputs: [y, c.ints('axes', [1, 2])], options: { keepDims: true } },
    'max',
  );
  assertOutput(c, max, [3, 1, 1, 4], [1, 1, 1, 4]);
  assertFails(
    () => c.add({ type: 'REDUCE_MAX', inputs: [y, c.ints('bad', [4])], options: { keepDims: true } }, 'z'),
    'axis 4 is outside rank 4',
  );
});

test('RESHAPE: a leading 1 is the batch, one -1 is inferred, sizes must match', () => {
  const b = new GraphBuilder();
  const x = b.input('x', [1, 10, 4]);
  const flat = b.add({ type: 'RESHAPE', inputs: [x, b.ints('flat', [1, -1])], options: {} }, 'flat');
  assertOutput(b, flat, [3, 40], [1, 40]);
  const four = b.add({ type: 'RESHAPE', inputs: [x, b.ints('four', [1, 1, 10, 4])], options: {} }, 'four');
  assertOutput(b, four, [3, 1, 10, 4], [1, 1, 10, 4]);
  const rows = b.add({ type: 'RESHAPE', inputs: [x, b.ints('rows', [-1, 4])], options: {} }, 'rows');
  assertOutput(b, rows, [30, 4], [10, 4]);
  assertFails(
    () => b.add({ type: 'RESHAPE', inputs: [x, b.ints('bad', [1, 39])], options: {} }, 'z'),
    'cannot reshape',
  );
  assertFails(
    () => b.add({ type: 'RESHAPE', inputs: [x, b.ints('two', [-1, -1])], options: {} }, 'z'),
    'at most one -1',
  );
  const floats = b.constant('floats', [2], new Float32Array([1, 40]));
  assertFails(() => b.add({ type: 'RESHAPE', inputs: [x, floats], options: {} }, 'z'), "'floats'", 'int32');
});

test('STRIDED_SLICE: masks, shrink, strides and negative bounds', () => {
  const slice = (begin: number[], end: number[], strides: number[], masks: [number, number, number]) => {
    const b = new GraphBuilder();
    const x = b.input('x', [1, 10, 16]);
    const y = b.add(
      {
        type: 'STRIDED_SLICE',
        inputs: [x, b.ints('begin', begin), b.ints('end', end), b.ints('strides', strides)],
        options: {
          beginMask: masks[0],
          endMask: masks[1],
          shrinkAxisMask: masks[2],
          ellipsisMask: 0,
          newAxisMask: 0,
        },
      },
      'y',
    );
    return { b, y };
  };
  // The LSTM's last step: [batch, T, u] -> [batch, u].
  const last = slice([0, 9, 0], [1, 10, 16], [1, 1, 1], [0b101, 0b101, 0b010]);
  assertOutput(last.b, last.y, [3, 16], [1, 16]);
  // Steps 2, 4, 6 (end 8 exclusive).
  const every2 = slice([0, 2, 0], [0, 8, 0], [1, 2, 1], [0b101, 0b101, 0]);
  assertOutput(every2.b, every2.y, [3, 3, 16], [1, 3, 16]);
  // -3 counts from the end: steps 7, 8, 9; end clamped to 10.
  const tail = slice([0, -3, 0], [0, 100, 4], [1, 1, 1], [0b001, 0b001, 0]);
  assertOutput(tail.b, tail.y, [3, 3, 4], [1, 3, 4]);
  // Reversed: 9, 7, 5, 3, 1.
  const reversed = slice([0, 0, 0], [0, 0, 0], [1, -2, 1], [0b111, 0b111, 0]);
  assertOutput(reversed.b, reversed.y, [3, 5, 16], [1, 5, 16]);
});

test('PAD adds before and after per axis', () => {
  const b = new GraphBuilder();
  const x = b.input('x', [1, 1, 10, 4]);
  const paddings = b.constant('pad', [4, 2], Int32Array.from([0, 0, 0, 0, 4, 0, 0, 1]));
  const y = b.add({ type: 'PAD', inputs: [x, paddings], options: {} }, 'y');
  assertOutput(b, y, [3, 1, 14, 5], [1, 1, 14, 5]);
  const wrong = b.constant('wrong', [3, 2], Int32Array.from([0, 0, 0, 0, 0, 0]));
  assertFails(
    () => b.add({ type: 'PAD', inputs: [x, wrong], options: {} }, 'z'),
    "'wrong'",
    'expected [4, 2]',
  );
});

test('activations, SOFTMAX, QUANTIZE and DEQUANTIZE keep the shape', () => {
  for (const type of ['LOGISTIC', 'TANH', 'RELU', 'RELU6', 'QUANTIZE', 'DEQUANTIZE'] as const) {
    const b = new GraphBuilder();
    const y = b.add({ type, inputs: [b.input('x', [1, 7, 2])], options: {} }, 'y');
    assertOutput(b, y, [3, 7, 2], [1, 7, 2]);
  }
  const b = new GraphBuilder();
  const y = b.add({ type: 'SOFTMAX', inputs: [b.input('x', [1, 6])], options: { beta: 1 } }, 'y');
  assertOutput(b, y, [3, 6], [1, 6]);
});

test('ADD, MUL, SUB broadcast numpy-style', () => {
  const b = new GraphBuilder();
  const x = b.input('x', [1, 10, 4]);
  const sum = b.add({ type: 'ADD', inputs: [x, b.constant('c', [4], zeros(4))], options: noAct }, 'sum');
  assertOutput(b, sum, [3, 10, 4], [1, 10, 4]);
  const c = new GraphBuilder();
  const column = c.input('col', [1, 10, 1]);
  const product = c.add(
    { type: 'MUL', inputs: [column, c.constant('row', [1, 1, 4], zeros(1, 1, 4))], options: noAct },
    'p',
  );
  assertOutput(c, product, [3, 10, 4], [1, 10, 4]);
  assertFails(
    () =>
      c.add({ type: 'SUB', inputs: [column, c.constant('bad', [3, 4], zeros(3, 4))], options: noAct }, 'z'),
    '[1, 10, 1] and [3, 4] do not broadcast',
  );
});

test('CONCATENATION sums the axis, the other dimensions must agree', () => {
  const b = new GraphBuilder();
  const x = b.input('x', [1, 10, 4]);
  const z = b.input('z', [1, 10, 2]);
  const joined = b.add({ type: 'CONCATENATION', inputs: [x, z], options: { axis: -1, ...noAct } }, 'joined');
  assertOutput(b, joined, [3, 10, 6], [1, 10, 6]);
  assertFails(
    () => b.add({ type: 'CONCATENATION', inputs: [x, z], options: { axis: 1, ...noAct } }, 'bad'),
    "tensor 'z' (#1)",
    'along axis 1',
  );
});

/** TFLite's 24 LSTM inputs for input depth `depth` and `units` units. */
function lstmGraph(depth: number, units: number, inputWeightsShape = [units, depth]) {
  const b = new GraphBuilder();
  const inputs = [b.input('x', [1, 10, depth])];
  for (const gate of ['i', 'f', 'c', 'o']) {
    const shape = gate === 'f' ? [units, depth] : inputWeightsShape;
    inputs.push(b.constant(`w_${gate}`, shape, zeros(...shape)));
  }
  for (const gate of ['i', 'f', 'c', 'o'])
    inputs.push(b.constant(`u_${gate}`, [units, units], zeros(units, units)));
  inputs.push(-1, -1, -1);
  for (const gate of ['i', 'f', 'c', 'o']) inputs.push(b.constant(`b_${gate}`, [units], zeros(units)));
  inputs.push(-1, -1, b.variable('h', [1, units]), b.variable('c', [1, units]), -1, -1, -1, -1);
  const spec = {
    type: 'UNIDIRECTIONAL_SEQUENCE_LSTM' as const,
    inputs,
    options: { fusedActivation: 'TANH' as const, cellClip: 0, projClip: 0, timeMajor: false },
  };
  return { b, spec };
}

test('UNIDIRECTIONAL_SEQUENCE_LSTM: [batch, T, in] -> [batch, T, units]; per-gate tensors checked', () => {
  const { b, spec } = lstmGraph(3, 5);
  const y = b.add(spec, 'y');
  assertOutput(b, y, [3, 10, 5], [1, 10, 5]);
  const shapes = inferShapes(finish(b, y), 3);
  assert.deepEqual(shapes[spec.inputs[18]!], [3, 5]);

  const bad = lstmGraph(3, 5, [5, 4]);
  assertFails(() => bad.b.add(bad.spec, 'y'), "input-to-input weights tensor 'w_i'", 'expected [5, 3]');
});

test('GRU: kernel [3u, in], recurrent [3u, u]; returnSequences picks [batch, T, u] or [batch, u]', () => {
  const gru = (returnSequences: boolean, recurrentShape = [12, 4]) => {
    const b = new GraphBuilder();
    const inputs = [
      b.input('x', [1, 10, 3]),
      b.constant('k', [12, 3], zeros(12, 3)),
      b.constant('r', recurrentShape, zeros(...recurrentShape)),
      b.constant('bi', [12], zeros(12)),
      b.constant('br', [12], zeros(12)),
      b.variable('h', [1, 4]),
    ];
    const spec = {
      type: 'GRU' as const,
      inputs,
      options: { resetAfter: true, timeMajor: false, returnSequences },
    };
    return { b, spec };
  };
  const last = gru(false);
  assertOutput(last.b, last.b.add(last.spec, 'y'), [3, 4], [1, 4]);
  const every = gru(true);
  assertOutput(every.b, every.b.add(every.spec, 'y'), [3, 10, 4], [1, 10, 4]);
  const bad = gru(false, [12, 3]);
  assertFails(
    () => bad.b.add(bad.spec, 'y'),
    'op 0 (GRU)',
    "recurrent kernel tensor 'r'",
    'expected [12, 4]',
  );
});

test('a tensor read before it is produced, an index out of range and a bad batch are clean errors', () => {
  const b = new GraphBuilder();
  const x = b.input('x', [1, 4]);
  const y = b.add({ type: 'RELU', inputs: [x], options: {} }, 'y');
  const graph = b.build([], [y], meta);
  assertFails(() => inferShapes(graph), "tensor 'x' (#0) is read before any op produces it");
  const dangling: Graph = {
    ...graph,
    inputs: [x],
    ops: [{ type: 'RELU', inputs: [9], outputs: [y], options: {} }],
  };
  assertFails(() => inferShapes(dangling), 'op 0 (RELU)', 'input 0 is 9, not a tensor index');
  assertFails(() => inferShapes({ ...graph, inputs: [x] }, 0), 'batch must be a positive integer');
});
