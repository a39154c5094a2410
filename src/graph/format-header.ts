/**
 * The JSON header of an .efg file (docs/graph-format.md): the graph without constant
 * values, each constant pointing into the data section instead. Writing lists fields in a
 * fixed order (so equal graphs encode to equal bytes); reading checks every field's type
 * and range and names the field when one is wrong.
 */
import { EdgeforgeError } from '../errors.js';
import type {
  DType,
  Graph,
  GraphMetadata,
  OpDef,
  OpType,
  Preprocessing,
  Quantization,
  TensorDef,
} from './types.js';

/** Where a constant's bytes sit in the data section. */
export interface DataRef {
  offset: number;
  bytes: number;
}

export const DTYPES: readonly DType[] = ['float32', 'float16', 'int8', 'int16', 'int32', 'uint8'];
const ACTIVATIONS = ['NONE', 'RELU', 'RELU6', 'RELU_N1_TO_1', 'TANH'] as const;
const PADDINGS = ['SAME', 'VALID'] as const;

type FieldKind = 'int' | 'number' | 'bool' | 'activation' | 'padding';

const WINDOW: Record<string, FieldKind> = {
  padding: 'padding',
  strideH: 'int',
  strideW: 'int',
  dilationH: 'int',
  dilationW: 'int',
  fusedActivation: 'activation',
};
const POOL: Record<string, FieldKind> = {
  padding: 'padding',
  strideH: 'int',
  strideW: 'int',
  filterH: 'int',
  filterW: 'int',
  fusedActivation: 'activation',
};
const NONE: Record<string, FieldKind> = {};
const FUSED: Record<string, FieldKind> = { fusedActivation: 'activation' };

/** Every operator's option fields and their kinds: what the reader accepts and the writer writes. */
const OPTION_FIELDS: Record<OpType, Record<string, FieldKind>> = {
  FULLY_CONNECTED: { fusedActivation: 'activation', keepNumDims: 'bool' },
  UNIDIRECTIONAL_SEQUENCE_LSTM: {
    fusedActivation: 'activation',
    cellClip: 'number',
    projClip: 'number',
    timeMajor: 'bool',
  },
  GRU: { resetAfter: 'bool', timeMajor: 'bool', returnSequences: 'bool' },
  CONV_2D: WINDOW,
  DEPTHWISE_CONV_2D: { ...WINDOW, depthMultiplier: 'int' },
  MAX_POOL_2D: POOL,
  AVERAGE_POOL_2D: POOL,
  MEAN: { keepDims: 'bool' },
  REDUCE_MAX: { keepDims: 'bool' },
  RESHAPE: NONE,
  STRIDED_SLICE: {
    beginMask: 'int',
    endMask: 'int',
    ellipsisMask: 'int',
    newAxisMask: 'int',
    shrinkAxisMask: 'int',
  },
  PAD: NONE,
  LOGISTIC: NONE,
  TANH: NONE,
  RELU: NONE,
  RELU6: NONE,
  SOFTMAX: { beta: 'number' },
  ADD: FUSED,
  MUL: FUSED,
  SUB: FUSED,
  CONCATENATION: { axis: 'int', fusedActivation: 'activation' },
  QUANTIZE: NONE,
  DEQUANTIZE: NONE,
};
const OP_TYPES = Object.keys(OPTION_FIELDS) as OpType[];

// ---------------------------------------------------------------- writing

export function headerOf(graph: Graph, refs: (DataRef | undefined)[]): object {
  return {
    tensors: graph.tensors.map((tensor, index) => ({
      name: tensor.name,
      shape: tensor.shape,
      dtype: tensor.dtype,
      ...(tensor.quantization && { quantization: quantizationOf(tensor.quantization) }),
      ...(tensor.variable === true && { variable: true }),
      ...(refs[index] && { data: { offset: refs[index].offset, bytes: refs[index].bytes } }),
    })),
    ops: graph.ops.map((op) => ({
      type: op.type,
      inputs: op.inputs,
      outputs: op.outputs,
      options: Object.fromEntries(
        Object.keys(OPTION_FIELDS[op.type]).map((field) => [
          field,
          (op.options as Record<string, unknown>)[field],
        ]),
      ),
      ...('intermediates' in op && op.intermediates && { intermediates: op.intermediates }),
    })),
    inputs: graph.inputs,
    outputs: graph.outputs,
    metadata: metadataOf(graph.metadata),
  };
}

function quantizationOf(quantization: Quantization): object {
  const { scale, zeroPoint, axis } = quantization;
  return { scale, zeroPoint, ...(axis !== undefined && { axis }) };
}

