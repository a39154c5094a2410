/**
 * Shape inference for the deploy graph: every tensor's shape for a given batch, with each
 * operator's operand shapes checked against TFLite's rules for that builtin. The graph is
 * stored for batch 1; graph inputs and variable (state) tensors take the batch as their
 * first dimension, constants keep their stored shape and activations follow from the ops.
 */
import { EdgeforgeError } from '../errors.js';
import type { Graph, OpDef, Padding } from './types.js';

export const GRAPH_FIX =
  'Re-create the graph with edgeforge (train or import); see docs/graph-format.md for the operator rules';

/** An error about operator `opIndex`, placed at the op. */
export function opError(graph: Graph, opIndex: number, problem: string, source?: string): EdgeforgeError {
  return new EdgeforgeError(problem, {
    file: source,
    place: `op ${opIndex} (${graph.ops[opIndex]?.type ?? '?'})`,
    fix: GRAPH_FIX,
  });
}

/** "tensor 'lstm/kernel' (#4)" */
export function describeTensor(graph: Graph, tensorIndex: number): string {
  return `tensor '${graph.tensors[tensorIndex]?.name ?? '?'}' (#${tensorIndex})`;
}

/** Shapes of every tensor (indexed like graph.tensors) when the graph runs on `batch` samples. */
export function inferShapes(graph: Graph, batch = 1, source?: string): number[][] {
  if (!Number.isInteger(batch) || batch < 1) {
    throw new EdgeforgeError(`batch must be a positive integer, got ${batch}`, { file: source });
  }
  const known: (number[] | undefined)[] = graph.tensors.map((tensor) => {
    if (tensor.data !== undefined) return [...tensor.shape];
    if (tensor.variable === true) return [batch, ...tensor.shape.slice(1)];
    return undefined;
  });
  for (const index of graph.inputs) {
    const tensor = graph.tensors[index];
    if (tensor === undefined) {
      throw new EdgeforgeError(
        `graph input ${index} is not a tensor index (the graph has ${graph.tensors.length})`,
        {
          file: source,
          fix: GRAPH_FIX,
        },
      );
    }
    known[index] = tensor.shape.length === 0 ? [] : [batch, ...tensor.shape.slice(1)];
  }
  graph.ops.forEach((op, opIndex) => {
    const outputs = outputShapes(new OpShapeContext(graph, op, opIndex, known, source));
    op.outputs.forEach((tensorIndex, position) => (known[tensorIndex] = outputs[position]));
  });
  return known.map((shape, index) => shape ?? [...graph.tensors[index]!.shape]);
}

/**
 * The output shapes of one operator given the shapes known so far (used by lowering to
 * give each new tensor its shape as the graph is built).
 */
export function inferOpOutputShapes(
  graph: Graph,
  opIndex: number,
  known: (number[] | undefined)[],
): number[][] {
  return outputShapes(new OpShapeContext(graph, graph.ops[opIndex]!, opIndex, known));
}

/** Reads one operator's operands, failing with errors that name the op and the tensor. */
class OpShapeContext {
  constructor(
    readonly graph: Graph,
    readonly op: OpDef,
    readonly opIndex: number,
    private readonly known: (number[] | undefined)[],
    private readonly source?: string,
  ) {}

  fail(problem: string): never {
    throw opError(this.graph, this.opIndex, problem, this.source);
  }

  describe(tensorIndex: number): string {
    return describeTensor(this.graph, tensorIndex);
  }

  expectCounts(minInputs: number, maxInputs = minInputs): void {
    const count = this.op.inputs.length;
    if (count < minInputs || count > maxInputs) {
      const expected = minInputs === maxInputs ? `${minInputs}` : `${minInputs} to ${maxInputs}`;
      this.fail(`has ${count} inputs, expected ${expected}`);
    }
    if (this.op.outputs.length !== 1) this.fail(`has ${this.op.outputs.length} outputs, expected 1`);
    const output = this.op.outputs[0]!;
    if (!Number.isInteger(output) || output < 0 || output >= this.graph.tensors.length) {
      this.fail(`output ${output} is not a tensor index (the graph has ${this.graph.tensors.length})`);
    }
  }

  /** Tensor index of input `position`, or undefined when the optional input is absent (-1). */
  optionalIndex(position: number): number | undefined {
    const tensorIndex = this.op.inputs[position];
    if (tensorIndex === undefined || tensorIndex === -1) return undefined;
    if (!Number.isInteger(tensorIndex) || tensorIndex < 0 || tensorIndex >= this.graph.tensors.length) {
      this.fail(
        `input ${position} is ${tensorIndex}, not a tensor index (the graph has ${this.graph.tensors.length})`,
      );
    }
    return tensorIndex;
  }

