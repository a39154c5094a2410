/**
 * Runs any deploy graph on float windows: a float model directly, a model with int8 (or int16)
 * input and output through its own quantization parameters, as a device's firmware would
 * quantize its sensor readings and dequantize the scores. Allocates only at construction.
 */
import { EdgeforgeError } from '../errors.js';
import type { Graph, TensorData } from '../graph/types.js';
import { Interpreter } from './interpreter.js';

const INTEGER_RANGES: Partial<Record<string, readonly [number, number]>> = {
  int8: [-128, 127],
  int16: [-32768, 32767],
  uint8: [0, 255],
};

interface Affine {
  scale: number;
  zeroPoint: number;
  range?: readonly [number, number];
}

function affineOf(graph: Graph, tensor: number, source: string | undefined): Affine {
  const { dtype, quantization, name } = graph.tensors[tensor];
  if (dtype === 'float32') return { scale: 1, zeroPoint: 0 };
  const range = INTEGER_RANGES[dtype];
  if (range === undefined || quantization === undefined || quantization.scale.length !== 1) {
    throw new EdgeforgeError(`model input/output '${name}' is ${dtype} without one scale and zero point`, {
      file: source,
      fix: 'Export the model with float or per-tensor int8 input and output',
    });
  }
  return { scale: quantization.scale[0], zeroPoint: quantization.zeroPoint[0], range };
}

export class FloatRunner {
  readonly interpreter: Interpreter;
  /** Write the batch's float windows here before run(). */
  readonly input: Float32Array;
  private readonly output: Float32Array;
  private readonly rawInput: TensorData;
  private readonly rawOutput: TensorData;
  private readonly inputAffine: Affine;
  private readonly outputAffine: Affine;

  constructor(graph: Graph, options: { batch?: number; source?: string } = {}) {
    this.interpreter = new Interpreter(graph, options);
    this.rawInput = this.interpreter.inputData(0);
    this.rawOutput = this.interpreter.outputData(0);
    this.inputAffine = affineOf(graph, graph.inputs[0], options.source);
    this.outputAffine = affineOf(graph, graph.outputs[0], options.source);
    this.input = new Float32Array(this.rawInput.length);
    this.output = new Float32Array(this.rawOutput.length);
  }

  /** Runs the batch in `input` from zero recurrent state; the returned view is valid until the next run. */
  run(): Float32Array {
    const { scale, zeroPoint, range } = this.inputAffine;
    if (range === undefined) this.rawInput.set(this.input);
    else {
      // TFLite's QUANTIZE: divide by the float32 scale, round half away from zero, saturate.
      const floatScale = Math.fround(scale);
      for (let i = 0; i < this.input.length; i++) {
        const q = Math.sign(this.input[i] / floatScale) * Math.round(Math.abs(this.input[i] / floatScale));
        this.rawInput[i] = Math.min(range[1], Math.max(range[0], q + zeroPoint));
      }
    }
    this.interpreter.invoke();
    const out = this.outputAffine;
    for (let i = 0; i < this.output.length; i++)
      this.output[i] = out.scale * (this.rawOutput[i] - out.zeroPoint);
    return this.output;
  }
}
