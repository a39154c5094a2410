/** Builds small quantized deploy graphs by hand and runs them, for the int8 kernel tests. */
import type { DType, Graph, OpDef, Quantization, TensorDef } from '../../src/graph/types.js';
import { Interpreter } from '../../src/runtime/index.js';
import { GraphBuilder } from '../runtime/graph-builder.js';

/** Per-tensor quantization. */
export function q(scale: number, zeroPoint = 0): Quantization {
  return { scale: [scale], zeroPoint: [zeroPoint] };
}

/** Int8 tensors with their quantization; the graph itself is the shared test GraphBuilder. */
export class QuantGraph {
  private readonly graph = new GraphBuilder();

  input(shape: number[], quantization: Quantization, dtype: DType = 'int8'): number {
    const index = this.tensor(shape, quantization, dtype);
    this.graph.inputs.push(index);
    return index;
  }

  tensor(
    shape: number[],
    quantization: Quantization | undefined,
    dtype: DType = 'int8',
    extra: Partial<TensorDef> = {},
  ): number {
    return this.graph.tensor(shape, dtype, { ...(quantization ? { quantization } : {}), ...extra });
  }

  int8(shape: number[], values: readonly number[], quantization: Quantization): number {
    return this.tensor(shape, quantization, 'int8', { data: Int8Array.from(values) });
  }

  int32(shape: number[], values: readonly number[], quantization?: Quantization): number {
    return this.tensor(shape, quantization, 'int32', { data: Int32Array.from(values) });
  }

  op(def: OpDef): this {
    this.graph.op(def);
    return this;
  }

  output(tensor: number): this {
    this.graph.output(tensor);
    return this;
  }

  build(): Graph {
    return this.graph.build();
  }
}

/** Runs the graph once on the given inputs; returns every output as plain numbers. */
export function runGraph(graph: Graph, inputs: readonly (readonly number[])[]): number[][] {
  const interpreter = new Interpreter(graph);
  inputs.forEach((values, i) => interpreter.inputData(i).set(values));
  interpreter.invoke();
  return graph.outputs.map((_, i) => Array.from(interpreter.outputData(i)));
}

/** The one output of a single-op graph. */
export function runOne(graph: Graph, inputs: readonly (readonly number[])[]): number[] {
  return runGraph(graph, inputs)[0];
}
