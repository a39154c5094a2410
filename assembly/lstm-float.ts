// AssemblyScript (compiled by assembly/build.mjs, not by tsc): the float32
// UNIDIRECTIONAL_SEQUENCE_LSTM, the WebAssembly twin of src/runtime/kernels/float/lstm.ts. One
// call runs the whole sequence of every sample. Units go in groups of four: each group's step
// is one pass over its input panel (W x) and one over its recurrent panel (U h), giving the
// pre-activations of all four gates of its units. Every value is rounded to float32 where the
// TypeScript kernel stores one and computed in double where it computes, with the same
// operations: the results are the same.
// The memory layout is the contract with src/runtime/wasm/lstm-float.ts.
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
 * The pre-activations of one group of four units, f32(f32(bias + W x) + U h) as the TypeScript
 * kernel adds them, into each gate's row of `gates` ([4][groups·4] doubles, `gateBytes` apart).
 */
function groupPreactivations(
  w: usize,
  u: usize,
  bias: usize,
  x: usize,
  depth: i32,
  h: usize,
  units: i32,
  sums: usize,
  gates: usize,
  gateBytes: usize,
): void {
  fourGateSums(w, x, depth, sums);
  fourGateSums(u, h, units, sums + GROUP_PAIRS_BYTES);
  // Pairs 2g and 2g + 1 are gate g's.
  for (let at: usize = 0, to = gates; at < GROUP_PAIRS_BYTES; at += GROUP_DOUBLES_BYTES, to += gateBytes) {
    v128.store(to, preactivationPair(bias + at, sums + at));
    v128.store(to, preactivationPair(bias + at + 16, sums + at + 16), 16);
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
 * instead of waiting on each other group by group; then c and h update in place and h goes to out.
 * `scratch` holds two sets of sums, the gates [4][groups·4] and tanh(c') [groups·4], as doubles.
 */
function step(
  w: usize,
  u: usize,
  bias: usize,
  x: usize,
  depth: i32,
  h: usize,
  units: i32,
  c: usize,
  out: usize,
  clip: f64,
  table: usize,
  scratch: usize,
): void {
  const groups = unitGroups(units);
  const gateBytes = <usize>groups * GROUP_DOUBLES_BYTES;
  const gates = scratch + 2 * GROUP_PAIRS_BYTES;
  const cells = gates + GATES * gateBytes;
  const wBytes = <usize>depth * FOUR_GATE_COLUMN;
  const uBytes = <usize>units * FOUR_GATE_COLUMN;
  for (let q = 0; q < groups; q++) {
    const at = <usize>q;
    groupPreactivations(
      w + at * wBytes,
      u + at * uBytes,
      bias + at * GROUP_PAIRS_BYTES,
      x,
      depth,
      h,
      units,
      scratch,
      gates + at * GROUP_DOUBLES_BYTES,
      gateBytes,
    );
  }
  scaledLogisticPairs(gates, LOGISTIC_GATES * 2 * groups, 1, 0, table);
  scaledLogisticPairs(gates + LOGISTIC_GATES * gateBytes, 2 * groups, 2, -1, table);
  const input = gates;
  const forget = gates + gateBytes;
  const candidate = gates + 3 * gateBytes;
  for (let at: usize = 0; at < gateBytes; at += 16) {
    const next = f64x2.add(
      f64x2.mul(v128.load(forget + at), v128.load(c + at)),
      f64x2.mul(v128.load(input + at), v128.load(candidate + at)),
    );
    const cell = cellValue(next, clip);
    v128.store(c + at, cell);
    v128.store(cells + at, cell);
  }
  scaledLogisticPairs(cells, 2 * groups, 2, -1, table);
  const output = gates + 2 * gateBytes;
  for (let q = 0; q < groups; q++) {
    const at = <usize>q * GROUP_DOUBLES_BYTES;
    const h01 = roundToF32(f64x2.mul(v128.load(output + at), v128.load(cells + at)));
    const h23 = roundToF32(f64x2.mul(v128.load(output + at, 16), v128.load(cells + at, 16)));
    v128.store(h + at, h01);
    v128.store(h + at, h23, 16);
    storeFirst(out + <usize>q * GROUP_FLOATS_BYTES, demoteFour(h01, h23), units - 4 * q);
  }
}

/**
 * Runs `steps` steps of `batch` samples. Byte offsets: `table` 2^(j/64) for j < 64 (doubles)
 * with room for the logistic's constants after it; `w` and `u` the four-gate panels of each
 * group ([groups][depth or units] columns), `bias` each group's 16 biases (doubles); x (doubles)
 * row (b, t) at x + b·xSample + t·xStep (bytes), output row (floats) at out + b·outSample +
 * t·outStep; h and c [batch][groups·4] doubles (float32 values, padding zero), read and left
 * holding the final state; `scratch` 256 + 160·groups bytes.
 */
export function run(
  table: usize,
  w: usize,
  u: usize,
  bias: usize,
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
  c: usize,
  scratch: usize,
  clip: f64,
): void {
  writeLogisticConstants(table);
  const stateBytes = <usize>unitGroups(units) * GROUP_DOUBLES_BYTES;
  for (let t = 0; t < steps; t++) {
    for (let b = 0; b < batch; b++) {
      const state = <usize>b * stateBytes;
      step(
        w,
        u,
        bias,
        x + <usize>(b * xSample + t * xStep),
        depth,
        h + state,
        units,
        c + state,
        out + <usize>(b * outSample + t * outStep),
        clip,
        table,
        scratch,
      );
    }
  }
}
