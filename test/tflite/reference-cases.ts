/**
 * The reference models in ../shared/tflite-reference/ and the outputs TensorFlow Lite Micro
 * computed for them (manifest.json): per case the model's path, the input and the expected
 * output as typed arrays of the tensor's dtype, and both tensors' shape and quantization.
 * Used by the .tflite reader tests and the int8 kernel tests.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { fromLittleEndian } from '../../src/export/tflite/read/little-endian.js';
import { DTYPE_BYTES } from '../../src/graph/dtypes.js';
import type { DType, TensorData } from '../../src/graph/types.js';

/** Beside the repository: the CI clone has shared/ next to it as well. */
export const REFERENCE_DIR = fileURLToPath(new URL('../../../shared/tflite-reference/', import.meta.url));

const DTYPE_OF = { FLOAT32: 'float32', INT8: 'int8' } as const;

const tensorSchema = z.object({
  dtype: z.enum(['FLOAT32', 'INT8']),
  shape: z.array(z.number().int().nonnegative()),
  bytes: z.number().int().nonnegative(),
  scale: z.number(),
  zero_point: z.number().int(),
});

const manifestSchema = z.object({
  cases: z.array(
    z.object({
      model: z.string(),
      case: z.string(),
      input: z.string(),
      output: z.string(),
      input_tensor: tensorSchema,
      output_tensor: tensorSchema,
      ops: z.array(z.string()),
      tflm_arena_used_bytes_host64: z.number().int(),
    }),
  ),
});

export interface ReferenceTensor {
  dtype: DType;
  shape: number[];
  /** 0 for float tensors. */
  scale: number;
  zeroPoint: number;
}

export interface ReferenceCase {
  /** File name, e.g. "hello_world_int8.tflite". */
  model: string;
  modelPath: string;
  /** Case name, e.g. "mnist_sample3". */
  name: string;
  /** The model's operators in execution order, as TensorFlow Lite names them. */
  ops: string[];
  inputTensor: ReferenceTensor;
  outputTensor: ReferenceTensor;
  input: TensorData;
  /** What TensorFlow Lite Micro computed. */
  expected: TensorData;
  /** Arena bytes TensorFlow Lite Micro used (64-bit host build). */
  tflmArenaBytes: number;
}

export function referenceModelPath(model: string): string {
  return REFERENCE_DIR + model;
}

export function loadReferenceCases(): ReferenceCase[] {
  const manifest = manifestSchema.parse(JSON.parse(readFileSync(REFERENCE_DIR + 'manifest.json', 'utf8')));
  return manifest.cases.map((entry) => {
    const inputTensor = referenceTensor(entry.input_tensor);
    const outputTensor = referenceTensor(entry.output_tensor);
    return {
      model: entry.model,
      modelPath: referenceModelPath(entry.model),
      name: entry.case,
      ops: entry.ops,
      inputTensor,
      outputTensor,
      input: tensorFile(entry.input, inputTensor),
      expected: tensorFile(entry.output, outputTensor),
      tflmArenaBytes: entry.tflm_arena_used_bytes_host64,
    };
  });
}

function referenceTensor(tensor: z.infer<typeof tensorSchema>): ReferenceTensor {
  const dtype = DTYPE_OF[tensor.dtype];
  if (tensor.bytes !== byteCount(dtype, tensor.shape)) {
    throw new Error(`manifest: ${tensor.bytes} bytes for ${dtype} shape [${tensor.shape}]`);
  }
  return { dtype, shape: tensor.shape, scale: tensor.scale, zeroPoint: tensor.zero_point };
}

function tensorFile(relativePath: string, tensor: ReferenceTensor): TensorData {
  const bytes = readFileSync(REFERENCE_DIR + relativePath);
  const expected = byteCount(tensor.dtype, tensor.shape);
  if (bytes.length !== expected)
    throw new Error(`${relativePath}: ${bytes.length} bytes, expected ${expected}`);
  return fromLittleEndian(bytes, tensor.dtype);
}

function byteCount(dtype: DType, shape: readonly number[]): number {
  return shape.reduce((product, size) => product * size, DTYPE_BYTES[dtype]);
}
