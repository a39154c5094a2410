/**
 * Where a deploy graph can run, and why not: the edgeforge runtime, TensorFlow Lite Micro and
 * LiteRT (through the .tflite writer), ONNX Runtime (through the .onnx writer) and the C
 * generator. The verdict follows the weight scheme (float32, full int8, float16 weights,
 * dynamic-range int8 weights with float activations) and, for the .tflite targets, exactly
 * what the .tflite and .onnx writers refuse (a refusal is the writer's own error, one line).
 */
import { EdgeforgeError } from '../errors.js';
import { writeOnnx } from '../export/onnx/index.js';
import { refuseUnsupported } from '../export/tflite/write/prepare.js';
import type { Graph } from '../graph/types.js';
import { operandRoles, validateGraph } from '../graph/validate.js';

export type DeployTarget = 'edgeforge-runtime' | 'tflite-micro' | 'litert' | 'onnxruntime' | 'c';

export interface TargetSupport {
  target: DeployTarget;
  ok: boolean;
  /** Why the target cannot run the graph (absent when it can). */
  reason?: string;
}

const INT8_PTQ = 'use full-integer int8 post-training quantization (or the float32 model) instead';

/** "op 3 FULLY_CONNECTED" for the first op computing on float activations with int8 weights. */
function firstHybridOp(graph: Graph, gruOnly: boolean): string | undefined {
  const index = graph.ops.findIndex((op) => {
    if (gruOnly && op.type !== 'GRU') return false;
    const dtype = (tensor: number | undefined) => graph.tensors[tensor ?? -1]?.dtype;
    return (
      dtype(op.inputs[0]) === 'float32' &&
      operandRoles(op).weights.some((position) => dtype(op.inputs[position]) === 'int8')
    );
  });
  return index < 0 ? undefined : `op ${index} ${graph.ops[index]!.type}`;
}

/** A writer's (or validator's) refusal of the graph as one line, or undefined when it accepts it. */
function refusal(check: () => unknown): string | undefined {
  try {
    check();
    return undefined;
  } catch (error) {
    if (error instanceof EdgeforgeError) return error.oneLine();
    throw error;
  }
}

const tfliteRefusal = (graph: Graph) => refusal(() => refuseUnsupported(graph, undefined));

function runtimeRefusal(graph: Graph): string | undefined {
  const invalid = refusal(() => validateGraph(graph));
  if (invalid !== undefined) return invalid;
  const hybridGru = firstHybridOp(graph, true);
  return hybridGru === undefined
    ? undefined
    : `${hybridGru} has int8 weights with float activations: the runtime has no hybrid GRU kernel (dynamicRangeGraph unrolls GRUs into FULLY_CONNECTED ops first)`;
}

export function deployTargets(graph: Graph): TargetSupport[] {
  const hybrid = firstHybridOp(graph, false);
  const float16 = graph.tensors.some((tensor) => tensor.dtype === 'float16');
  const verdicts: [DeployTarget, string | undefined][] = [
    ['edgeforge-runtime', runtimeRefusal(graph)],
    [
      'tflite-micro',
      hybrid !== undefined
        ? `${hybrid} is a dynamic-range (hybrid) op: TensorFlow Lite Micro has no hybrid kernels; ${INT8_PTQ}`
        : float16
          ? `float16 weights: TensorFlow Lite Micro's DEQUANTIZE does not read float16; ${INT8_PTQ}`
          : tfliteRefusal(graph),
    ],
    [
      'litert',
      hybrid !== undefined
        ? `${hybrid} is a dynamic-range (hybrid) op: edgeforge's .tflite writer does not write hybrid ops; ${INT8_PTQ}, or float16 weights`
        : tfliteRefusal(graph),
    ],
    // ONNX Runtime runs every weight scheme; what the .onnx writer converts decides.
    ['onnxruntime', refusal(() => writeOnnx(graph))],
    [
      'c',
      hybrid !== undefined || float16
        ? `${hybrid ?? 'float16 weights'}: the C generator writes float32 and full-integer int8 models only; ${INT8_PTQ}`
        : undefined,
    ],
  ];
  return verdicts.map(([target, reason]) =>
    reason === undefined ? { target, ok: true } : { target, ok: false, reason },
  );
}
