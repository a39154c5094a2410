// AssemblyScript (compiled by assembly/build.mjs, not by tsc): the float32
// UNIDIRECTIONAL_SEQUENCE_LSTM, the WebAssembly twin of src/runtime/kernels/float/lstm.ts. One
// call runs the whole sequence of every sample. Units go in groups of four: each group's step
// is one pass over its input panel (W x) and one over its recurrent panel (U h), giving the
// pre-activations of all four gates of its units. Every value is rounded to float32 where the
// TypeScript kernel stores one and computed in double where it computes, with the same
// operations: the results are the same.
// The memory layout is the contract with src/runtime/wasm/lstm-float.ts; the sequence's
// (configureSequence) is shared with the GRU in lib/lf-sequence.ts.
import { roundToF32 } from './lib/lf-float';
import { scaledLogisticPairs } from './lib/lf-logistic';
import { GROUP_DOUBLES_BYTES, GROUP_PAIRS_BYTES } from './lib/lf-panel';
import * as sequence from './lib/lf-sequence';

export { configureSequence } from './lib/lf-sequence';

/** Gates in panel order i, f, o (logistic), then c (tanh). */
const LOGISTIC_GATES = 3;
const GATES = 4;

/**
 * Math.min(Math.max(c, -clip), clip) when clip > 0, rounded to float32 (pmax and pmin are the
 * comparisons a < b ? b : a and b < a ? b : a: equal to Math's for a clip > 0, NaN included).
 */
function cellValue(c: v128, clip: f64): v128 {
  return roundToF32(clip > 0 ? f64x2.pmin(f64x2.pmax(c, f64x2.splat(-clip)), f64x2.splat(clip)) : c);
}

/**
 * The pre-activations of group q, f32(f32(bias + W x) + U h) as the TypeScript kernel adds them,
 * into each gate's row of the scratch's gate rows ([4][groups·4] doubles).
 */
function groupPreactivations(q: i32, bias: usize, x: usize, h: usize): void {
  sequence.groupProducts(q, x, h);
  const groupBias = bias + <usize>q * GROUP_PAIRS_BYTES;
  // Pairs 2g and 2g + 1 are gate g's.
  let to = sequence.gateRows + <usize>q * GROUP_DOUBLES_BYTES;
  for (let at: usize = 0; at < GROUP_PAIRS_BYTES; at += GROUP_DOUBLES_BYTES, to += sequence.rowBytes) {
    v128.store(to, preactivationPair(groupBias + at, sequence.sums + at));
    v128.store(to, preactivationPair(groupBias + at + 16, sequence.sums + at + 16), 16);
  }
}

/** f32(f32(bias + W x) + U h) for one pair of lanes: W x at `sums`, U h one set of sums further. */
function preactivationPair(bias: usize, sums: usize): v128 {
  const projected = roundToF32(f64x2.add(v128.load(bias), v128.load(sums)));
  return roundToF32(f64x2.add(projected, v128.load(sums + GROUP_PAIRS_BYTES)));
}

/**
 * One step of one sample: every group's pre-activations first (all read the old h), then each
 * activation over whole rows of gates, so the long chains of independent exponentials overlap
 * instead of waiting on each other group by group; then c and h update in place and h goes to
 * `out`. The scratch's rows: the gates [4][groups·4], then tanh(c') [groups·4].
 */
function step(bias: usize, clip: f64, x: usize, h: usize, c: usize, out: usize): void {
  for (let q = 0; q < sequence.groups; q++) groupPreactivations(q, bias, x, h);
  const gates = sequence.gateRows;
  const cells = gates + GATES * sequence.rowBytes;
  scaledLogisticPairs(gates, LOGISTIC_GATES * 2 * sequence.groups, 1, 0, sequence.table);
  scaledLogisticPairs(gates + LOGISTIC_GATES * sequence.rowBytes, 2 * sequence.groups, 2, -1, sequence.table);
  const input = gates;
  const forget = gates + sequence.rowBytes;
  const candidate = gates + 3 * sequence.rowBytes;
  for (let at: usize = 0; at < sequence.rowBytes; at += 16) {
    const next = f64x2.add(
      f64x2.mul(v128.load(forget + at), v128.load(c + at)),
      f64x2.mul(v128.load(input + at), v128.load(candidate + at)),
    );
    const cell = cellValue(next, clip);
    v128.store(c + at, cell);
    v128.store(cells + at, cell);
  }
  scaledLogisticPairs(cells, 2 * sequence.groups, 2, -1, sequence.table);
  const output = gates + 2 * sequence.rowBytes;
  for (let q = 0; q < sequence.groups; q++) {
    const at = <usize>q * GROUP_DOUBLES_BYTES;
    const h01 = roundToF32(f64x2.mul(v128.load(output + at), v128.load(cells + at)));
    const h23 = roundToF32(f64x2.mul(v128.load(output + at, 16), v128.load(cells + at, 16)));
    sequence.storeHidden(q, h01, h23, h, out);
  }
}

/**
 * Runs the configured sequence. Byte offsets: `bias` each group's 16 biases (doubles), h and c
 * [batch][groups·4] doubles (float32 values, padding zero), read and left holding the final
 * state; the scratch holds 160·groups bytes of rows after the sums.
 */
export function run(bias: usize, h: usize, c: usize, clip: f64): void {
  for (let t = 0; t < sequence.steps; t++) {
    for (let b = 0; b < sequence.batch; b++) {
      step(
        bias,
        clip,
        sequence.inputRow(b, t),
        sequence.sampleState(h, b),
        sequence.sampleState(c, b),
        sequence.outputRow(b, t),
      );
    }
  }
}
