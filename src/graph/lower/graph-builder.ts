/**
 * Builds a deploy graph op by op: each new operator's output tensor gets its shape from
 * shape inference (checking the operands) the moment it is added, so a lowering mistake
 * fails at the op that made it.
 */
import { inferOpOutputShapes } from '../shapes.js';
import type { DType, Graph, GraphMetadata, OpDef, TensorData, TensorDef } from '../types.js';

/** An operator without its outputs: the builder creates the output tensor. */
export type OpSpec = OpDef extends infer Op ? (Op extends OpDef ? Omit<Op, 'outputs'> : never) : never;

export class GraphBuilder {
  readonly tensors: TensorDef[] = [];
  readonly ops: OpDef[] = [];

  /** A graph input (float32 unless said otherwise), shape for batch 1. */
  input(name: string, shape: number[], dtype: DType = 'float32'): number {
    return this.addTensor({ name, shape, dtype });
  }

  constant(name: string, shape: number[], data: TensorData): number {
    return this.addTensor({ name, shape, dtype: dtypeOf(data), data });
  }

  /** A 1-D int32 constant: shape, axes and slice-bound operands. */
  ints(name: string, values: number[]): number {
    return this.constant(name, [values.length], Int32Array.from(values));
  }

  /** State kept across invocations (recurrent output/cell state). */
  variable(name: string, shape: number[]): number {
    return this.addTensor({ name, shape, dtype: 'float32', variable: true });
  }

  /** Appends an operator; its output tensor takes its inferred shape and its first input's dtype. */
  add(spec: OpSpec, outputName: string): number {
    const output = this.addTensor({
      name: outputName,
      shape: [],
      dtype: this.tensors[spec.inputs[0]!]!.dtype,
    });
    this.ops.push({ ...spec, outputs: [output] } as OpDef);
    const shapes = this.tensors.map((tensor) => tensor.shape);
    const partial = this.build([], [], { task: 'other', classes: [], source: 'graph under construction' });
    const [shape] = inferOpOutputShapes(partial, this.ops.length - 1, shapes);
    this.tensors[output]!.shape = shape!;
    return output;
  }

  shape(tensor: number): number[] {
    return this.tensors[tensor]!.shape;
  }

  build(inputs: number[], outputs: number[], metadata: GraphMetadata): Graph {
    return { tensors: this.tensors, ops: this.ops, inputs, outputs, metadata };
  }

  private addTensor(tensor: TensorDef): number {
    this.tensors.push(tensor);
    return this.tensors.length - 1;
  }
}

function dtypeOf(data: TensorData): DType {
  if (data instanceof Float32Array) return 'float32';
  if (data instanceof Int32Array) return 'int32';
  if (data instanceof Int16Array) return 'int16';
  if (data instanceof Int8Array) return 'int8';
  return 'uint8';
}
