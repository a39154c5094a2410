/**
 * A hybrid op's int8 weights: symmetric (zero point 0), one scale per output channel (a
 * per-tensor scale is repeated for every channel, which gives TFLite's per-tensor arithmetic:
 * both multiply the row's scaling factor by the channel's weight scale).
 */
import type { KernelContext } from '../context.js';

export interface HybridWeights {
  values: Int8Array;
  /** One float32 scale per output channel. */
  scales: Float32Array;
}

export function hybridWeights(
  ctx: KernelContext,
  filter: number,
  channels: number,
  channelAxis: number,
): HybridWeights {
  const values = ctx.view(filter, 'weights');
  const params = ctx.quantization(filter);
  if (!(values instanceof Int8Array) || params === undefined) {
    ctx.fail(
      `weights ${ctx.describe(filter)} are not int8 with quantization parameters`,
      'Quantize the weights with dynamicRangeGraph',
    );
  }
  const perChannel = params.scale.length === channels && channels > 1;
  if (!perChannel && params.scale.length !== 1) {
    ctx.fail(
      `weights ${ctx.describe(filter)} have ${params.scale.length} scales for ${channels} output channels`,
      'Give one scale, or one per output channel',
    );
  }
  if (perChannel && params.axis !== channelAxis) {
    ctx.fail(
      `weights ${ctx.describe(filter)} are quantized along axis ${String(params.axis)}, not the output channel axis ${channelAxis}`,
      'Quantize hybrid weights per output channel',
    );
  }
  if (params.zeroPoint.some((zeroPoint) => zeroPoint !== 0)) {
    ctx.fail(`weights ${ctx.describe(filter)} have a non-zero zero point`, 'Quantize weights symmetrically');
  }
  const scales = Float32Array.from({ length: channels }, (_, c) => params.scale[perChannel ? c : 0]!);
  return { values, scales };
}
