// AssemblyScript (compiled by assembly/build.mjs, not by tsc): the float32 GRU (Keras's
// reset_after), the WebAssembly twin of src/runtime/kernels/float/gru.ts. One call runs the
// whole sequence of every sample. Units go in groups of four with four-gate panels (gates z, r,
// h and a zero gate: the LSTM's panel product, a quarter of it spent on zeros) over x (W) and
// over h (U). Every value is rounded to float32 where the TypeScript kernel stores one and
// computed in double where it computes, with the same operations: the results are the same.
// The memory layout is the contract with src/runtime/wasm/gru-float.ts; the sequence's
// (configureSequence) is shared with the LSTM in lib/lf-sequence.ts.
import { roundToF32 } from './lib/lf-float';
import { scaledLogisticPairs } from './lib/lf-logistic';
import { GROUP_DOUBLES_BYTES, GROUP_PAIRS_BYTES } from './lib/lf-panel';
import * as sequence from './lib/lf-sequence';

export { configureSequence } from './lib/lf-sequence';

/** Bytes of the real gates' pairs in a group's sums (z, r, h; the fourth gate is zero). */
const REAL_GATES_BYTES: usize = 96;
const CANDIDATE_PAIRS_AT: usize = 64;

/**
 * Group q's projections into the scratch's rows ([4][groups·4] doubles): rows 0 and 1
 * f32(f32(b + W x) + f32(c + U h)) for z and r, row 2 f32(b + W x) and row 3 f32(c + U h) for
 * the candidate, as the TypeScript kernel adds them.
 */
function groupProjections(q: i32, inputBias: usize, recurrentBias: usize, x: usize, h: usize): void {
  sequence.groupProducts(q, x, h);
  const recurrent = sequence.sums + GROUP_PAIRS_BYTES;
  const biasAt = <usize>q * GROUP_PAIRS_BYTES;
  const gates = sequence.gateRows + <usize>q * GROUP_DOUBLES_BYTES;
  for (let at: usize = 0; at < REAL_GATES_BYTES; at += 16) {
    const projected = projection(inputBias + biasAt + at, sequence.sums + at);
    const carried = projection(recurrentBias + biasAt + at, recurrent + at);
    // Pairs 2g and 2g + 1 are gate g's.
    const to = gates + (at >> 5) * sequence.rowBytes + (at & 16);
    if (at < CANDIDATE_PAIRS_AT) {
      v128.store(to, roundToF32(f64x2.add(projected, carried)));
    } else {
      v128.store(to, projected);
      v128.store(to + sequence.rowBytes, carried);
    }
  }
}

/** f32(bias + sums) for one pair of lanes. */
function projection(bias: usize, sums: usize): v128 {
  return roundToF32(f64x2.add(v128.load(bias), v128.load(sums)));
}

/**
 * One step of one sample: every group's projections first (all read the old h), each
 * activation over whole rows, then h updates in place and goes to `out`. The scratch's rows:
 * z, r and the candidate's two projections.
 */
function step(inputBias: usize, recurrentBias: usize, x: usize, h: usize, out: usize): void {
  for (let q = 0; q < sequence.groups; q++) groupProjections(q, inputBias, recurrentBias, x, h);
  const update = sequence.gateRows;
  const reset = update + sequence.rowBytes;
  const candidate = reset + sequence.rowBytes;
  const carried = candidate + sequence.rowBytes;
  scaledLogisticPairs(update, 4 * sequence.groups, 1, 0, sequence.table);
  // ĥ's pre-activation: f32(W_h x + b_h + r·(U_h h + c_h)), in the candidate row.
  for (let at: usize = 0; at < sequence.rowBytes; at += 16) {
    const gated = f64x2.add(
      v128.load(candidate + at),
      f64x2.mul(v128.load(reset + at), v128.load(carried + at)),
    );
    v128.store(candidate + at, roundToF32(gated));
  }
  scaledLogisticPairs(candidate, 2 * sequence.groups, 2, -1, sequence.table);
  const one = f64x2.splat(1);
  for (let q = 0; q < sequence.groups; q++) {
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
    sequence.storeHidden(q, h01, h23, h, out);
  }
}

/**
 * Runs the configured sequence. Byte offsets: `inputBias` and `recurrentBias` each group's 16
 * biases (doubles), h [batch][groups·4] doubles (float32 values, padding zero), read and left
 * holding the final state; the scratch holds 128·groups bytes of rows after the sums.
 */
export function run(inputBias: usize, recurrentBias: usize, h: usize): void {
  for (let b = 0; b < sequence.batch; b++) {
    for (let t = 0; t < sequence.steps; t++) {
      step(
        inputBias,
        recurrentBias,
        sequence.inputRow(b, t),
        sequence.sampleState(h, b),
        sequence.outputRow(b, t),
      );
    }
  }
}
