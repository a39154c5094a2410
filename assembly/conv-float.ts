// AssemblyScript (compiled by assembly/build.mjs, not by tsc): the WebAssembly SIMD twin of
// src/runtime/kernels/float/conv-2d.ts. The input is widened into a zero-padded float64 copy,
// so every output position sums its whole window with no bounds checks; a padding tap adds
// 0·w = ±0, which leaves a double sum unchanged. Filters are packed as float64 in blocks of
// eight (see src/runtime/wasm/conv-float.ts): each float32 product is exact in double and the
// taps are summed in the TypeScript kernel's order, bias added last and rounded once, so a row
// of filter taps (every 1-D convolution) gives the TypeScript kernel's float32 bit for bit.
//
// The caller owns the memory; a header of i32 fields at `h` (lib/cf-header.ts) says where
// everything is and the geometry.
//
// The module also exports the float DEPTHWISE_CONV_2D (lib/cf-depthwise.ts, same header and
// padded input), pooling (lib/cf-pool.ts) and MEAN / REDUCE_MAX (lib/cf-reduce.ts) kernels.

import { activate } from './lib/cf-activation';
import * as Header from './lib/cf-header';
import { storeLanes } from './lib/cf-store';
import { widenInput } from './lib/cf-widen';

export { depthwise } from './lib/cf-depthwise';
export { pool } from './lib/cf-pool';
export { reduce } from './lib/cf-reduce';

/** Filters per packed block: four f64x2 sums per output position. */
const BLOCK: i32 = 8;

export function conv(h: usize): void {
  widenInput(h);
  const batch = load<i32>(h + Header.BATCH);
  const outH = load<i32>(h + Header.OUT_H);
  const outW = load<i32>(h + Header.OUT_W);
  const filters = load<i32>(h + Header.FILTERS);
  const strideH = load<i32>(h + Header.STRIDE_H);
  const paddedH = load<i32>(h + Header.PADDED_H);
  // Bytes of one padded input row.
  const rowBytes = (<usize>(load<i32>(h + Header.PADDED_W) * load<i32>(h + Header.CHANNELS))) << 3;
  const padded = <usize>load<i32>(h + Header.PADDED_AT);
  let out = <usize>load<i32>(h + Header.OUTPUT_AT);
  const outRowBytes = (<usize>(outW * filters)) << 2;
  for (let b = 0; b < batch; b++) {
    for (let oy = 0; oy < outH; oy++, out += outRowBytes) {
      outputRow(h, padded + <usize>(b * paddedH + oy * strideH) * rowBytes, rowBytes, out);
    }
  }
}

/**
 * One output row: positions two at a time (an odd last one computed twice, stored once), each
 * pair against every block of eight filters. `x` is the padded row under the row's first tap.
 */
function outputRow(h: usize, x: usize, rowBytes: usize, out: usize): void {
  const outW = load<i32>(h + Header.OUT_W);
  const filters = load<i32>(h + Header.FILTERS);
  const channels = load<i32>(h + Header.CHANNELS);
  const kernelH = load<i32>(h + Header.KERNEL_H);
  const kernelW = load<i32>(h + Header.KERNEL_W);
  const dilationW = load<i32>(h + Header.DILATION_W);
  const activation = load<i32>(h + Header.ACTIVATION);
  // Taps of one filter row adjacent in the input form one run (all of them without dilation).
  const runs = dilationW == 1 ? 1 : kernelW;
  const runLength = dilationW == 1 ? kernelW * channels : channels;
  const runStep = (<usize>(dilationW * channels)) << 3;
  const tapRowStep = <usize>load<i32>(h + Header.DILATION_H) * rowBytes;
  const positionStep = (<usize>(load<i32>(h + Header.STRIDE_W) * channels)) << 3;
  const blockBytes = (<usize>(kernelH * kernelW * channels)) << 6;
  const weights = <usize>load<i32>(h + Header.WEIGHTS_AT);
  const bias = <usize>load<i32>(h + Header.BIAS_AT);
  const outStep = (<usize>filters) << 2;
  for (let ox = 0; ox < outW; ox += 2) {
    const pair = ox + 1 < outW;
    const x0 = x + <usize>ox * positionStep;
    const x1 = pair ? x0 + positionStep : x0;
    const o0 = out + <usize>ox * outStep;
    for (let f = 0; f < filters; f += BLOCK) {
      let w = weights + <usize>(f / BLOCK) * blockBytes;
      let a0 = f64x2.splat(0);
      let a1 = f64x2.splat(0);
      let a2 = f64x2.splat(0);
      let a3 = f64x2.splat(0);
      let b0 = f64x2.splat(0);
      let b1 = f64x2.splat(0);
      let b2 = f64x2.splat(0);
      let b3 = f64x2.splat(0);
      for (let ky = 0; ky < kernelH; ky++) {
        for (let run = 0; run < runs; run++) {
          const offset = <usize>ky * tapRowStep + <usize>run * runStep;
          let p0 = x0 + offset;
          let p1 = x1 + offset;
          for (let k = 0; k < runLength; k++, p0 += 8, p1 += 8, w += 64) {
            const v0 = v128.load64_splat(p0);
            const v1 = v128.load64_splat(p1);
            const w0 = v128.load(w);
            const w1 = v128.load(w, 16);
            const w2 = v128.load(w, 32);
            const w3 = v128.load(w, 48);
            a0 = f64x2.add(a0, f64x2.mul(w0, v0));
            a1 = f64x2.add(a1, f64x2.mul(w1, v0));
            a2 = f64x2.add(a2, f64x2.mul(w2, v0));
            a3 = f64x2.add(a3, f64x2.mul(w3, v0));
            b0 = f64x2.add(b0, f64x2.mul(w0, v1));
            b1 = f64x2.add(b1, f64x2.mul(w1, v1));
            b2 = f64x2.add(b2, f64x2.mul(w2, v1));
            b3 = f64x2.add(b3, f64x2.mul(w3, v1));
          }
        }
      }
      const lanes = min(filters - f, BLOCK);
      const biasAt = bias + ((<usize>f) << 3);
      const at = (<usize>f) << 2;
      storeBlock(h, o0 + at, a0, a1, a2, a3, biasAt, lanes, activation);
      if (pair) storeBlock(h, o0 + outStep + at, b0, b1, b2, b3, biasAt, lanes, activation);
    }
  }
}

/** Eight sums plus their bias, rounded to float32, activated; only `lanes` of them stored. */
function storeBlock(
  h: usize,
  o: usize,
  s0: v128,
  s1: v128,
  s2: v128,
  s3: v128,
  bias: usize,
  lanes: i32,
  activation: i32,
): void {
  const low = i64x2.shuffle(
    f32x4.demote_f64x2_zero(f64x2.add(s0, v128.load(bias))),
    f32x4.demote_f64x2_zero(f64x2.add(s1, v128.load(bias, 16))),
    0,
    2,
  );
  const high = i64x2.shuffle(
    f32x4.demote_f64x2_zero(f64x2.add(s2, v128.load(bias, 32))),
    f32x4.demote_f64x2_zero(f64x2.add(s3, v128.load(bias, 48))),
    0,
    2,
  );
  storeLanes(h, o, activate(low, activation), lanes);
  if (lanes > 4) storeLanes(h, o + 16, activate(high, activation), lanes - 4);
}
