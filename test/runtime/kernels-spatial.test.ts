/** Float kernels for convolutions, pools, padding, reductions and slices against hand-computed values. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Conv2DOptions, FusedActivation, Padding, StridedSliceOptions } from '../../src/graph/types.js';
import { GraphBuilder } from './graph-builder.js';
import { assertClose, runGraph } from './run-graph.js';
import { convOptions, depthwiseOptions } from './conv-fixtures.js';

function conv(
  input: { shape: number[]; values: number[] },
  filter: { shape: number[]; values: number[] },
  bias: number[] | undefined,
  outShape: number[],
  options: Partial<Conv2DOptions> = {},
): number[] {
  const g = new GraphBuilder();
  const x = g.input(input.shape);
  const f = g.floats(filter.shape, filter.values);
  const b = bias === undefined ? -1 : g.floats([bias.length], bias);
  const out = g.tensor(outShape);
  const full = convOptions(options);
  g.op({ type: 'CONV_2D', inputs: [x, f, b], outputs: [out], options: full });
  return runGraph(g.output(out).build(), [input.values])[0];
}

// x = [1, 2, 4, 8, 16] along W; filter taps [1, 10, 100] show which input met which tap.
const row = { shape: [1, 1, 5, 1], values: [1, 2, 4, 8, 16] };
const taps = { shape: [1, 1, 3, 1], values: [1, 10, 100] };

test('CONV_2D along W: VALID, SAME, strides and dilation', () => {
  // VALID: 1 + 20 + 400, 2 + 40 + 800, 4 + 80 + 1600
  assert.deepEqual(conv(row, taps, undefined, [1, 1, 3, 1]), [421, 842, 1684]);
  // SAME: one zero before, one after
  assert.deepEqual(conv(row, taps, undefined, [1, 1, 5, 1], { padding: 'SAME' }), [210, 421, 842, 1684, 168]);
  // SAME stride 2: ceil(5/2) = 3 outputs, padding total 2, one before
  assert.deepEqual(
    conv(row, taps, undefined, [1, 1, 3, 1], { padding: 'SAME', strideW: 2 }),
    [210, 842, 168],
  );
  // dilation 2 VALID: taps at 0, 2, 4
  assert.deepEqual(conv(row, taps, [0.5], [1, 1, 1, 1], { dilationW: 2 }), [1641.5]);
  // dilation 2 SAME: padding total 4, two before: taps at (-2,0,2), (-1,1,3), (0,2,4), (1,3,5), (2,4,6)
  assert.deepEqual(
    conv(row, taps, undefined, [1, 1, 5, 1], { padding: 'SAME', dilationW: 2 }),
    [410, 820, 1641, 82, 164],
  );
});

test('CONV_2D with channels and five filters (OHWI), bias and fused relu', () => {
  // x [W=2, C=2] = [[1, 2], [3, 4]]; filter o = (o + 1)·[1, 0.1, 0.01, 0.001] over (kx, c)
  const input = { shape: [1, 1, 2, 2], values: [1, 2, 3, 4] };
  const base = [1, 0.1, 0.01, 0.001];
  const filter = {
    shape: [5, 1, 2, 2],
    values: [0, 1, 2, 3, 4].flatMap((o) => base.map((v) => (o + 1) * v)),
  };
  // (o + 1)·1.234 + bias
  assertClose(conv(input, filter, [0, 1, 2, 3, 4], [1, 1, 1, 5]), [1.234, 3.468, 5.702, 7.936, 10.17], 1e-5);
  assertClose(
    conv(input, filter, [0, -10, 2, -10, 4], [1, 1, 1, 5], { fusedActivation: 'RELU' }),
    [1.234, 0, 5.702, 0, 10.17],
    1e-5,
  );
});

test('CONV_2D in two dimensions: VALID and SAME with stride 2', () => {
  const input = { shape: [1, 3, 3, 1], values: [1, 2, 3, 4, 5, 6, 7, 8, 9] };
  const filter = { shape: [1, 2, 2, 1], values: [1, 2, 3, 4] };
  // (0,0): 1·1 + 2·2 + 4·3 + 5·4 = 37; (0,1): 2 + 6 + 15 + 24 = 47; (1,0): 67; (1,1): 77
  assert.deepEqual(conv(input, filter, undefined, [1, 2, 2, 1]), [37, 47, 67, 77]);
  // SAME stride 2: 2 x 2 outputs, padding total 1 per axis, all of it after
  // (0,1): 3·1 + 6·3 = 21; (1,0): 7·1 + 8·2 = 23; (1,1): 9·1 = 9
  assert.deepEqual(
    conv(input, filter, undefined, [1, 2, 2, 1], { padding: 'SAME', strideH: 2, strideW: 2 }),
    [37, 21, 23, 9],
  );
});

function depthwise(padding: Padding, outW: number): number[] {
  const g = new GraphBuilder();
  const x = g.input([1, 1, 3, 2]);
  // taps: kx 0 = [1, 2, 3, 4], kx 1 = [10, 20, 30, 40] over (c·2 + m)
  const f = g.floats([1, 1, 2, 4], [1, 2, 3, 4, 10, 20, 30, 40]);
  const b = g.floats([4], [0, 0, 0, 100]);
  const out = g.tensor([1, 1, outW, 4]);
  g.op({
    type: 'DEPTHWISE_CONV_2D',
    inputs: [x, f, b],
    outputs: [out],
    options: depthwiseOptions({ padding, depthMultiplier: 2 }),
  });
  return runGraph(g.output(out).build(), [[1, 2, 3, 4, 5, 6]])[0];
}

test('DEPTHWISE_CONV_2D with depth multiplier 2', () => {
  // x [W=3, C=2] = [[1,2],[3,4],[5,6]]. o=0: c0 -> 1·1 + 3·10 = 31, 1·2 + 3·20 = 62;
  // c1 -> 2·3 + 4·30 = 126, 2·4 + 4·40 + 100 = 268. o=1: 53, 106, 192, 356.
  assert.deepEqual(depthwise('VALID', 2), [31, 62, 126, 268, 53, 106, 192, 356]);
  // SAME adds o=2 over (x2, zero): 5, 10, 18, 124.
  assert.deepEqual(depthwise('SAME', 3), [31, 62, 126, 268, 53, 106, 192, 356, 5, 10, 18, 124]);
});

function pool(
  type: 'MAX_POOL_2D' | 'AVERAGE_POOL_2D',
  input: { shape: number[]; values: number[] },
  outShape: number[],
  filter: [number, number],
  stride: [number, number],
  padding: Padding,
  fusedActivation: FusedActivation = 'NONE',
): number[] {
  const g = new GraphBuilder();
  const x = g.input(input.shape);
  const out = g.tensor(outShape);
  g.op({
    type,
    inputs: [x],
    outputs: [out],
    options: {
      padding,
      filterH: filter[0],
      filterW: filter[1],
      strideH: stride[0],
      strideW: stride[1],
      fusedActivation,
    },
  });
  return runGraph(g.output(out).build(), [input.values])[0];
}

test('MAX_POOL_2D and AVERAGE_POOL_2D; padding never counts', () => {
  const x = { shape: [1, 1, 5, 1], values: [1, 5, 2, 8, 3] };
  assert.deepEqual(pool('MAX_POOL_2D', x, [1, 1, 2, 1], [1, 2], [1, 2], 'VALID'), [5, 8]);
  // SAME: 3 windows, the last covers [3, padding]
  assert.deepEqual(pool('MAX_POOL_2D', x, [1, 1, 3, 1], [1, 2], [1, 2], 'SAME'), [5, 8, 3]);
  assert.deepEqual(pool('AVERAGE_POOL_2D', x, [1, 1, 3, 1], [1, 2], [1, 2], 'SAME'), [3, 5, 3]);
  assertClose(pool('AVERAGE_POOL_2D', x, [1, 1, 3, 1], [1, 3], [1, 1], 'VALID'), [8 / 3, 5, 13 / 3]);
  // Max of all negative values stays negative (no zero from padding).
  assert.deepEqual(
    pool('MAX_POOL_2D', { shape: [1, 1, 3, 1], values: [-3, -1, -2] }, [1, 1, 2, 1], [1, 2], [1, 2], 'SAME'),
    [-1, -2],
  );
  // 2 x 2 window over two channels: [1, -1], [2, -2], [3, -3], [4, -4]
  const square = { shape: [1, 2, 2, 2], values: [1, -1, 2, -2, 3, -3, 4, -4] };
  assert.deepEqual(pool('MAX_POOL_2D', square, [1, 1, 1, 2], [2, 2], [2, 2], 'VALID'), [4, -1]);
  assert.deepEqual(pool('AVERAGE_POOL_2D', square, [1, 1, 1, 2], [2, 2], [2, 2], 'VALID', 'RELU'), [2.5, 0]);
});

test('PAD with zeros before and after each dimension', () => {
  const g = new GraphBuilder();
  const x = g.input([1, 2, 2]);
  const paddings = g.constant([3, 2], Int32Array.from([0, 0, 1, 0, 2, 1]));
  const out = g.tensor([1, 3, 5]);
  g.op({ type: 'PAD', inputs: [x, paddings], outputs: [out], options: {} });
  assert.deepEqual(
    runGraph(g.output(out).build(), [[1, 2, 3, 4]])[0],
    [0, 0, 0, 0, 0, 0, 0, 1, 2, 0, 0, 0, 3, 4, 0],
  );
});

function reduce(
  type: 'MEAN' | 'REDUCE_MAX',
  shape: number[],
  values: number[],
  axes: number[],
  outShape: number[],
  keepDims = false,
  batch = 1,
) {
  const g = new GraphBuilder();
  const x = g.input(shape);
  const out = g.tensor(outShape);
  g.op({ type, inputs: [x, g.ints(axes)], outputs: [out], options: { keepDims } });
  return runGraph(g.output(out).build(), [values], batch)[0];
}

test('MEAN and REDUCE_MAX over given axes', () => {
  const x = [1, 2, 3, 4, 5, 6]; // [[1,2,3],[4,5,6]]
  assert.deepEqual(reduce('MEAN', [1, 2, 3], x, [1], [1, 3]), [2.5, 3.5, 4.5]);
  assert.deepEqual(reduce('MEAN', [1, 2, 3], x, [-1], [1, 2, 1], true), [2, 5]);
  assert.deepEqual(reduce('MEAN', [1, 2, 3], x, [1, 2], [1]), [3.5]);
  assert.deepEqual(reduce('REDUCE_MAX', [1, 2, 3], x, [1], [1, 3]), [4, 5, 6]);
  assert.deepEqual(reduce('MEAN', [1, 1, 2, 3], x, [1, 2], [1, 3]), [2.5, 3.5, 4.5]);
  // Over a batch of 2 the batch axis is kept.
  assert.deepEqual(
    reduce('REDUCE_MAX', [1, 2, 3], [...x, 0, 9, -1, 1, 1, 1], [1], [1, 3], false, 2),
    [4, 5, 6, 1, 9, 1],
  );
});

function slice(
  shape: number[],
  values: number[],
  begin: number[],
  end: number[],
  strides: number[],
  masks: Partial<StridedSliceOptions>,
  outShape: number[],
  batch = 1,
): number[] {
  const g = new GraphBuilder();
  const x = g.input(shape);
  const out = g.tensor(outShape);
  g.op({
    type: 'STRIDED_SLICE',
    inputs: [x, g.ints(begin), g.ints(end), g.ints(strides)],
    outputs: [out],
    options: { beginMask: 0, endMask: 0, ellipsisMask: 0, newAxisMask: 0, shrinkAxisMask: 0, ...masks },
  });
  return runGraph(g.output(out).build(), [values], batch)[0];
}

test('STRIDED_SLICE: the last step of a sequence, negative bounds and strides', () => {
  const lastStep = { beginMask: 0b101, endMask: 0b101, shrinkAxisMask: 0b010 };
  // [1, T=3, u=2] = 0..5: step 2 is [4, 5]
  assert.deepEqual(
    slice([1, 3, 2], [0, 1, 2, 3, 4, 5], [0, 2, 0], [1, 3, 2], [1, 1, 1], lastStep, [1, 2]),
    [4, 5],
  );
  // batch 2: the masks take every sample
  const twelve = Array.from({ length: 12 }, (_, i) => i);
  assert.deepEqual(
    slice([1, 3, 2], twelve, [0, 2, 0], [1, 3, 2], [1, 1, 1], lastStep, [1, 2], 2),
    [4, 5, 10, 11],
  );
  // begin -3, end -1 over [0..4]: positions 2 and 3
  assert.deepEqual(slice([1, 5], [0, 1, 2, 3, 4], [0, -3], [1, -1], [1, 1], {}, [1, 2]), [2, 3]);
  // from -1 down to (excluding) 0 in steps of 2: positions 4 and 2
  assert.deepEqual(slice([1, 5], [0, 1, 2, 3, 4], [0, -1], [1, 0], [1, -2], {}, [1, 2]), [4, 2]);
  // end mask with a negative stride runs to the start: 4, 3, 2, 1, 0
  assert.deepEqual(
    slice([1, 5], [0, 1, 2, 3, 4], [0, 4], [1, 0], [1, -1], { endMask: 0b10 }, [1, 5]),
    [4, 3, 2, 1, 0],
  );
  // dimensions past the operands are taken whole: rows 1..2 of [1, 3, 2]
  assert.deepEqual(slice([1, 3, 2], [0, 1, 2, 3, 4, 5], [0, 1], [1, 3], [1, 1], {}, [1, 2, 2]), [2, 3, 4, 5]);
});
