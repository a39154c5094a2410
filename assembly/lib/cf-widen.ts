// AssemblyScript: the float convolution kernels' input, float32 NHWC at INPUT_AT, widened into
// the interior of the zero-padded float64 copy at PADDED_AT (whose padding the caller zeroed
// once). Each value is written MULTIPLIER times, so a depthwise output channel finds its input
// at its own index; positions are PADDED_DEPTH values apart.

import {
  BATCH,
  CHANNELS,
  IN_H,
  IN_W,
  INPUT_AT,
  MULTIPLIER,
  PAD_LEFT,
  PAD_TOP,
  PADDED_AT,
  PADDED_DEPTH,
  PADDED_H,
  PADDED_W,
} from './cf-header';

export function widenInput(h: usize): void {
  const inH = load<i32>(h + IN_H);
  const rows = load<i32>(h + BATCH) * inH;
  const paddedH = load<i32>(h + PADDED_H);
  const channels = load<i32>(h + CHANNELS);
  const multiplier = load<i32>(h + MULTIPLIER);
  const depth = load<i32>(h + PADDED_DEPTH);
  const width = load<i32>(h + IN_W);
  const paddedRow = load<i32>(h + PADDED_W) * depth;
  const before = load<i32>(h + PAD_TOP) * paddedRow + load<i32>(h + PAD_LEFT) * depth;
  // Without copies the widened row is as dense as the input's: one vector loop over it.
  const dense = multiplier == 1 && depth == channels;
  let src = <usize>load<i32>(h + INPUT_AT);
  for (let r = 0; r < rows; r++) {
    const b = r / inH;
    const y = r - b * inH;
    let dst = <usize>load<i32>(h + PADDED_AT) + ((<usize>((b * paddedH + y) * paddedRow + before)) << 3);
    if (dense) {
      const values = width * channels;
      let i = 0;
      for (; i + 4 <= values; i += 4, src += 16, dst += 32) {
        const four = v128.load(src);
        v128.store(dst, f64x2.promote_low_f32x4(four));
        v128.store(dst, f64x2.promote_low_f32x4(i64x2.shuffle(four, four, 1, 0)), 16);
      }
      for (; i < values; i++, src += 4, dst += 8) store<f64>(dst, <f64>load<f32>(src));
      continue;
    }
    for (let x = 0; x < width; x++) {
      let at = dst + ((<usize>(x * depth)) << 3);
      for (let c = 0; c < channels; c++, src += 4) {
        const value = <f64>load<f32>(src);
        for (let m = 0; m < multiplier; m++, at += 8) store<f64>(at, value);
      }
    }
  }
}