  index(position: number): number {
    const tensorIndex = this.optionalIndex(position);
    if (tensorIndex === undefined) this.fail(`input ${position} is required but absent`);
    return tensorIndex;
  }

  optionalShape(position: number): number[] | undefined {
    const tensorIndex = this.optionalIndex(position);
    if (tensorIndex === undefined) return undefined;
    const shape = this.known[tensorIndex];
    if (shape === undefined) {
      this.fail(
        `${this.describe(tensorIndex)} is read before any op produces it (it is no graph input or constant)`,
      );
    }
    return shape;
  }

  shape(position: number): number[] {
    const shape = this.optionalShape(position);
    if (shape === undefined) this.fail(`input ${position} is required but absent`);
    return shape;
  }

  /** Input `position` with its rank checked. */
  shapeOfRank(position: number, rank: number, role: string): number[] {
    const shape = this.shape(position);
    if (shape.length !== rank) {
      this.fail(
        `${role} ${this.describe(this.index(position))} has shape ${formatShape(shape)}, expected rank ${rank}`,
      );
    }
    return shape;
  }

  /** Checks an (optional) operand has exactly the expected shape. */
  expectShape(position: number, expected: number[], role: string): void {
    const shape = this.optionalShape(position);
    if (shape !== undefined && !sameShape(shape, expected)) {
      this.fail(
        `${role} ${this.describe(this.index(position))} has shape ${formatShape(shape)}, expected ${formatShape(expected)}`,
      );
    }
  }

  /** The values of an int32 constant operand (shape, axes, paddings, slice bounds). */
  intConstant(position: number, role: string): number[] {
    const tensorIndex = this.index(position);
    const tensor = this.graph.tensors[tensorIndex]!;
    if (tensor.dtype !== 'int32' || !(tensor.data instanceof Int32Array)) {
      this.fail(`${role} ${this.describe(tensorIndex)} must be a constant int32 tensor`);
    }
    return Array.from(tensor.data);
  }

  positiveOption(value: number, name: string): number {
    if (!Number.isInteger(value) || value < 1)
      this.fail(`option ${name} is ${value}, expected a positive integer`);
    return value;
  }
}

function outputShapes(context: OpShapeContext): number[][] {
  const op = context.op;
  switch (op.type) {
    case 'FULLY_CONNECTED':
      return [fullyConnected(context, op.options.keepNumDims)];
    case 'CONV_2D':
    case 'DEPTHWISE_CONV_2D':
      return [convolution(context)];
    case 'MAX_POOL_2D':
    case 'AVERAGE_POOL_2D':
      return [pool(context, op.options.filterH, op.options.filterW)];
    case 'MEAN':
    case 'REDUCE_MAX':
      return [reduce(context, op.options.keepDims)];
    case 'RESHAPE':
      return [reshape(context)];
    case 'STRIDED_SLICE':
      return [stridedSlice(context)];
    case 'PAD':
      return [pad(context)];
    case 'LOGISTIC':
    case 'TANH':
    case 'RELU':
    case 'RELU6':
    case 'SOFTMAX':
    case 'QUANTIZE':
    case 'DEQUANTIZE':
      context.expectCounts(1);
      return [[...context.shape(0)]];
    case 'ADD':
    case 'MUL':
    case 'SUB':
      return [broadcast(context)];
    case 'CONCATENATION':
      return [concatenation(context, op.options.axis)];
    case 'UNIDIRECTIONAL_SEQUENCE_LSTM':
      return [lstm(context, op.options.timeMajor)];
    case 'GRU':
      return [gru(context, op.options.timeMajor, op.options.returnSequences)];
    default:
      return context.fail(`unknown operator type '${(op as { type: string }).type}'`);
  }
}

/** inputs: input, weights [out, in], bias [out] (optional). */
function fullyConnected(context: OpShapeContext, keepNumDims: boolean): number[] {
  context.expectCounts(2, 3);
  const input = context.shape(0);
  const [units, depth] = context.shapeOfRank(1, 2, 'weights') as [number, number];
  context.expectShape(2, [units], 'bias');
  const weights = `${context.describe(context.index(1))} [${units}, ${depth}]`;
  if (keepNumDims) {
    if (input.at(-1) !== depth) {
      context.fail(
        `input shape ${formatShape(input)} does not fit weights ${weights}: its last dimension must be ${depth}`,
      );
    }
    return [...input.slice(0, -1), units];
  }
  const size = elementCount(input);
  if (size % depth !== 0) {
    context.fail(
      `input shape ${formatShape(input)} does not split into rows of ${depth} for weights ${weights}`,
    );
  }
  return [size / depth, units];
}

