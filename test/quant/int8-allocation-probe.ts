/**
 * Run by int8-allocation.test.ts as `node --expose-gc --trace-gc --import tsx int8-allocation-probe.ts`:
 * a chain through every int8 kernel, after warm-up and a full collection, invoked 20,000 times
 * between two marker lines, so the test can count the collections V8 reports in between and
 * the heap growth.
 */
import type { Quantization } from '../../src/graph/types.js';
import { Interpreter } from '../../src/runtime/index.js';
import { q, QuantGraph } from './int8-graph.js';

const INVOKES = 20_000;
const WARM_UP = 10_000;
const MAX_WARM_UP_ROUNDS = 20;
/** Heap growth over a warm-up round below which the code is taken as optimised. */
const STEADY_BYTES = 4 * 1024;
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with --expose-gc');

const g = new QuantGraph();
const a = q(0.05, -3);
const weights = (shape: number[]) => {
  const count = shape.reduce((product, size) => product * size, 1);
  return g.int8(
    shape,
    Array.from({ length: count }, (_, i) => ((i * 37) % 200) - 100),
    q(0.01),
  );
};
const bias = (count: number) =>
  g.int32(
    [count],
    Array.from({ length: count }, (_, i) => i * 50 - 100),
  );
const window = {
  padding: 'SAME',
  strideH: 1,
  strideW: 1,
  dilationH: 1,
  dilationW: 1,
  fusedActivation: 'RELU',
} as const;
const ints = (values: number[]) => g.int32([values.length], values);
const chain = (
  type: string,
  inputs: number[],
  shape: number[],
  quantization: Quantization,
  options: object = {},
) => {
  const out = g.tensor(shape, quantization);
  g.op({ type, inputs, outputs: [out], options } as Parameters<QuantGraph['op']>[0]);
  return out;
};

let x = g.input([1, 1, 8, 2], a);
x = chain('CONV_2D', [x, weights([4, 1, 3, 2]), bias(4)], [1, 1, 8, 4], a, window);
x = chain('DEPTHWISE_CONV_2D', [x, weights([1, 1, 3, 4]), bias(4)], [1, 1, 8, 4], a, {
  ...window,
  depthMultiplier: 1,
});
const pool = { padding: 'VALID', strideH: 1, strideW: 2, filterH: 1, filterW: 2, fusedActivation: 'NONE' };
x = chain('MAX_POOL_2D', [x], [1, 1, 4, 4], a, pool);
x = chain('AVERAGE_POOL_2D', [x], [1, 1, 4, 4], a, { ...pool, padding: 'SAME', strideW: 1 });
x = chain('PAD', [x, g.int32([4, 2], [0, 0, 0, 0, 1, 0, 0, 0])], [1, 1, 5, 4], a);
x = chain('RESHAPE', [x, ints([1, 5, 4])], [1, 5, 4], a);
const lstmInputs = [
  x,
  ...[0, 1, 2, 3].map(() => weights([3, 4])),
  ...[0, 1, 2, 3].map(() => weights([3, 3])),
  -1,
  -1,
  -1,
  ...[0, 1, 2, 3].map(() => bias(3)),
  -1,
  -1,
  g.tensor([1, 3], a, 'int8', { variable: true }),
  g.tensor([1, 3], q(2 ** -11), 'int16', { variable: true }),
  -1,
  -1,
  -1,
  -1,
];
x = chain('UNIDIRECTIONAL_SEQUENCE_LSTM', lstmInputs, [1, 5, 3], a, {
  fusedActivation: 'TANH',
  cellClip: 0,
  projClip: 0,
  timeMajor: false,
});
const slice = { beginMask: 0b101, endMask: 0b101, ellipsisMask: 0, newAxisMask: 0, shrinkAxisMask: 0b010 };
x = chain('STRIDED_SLICE', [x, ints([0, 4, 0]), ints([1, 5, 3]), ints([1, 1, 1])], [1, 3], a, slice);
x = chain('FULLY_CONNECTED', [x, weights([4, 3]), bias(4)], [1, 4], a, {
  fusedActivation: 'NONE',
  keepNumDims: false,
});
for (const type of ['ADD', 'MUL', 'SUB']) x = chain(type, [x, x], [1, 4], a, { fusedActivation: 'NONE' });
x = chain('TANH', [x], [1, 4], q(1 / 128));
x = chain('LOGISTIC', [x], [1, 4], q(1 / 256, -128));
x = chain('RELU', [x], [1, 4], a);
x = chain('RELU6', [x], [1, 4], a);
x = chain('QUANTIZE', [x], [1, 4], q(0.03, 1));
x = chain('CONCATENATION', [x, x], [1, 8], q(0.03, 1), { axis: 1, fusedActivation: 'NONE' });
x = chain('SOFTMAX', [x], [1, 8], q(1 / 256, -128), { beta: 1 });
x = chain(
  'MEAN',
  [chain('RESHAPE', [x, ints([1, 2, 4])], [1, 2, 4], q(1 / 256, -128)), ints([1])],
  [1, 4],
  q(0.01, -128),
  { keepDims: false },
);
x = chain('REDUCE_MAX', [x, ints([1])], [1], q(0.01, -128), { keepDims: false });

const interpreter = new Interpreter(g.output(x).build());
const input = interpreter.inputData();
const run = (count: number) => {
  for (let i = 0; i < count; i++) {
    input.fill(i % 256);
    interpreter.invoke();
  }
};
// Every kernel optimised before measuring. On a loaded machine the optimising compiler runs
// late, and unoptimised code boxes numbers; so warm up until a round leaves the heap as it found
// it (a kernel that allocates never gets there, and the measured run below then fails).
for (let round = 0; round < MAX_WARM_UP_ROUNDS; round++) {
  gc();
  const start = process.memoryUsage().heapUsed;
  run(WARM_UP);
  if (process.memoryUsage().heapUsed - start < STEADY_BYTES) break;
}
// START is printed before the heap is read: writing to the pipe allocates too.
console.log('START');
gc();
const before = process.memoryUsage().heapUsed;
run(INVOKES);
const growth = process.memoryUsage().heapUsed - before;
console.log(`END growth ${growth} ops ${g.build().ops.length}`);
