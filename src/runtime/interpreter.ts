/**
 * The float runtime: runs a deploy graph for a fixed batch size in one preallocated arena.
 *
 * Construction validates the graph, infers every tensor's shape for the batch, plans memory,
 * allocates the arena (exactly plan.arenaBytes: activations and kernel scratch) and the state
 * region (exactly plan.variableBytes: LSTM/GRU state, kept apart because it outlives an
 * invocation), binds typed views and one kernel per op. invoke() then only computes: it
 * allocates nothing.
 *
 * Inputs: write input(i) before every invoke. Its bytes belong to the arena and, as in
 * TensorFlow Lite Micro, later tensors may reuse them once the graph no longer needs the
 * input, so after invoke() they hold something else. Outputs stay valid until the next invoke.
 *
 * Recurrent state: each window is independent, so by default invoke() starts from zero
 * state. With statefulAcrossInvokes the state carries over from one invoke to the next
 * (resetState() clears it); stepSequence() carries it over for one call whatever the option,
 * so a long stream can be fed as consecutive windows.
 */
import { EdgeforgeError } from '../errors.js';
import { planMemory, type MemoryPlan } from '../graph/plan/index.js';
import { inferShapes } from '../graph/shapes.js';
import type { Graph, TensorData } from '../graph/types.js';
import { validateGraph } from '../graph/validate.js';
import { OpContext, type Kernel } from './kernels/context.js';
import { createKernel } from './kernels/create-kernel.js';
import { bindScratch, bindTensorViews } from './tensor-views.js';
import { isWasmKernel } from './wasm/create-wasm-kernel.js';

/** Which implementation runs an op: a WebAssembly SIMD kernel or the TypeScript one. */
export type KernelImplementation = 'webassembly' | 'typescript';

export interface InterpreterOptions {
  /** Samples per invocation; default 1. */
  batch?: number;
  /** Keep recurrent state from one invoke() to the next; default false (every window starts from zero). */
  statefulAcrossInvokes?: boolean;
  /** The graph's file, named in errors. */
  source?: string;
}

export class Interpreter {
  readonly plan: MemoryPlan;
  readonly arenaBytes: number;
  readonly batch: number;
  private readonly graph: Graph;
  private readonly shapes: number[][];
  private readonly kernels: Kernel[];
  private readonly stateBytes: Uint8Array;
  private readonly inputs: TensorData[];
  private readonly outputs: TensorData[];
  private readonly stateful: boolean;
  private readonly source: string | undefined;

  constructor(graph: Graph, options: InterpreterOptions = {}) {
    this.graph = graph;
    this.source = options.source;
    this.batch = options.batch ?? 1;
    this.stateful = options.statefulAcrossInvokes ?? false;
    validateGraph(graph, this.source);
    this.shapes = inferShapes(graph, this.batch, this.source);
    this.plan = planMemory(graph, this.shapes);
    this.arenaBytes = this.plan.arenaBytes;
    const arena = new ArrayBuffer(this.plan.arenaBytes);
    const state = new ArrayBuffer(this.plan.variableBytes);
    this.stateBytes = new Uint8Array(state);
    const views = bindTensorViews(graph, this.shapes, this.plan, { arena, state }, this.source);
    const scratch = bindScratch(graph, this.plan, arena);
    this.kernels = graph.ops.map((op, index) =>
      createKernel(op, new OpContext(graph, index, this.shapes, views, scratch[index], this.source)),
    );
    this.inputs = graph.inputs.map((tensor) => views[tensor]!);
    this.outputs = graph.outputs.map((tensor) => views[tensor]!);
  }

  /** Input `index` for the whole batch, row-major: write it before every invoke(). */
  input(index = 0): Float32Array {
    return this.float(this.inputData(index), this.graph.inputs[index], 'input', index);
  }

  /** Output `index` for the whole batch, valid until the next invoke(). */
  output(index = 0): Float32Array {
    return this.float(this.outputData(index), this.graph.outputs[index], 'output', index);
  }

  /** Input `index` in its own dtype (an Int8Array for a quantized model's int8 input). */
  inputData(index = 0): TensorData {
    return this.inputs[this.checkIndex(index, this.inputs.length, 'input')];
  }

  /** Output `index` in its own dtype, valid until the next invoke(). */
  outputData(index = 0): TensorData {
    return this.outputs[this.checkIndex(index, this.outputs.length, 'output')];
  }

  inputShape(index = 0): number[] {
    return [...this.shapes[this.graph.inputs[this.checkIndex(index, this.inputs.length, 'input')]]];
  }

  outputShape(index = 0): number[] {
    return [...this.shapes[this.graph.outputs[this.checkIndex(index, this.outputs.length, 'output')]]];
  }

  /** Per op, in graph order: the implementation its kernel runs on. */
  kernelImplementations(): KernelImplementation[] {
    return this.kernels.map((kernel) => (isWasmKernel(kernel) ? 'webassembly' : 'typescript'));
  }

  /** Runs the graph on the current inputs; recurrent state starts from zero unless statefulAcrossInvokes. */
  invoke(): void {
    if (!this.stateful) this.stateBytes.fill(0);
    this.run();
  }

  /** Runs the graph continuing from the current recurrent state (the next window of one stream). */
  stepSequence(): void {
    this.run();
  }

  /** Zeroes every variable (recurrent state) tensor. */
  resetState(): void {
    this.stateBytes.fill(0);
  }

  private run(): void {
    const kernels = this.kernels;
    for (let i = 0; i < kernels.length; i++) kernels[i]();
  }

  private float(view: TensorData, tensor: number, kind: 'input' | 'output', index: number): Float32Array {
    if (view instanceof Float32Array) return view;
    const { name, dtype } = this.graph.tensors[tensor];
    throw new EdgeforgeError(`${kind} ${index} '${name}' is ${dtype}, not float32`, {
      file: this.source,
      fix: `Read and write it with ${kind}Data()`,
    });
  }

  private checkIndex(index: number, count: number, kind: string): number {
    if (!Number.isInteger(index) || index < 0 || index >= count) {
      throw new EdgeforgeError(`the graph has no ${kind} ${index} (it has ${count})`, {
        file: this.source,
        fix: `Use ${kind} indices 0 to ${count - 1}`,
      });
    }
    return index;
  }
}