/** CONV_2D filter [out, kh, kw, in]; DEPTHWISE_CONV_2D filter [1, kh, kw, in * multiplier]. */
function convolution(context: OpShapeContext): number[] {
  const op = context.op;
  if (op.type !== 'CONV_2D' && op.type !== 'DEPTHWISE_CONV_2D') return context.fail('is not a convolution');
  context.expectCounts(2, 3);
  const [batch, height, width, channels] = context.shapeOfRank(0, 4, 'input') as [
    number,
    number,
    number,
    number,
  ];
  const [filterOut, kernelH, kernelW, filterIn] = context.shapeOfRank(1, 4, 'filter') as [
    number,
    number,
    number,
    number,
  ];
  let outChannels = filterOut;
  if (op.type === 'CONV_2D') {
    if (filterIn !== channels) {
      context.fail(
        `filter ${context.describe(context.index(1))} takes ${filterIn} input channels, the input has ${channels}`,
      );
    }
  } else {
    const multiplier = context.positiveOption(op.options.depthMultiplier, 'depthMultiplier');
    outChannels = channels * multiplier;
    if (filterOut !== 1 || filterIn !== outChannels) {
      context.fail(
        `filter ${context.describe(context.index(1))} has shape ${formatShape([filterOut, kernelH, kernelW, filterIn])}, expected [1, ${kernelH}, ${kernelW}, ${outChannels}]`,
      );
    }
  }
  context.expectShape(2, [outChannels], 'bias');
  const { padding, strideH, strideW, dilationH, dilationW } = op.options;
  const outH = windowOutput(context, height, kernelH, strideH, dilationH, padding, 'H');
  const outW = windowOutput(context, width, kernelW, strideW, dilationW, padding, 'W');
  return [batch, outH, outW, outChannels];
}

function pool(context: OpShapeContext, filterH: number, filterW: number): number[] {
  const op = context.op;
  if (op.type !== 'MAX_POOL_2D' && op.type !== 'AVERAGE_POOL_2D') return context.fail('is not a pool');
  context.expectCounts(1);
  const [batch, height, width, channels] = context.shapeOfRank(0, 4, 'input') as [
    number,
    number,
    number,
    number,
  ];
  const { padding, strideH, strideW } = op.options;
  const outH = windowOutput(
    context,
    height,
    context.positiveOption(filterH, 'filterH'),
    strideH,
    1,
    padding,
    'H',
  );
  const outW = windowOutput(
    context,
    width,
    context.positiveOption(filterW, 'filterW'),
    strideW,
    1,
    padding,
    'W',
  );
  return [batch, outH, outW, channels];
}

/** TFLite's output size of a sliding window: SAME keeps ceil(in / stride), VALID only whole windows. */
export function windowOutputSize(
  size: number,
  kernel: number,
  stride: number,
  dilation: number,
  padding: Padding,
): number {
  if (padding === 'SAME') return Math.ceil(size / stride);
  const span = (kernel - 1) * dilation + 1;
  return Math.max(0, Math.ceil((size - span + 1) / stride));
}

function windowOutput(
  context: OpShapeContext,
  size: number,
  kernel: number,
  stride: number,
  dilation: number,
  padding: Padding,
  axis: 'H' | 'W',
): number {
  context.positiveOption(stride, `stride${axis}`);
  context.positiveOption(dilation, `dilation${axis}`);
  if (padding !== 'SAME' && padding !== 'VALID')
    context.fail(`padding '${String(padding)}' is neither SAME nor VALID`);
  const out = windowOutputSize(size, kernel, stride, dilation, padding);
  if (out < 1)
    context.fail(
      `the window (${kernel}, dilation ${dilation}) is wider than the input's ${size} along ${axis}`,
    );
  return out;
}

/** inputs: input, axes (int32 constant). */
function reduce(context: OpShapeContext, keepDims: boolean): number[] {
  context.expectCounts(2);
  const input = context.shape(0);
  const axes = new Set(
    context.intConstant(1, 'axes').map((axis) => normalizeAxis(context, axis, input.length)),
  );
  if (keepDims) return input.map((size, axis) => (axes.has(axis) ? 1 : size));
  return input.filter((_, axis) => !axes.has(axis));
}

