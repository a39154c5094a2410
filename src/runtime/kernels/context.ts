/**
 * What a kernel factory gets: its op's operands as typed views (into the arena, the state
 * region or the constant data), their shapes for the interpreter's batch, and its scratch
 * area. Factories do all checking and setup once; the Kernel they return only computes.
 */
import { EdgeforgeError } from '../../errors.js';
import type { DType, Graph, OpDef, OpType, Quantization, TensorData } from '../../graph/types.js';

/** One op's computation with every operand already bound: allocates nothing when run. */
export type Kernel = () => void;

export interface KernelContext {
  readonly opIndex: number;
  /** The op's shape for the interpreter's batch. */
  shape(tensor: number): readonly number[];
  /** A float32 operand; fails clearly for other dtypes (the float runtime has no kernel for them). */
  float(tensor: number, role: string): Float32Array;
  /** An optional float32 operand (-1 means absent). */
  optionalFloat(tensor: number, role: string): Float32Array | undefined;
  /** Any operand's view, whatever its dtype. */
  view(tensor: number, role: string): TensorData;
  dtype(tensor: number): DType;
  quantization(tensor: number): Quantization | undefined;
  /** A constant int32 operand (shape, axes, paddings, slice bounds). */
  ints(tensor: number, role: string): Int32Array;
  /** This op's scratch area, as many floats as the plan declared for it. */
  scratch(): Float32Array;
  /** Whether two operands are the same bytes (an in-place op). */
  sameMemory(a: number, b: number): boolean;
  fail(problem: string, fix: string): never;
  describe(tensor: number): string;
}

export class OpContext implements KernelContext {
  constructor(
    private readonly graph: Graph,
    readonly opIndex: number,
    private readonly shapes: readonly number[][],
    private readonly views: readonly (TensorData | undefined)[],
    private readonly scratchArea: Float32Array,
    private readonly source: string | undefined,
  ) {}

  private get op(): OpDef {
    return this.graph.ops[this.opIndex];
  }

  shape(tensor: number): readonly number[] {
    return this.shapes[tensor];
  }

  float(tensor: number, role: string): Float32Array {
    const view = this.view(tensor, role);
    if (!(view instanceof Float32Array)) {
      this.fail(
        `${role} ${this.describe(tensor)} is ${this.dtype(tensor)}: the float runtime has no ${this.dtype(tensor)} ${this.op.type} kernel`,
        'Run float32 graphs here; quantized graphs need the int8 runtime',
      );
    }
    return view;
  }

  optionalFloat(tensor: number, role: string): Float32Array | undefined {
    return tensor < 0 ? undefined : this.float(tensor, role);
  }

  view(tensor: number, role: string): TensorData {
    const view = tensor >= 0 ? this.views[tensor] : undefined;
    if (view === undefined) {
      this.fail(
        `${role} (tensor ${tensor}) is absent or never produced`,
        'Validate the graph (edgeforge inspect)',
      );
    }
    return view;
  }

  dtype(tensor: number): DType {
    return this.graph.tensors[tensor].dtype;
  }

  quantization(tensor: number): Quantization | undefined {
    return this.graph.tensors[tensor].quantization;
  }

  ints(tensor: number, role: string): Int32Array {
    const data = tensor >= 0 ? this.graph.tensors[tensor]?.data : undefined;
    if (!(data instanceof Int32Array)) {
      this.fail(`${role} must be a constant int32 tensor`, 'Give the operand as int32 constant data');
    }
    return data;
  }

  scratch(): Float32Array {
    return this.scratchArea;
  }

  sameMemory(a: number, b: number): boolean {
    const first = this.views[a];
    const second = this.views[b];
    return (
      first !== undefined &&
      second !== undefined &&
      first.buffer === second.buffer &&
      first.byteOffset === second.byteOffset
    );
  }

  fail(problem: string, fix: string): never {
    throw new EdgeforgeError(problem, {
      file: this.source,
      place: `op ${this.opIndex} (${this.op.type})`,
      fix,
    });
  }

  describe(tensor: number): string {
    return `'${this.graph.tensors[tensor]?.name ?? '?'}' (#${tensor})`;
  }
}

/** The op definitions of the given types, options narrowed accordingly. */
export type OpOf<T extends OpType> = OpDef & { type: T };
