/**
 * The tensors of a graph being quantized: a copy of the float graph's tensors that the pass
 * retypes one by one (activations to int8 with their parameters, weights and biases to their
 * quantized constants) and extends with the tensors it adds.
 */
import { EdgeforgeError } from '../../errors.js';
import type { DType, Graph, Quantization, TensorDef } from '../../graph/types.js';
import type { ActivationRanges, TensorRange } from '../calibrate/index.js';
import { activationParams, type ActivationParams } from './choose-params.js';

export class TensorTable {
  readonly tensors: TensorDef[];

  constructor(
    graph: Graph,
    private readonly ranges: ActivationRanges,
  ) {
    this.tensors = graph.tensors.map((tensor) => ({ ...tensor }));
  }

  describe(tensor: number): string {
    return `tensor '${this.tensors[tensor].name}' (#${tensor})`;
  }

  /** The calibrated range of an activation (or LSTM cell state). */
  range(tensor: number): TensorRange {
    const range = this.ranges.get(tensor);
    if (range === undefined) {
      throw new EdgeforgeError(`${this.describe(tensor)} has no calibrated range`, {
        fix: 'Calibrate this same graph (calibrate(graph, ...)) and pass its ranges',
      });
    }
    return range;
  }

  /** The calibrated int8 parameters of an activation. */
  calibrated(tensor: number): ActivationParams {
    return activationParams(this.range(tensor));
  }

  /** The int8 parameters already given to an activation. */
  paramsOf(tensor: number): ActivationParams {
    const quantization = this.tensors[tensor].quantization;
    if (this.tensors[tensor].dtype !== 'int8' || quantization === undefined) {
      throw new EdgeforgeError(`${this.describe(tensor)} has not been quantized before its use`, {
        fix: 'Quantize graphs whose ops are in execution order',
      });
    }
    return { scale: quantization.scale[0], zeroPoint: quantization.zeroPoint[0] };
  }

  setInt8Activation(tensor: number, params: ActivationParams): void {
    this.retype(tensor, 'int8', perTensor(params));
  }

  retype(tensor: number, dtype: DType, quantization: Quantization): void {
    this.tensors[tensor] = { ...this.tensors[tensor], dtype, quantization };
  }

  setConstant(tensor: number, data: Int8Array | Int32Array, quantization: Quantization): void {
    this.tensors[tensor] = {
      ...this.tensors[tensor],
      dtype: data instanceof Int8Array ? 'int8' : 'int32',
      data,
      quantization,
    };
  }

  /** A float32 constant's values (weights, biases, elementwise operands). */
  floatData(tensor: number): Float32Array {
    const data = this.tensors[tensor].data;
    if (!(data instanceof Float32Array)) {
      throw new EdgeforgeError(`${this.describe(tensor)} is not a float32 constant`, {
        fix: 'Quantize a float graph, with every weight used by one op only',
      });
    }
    return data;
  }

  add(tensor: TensorDef): number {
    this.tensors.push(tensor);
    return this.tensors.length - 1;
  }
}

export function perTensor(params: ActivationParams): Quantization {
  return { scale: [params.scale], zeroPoint: [params.zeroPoint] };
}

export function sameParams(a: ActivationParams, b: ActivationParams): boolean {
  return a.scale === b.scale && a.zeroPoint === b.zeroPoint;
}
