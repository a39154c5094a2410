// AssemblyScript (compiled by assembly/build.mjs, not by tsc): the float32 GRU (Keras's
// reset_after), the WebAssembly twin of src/runtime/kernels/float/gru.ts. One call runs the
// whole sequence of every sample. Units go in groups of four with four-gate panels (gates z, r,
// h and a zero gate: the LSTM's panel product, a quarter of it spent on zeros) over x (W) and
// over h (U). Every value is rounded to float32 where the TypeScript kernel stores one and
// computed in double where it computes, with the same operations: the results are the same.
// The memory layout is the contract with src/runtime/wasm/gru-float.ts.
import { demoteFour, roundToF32, storeFirst } from './lib/lf-float';
import { scaledLogisticPairs, writeLogisticConstants } from './lib/lf-logistic';
import {
  FOUR_GATE_COLUMN,
  fourGateSums,
  GROUP_DOUBLES_BYTES,
  GROUP_FLOATS_BYTES,
  GROUP_PAIRS_BYTES,
  unitGroups,
} from './lib/lf-panel';

/** Bytes of the real gates' pairs in a group's sums (z, r, h; the fourth gate is zero). */
const REAL_GATES_BYTES: usize = 96;
const CANDIDATE_PAIRS_AT: usize = 64;

/**
 * One group's projections into the rows of `gates` ([4][groups·4] doubles, `gateBytes` apart):
 * rows 0 and 1 f32(f32(b + W x) + f32(c + U h)) for z and r, row 2 f32(b + W x) and row 3
 * f32(c + U h) for the candidate, as the TypeScript kernel adds them.
 */
function groupProjections(
  w: usize,
  u: usize,
  inputBias: usize,
  recurrentBias: usize,
  x: usize,
  depth: i32,
  h: usize,
  units: i32,
  sums: usize,
  gates: usize,
  gateBytes: usize,
): void {
  const recurrent = sums + GROUP_PAIRS_BYTES;
  fourGateSums(w, x, depth, sums);
  fourGateSums(u, h, units, recurrent);
  for (let at: usize = 0; at < REAL_GATES_BYTES; at += 16) {
    const projected = projection(inputBias + at, sums + at);
    const carried = projection(recurrentBias + at, recurrent + at);
    // Pairs 2g and 2g + 1 are gate g's.
    const to = gates + (at >> 5) * gateBytes + (at & 16);
    if (at < CANDIDATE_PAIRS_AT) {
      v128.store(to, roundToF32(f64x2.add(projected, carried)));
    } else {
      v128.store(to, projected);
      v128.store(to + gateBytes, carried);
    }
  }
}

/** f32(bias + sums) for one pair of lanes. */
function projection(bias: usize, sums: usize): v128 {
  return roundToF32(f64x2.add(v128.load(bias), v128.load(sums)));
}

/**
 * One step of one sample: every group's projections first (all read the old h), each
 * activation over whole rows, then h updates in place and goes to out. `scratch` holds two
 * sets of sums and the rows [4][groups·4] of doubles.
 */
function step(
  w: usize,
  u: usize,
  inputBias: usize,
  recurrentBias: usize,
  x: usize,
  depth: i32,
  h: usize,
  units: i32,
  out: usize,
  table: usize,
  scratch: usize,
): void {
  const groups = unitGroups(units);
  const gateBytes = <usize>groups * GROUP_DOUBLES_BYTES;
  const update = scratch + 2 * GROUP_PAIRS_BYTES;
  const reset = update + gateBytes;
  const candidate = reset + gateBytes;
  const carried = candidate + gateBytes;
  const wBytes = <usize>depth * FOUR_GATE_COLUMN;
  const uBytes = <usize>units * FOUR_GATE_COLUMN;
  for (let q = 0; q < groups; q++) {
    const at = <usize>q;
    groupProjections(
      w + at * wBytes,
      u + at * uBytes,
      inputBias + at * GROUP_PAIRS_BYTES,
      recurrentBias + at * GROUP_PAIRS_BYTES,
      x,
      depth,
      h,
      units,
      scratch,
      update + at * GROUP_DOUBLES_BYTES,
      gateBytes,
    );
  }
  scaledLogisticPairs(update, 4 * groups, 1, 0, table);
  // ĥ's pre-activation: f32(W_h x + b_h + r·(U_h h + c_h)), in the candidate row.
  for (let at: usize = 0; at < gateBytes; at += 16) {
    const gated = f64x2.add(
      v128.load(candidate + at),
      f64x2.mul(v128.load(reset + at), v128.load(carried + at)),
    );
    v128.store(candidate + at, roundToF32(gated));
  }
  scaledLogisticPairs(candidate, 2 * groups, 2, -1, table);
  const one = f64x2.splat(1);
  for (let q = 0; q < groups; q++) {
    const at = <usize>q * GROUP_DOUBLES_BYTES;
    const z01 = v128.load(update + at);
    const z23 = v128.load(update + at, 16);
    // z·h + (1 - z)·ĥ
    const h01 = roundToF32(
      f64x2.add(f64x2.mul(z01, v128.load(h + at)), f64x2.mul(f64x2.sub(one, z01), v128.load(candidate + at))),
    );
    const h23 = roundToF32(
      f64x2.add(
        f64x2.mul(z23, v128.load(h + at, 16)),
        f64x2.mul(f64x2.sub(one, z23), v128.load(candidate + at, 16)),
      ),
    );
    v128.store(h + at, h01);
    v128.store(h + at, h23, 16);
    storeFirst(out + <usize>q * GROUP_FLOATS_BYTES, demoteFour(h01, h23), units - 4 * q);
  }
}

/**
 * Runs `steps` steps of `batch` samples. Byte offsets: `table` 2^(j/64) for j < 64 (doubles)
 * with room for the logistic's constants after it; `w` and `u` the four-gate panels of each
 * group ([groups][depth or units] columns), `inputBias` and `recurrentBias` each group's 16
 * biases (doubles); x (doubles) row (b, t) at x + b·xSample + t·xStep (bytes), output row
 * (floats) at out + b·outSample + t·outStep (outStep 0 keeps only the last step); h
 * [batch][groups·4] doubles (float32 values, padding zero), read and left holding the final state; `scratch` 256 + 128·groups bytes.
 */
export function run(
  table: usize,
  w: usize,
  u: usize,
  inputBias: usize,
  recurrentBias: usize,
  units: i32,
  depth: i32,
  batch: i32,
  steps: i32,
  x: usize,
  xStep: i32,
  xSample: i32,
  out: usize,
  outStep: i32,
  outSample: i32,
  h: usize,
  scratch: usize,
): void {
  writeLogisticConstants(table);
  const stateBytes = <usize>unitGroups(units) * GROUP_DOUBLES_BYTES;
  for (let b = 0; b < batch; b++) {
    for (let t = 0; t < steps; t++) {
      step(
        w,
        u,
        inputBias,
        recurrentBias,
        x + <usize>(b * xSample + t * xStep),
        depth,
        h + <usize>b * stateBytes,
        units,
        out + <usize>(b * outSample + t * outStep),
        table,
        scratch,
      );
    }
  }
}