/** inputs: input, new shape (int32 constant): a leading 1 stands for the batch, one -1 is inferred. */
function reshape(context: OpShapeContext): number[] {
  context.expectCounts(2);
  const input = context.shape(0);
  const target = context.intConstant(1, 'shape');
  if (target.length > 0 && target[0] === 1 && input.length > 0) target[0] = input[0]!;
  const inferred = target.filter((size) => size === -1).length;
  if (inferred > 1 || target.some((size) => size < -1 || size === 0)) {
    context.fail(`shape operand ${formatShape(target)} may hold positive sizes and at most one -1`);
  }
  const size = elementCount(input);
  const known = target.reduce((product, dim) => (dim === -1 ? product : product * dim), 1);
  if (inferred === 1) {
    if (size % known !== 0) context.fail(`cannot reshape ${formatShape(input)} into ${formatShape(target)}`);
    return target.map((dim) => (dim === -1 ? size / known : dim));
  }
  if (known !== size)
    context.fail(`cannot reshape ${formatShape(input)} (${size} values) into ${formatShape(target)}`);
  return target;
}

/** inputs: input, begin, end, strides (int32 constants), with TFLite's masks. */
function stridedSlice(context: OpShapeContext): number[] {
  const op = context.op;
  if (op.type !== 'STRIDED_SLICE') return context.fail('is not a strided slice');
  context.expectCounts(4);
  const { shrinkAxisMask, ellipsisMask, newAxisMask } = op.options;
  if (ellipsisMask !== 0 || newAxisMask !== 0) context.fail('ellipsis and new-axis masks are not supported');
  const input = context.shape(0);
  const begin = context.intConstant(1, 'begin');
  const end = context.intConstant(2, 'end');
  const strides = context.intConstant(3, 'strides');
  if (begin.length !== end.length || begin.length !== strides.length || begin.length > input.length) {
    context.fail(`begin, end and strides need one entry per sliced dimension of ${formatShape(input)}`);
  }
  const output: number[] = [];
  input.forEach((size, axis) => {
    if (axis >= begin.length) {
      output.push(size);
      return;
    }
    const bit = 1 << axis;
    const stride = strides[axis]!;
    if (stride === 0) context.fail(`stride of dimension ${axis} is 0`);
    const { first, last } = sliceBounds(size, axis, begin[axis]!, end[axis]!, stride, op.options);
    if ((shrinkAxisMask & bit) !== 0) {
      if (first < 0 || first >= size)
        context.fail(`index ${begin[axis]} is outside dimension ${axis} of ${formatShape(input)}`);
      return;
    }
    output.push(Math.max(0, Math.ceil((last - first) / stride)));
  });
  return output;
}

/**
 * Where STRIDED_SLICE starts (first) and stops (last, exclusive) along one dimension: a masked
 * bound takes the whole range in the stride's direction; otherwise it counts from the end when
 * negative and is clamped as TFLite does. Shared with the runtime kernels so both agree.
 */
export function sliceBounds(
  size: number,
  axis: number,
  begin: number,
  end: number,
  stride: number,
  masks: { beginMask: number; endMask: number },
): { first: number; last: number } {
  const bit = 1 << axis;
  const first = (masks.beginMask & bit) !== 0 ? (stride > 0 ? 0 : size - 1) : clampIndex(begin, size, stride);
  const last = (masks.endMask & bit) !== 0 ? (stride > 0 ? size : -1) : clampIndex(end, size, stride);
  return { first, last };
}

/** A slice bound made non-negative (counting from the end) and clamped like TFLite does. */
function clampIndex(index: number, size: number, stride: number): number {
  const absolute = index < 0 ? index + size : index;
  return stride > 0 ? Math.min(Math.max(absolute, 0), size) : Math.min(Math.max(absolute, -1), size - 1);
}

/** inputs: input, paddings (int32 constant [rank, 2]: before, after). */
function pad(context: OpShapeContext): number[] {
  context.expectCounts(2);
  const input = context.shape(0);
  context.expectShape(1, [input.length, 2], 'paddings');
  const paddings = context.intConstant(1, 'paddings');
  if (paddings.some((amount) => amount < 0))
    context.fail(`paddings ${formatShape(paddings)} must not be negative`);
  return input.map((size, axis) => size + paddings[2 * axis]! + paddings[2 * axis + 1]!);
}

