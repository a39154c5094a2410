/** Builds small deploy graphs by hand for planner and kernel tests. */
import type { DType, Graph, OpDef, TensorData, TensorDef } from '../../src/graph/types.js';

export class GraphBuilder {
  readonly tensors: TensorDef[] = [];
  readonly ops: OpDef[] = [];
  readonly inputs: number[] = [];
  readonly outputs: number[] = [];

  /** A graph input. */
  input(shape: number[], dtype: DType = 'float32'): number {
    const index = this.tensor(shape, dtype);
    this.inputs.push(index);
    return index;
  }

  /** An activation tensor an op will produce. */
  tensor(shape: number[], dtype: DType = 'float32', extra: Partial<TensorDef> = {}): number {
    this.tensors.push({ name: `t${this.tensors.length}`, shape, dtype, ...extra });
    return this.tensors.length - 1;
  }

  constant(shape: number[], data: TensorData): number {
    const dtype: DType =
      data instanceof Float32Array
        ? 'float32'
        : data instanceof Int32Array
          ? 'int32'
          : data instanceof Int16Array
            ? 'int16'
            : data instanceof Int8Array
              ? 'int8'
              : 'uint8';
    return this.tensor(shape, dtype, { data });
  }

  floats(shape: number[], values: readonly number[]): number {
    return this.constant(shape, Float32Array.from(values));
  }

  ints(values: readonly number[]): number {
    return this.constant([values.length], Int32Array.from(values));
  }

  variable(shape: number[]): number {
    return this.tensor(shape, 'float32', { variable: true });
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
      metadata: { task: 'other', classes: [], source: 'test graph' },
    };
  }
}
