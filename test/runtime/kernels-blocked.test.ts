/**
 * CONV_2D and FULLY_CONNECTED, whose kernels run blocked matrix products on packed weights,
 * against straightforward loops written here: odd sizes, batches, strides, dilation, padding.
 */
import { test } from 'node:test';
import type { Conv2DOptions, Padding } from '../../src/graph/types.js';
import { Random } from '../../src/util/random.js';
import { GraphBuilder } from './graph-builder.js';
import { assertClose, runGraph } from './run-graph.js';
import type { ConvShape } from './conv-fixtures.js';

interface ConvCase extends ConvShape {
  batch: number;
  strideH: number;
  strideW: number;
  dilationH: number;
  dilationW: number;
  padding: Padding;
  bias: boolean;
}

/** TFLite's output size and padding before, for one axis. */
function axis(size: number, kernel: number, stride: number, dilation: number, padding: Padding) {
  const span = (kernel - 1) * dilation + 1;
  if (padding === 'VALID') return { out: Math.floor((size - span) / stride) + 1, before: 0 };
  const out = Math.ceil(size / stride);
  return { out, before: Math.floor(Math.max((out - 1) * stride + span - size, 0) / 2) };
}

function referenceConv(c: ConvCase, x: Float32Array, filter: Float32Array, bias: Float32Array | undefined) {
  const rows = axis(c.height, c.kernelH, c.strideH, c.dilationH, c.padding);
  const cols = axis(c.width, c.kernelW, c.strideW, c.dilationW, c.padding);
  const out: number[] = [];
  for (let b = 0; b < c.batch; b++) {
    for (let oy = 0; oy < rows.out; oy++) {
      for (let ox = 0; ox < cols.out; ox++) {
        for (let o = 0; o < c.filters; o++) {
          let sum = bias === undefined ? 0 : bias[o];
          for (let ky = 0; ky < c.kernelH; ky++) {
            const iy = oy * c.strideH + ky * c.dilationH - rows.before;
            if (iy < 0 || iy >= c.height) continue;
            for (let kx = 0; kx < c.kernelW; kx++) {
              const ix = ox * c.strideW + kx * c.dilationW - cols.before;
              if (ix < 0 || ix >= c.width) continue;
              for (let ch = 0; ch < c.channels; ch++) {
                const xValue = x[((b * c.height + iy) * c.width + ix) * c.channels + ch];
                sum += xValue * filter[((o * c.kernelH + ky) * c.kernelW + kx) * c.channels + ch];
              }
            }
          }
          out.push(sum);
        }
      }
    }
  }
  return { out, shape: [1, rows.out, cols.out, c.filters] };
}

function checkConv(c: ConvCase, random: Random): void {
  const values = (length: number) => Float32Array.from({ length }, () => random.uniform(-1, 1));
  const x = values(c.batch * c.height * c.width * c.channels);
  const filter = values(c.filters * c.kernelH * c.kernelW * c.channels);
  const bias = c.bias ? values(c.filters) : undefined;
  const expected = referenceConv(c, x, filter, bias);
  const g = new GraphBuilder();
  const input = g.input([1, c.height, c.width, c.channels]);
  const f = g.floats([c.filters, c.kernelH, c.kernelW, c.channels], Array.from(filter));
  const b = bias === undefined ? -1 : g.floats([c.filters], Array.from(bias));
  const out = g.tensor(expected.shape);
  const options: Conv2DOptions = {
    padding: c.padding,
    strideH: c.strideH,
    strideW: c.strideW,
    dilationH: c.dilationH,
    dilationW: c.dilationW,
    fusedActivation: 'NONE',
  };
  g.op({ type: 'CONV_2D', inputs: [input, f, b], outputs: [out], options });
  const [actual] = runGraph(g.output(out).build(), [Array.from(x)], c.batch);
  assertClose(actual, expected.out, 1e-5, JSON.stringify(c));
}

const CONV1D: ConvCase = {
  batch: 1,
  height: 1,
  width: 13,
  channels: 3,
  filters: 5,
  kernelH: 1,
  kernelW: 3,
  strideH: 1,
  strideW: 1,
  dilationH: 1,
  dilationW: 1,
  padding: 'SAME',
  bias: true,
};

test('CONV_2D along W (Conv1D): odd widths, filter counts and channels, batches, strides, dilation', () => {
  const random = new Random(11);
  for (const padding of ['SAME', 'VALID'] as const) {
    for (const [width, kernelW, strideW, dilationW] of [
      [13, 3, 1, 1],
      [17, 5, 1, 1],
      [9, 5, 2, 1],
      [11, 3, 1, 2],
      [7, 3, 3, 2],
      [4, 5, 1, 1], // SAME with a kernel wider than the input: no interior column
    ]) {
      for (const [channels, filters, batch] of [
        [1, 16, 1],
        [3, 5, 3],
        [2, 7, 2],
      ]) {
        if (padding === 'VALID' && (kernelW - 1) * dilationW + 1 > width) continue;
        const c = { ...CONV1D, padding, width, kernelW, strideW, dilationW, channels, filters, batch };
        checkConv({ ...c, bias: filters % 2 === 0 }, random);
      }
    }
  }
});

test('CONV_2D in two dimensions: strides and dilation along H and W, batch 2', () => {
  const random = new Random(12);
  for (const padding of ['SAME', 'VALID'] as const) {
    checkConv(
      { ...CONV1D, batch: 2, height: 6, width: 7, kernelH: 3, strideH: 2, dilationW: 1, padding },
      random,
    );
    checkConv(
      { ...CONV1D, batch: 2, height: 7, width: 8, kernelH: 2, dilationH: 2, dilationW: 2, padding },
      random,
    );
  }
});

test('FULLY_CONNECTED over a batch of 1 to 9 rows, odd unit and depth counts', () => {
  const random = new Random(13);
  for (const [units, depth] of [
    [1, 1],
    [3, 7],
    [5, 4],
    [9, 13],
  ]) {
    for (let batch = 1; batch <= 9; batch++) {
      const weights = Array.from({ length: units * depth }, () => random.uniform(-1, 1));
      const bias = Array.from({ length: units }, () => random.uniform(-1, 1));
      const x = Array.from({ length: batch * depth }, () => random.uniform(-1, 1));
      const g = new GraphBuilder();
      const input = g.input([1, depth]);
      const out = g.tensor([1, units]);
      g.op({
        type: 'FULLY_CONNECTED',
        inputs: [input, g.floats([units, depth], weights), g.floats([units], bias)],
        outputs: [out],
        options: { fusedActivation: 'NONE', keepNumDims: false },
      });
      const expected: number[] = [];
      for (let r = 0; r < batch; r++) {
        for (let o = 0; o < units; o++) {
          let sum = bias[o];
          for (let k = 0; k < depth; k++)
            sum += Math.fround(weights[o * depth + k]) * Math.fround(x[r * depth + k]);
          expected.push(sum);
        }
      }
      const [actual] = runGraph(g.output(out).build(), [x], batch);
      assertClose(actual, expected, 1e-5, `units ${units} depth ${depth} batch ${batch}`);
    }
  }
});
