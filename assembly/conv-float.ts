// AssemblyScript (compiled by assembly/build.mjs, not by tsc): the WebAssembly SIMD twin of
// src/runtime/kernels/float/conv-2d.ts. The input is widened into a zero-padded float64 copy,
// so every output position sums its whole window with no bounds checks; a padding tap adds
// 0·w = ±0, which leaves a double sum unchanged. Filters are packed as float64 in blocks of
// eight (see src/runtime/wasm/conv-float.ts): each float32 product is exact in double and the
// taps are summed in the TypeScript kernel's order, bias added last and rounded once, so a row
// of filter taps (every 1-D convolution) gives the TypeScript kernel's float32 bit for bit.
//
// The caller owns the memory; a header of i32 fields at `h` says where everything is and the
// geometry. Offsets (bytes) are the contract with src/runtime/wasm/conv-float.ts.
//
// The module also exports the float pooling kernel (lib/cf-pool.ts), which shares its instance
// setup and activation-free float layout.

import { activate } from './lib/cf-activation';

export { pool } from './lib/cf-pool';

const BATCH: usize = 0;
const IN_H: usize = 4;
const IN_W: usize = 8;
const CHANNELS: usize = 12;
const PADDED_H: usize = 16;
const PADDED_W: usize = 20;
const PAD_TOP: usize = 24;
const PAD_LEFT: usize = 28;
const OUT_H: usize = 32;
const OUT_W: usize = 36;
const FILTERS: usize = 40;
const KERNEL_H: usize = 44;
const KERNEL_W: usize = 48;
const STRIDE_H: usize = 52;
const STRIDE_W: usize = 56;
const DILATION_H: usize = 60;
const DILATION_W: usize = 64;
const ACTIVATION: usize = 68;
const WEIGHTS_AT: usize = 72;
const BIAS_AT: usize = 76;
const PADDED_AT: usize = 80;
const INPUT_AT: usize = 84;
const OUTPUT_AT: usize = 88;
/** 32 bytes where a partial block of outputs is staged before its real lanes are copied. */
const STAGING: usize = 96;

/** Filters per packed block: four f64x2 sums per output position. */
const BLOCK: i32 = 8;

export function conv(h: usize): void {
  widenInput(h);
  const batch = load<i32>(h + BATCH);
  const outH = load<i32>(h + OUT_H);
  const outW = load<i32>(h + OUT_W);
  const filters = load<i32>(h + FILTERS);
  const strideH = load<i32>(h + STRIDE_H);
  const paddedH = load<i32>(h + PADDED_H);
  // Bytes of one padded input row.
  const rowBytes = (<usize>(load<i32>(h + PADDED_W) * load<i32>(h + CHANNELS))) << 3;
  const padded = <usize>load<i32>(h + PADDED_AT);
  let out = <usize>load<i32>(h + OUTPUT_AT);
  const outRowBytes = (<usize>(outW * filters)) << 2;
  for (let b = 0; b < batch; b++) {
    for (let oy = 0; oy < outH; oy++, out += outRowBytes) {
      outputRow(h, padded + <usize>(b * paddedH + oy * strideH) * rowBytes, rowBytes, out);
    }
  }
}

/** The float32 input at INPUT_AT (NHWC, dense) into the interior of the float64 padded copy. */
function widenInput(h: usize): void {
  const rows = load<i32>(h + BATCH) * load<i32>(h + IN_H);
  const inH = load<i32>(h + IN_H);
  const paddedH = load<i32>(h + PADDED_H);
  const channels = load<i32>(h + CHANNELS);
  const values = load<i32>(h + IN_W) * channels;
  const paddedRow = load<i32>(h + PADDED_W) * channels;
  const before = load<i32>(h + PAD_TOP) * paddedRow + load<i32>(h + PAD_LEFT) * channels;
  let src = <usize>load<i32>(h + INPUT_AT);
  for (let r = 0; r < rows; r++) {
    const b = r / inH;
    const y = r - b * inH;
    let dst = <usize>load<i32>(h + PADDED_AT) + ((<usize>((b * paddedH + y) * paddedRow + before)) << 3);
    let i = 0;
    for (; i + 4 <= values; i += 4, src += 16, dst += 32) {
      const four = v128.load(src);
      v128.store(dst, f64x2.promote_low_f32x4(four));
      v128.store(dst, f64x2.promote_low_f32x4(i64x2.shuffle(four, four, 1, 0)), 16);
    }
    for (; i < values; i++, src += 4, dst += 8) store<f64>(dst, <f64>load<f32>(src));
  }
}

/**
 * One output row: positions two at a time (an odd last one computed twice, stored once), each
 * pair against every block of eight filters. `x` is the padded row under the row's first tap.
 */
function outputRow(h: usize, x: usize, rowBytes: usize, out: usize): void {
  const outW = load<i32>(h + OUT_W);
  const filters = load<i32>(h + FILTERS);
  const channels = load<i32>(h + CHANNELS);
  const kernelH = load<i32>(h + KERNEL_H);
  const kernelW = load<i32>(h + KERNEL_W);
  const dilationW = load<i32>(h + DILATION_W);
  const activation = load<i32>(h + ACTIVATION);
  // Taps of one filter row adjacent in the input form one run (all of them without dilation).
  const runs = dilationW == 1 ? 1 : kernelW;
  const runLength = dilationW == 1 ? kernelW * channels : channels;
  const runStep = (<usize>(dilationW * channels)) << 3;
  const tapRowStep = <usize>load<i32>(h + DILATION_H) * rowBytes;
  const positionStep = (<usize>(load<i32>(h + STRIDE_W) * channels)) << 3;
  const blockBytes = (<usize>(kernelH * kernelW * channels)) << 6;
  const weights = <usize>load<i32>(h + WEIGHTS_AT);
  const bias = <usize>load<i32>(h + BIAS_AT);
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
  const first = activate(low, activation);
  const second = activate(high, activation);
  if (lanes == BLOCK) {
    v128.store(o, first);
    v128.store(o, second, 16);
    return;
  }
  v128.store(h + STAGING, first);
  v128.store(h + STAGING, second, 16);
  for (let lane = 0; lane < lanes; lane++) {
    store<f32>(o + ((<usize>lane) << 2), load<f32>(h + STAGING + ((<usize>lane) << 2)));
  }
}
