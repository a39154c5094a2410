/**
 * Float values in and out of a graph's quantized input and output, as a device's firmware
 * does it: TensorFlow Lite's QUANTIZE (divide by the float32 scale in float32, round half away
 * from zero, add the zero point, saturate) and DEQUANTIZE (scale · (q - zeroPoint)). The one
 * place every runner (runtime, ONNX Runtime, generated C, QEMU) quantizes test windows.
 */
import { EdgeforgeError } from '../errors.js';
import type { TensorData, TensorDef } from '../graph/types.js';

const INTEGER_RANGES: Readonly<Partial<Record<string, readonly [number, number]>>> = {
  int8: [-128, 127],
  int16: [-32768, 32767],
  uint8: [0, 255],
};

export interface IoAffine {
  scale: number;
  zeroPoint: number;
  low: number;
  high: number;
}

/** The tensor's per-tensor quantization, or undefined for a float32 tensor. */
export function ioAffine(def: TensorDef, source?: string): IoAffine | undefined {
  if (def.dtype === 'float32') return undefined;
  const range = INTEGER_RANGES[def.dtype];
  const q = def.quantization;
  if (range === undefined || q === undefined || q.scale.length !== 1) {
    throw new EdgeforgeError(
      `model input/output '${def.name}' is ${def.dtype} without one scale and zero point`,
      {
        file: source,
        fix: 'Use a model with float or per-tensor int8 input and output',
      },
    );
  }
  return { scale: Math.fround(q.scale[0]), zeroPoint: q.zeroPoint[0], low: range[0], high: range[1] };
}

export function quantizeValue(value: number, affine: IoAffine): number {
  const scaled = Math.fround(value / affine.scale);
  const rounded = Math.sign(scaled) * Math.round(Math.abs(scaled));
  return Math.min(affine.high, Math.max(affine.low, rounded + affine.zeroPoint));
}

/** `values` written into `into` in the tensor's own dtype. */
export function encodeValues(
  values: ArrayLike<number>,
  into: TensorData,
  affine: IoAffine | undefined,
): void {
  if (affine === undefined) {
    for (let i = 0; i < values.length; i++) into[i] = values[i];
    return;
  }
  for (let i = 0; i < values.length; i++) into[i] = quantizeValue(values[i], affine);
}

/** Raw tensor values written into `into` as real numbers. */
export function decodeValues(raw: ArrayLike<number>, into: Float32Array, affine: IoAffine | undefined): void {
  if (affine === undefined) {
    for (let i = 0; i < raw.length; i++) into[i] = raw[i];
    return;
  }
  for (let i = 0; i < raw.length; i++) into[i] = affine.scale * (raw[i] - affine.zeroPoint);
}
