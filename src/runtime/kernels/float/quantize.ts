/**
 * QUANTIZE (float32 -> int8 / int16 / uint8) and DEQUANTIZE (back to float32) with the
 * quantized tensor's parameters, real = scale·(q - zeroPoint), per tensor or per channel along
 * the quantization axis. Quantizing divides in float32 and rounds half away from zero, then
 * saturates to the integer type, as TFLite's reference kernel does.
 */
import type { DType, Quantization, TensorData } from '../../../graph/types.js';
import type { Kernel, KernelContext, OpOf } from '../context.js';

const RANGES: Partial<Record<DType, readonly [number, number]>> = {
  int8: [-128, 127],
  int16: [-32768, 32767],
  uint8: [0, 255],
};

/** Per element: which channel's scale and zero point apply. */
interface ChannelLayout {
  /** Elements per step along the axis (the product of the dimensions after it). */
  inner: number;
  channels: number;
}

export function quantizeKernel(op: OpOf<'QUANTIZE' | 'DEQUANTIZE'>, ctx: KernelContext): Kernel {
  const input = op.inputs[0];
  const output = op.outputs[0];
  const quantizing = op.type === 'QUANTIZE';
  const integerTensor = quantizing ? output : input;
  const range = RANGES[ctx.dtype(integerTensor)];
  if (range === undefined) {
    ctx.fail(
      `${quantizing ? 'output' : 'input'} ${ctx.describe(integerTensor)} is ${ctx.dtype(integerTensor)}: ${op.type} converts between float32 and int8, int16 or uint8`,
      'Quantize to int8, int16 or uint8',
    );
  }
  const params = ctx.quantization(integerTensor);
  const layout = channelLayout(ctx, integerTensor, params);
  const scales = Float64Array.from(params?.scale ?? []);
  const zeroPoints = Float64Array.from(params?.zeroPoint ?? []);
  if (quantizing) {
    const x = ctx.float(input, 'input');
    const q = ctx.view(output, 'output');
    // TFLite divides by the scale as a float32.
    const floatScales = scales.map(Math.fround);
    const [low, high] = range;
    return () => quantize(x, q, floatScales, zeroPoints, layout, low, high);
  }
  const q = ctx.view(input, 'input');
  const out = ctx.float(output, 'output');
  return () => dequantize(q, out, scales, zeroPoints, layout);
}

function channelLayout(ctx: KernelContext, tensor: number, params: Quantization | undefined): ChannelLayout {
  if (params === undefined || params.scale.length === 0 || params.scale.length !== params.zeroPoint.length) {
    ctx.fail(
      `${ctx.describe(tensor)} has no usable quantization parameters`,
      'Give it one scale and zero point (or one per channel)',
    );
  }
  const shape = ctx.shape(tensor);
  if (params.scale.length === 1) return { inner: 1, channels: 1 };
  const axis = params.axis;
  if (axis === undefined || shape[axis] !== params.scale.length) {
    ctx.fail(
      `${ctx.describe(tensor)} has ${params.scale.length} scales but no axis of that size`,
      'Set the quantization axis to the channel dimension',
    );
  }
  return {
    inner: shape.slice(axis + 1).reduce((product, size) => product * size, 1),
    channels: params.scale.length,
  };
}

function quantize(
  x: Float32Array,
  q: TensorData,
  scales: Float64Array,
  zeroPoints: Float64Array,
  layout: ChannelLayout,
  low: number,
  high: number,
): void {
  for (let i = 0; i < x.length; i++) {
    const channel = layout.channels === 1 ? 0 : Math.floor(i / layout.inner) % layout.channels;
    const scaled = Math.fround(x[i] / scales[channel]);
    const rounded = scaled < 0 ? -Math.round(-scaled) : Math.round(scaled);
    q[i] = Math.min(Math.max(rounded + zeroPoints[channel], low), high);
  }
}

function dequantize(
  q: TensorData,
  out: Float32Array,
  scales: Float64Array,
  zeroPoints: Float64Array,
  layout: ChannelLayout,
): void {
  for (let i = 0; i < out.length; i++) {
    const channel = layout.channels === 1 ? 0 : Math.floor(i / layout.inner) % layout.channels;
    out[i] = scales[channel] * (q[i] - zeroPoints[channel]);
  }
}