function metadataOf(metadata: GraphMetadata): object {
  const pre = metadata.preprocessing;
  return {
    task: metadata.task,
    classes: metadata.classes,
    ...(pre && {
      preprocessing: {
        steps: pre.steps,
        channels: pre.channels,
        channelNames: pre.channelNames,
        layout: pre.layout,
        featureColumns: pre.featureColumns,
        labelColumn: pre.labelColumn,
        scaler: {
          method: pre.scaler.method,
          per: pre.scaler.per,
          steps: pre.scaler.steps,
          channels: pre.scaler.channels,
          center: pre.scaler.center,
          scale: pre.scaler.scale,
        },
        ...(pre.window && { window: { length: pre.window.length, stride: pre.window.stride } }),
      },
    }),
    ...(metadata.anomaly && {
      anomaly: { threshold: metadata.anomaly.threshold, normalClass: metadata.anomaly.normalClass },
    }),
    source: metadata.source,
    ...(metadata.notes && { notes: metadata.notes }),
  };
}

// ---------------------------------------------------------------- reading

/** Typed access to parsed JSON; every failure names the field's path. */
class FieldReader {
  constructor(private readonly source?: string) {}

  fail(path: string, problem: string): never {
    throw new EdgeforgeError(`corrupt graph header: ${problem}`, {
      file: this.source,
      place: `header field ${path}`,
      fix: 'Re-create the file (edgeforge train writes model.efg); it was damaged or not written by edgeforge',
    });
  }

  object(value: unknown, path: string): Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      this.fail(path, 'expected an object');
    return value as Record<string, unknown>;
  }

  array(value: unknown, path: string): unknown[] {
    if (!Array.isArray(value)) this.fail(path, 'expected a list');
    return value;
  }

  string(value: unknown, path: string): string {
    if (typeof value !== 'string') this.fail(path, 'expected a string');
    return value;
  }

  number(value: unknown, path: string): number {
    if (typeof value !== 'number' || !Number.isFinite(value)) this.fail(path, 'expected a finite number');
    return value;
  }

  integer(value: unknown, path: string, min: number, max = 2 ** 31 - 1): number {
    if (!Number.isInteger(value) || (value as number) < min || (value as number) > max) {
      this.fail(path, `expected an integer from ${min} to ${max}`);
    }
    return value as number;
  }

  boolean(value: unknown, path: string): boolean {
    if (typeof value !== 'boolean') this.fail(path, 'expected true or false');
    return value;
  }

  oneOf<T extends string>(value: unknown, path: string, allowed: readonly T[]): T {
    if (!allowed.includes(value as T)) this.fail(path, `expected one of ${allowed.join(', ')}`);
    return value as T;
  }

  list<T>(value: unknown, path: string, read: (item: unknown, path: string) => T): T[] {
    return this.array(value, path).map((item, index) => read(item, `${path}[${index}]`));
  }

  strings(value: unknown, path: string): string[] {
    return this.list(value, path, (item, at) => this.string(item, at));
  }

  numbers(value: unknown, path: string): number[] {
    return this.list(value, path, (item, at) => this.number(item, at));
  }

  integers(value: unknown, path: string, min: number): number[] {
    return this.list(value, path, (item, at) => this.integer(item, at, min));
  }
}

export interface DecodedHeader {
  graph: Graph;
  refs: (DataRef | undefined)[];
}

export function readHeader(json: unknown, source?: string): DecodedHeader {
  const read = new FieldReader(source);
  const root = read.object(json, '(top)');
  const refs: (DataRef | undefined)[] = [];
  const tensors = read.list(root.tensors, 'tensors', (item, path) => {
    const { tensor, ref } = readTensor(read, item, path);
    refs.push(ref);
    return tensor;
  });
  const graph: Graph = {
    tensors,
    ops: read.list(root.ops, 'ops', (item, path) => readOp(read, item, path)),
    inputs: read.integers(root.inputs, 'inputs', 0),
    outputs: read.integers(root.outputs, 'outputs', 0),
    metadata: readMetadata(read, root.metadata, 'metadata'),
  };
  return { graph, refs };
}

function readTensor(read: FieldReader, value: unknown, path: string): { tensor: TensorDef; ref?: DataRef } {
  const fields = read.object(value, path);
  const tensor: TensorDef = {
    name: read.string(fields.name, `${path}.name`),
    shape: read.integers(fields.shape, `${path}.shape`, 0),
    dtype: read.oneOf(fields.dtype, `${path}.dtype`, DTYPES),
  };
  if (tensor.shape.length > 8) read.fail(`${path}.shape`, 'has more than 8 dimensions');
  if (fields.quantization !== undefined)
    tensor.quantization = readQuantization(read, fields.quantization, `${path}.quantization`);
  if (fields.variable !== undefined) {
    if (read.boolean(fields.variable, `${path}.variable`)) tensor.variable = true;
  }
  if (fields.data === undefined) return { tensor };
  const data = read.object(fields.data, `${path}.data`);
  const ref = {
    offset: read.integer(data.offset, `${path}.data.offset`, 0),
    bytes: read.integer(data.bytes, `${path}.data.bytes`, 0),
  };
  return { tensor, ref };
}

