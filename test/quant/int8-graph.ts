/** Builds small quantized deploy graphs by hand and runs them, for the int8 kernel tests. */
import type { DType, Graph, OpDef, Quantization, TensorData, TensorDef } from '../../src/graph/types.js';
import { inferShapes } from '../../src/graph/shapes.js';
import { planMemory } from '../../src/graph/plan/index.js';
import { bindScratch, bindTensorViews } from '../../src/runtime/tensor-views.js';
import { OpContext } from '../../src/runtime/kernels/context.js';
import { createKernel } from '../../src/runtime/kernels/create-kernel.js';
import { createInt8Kernel, runsInt8 } from '../../src/runtime/kernels/int8/create-int8-kernel.js';

/** Per-tensor quantization. */
export function q(scale: number, zeroPoint = 0): Quantization {
  return { scale: [scale], zeroPoint: [zeroPoint] };
}

export class QuantGraph {
  private readonly tensors: TensorDef[] = [];
  private readonly ops: OpDef[] = [];
  private readonly inputs: number[] = [];
  private readonly outputs: number[] = [];

  input(shape: number[], quantization: Quantization, dtype: DType = 'int8'): number {
    const index = this.tensor(shape, quantization, dtype);
    this.inputs.push(index);
    return index;
  }

  tensor(
    shape: number[],
    quantization: Quantization | undefined,
    dtype: DType = 'int8',
    extra: Partial<TensorDef> = {},
  ): number {
    this.tensors.push({
      name: `t${this.tensors.length}`,
      shape,
      dtype,
      ...(quantization ? { quantization } : {}),
      ...extra,
    });
    return this.tensors.length - 1;
  }

  int8(shape: number[], values: readonly number[], quantization: Quantization): number {
    return this.tensor(shape, quantization, 'int8', { data: Int8Array.from(values) });
  }

  int32(shape: number[], values: readonly number[], quantization?: Quantization): number {
    return this.tensor(shape, quantization, 'int32', { data: Int32Array.from(values) });
  }

  op(def: OpDef): this {
    this.ops.push(def);
    return this;
  }

  output(tensor: number): this {
    this.outputs.push(tensor);
    return this;
  }

  build(): Graph {
    return {
      tensors: this.tensors,
      ops: this.ops,
      inputs: this.inputs,
      outputs: this.outputs,
      metadata: { task: 'other', classes: [], source: 'int8 test graph' },
    };
  }
}

/** Runs the graph once on the given inputs; returns every output as plain numbers. */
export function runGraph(graph: Graph, inputs: readonly (readonly number[])[]): number[][] {
  const shapes = inferShapes(graph, 1);
  const plan = planMemory(graph, shapes);
  const arena = new ArrayBuffer(plan.arenaBytes);
  const state = new ArrayBuffer(plan.variableBytes);
  const views = bindTensorViews(graph, shapes, plan, { arena, state });
  const scratch = bindScratch(graph, plan, arena);
  const kernels = graph.ops.map((op, i) => {
    const ctx = new OpContext(graph, i, shapes, views, scratch[i], 'test');
    return runsInt8(op, ctx) ? createInt8Kernel(op, ctx) : createKernel(op, ctx);
  });
  inputs.forEach((values, i) => views[graph.inputs[i]]!.set(values));
  for (const kernel of kernels) kernel();
  return graph.outputs.map((tensor) => Array.from(views[tensor]!));
}

/** The one output of a single-op graph. */
export function runOne(graph: Graph, inputs: readonly (readonly number[])[]): number[] {
  return runGraph(graph, inputs)[0];
}

export type { TensorData };
