/**
 * What the kernel emitters write into: the library's constant arrays (each weight tensor once,
 * each lookup table once by content), the helpers its kernels call, and per op a view of the
 * graph variant being compiled (the whole window, or one streaming step) with its shapes and
 * memory plan, so an emitter can name any operand as a typed C pointer.
 */
import { EdgeforgeError } from '../../errors.js';
import type { MemoryPlan } from '../../graph/plan/index.js';
import { elementCount } from '../../graph/shapes.js';
import type { DType, Graph, OpDef, TensorData } from '../../graph/types.js';
import { DTYPE_BYTES } from '../../graph/dtypes.js';
import { C_TYPE, cComment, constArray } from './c-syntax.js';
import type { HelperName } from './helpers.js';

/** One compiled form of the graph. */
export interface Variant {
  graph: Graph;
  shapes: number[][];
  plan: MemoryPlan;
  /** Prefix of its op functions: "run" (a whole window) or "step" (one time step). */
  prefix: string;
}

export class CProgram {
  readonly helpers = new Set<HelperName>();
  /** Set when a float kernel calls exp() directly (math.h and -lm needed). */
  usesLibm = false;
  readonly declarations: string[] = [];
  /** Bytes of every constant array emitted (weights, biases, tables): the flash they need. */
  constBytes = 0;
  private readonly constants = new Map<number, string>();
  private readonly tables = new Map<string, string>();

  use(...names: HelperName[]): void {
    names.forEach((name) => this.helpers.add(name));
  }

  /** The name of a constant tensor's array, declaring it on first use. */
  constant(graph: Graph, tensor: number): string {
    const known = this.constants.get(tensor);
    if (known !== undefined) return known;
    const def = graph.tensors[tensor];
    const data = def.data as TensorData;
    const name = `ef_const${tensor}`;
    this.constants.set(tensor, name);
    this.declare(name, def.dtype, data, `${def.name} [${def.shape.join(', ')}]`);
    return name;
  }

  /** A lookup table or per-channel parameter array, shared by every op that needs the same values. */
  table(stem: string, dtype: DType, values: ArrayLike<number>, comment: string): string {
    const key = `${dtype}:${Array.from(values).join(',')}`;
    const known = this.tables.get(key);
    if (known !== undefined) return known;
    const name = `ef_${stem}${this.tables.size}`;
    this.tables.set(key, name);
    this.declare(name, dtype, Array.from(values), comment);
    return name;
  }

  private declare(name: string, dtype: DType, data: TensorData | readonly number[], comment: string): void {
    this.constBytes += Math.max(data.length, 1) * DTYPE_BYTES[dtype];
    this.declarations.push(constArray(name, dtype, data, comment));
  }
}

/** One op of one variant, with typed access to its operands. */
export class OpEmitter {
  constructor(
    readonly program: CProgram,
    readonly variant: Variant,
    readonly index: number,
  ) {}

  get op(): OpDef {
    return this.variant.graph.ops[this.index];
  }

  shape(tensor: number): number[] {
    return this.variant.shapes[tensor];
  }

  count(tensor: number): number {
    return elementCount(this.shape(tensor));
  }

  dtype(tensor: number): DType {
    return this.variant.graph.tensors[tensor].dtype;
  }

  /** A C expression for the operand's first element, as a pointer of its element type. */
  ptr(tensor: number): string {
    return tensorPointer(this.program, this.variant, tensor);
  }

  /** The arena offset of this op's scratch area. */
  scratchOffset(): number {
    const entry = this.variant.plan.scratch.find((candidate) => candidate.op === this.index);
    if (entry === undefined) throw new Error(`op ${this.index} has no scratch area in the memory plan`);
    return entry.offset;
  }

  /** Whether two operands occupy the same bytes (an in-place op). */
  sameBytes(a: number, b: number): boolean {
    return location(this.variant, a) === location(this.variant, b);
  }

  fail(problem: string, fix: string): EdgeforgeError {
    return new EdgeforgeError(problem, { place: `op ${this.index} (${this.op.type})`, fix });
  }

  describe(): string {
    const output = this.variant.graph.tensors[this.op.outputs[0]];
    return cComment(
      `op ${this.index}: ${this.op.type} -> ${output?.name ?? '?'} [${this.shape(this.op.outputs[0]).join(', ')}]`,
    );
  }
}

/** A C expression for a tensor's first element, as a pointer of its element type. */
export function tensorPointer(program: CProgram, variant: Variant, tensor: number): string {
  const def = variant.graph.tensors[tensor];
  if (def.data !== undefined) return program.constant(variant.graph, tensor);
  return `((${C_TYPE[def.dtype]} *)(${location(variant, tensor)}))`;
}

/** Where a non-constant tensor lives: "ef_arena + offset" or "ef_state + offset". */
function location(variant: Variant, tensor: number): string {
  const variable = variant.plan.variables.find((entry) => entry.tensor === tensor);
  if (variable !== undefined) return `ef_state + ${variable.offset}`;
  const entry = variant.plan.entries.find((candidate) => candidate.tensor === tensor);
  if (entry === undefined) throw new Error(`tensor ${tensor} has no place in the memory plan`);
  return `ef_arena + ${entry.offset}`;
}
