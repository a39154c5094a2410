/**
 * Runs an exported .onnx in ONNX Runtime (onnxruntime-node, one thread) next to the deploy
 * graph in the edgeforge runtime, on the same windows in one batch, and reports how far the
 * outputs are apart: float graphs must agree within 1e-5, int8 graphs within one step of the
 * output's quantization, plus what one step at a squashing output op's input becomes
 * (step-tolerance.ts; docs/onnx.md explains the differences that remain).
 */
import { EdgeforgeError } from '../../errors.js';
import { elementCount } from '../../graph/shapes.js';
import type { Graph, TensorDef } from '../../graph/types.js';
import { quantizeValue } from '../../quant/ptq/choose-params.js';
import { Interpreter } from '../../runtime/interpreter.js';
import { allowedSteps } from './step-tolerance.js';
import { isQuantized } from './tensor-types.js';

export const ONNX_RUNTIME = 'onnxruntime-node';
export const FLOAT_TOLERANCE = 1e-5;

/** ONNX Runtime's graph optimization: 'all' fuses QDQ into integer kernels (deployment), 'basic' keeps QDQ as written. */
export type OnnxOptimization = 'basic' | 'all';

export interface OnnxVerification {
  runtime: typeof ONNX_RUNTIME;
  windows: number;
  /** Largest |edgeforge - onnxruntime| over every output value, in real (dequantized) units. */
  maxAbsDiff: number;
  /** Int8 graphs: the same in steps of the output's quantization. */
  maxStepDiff?: number;
  /** The largest maxAbsDiff allowed for this graph (int8: allowed steps × the output's scale). */
  tolerance: number;
  passed: boolean;
}

type OrtModule = typeof import('onnxruntime-node');

async function loadOnnxRuntime(): Promise<OrtModule> {
  try {
    return await import('onnxruntime-node');
  } catch {
    throw new EdgeforgeError('onnxruntime-node is not installed, so the .onnx file cannot be verified', {
      fix: 'Run `npm install onnxruntime-node` in the project, or export without verification',
    });
  }
}

/** `values` as real numbers: dequantized when the tensor is quantized. */
function realValues(values: ArrayLike<number>, def: TensorDef): Float64Array {
  const q = isQuantized(def) ? def.quantization : undefined;
  return Float64Array.from(values, (value) => (q ? q.scale[0]! * (value - q.zeroPoint[0]!) : value));
}

/** The windows in the graph input's own dtype (quantized for an int8 input, as PTQ quantizes). */
function inputValues(def: TensorDef, windows: Float32Array): Float32Array | Int8Array {
  if (!isQuantized(def)) return windows;
  const params = { scale: def.quantization!.scale[0]!, zeroPoint: def.quantization!.zeroPoint[0]! };
  return Int8Array.from(windows, (value) => quantizeValue(value, params));
}

/** The int8 tensor whose steps an output counts in: itself, or what a final DEQUANTIZE read. */
function quantizedSource(graph: Graph, tensor: number): number | undefined {
  if (isQuantized(graph.tensors[tensor]!)) return tensor;
  const producer = graph.ops.find((op) => op.outputs.includes(tensor));
  const source = producer?.type === 'DEQUANTIZE' ? producer.inputs[0]! : undefined;
  return source !== undefined && isQuantized(graph.tensors[source]!) ? source : undefined;
}

function worstDifference(a: Float64Array, b: Float64Array): number {
  return a.reduce((max, value, j) => Math.max(max, Math.abs(value - b[j]!)), 0);
}

/**
 * `model`: the .onnx file's path or bytes, written from `graph`; `windows`: float input
 * windows back to back. `optimization` defaults to 'all', what a deployment runs.
 */
export async function verifyOnnx(
  graph: Graph,
  model: string | Uint8Array,
  windows: Float32Array,
  optimization: OnnxOptimization = 'all',
): Promise<OnnxVerification> {
  if (graph.inputs.length !== 1) {
    throw new EdgeforgeError(`the graph has ${graph.inputs.length} inputs; verification feeds one`, {
      fix: 'Verify a graph edgeforge lowered (one input)',
    });
  }
  const inputDef = graph.tensors[graph.inputs[0]!]!;
  const windowSize = elementCount(inputDef.shape.slice(1));
  const count = windows.length / windowSize;
  if (!Number.isInteger(count) || count < 1) {
    throw new EdgeforgeError(`${windows.length} input values are not whole windows of ${windowSize}`, {
      fix: 'Pass one or more complete windows',
    });
  }
  const interpreter = new Interpreter(graph, { batch: count });
  const input = inputValues(inputDef, windows);
  interpreter.inputData(0).set(input);
  interpreter.invoke();

  const ort = await loadOnnxRuntime();
  const options = {
    intraOpNumThreads: 1,
    graphOptimizationLevel: optimization,
    logSeverityLevel: 3 as const,
  };
  const session =
    typeof model === 'string'
      ? await ort.InferenceSession.create(model, options)
      : await ort.InferenceSession.create(model, options);
  const type = input instanceof Int8Array ? 'int8' : 'float32';
  const feeds = { [session.inputNames[0]!]: new ort.Tensor(type, input, interpreter.inputShape(0)) };
  const results = await session.run(feeds);
  await session.release();

  const result: OnnxVerification = {
    runtime: ONNX_RUNTIME,
    windows: count,
    maxAbsDiff: 0,
    tolerance: 0,
    passed: true,
  };
  graph.outputs.forEach((tensor, i) => {
    const def = graph.tensors[tensor]!;
    const ours = interpreter.outputData(i);
    const theirs = results[session.outputNames[i]!]!.data as ArrayLike<number>;
    if (theirs.length !== ours.length) {
      throw new EdgeforgeError(
        `output '${def.name}' has ${theirs.length} values in ONNX Runtime, ${ours.length} in edgeforge`,
        { fix: 'Report this as an edgeforge bug with the model file' },
      );
    }
    const worst = worstDifference(realValues(ours, def), realValues(theirs, def));
    const source = quantizedSource(graph, tensor);
    const step = source === undefined ? undefined : graph.tensors[source]!.quantization!.scale[0]!;
    // A hair over whole steps, so float rounding of the dequantized values cannot fail a match.
    const allowed =
      source === undefined || step === undefined
        ? FLOAT_TOLERANCE
        : step * (allowedSteps(graph, source) + 1e-3);
    result.maxAbsDiff = Math.max(result.maxAbsDiff, worst);
    result.tolerance = Math.max(result.tolerance, allowed);
    result.passed &&= worst <= allowed;
    if (step !== undefined) result.maxStepDiff = Math.max(result.maxStepDiff ?? 0, worst / step);
  });
  return result;
}