function readQuantization(read: FieldReader, value: unknown, path: string): Quantization {
  const fields = read.object(value, path);
  const quantization: Quantization = {
    scale: read.numbers(fields.scale, `${path}.scale`),
    zeroPoint: read.integers(fields.zeroPoint, `${path}.zeroPoint`, -(2 ** 31)),
  };
  if (fields.axis !== undefined) quantization.axis = read.integer(fields.axis, `${path}.axis`, 0);
  return quantization;
}

function readOp(read: FieldReader, value: unknown, path: string): OpDef {
  const fields = read.object(value, path);
  const type = read.oneOf(fields.type, `${path}.type`, OP_TYPES);
  const optionValues = read.object(fields.options, `${path}.options`);
  const options: Record<string, unknown> = {};
  for (const [field, kind] of Object.entries(OPTION_FIELDS[type])) {
    options[field] = readOption(read, optionValues[field], `${path}.options.${field}`, kind);
  }
  const op = {
    type,
    inputs: read.integers(fields.inputs, `${path}.inputs`, -1),
    outputs: read.integers(fields.outputs, `${path}.outputs`, 0),
    options,
    ...(fields.intermediates !== undefined && {
      intermediates: read.integers(fields.intermediates, `${path}.intermediates`, 0),
    }),
  };
  // Each field was read with the kind OPTION_FIELDS gives for this type: the shape OpDef declares.
  return op as OpDef;
}

function readOption(read: FieldReader, value: unknown, path: string, kind: FieldKind): unknown {
  switch (kind) {
    case 'int':
      return read.integer(value, path, -(2 ** 31));
    case 'number':
      return read.number(value, path);
    case 'bool':
      return read.boolean(value, path);
    case 'activation':
      return read.oneOf(value, path, ACTIVATIONS);
    case 'padding':
      return read.oneOf(value, path, PADDINGS);
  }
}

function readMetadata(read: FieldReader, value: unknown, path: string): GraphMetadata {
  const fields = read.object(value, path);
  const metadata: GraphMetadata = {
    task: read.oneOf(fields.task, `${path}.task`, ['binary', 'multiclass', 'autoencoder', 'other'] as const),
    classes: read.strings(fields.classes, `${path}.classes`),
    source: read.string(fields.source, `${path}.source`),
  };
  if (fields.preprocessing !== undefined) {
    metadata.preprocessing = readPreprocessing(read, fields.preprocessing, `${path}.preprocessing`);
  }
  if (fields.anomaly !== undefined) {
    const anomaly = read.object(fields.anomaly, `${path}.anomaly`);
    metadata.anomaly = {
      threshold: read.number(anomaly.threshold, `${path}.anomaly.threshold`),
      normalClass: read.string(anomaly.normalClass, `${path}.anomaly.normalClass`),
    };
  }
  if (fields.notes !== undefined) {
    const notes = Object.entries(read.object(fields.notes, `${path}.notes`)).map(([key, note]) => {
      if (typeof note === 'string' || typeof note === 'boolean') return [key, note] as const;
      return [key, read.number(note, `${path}.notes.${key}`)] as const;
    });
    metadata.notes = Object.fromEntries(notes);
  }
  return metadata;
}

function readPreprocessing(read: FieldReader, value: unknown, path: string): Preprocessing {
  const fields = read.object(value, path);
  const scaler = read.object(fields.scaler, `${path}.scaler`);
  const preprocessing: Preprocessing = {
    steps: read.integer(fields.steps, `${path}.steps`, 1),
    channels: read.integer(fields.channels, `${path}.channels`, 1),
    channelNames: read.strings(fields.channelNames, `${path}.channelNames`),
    layout: read.oneOf(fields.layout, `${path}.layout`, ['wide', 'long'] as const),
    featureColumns: read.strings(fields.featureColumns, `${path}.featureColumns`),
    labelColumn: read.string(fields.labelColumn, `${path}.labelColumn`),
    scaler: {
      method: read.oneOf(scaler.method, `${path}.scaler.method`, [
        'standard',
        'minmax',
        'robust',
        'none',
      ] as const),
      per: read.oneOf(scaler.per, `${path}.scaler.per`, ['feature', 'channel'] as const),
      steps: read.integer(scaler.steps, `${path}.scaler.steps`, 1),
      channels: read.integer(scaler.channels, `${path}.scaler.channels`, 1),
      center: read.numbers(scaler.center, `${path}.scaler.center`),
      scale: read.numbers(scaler.scale, `${path}.scaler.scale`),
    },
  };
  if (fields.window !== undefined) {
    const window = read.object(fields.window, `${path}.window`);
    preprocessing.window = {
      length: read.integer(window.length, `${path}.window.length`, 1),
      stride: read.integer(window.stride, `${path}.window.stride`, 1),
    };
  }
  return preprocessing;
}
