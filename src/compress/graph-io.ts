/**
 * Float values in and out of a graph's first input and output whatever their dtype: an int8
 * tensor (a quantized model's int8 I/O) is quantized and dequantized with its own parameters,
 * rounding as TensorFlow Lite's QUANTIZE does.
 */
import { EdgeforgeError } from '../errors.js';
import type { Graph, TensorDef } from '../graph/types.js';
import { quantizeValue, type ActivationParams } from '../quant/ptq/choose-params.js';
import type { Interpreter } from '../runtime/interpreter.js';

function int8Params(tensor: TensorDef): ActivationParams {
  const quantization = tensor.quantization;
  if (!quantization || quantization.scale.length !== 1) {
    throw new EdgeforgeError(`int8 tensor '${tensor.name}' has no per-tensor quantization parameters`, {
      fix: 'Quantize the graph with edgeforge compress',
    });
  }
  return { scale: quantization.scale[0]!, zeroPoint: quantization.zeroPoint[0]! };
}

/** Writes `values` (float, one batch) into the interpreter's input 0. */
export function writeInput(interpreter: Interpreter, graph: Graph, values: Float32Array): void {
  const target = interpreter.inputData(0);
  if (target instanceof Float32Array) {
    target.set(values);
    return;
  }
  const tensor = graph.tensors[graph.inputs[0]!]!;
  if (!(target instanceof Int8Array)) {
    throw new EdgeforgeError(
      `input '${tensor.name}' is ${tensor.dtype}; only float32 and int8 inputs are fed`,
    );
  }
  const params = int8Params(tensor);
  for (let i = 0; i < values.length; i++) target[i] = quantizeValue(values[i]!, params);
}

/** Output 0 of the last invoke as float values, into `into`. */
export function readOutput(interpreter: Interpreter, graph: Graph, into: Float32Array): void {
  const source = interpreter.outputData(0);
  if (source instanceof Float32Array) {
    into.set(source);
    return;
  }
  const tensor = graph.tensors[graph.outputs[0]!]!;
  if (!(source instanceof Int8Array)) {
    throw new EdgeforgeError(
      `output '${tensor.name}' is ${tensor.dtype}; only float32 and int8 outputs are read`,
    );
  }
  const { scale, zeroPoint } = int8Params(tensor);
  for (let i = 0; i < source.length; i++) into[i] = scale * (source[i]! - zeroPoint);
}