/** Numpy-style broadcasting of two operands, as TFLite's ADD/MUL/SUB do. */
function broadcast(context: OpShapeContext): number[] {
  context.expectCounts(2);
  const left = context.shape(0);
  const right = context.shape(1);
  const rank = Math.max(left.length, right.length);
  const output: number[] = [];
  for (let fromEnd = rank; fromEnd >= 1; fromEnd--) {
    const a = left[left.length - fromEnd] ?? 1;
    const b = right[right.length - fromEnd] ?? 1;
    if (a !== b && a !== 1 && b !== 1) {
      context.fail(`operands ${formatShape(left)} and ${formatShape(right)} do not broadcast`);
    }
    output.push(a === 1 ? b : a);
  }
  return output;
}

function concatenation(context: OpShapeContext, axisOption: number): number[] {
  context.expectCounts(1, Number.MAX_SAFE_INTEGER);
  const first = context.shape(0);
  const axis = normalizeAxis(context, axisOption, first.length);
  const output = [...first];
  for (let position = 1; position < context.op.inputs.length; position++) {
    const shape = context.shape(position);
    const compatible =
      shape.length === first.length && shape.every((size, dim) => dim === axis || size === first[dim]);
    if (!compatible) {
      context.fail(
        `${context.describe(context.index(position))} has shape ${formatShape(shape)}, which cannot join ${formatShape(first)} along axis ${axis}`,
      );
    }
    output[axis]! += shape[axis]!;
  }
  return output;
}

/** TFLite's 20 or 24 LSTM inputs (see types.ts); absent input gate = CIFG, projection optional. */
function lstm(context: OpShapeContext, timeMajor: boolean): number[] {
  context.expectCounts(20, 24);
  if (context.op.inputs.length !== 20 && context.op.inputs.length !== 24)
    context.fail('needs 20 or 24 inputs');
  const input = context.shapeOfRank(0, 3, 'input');
  const [units] = context.shapeOfRank(2, 2, 'input-to-forget weights') as [number];
  const depth = input[2]!;
  const projection = context.optionalShape(16);
  if (projection !== undefined && projection.length !== 2) context.fail('projection weights must be 2-D');
  const outputSize = projection?.[0] ?? units;
  const gates = ['input', 'forget', 'cell', 'output'];
  gates.forEach((gate, offset) => {
    context.expectShape(1 + offset, [units, depth], `input-to-${gate} weights`);
    context.expectShape(5 + offset, [units, outputSize], `recurrent-to-${gate} weights`);
    context.expectShape(12 + offset, [units], `${gate} gate bias`);
  });
  for (const position of [9, 10, 11, 20, 21, 22, 23]) context.expectShape(position, [units], 'coefficients');
  context.expectShape(16, [outputSize, units], 'projection weights');
  context.expectShape(17, [outputSize], 'projection bias');
  const batch = timeMajor ? input[1]! : input[0]!;
  context.index(18);
  context.index(19);
  context.expectShape(18, [batch, outputSize], 'output state');
  context.expectShape(19, [batch, units], 'cell state');
  return [input[0]!, input[1]!, outputSize];
}

/** inputs: input, kernel [3u, in], recurrent kernel [3u, u], input bias [3u], recurrent bias [3u], state [batch, u]. */
function gru(context: OpShapeContext, timeMajor: boolean, returnSequences: boolean): number[] {
  context.expectCounts(6);
  const input = context.shapeOfRank(0, 3, 'input');
  const [gateRows] = context.shapeOfRank(1, 2, 'kernel') as [number];
  if (gateRows % 3 !== 0)
    context.fail(`kernel ${context.describe(context.index(1))} has ${gateRows} rows, not 3 × units`);
  const units = gateRows / 3;
  context.expectShape(1, [gateRows, input[2]!], 'kernel');
  context.expectShape(2, [gateRows, units], 'recurrent kernel');
  context.expectShape(3, [gateRows], 'input bias');
  context.expectShape(4, [gateRows], 'recurrent bias');
  const batch = timeMajor ? input[1]! : input[0]!;
  context.index(5);
  context.expectShape(5, [batch, units], 'state');
  if (!returnSequences) return [batch, units];
  return [input[0]!, input[1]!, units];
}

function normalizeAxis(context: OpShapeContext, axis: number, rank: number): number {
  if (!Number.isInteger(axis) || axis < -rank || axis >= rank)
    context.fail(`axis ${axis} is outside rank ${rank}`);
  return axis < 0 ? axis + rank : axis;
}

export function elementCount(shape: readonly number[]): number {
  return shape.reduce((product, size) => product * size, 1);
}

export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((size, axis) => size === b[axis]);
}

export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}
