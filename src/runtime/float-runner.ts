/**
 * Runs any deploy graph on float windows: a float model directly, a model with int8 (or int16)
 * input and output through its own quantization parameters, as a device's firmware would
 * quantize its sensor readings and dequantize the scores. Allocates only at construction.
 */
import type { Graph, TensorData } from '../graph/types.js';
import { Interpreter } from './interpreter.js';
import { decodeValues, encodeValues, ioAffine, type IoAffine } from './io-quantization.js';

export class FloatRunner {
  readonly interpreter: Interpreter;
  /** Write the batch's float windows here before run(). */
  readonly input: Float32Array;
  private readonly output: Float32Array;
  private readonly rawInput: TensorData;
  private readonly rawOutput: TensorData;
  private readonly inputAffine: IoAffine | undefined;
  private readonly outputAffine: IoAffine | undefined;

  constructor(graph: Graph, options: { batch?: number; source?: string } = {}) {
    this.interpreter = new Interpreter(graph, options);
    this.rawInput = this.interpreter.inputData(0);
    this.rawOutput = this.interpreter.outputData(0);
    this.inputAffine = ioAffine(graph.tensors[graph.inputs[0]], options.source);
    this.outputAffine = ioAffine(graph.tensors[graph.outputs[0]], options.source);
    this.input = new Float32Array(this.rawInput.length);
    this.output = new Float32Array(this.rawOutput.length);
  }

  /** Runs the batch in `input` from zero recurrent state; the returned view is valid until the next run. */
  run(): Float32Array {
    encodeValues(this.input, this.rawInput, this.inputAffine);
    this.interpreter.invoke();
    decodeValues(this.rawOutput, this.output, this.outputAffine);
    return this.output;
  }
}
