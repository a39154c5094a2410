// AssemblyScript: the WebAssembly SIMD twin of src/runtime/kernels/float/depthwise-conv-2d.ts,
// exported by assembly/conv-float.ts, on the same header and zero-padded float64 input (each
// input channel repeated MULTIPLIER times, so output channel d reads its input at d). Like the
// TypeScript kernel, each output starts at its bias and rounds to float32 after every tap
// (exact products, added in double, rounded): the same values bit for bit, but for a padding
// tap turning a -0 sum into +0, which the TypeScript kernel skips.

import { activate } from './cf-activation';
import * as Header from './cf-header';
import { storeLanes } from './cf-store';
import { widenInput } from './cf-widen';

export function depthwise(h: usize): void {
  widenInput(h);
  const batch = load<i32>(h + Header.BATCH);
  const outH = load<i32>(h + Header.OUT_H);
  const outW = load<i32>(h + Header.OUT_W);
  const depth = load<i32>(h + Header.FILTERS);
  const paddedH = load<i32>(h + Header.PADDED_H);
  const pixelBytes = (<usize>load<i32>(h + Header.PADDED_DEPTH)) << 3;
  const rowBytes = <usize>load<i32>(h + Header.PADDED_W) * pixelBytes;
  const strideH = load<i32>(h + Header.STRIDE_H);
  const columnStep = <usize>load<i32>(h + Header.STRIDE_W) * pixelBytes;
  const padded = <usize>load<i32>(h + Header.PADDED_AT);
  let out = <usize>load<i32>(h + Header.OUTPUT_AT);
  const outPixelBytes = (<usize>depth) << 2;
  for (let b = 0; b < batch; b++) {
    for (let oy = 0; oy < outH; oy++) {
      const row = padded + <usize>(b * paddedH + oy * strideH) * rowBytes;
      for (let ox = 0; ox < outW; ox++, out += outPixelBytes) {
        outputPixel(h, row + <usize>ox * columnStep, rowBytes, pixelBytes, depth, out);
      }
    }
  }
}

/** Four output channels at a time at one position; `window` is the padded input under its first tap. */
function outputPixel(
  h: usize,
  window: usize,
  rowBytes: usize,
  pixelBytes: usize,
  depth: i32,
  out: usize,
): void {
  const kernelH = load<i32>(h + Header.KERNEL_H);
  const kernelW = load<i32>(h + Header.KERNEL_W);
  const tapRowStep = <usize>load<i32>(h + Header.DILATION_H) * rowBytes;
  const tapStep = <usize>load<i32>(h + Header.DILATION_W) * pixelBytes;
  const activation = load<i32>(h + Header.ACTIVATION);
  for (let d = 0; d < depth; d += 4) {
    const at = (<usize>d) << 3;
    let s0 = v128.load(<usize>load<i32>(h + Header.BIAS_AT) + at);
    let s1 = v128.load(<usize>load<i32>(h + Header.BIAS_AT) + at, 16);
    let w = <usize>load<i32>(h + Header.WEIGHTS_AT) + at;
    for (let ky = 0; ky < kernelH; ky++) {
      let p = window + <usize>ky * tapRowStep + at;
      for (let kx = 0; kx < kernelW; kx++, p += tapStep, w += pixelBytes) {
        s0 = toFloat32(f64x2.add(s0, f64x2.mul(v128.load(p), v128.load(w))));
        s1 = toFloat32(f64x2.add(s1, f64x2.mul(v128.load(p, 16), v128.load(w, 16))));
      }
    }
    const sums = i64x2.shuffle(f32x4.demote_f64x2_zero(s0), f32x4.demote_f64x2_zero(s1), 0, 2);
    storeLanes(h, out + ((<usize>d) << 2), activate(sums, activation), depth - d);
  }
}

/** Two doubles rounded to float32 and back, as storing into a Float32Array rounds. */
function toFloat32(v: v128): v128 {
  return f64x2.promote_low_f32x4(f32x4.demote_f64x2_zero(v));
}
