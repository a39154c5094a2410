/**
 * Collects the nodes and initializers of one ONNX graph under unique value names, with
 * shorthands for the attribute kinds and the small constant operands (shapes, axes,
 * quantization parameters) that ONNX takes as inputs.
 */
import {
  ONNX_TYPE,
  type OnnxAttribute,
  type OnnxElementType,
  type OnnxInitializer,
  type OnnxNode,
} from './onnx-model.js';

export type ZeroPointType = typeof ONNX_TYPE.int8 | typeof ONNX_TYPE.uint8 | typeof ONNX_TYPE.int32;

const ZERO_POINT_ARRAYS = {
  [ONNX_TYPE.int8]: Int8Array,
  [ONNX_TYPE.uint8]: Uint8Array,
  [ONNX_TYPE.int32]: Int32Array,
} as const;

export type Attributes = Record<string, OnnxAttribute>;

export const attr = {
  int: (value: number): OnnxAttribute => ({ kind: 'int', value }),
  ints: (value: number[]): OnnxAttribute => ({ kind: 'ints', value }),
  float: (value: number): OnnxAttribute => ({ kind: 'float', value }),
  strings: (value: string[]): OnnxAttribute => ({ kind: 'strings', value }),
};

/** The little-endian bytes of a typed array (every platform Node runs on is little-endian). */
export function bytesOf(values: ArrayBufferView): Uint8Array {
  return new Uint8Array(values.buffer, values.byteOffset, values.byteLength).slice();
}

export class OnnxBuilder {
  readonly nodes: OnnxNode[] = [];
  readonly initializers: OnnxInitializer[] = [];
  private readonly used = new Set<string>();
  private readonly shared = new Map<string, string>();

  /** `base`, or `base_2`, `base_3`, ... when taken. */
  unique(base: string): string {
    let name = base;
    for (let n = 2; this.used.has(name); n++) name = `${base}_${n}`;
    this.used.add(name);
    return name;
  }

  /** Appends a single-output node; returns its output's name. */
  node(opType: string, inputs: string[], outputBase: string, attributes: Attributes = {}): string {
    return this.multiNode(opType, inputs, [outputBase], attributes)[0]!;
  }

  multiNode(opType: string, inputs: string[], outputBases: string[], attributes: Attributes = {}): string[] {
    const outputs = outputBases.map((base) => this.unique(base));
    this.nodes.push({
      opType,
      name: this.unique(`${opType}_${this.nodes.length}`),
      inputs,
      outputs,
      attributes,
    });
    return outputs;
  }

  initializer(base: string, type: OnnxElementType, dims: number[], raw: Uint8Array): string {
    const name = this.unique(base);
    this.initializers.push({ name, type, dims, raw });
    return name;
  }

  /** An int64 constant (shapes, axes, slice bounds), one initializer per distinct value. */
  int64s(values: readonly number[], dims: number[] = [values.length]): string {
    return this.sharedConstant(`int64 ${dims.join('x')} ${values.join(',')}`, () =>
      this.initializer(
        'const/int64',
        ONNX_TYPE.int64,
        dims,
        bytesOf(BigInt64Array.from(values, (value) => BigInt(value))),
      ),
    );
  }

  /** A float constant, one initializer per distinct value; a scalar when `dims` is []. */
  floats(values: readonly number[], dims: number[]): string {
    return this.sharedConstant(`float ${dims.join('x')} ${values.join(',')}`, () =>
      this.initializer('const/float', ONNX_TYPE.float, dims, bytesOf(Float32Array.from(values))),
    );
  }

  /** A float64 scalar constant: exact integer arithmetic (products below 2^53) for the int8 MEAN. */
  double(value: number): string {
    return this.sharedConstant(`double ${value}`, () =>
      this.initializer('const/double', ONNX_TYPE.double, [], bytesOf(Float64Array.of(value))),
    );
  }

  /** An int8 or int32 constant (quantization zero points), shared like the others. */
  integers(type: ZeroPointType, values: readonly number[], dims: number[]): string {
    const data = new ZERO_POINT_ARRAYS[type](values);
    return this.sharedConstant(`${type} ${dims.join('x')} ${values.join(',')}`, () =>
      this.initializer('const/zero_point', type, dims, bytesOf(data)),
    );
  }

  private sharedConstant(key: string, create: () => string): string {
    let name = this.shared.get(key);
    if (name === undefined) {
      name = create();
      this.shared.set(key, name);
    }
    return name;
  }
}
