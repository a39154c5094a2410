// AssemblyScript (compiled by assembly/build.mjs, not by tsc): the float32
// UNIDIRECTIONAL_SEQUENCE_LSTM, the WebAssembly twin of src/runtime/kernels/float/lstm.ts. One
// call runs the whole sequence of every sample. Units go in groups of four: each group's step
// is one pass over its input panel (W x) and one over its recurrent panel (U h), giving the
// pre-activations of all four gates of its units, then their activations and the cell update in
// registers. Every value is rounded to float32 where the TypeScript kernel stores one and
// computed in double where it computes, with the same operations: the results are the same.
// The memory layout is the contract with src/runtime/wasm/lstm-float.ts.
import { demoteFour, promoteHigh, roundToF32, storeFirst } from './lib/lf-float';
import { scaledLogisticPairs } from './lib/lf-logistic';
import { FOUR_GATE_COLUMN, fourGateSums } from './lib/lf-panel';

/** Bytes of one group's four-gate biases (16 doubles), and of one set of its sums. */
const GROUP_PAIRS_BYTES: usize = 128;
/** Bytes of four float32 units. */
const GROUP_FLOATS_BYTES: usize = 16;

/** Math.min(Math.max(c, -clip), clip) when clip > 0, rounded to float32. */
function cellValue(c: v128, clip: f64): v128 {
  return roundToF32(clip > 0 ? f64x2.min(f64x2.max(c, f64x2.splat(-clip)), f64x2.splat(clip)) : c);
}

/**
 * One step of one group of four units (`left` of them real): gates from x (depth floats) and h
 * (units floats), c updated in place, h' written to hOut and the first `left` units to out.
 * `sums` is scratch: two sets of sums, then the gates.
 */
function stepGroup(
  w: usize,
  u: usize,
  bias: usize,
  x: usize,
  depth: i32,
  h: usize,
  units: i32,
  c: usize,
  hOut: usize,
  out: usize,
  left: i32,
  clip: f64,
  table: usize,
  sums: usize,
): void {
  const recurrent = sums + GROUP_PAIRS_BYTES;
  const gates = recurrent + GROUP_PAIRS_BYTES;
  fourGateSums(w, x, depth, sums);
  fourGateSums(u, h, units, recurrent);
  // f32(f32(bias + W x) + U h), added as the TypeScript kernel adds them.
  for (let at: usize = 0; at < GROUP_PAIRS_BYTES; at += 16) {
    const projected = roundToF32(f64x2.add(v128.load(bias + at), v128.load(sums + at)));
    v128.store(gates + at, roundToF32(f64x2.add(projected, v128.load(recurrent + at))));
  }
  // Panel order i, f, o (logistic), then c (tanh); two pairs of lanes per gate.
  scaledLogisticPairs(gates, 6, 1, 0, table);
  scaledLogisticPairs(gates + 96, 2, 2, -1, table);
  const cell = v128.load(c);
  const c01 = cellValue(
    f64x2.add(
      f64x2.mul(v128.load(gates, 32), f64x2.promote_low_f32x4(cell)),
      f64x2.mul(v128.load(gates), v128.load(gates, 96)),
    ),
    clip,
  );
  const c23 = cellValue(
    f64x2.add(
      f64x2.mul(v128.load(gates, 48), promoteHigh(cell)),
      f64x2.mul(v128.load(gates, 16), v128.load(gates, 112)),
    ),
    clip,
  );
  v128.store(c, demoteFour(c01, c23));
  // tanh(c') in the scratch the sums used, which are spent.
  v128.store(sums, c01);
  v128.store(sums, c23, 16);
  scaledLogisticPairs(sums, 2, 2, -1, table);
  const next = demoteFour(
    f64x2.mul(v128.load(gates, 64), v128.load(sums)),
    f64x2.mul(v128.load(gates, 80), v128.load(sums, 16)),
  );
  v128.store(hOut, next);
  storeFirst(out, next, left);
}

/**
 * Runs `steps` steps of `batch` samples. Byte offsets: `table` 2^(j/64) for j < 64 (doubles);
 * `w` and `u` the four-gate panels of each group ([groups][depth or units] columns), `bias` each
 * group's 16 biases (doubles); x row (b, t) at x + b·xSample + t·xStep (bytes), output row at
 * out + b·outSample + t·outStep; h, hSpare and c [batch][groups·4] floats (padding zero), h and c
 * read and left holding the final state; `sums` 384 bytes of scratch.
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
  hSpare: usize,
  c: usize,
  sums: usize,
  clip: f64,
): void {
  const groups = (units + 3) >> 2;
  const stateBytes = <usize>groups * GROUP_FLOATS_BYTES;
  const wBytes = <usize>depth * FOUR_GATE_COLUMN;
  const uBytes = <usize>units * FOUR_GATE_COLUMN;
  // The new h goes to the other buffer: every group of the step reads all of the old one.
  let hRead = h;
  let hWrite = hSpare;
  for (let t = 0; t < steps; t++) {
    for (let b = 0; b < batch; b++) {
      const xRow = x + <usize>(b * xSample + t * xStep);
      const outRow = out + <usize>(b * outSample + t * outStep);
      const state = <usize>b * stateBytes;
      for (let q = 0; q < groups; q++) {
        const at = <usize>q * GROUP_FLOATS_BYTES;
        stepGroup(
          w + <usize>q * wBytes,
          u + <usize>q * uBytes,
          bias + <usize>q * GROUP_PAIRS_BYTES,
          xRow,
          depth,
          hRead + state,
          units,
          c + state + at,
          hWrite + state + at,
          outRow + at,
          units - 4 * q,
          clip,
          table,
          sums,
        );
      }
    }
    const read = hRead;
    hRead = hWrite;
    hWrite = read;
  }
  if (hRead != h) memory.copy(h, hRead, <usize>batch * stateBytes);
}
