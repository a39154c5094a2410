// AssemblyScript (compiled by assembly/build.mjs, not by tsc): the sequence plumbing of the float
// recurrent kernels (assembly/lstm-float.ts, gru-float.ts). Their factories fix every address and
// size at creation, so both modules export configureSequence and their run reads the op from
// here: the panels, where step t of sample b reads x and writes its output row, the state, the
// step's scratch, and both panel products of a group of units.
import { demoteFour, storeFirst } from './lf-float';
import { writeLogisticConstants } from './lf-logistic';
import {
  FOUR_GATE_COLUMN,
  fourGateSums,
  GROUP_DOUBLES_BYTES,
  GROUP_FLOATS_BYTES,
  GROUP_PAIRS_BYTES,
  unitGroups,
} from './lf-panel';

export let table: usize = 0;
export let units: i32 = 0;
export let batch: i32 = 0;
export let steps: i32 = 0;
/** Groups of four units, and the bytes of one row of gates or state ([groups·4] doubles). */
export let groups: i32 = 0;
export let rowBytes: usize = 0;
/** The two sets of sums of a group (W x, then U h), and the rows of gates after them. */
export let sums: usize = 0;
export let gateRows: usize = 0;
let w: usize = 0;
let u: usize = 0;
let depth: i32 = 0;
let wBytes: usize = 0;
let uBytes: usize = 0;
let x: usize = 0;
let xStep: i32 = 0;
let xSample: i32 = 0;
let out: usize = 0;
let outStep: i32 = 0;
let outSample: i32 = 0;

/**
 * Byte offsets: `table` 2^(j/64) for j < 64 (doubles) with room for the logistic's constants
 * after it (written here); `w` and `u` the four-gate panels of each group ([groups][depth or
 * units] columns); x (doubles) row (b, t) at x + b·xSample + t·xStep (bytes), output row (floats)
 * at out + b·outSample + t·outStep (outStep 0 keeps only the last step); `scratch` two sets of
 * sums (256 bytes), then the kernel's rows of [groups·4] doubles.
 */
export function configureSequence(
  tableAt: usize,
  wAt: usize,
  uAt: usize,
  unitCount: i32,
  depthCount: i32,
  batchSize: i32,
  stepCount: i32,
  xAt: usize,
  xStepBytes: i32,
  xSampleBytes: i32,
  outAt: usize,
  outStepBytes: i32,
  outSampleBytes: i32,
  scratch: usize,
): void {
  table = tableAt;
  writeLogisticConstants(tableAt);
  w = wAt;
  u = uAt;
  units = unitCount;
  depth = depthCount;
  batch = batchSize;
  steps = stepCount;
  groups = unitGroups(unitCount);
  rowBytes = <usize>groups * GROUP_DOUBLES_BYTES;
  wBytes = <usize>depthCount * FOUR_GATE_COLUMN;
  uBytes = <usize>unitCount * FOUR_GATE_COLUMN;
  x = xAt;
  xStep = xStepBytes;
  xSample = xSampleBytes;
  out = outAt;
  outStep = outStepBytes;
  outSample = outSampleBytes;
  sums = scratch;
  gateRows = scratch + 2 * GROUP_PAIRS_BYTES;
}

/** Where step t of sample b reads its input (doubles). */
export function inputRow(b: i32, t: i32): usize {
  return x + <usize>(b * xSample + t * xStep);
}

/** Where step t of sample b writes its output (floats). */
export function outputRow(b: i32, t: i32): usize {
  return out + <usize>(b * outSample + t * outStep);
}

/** Sample b's row of a state ([batch][groups·4] doubles at `state`). */
export function sampleState(state: usize, b: i32): usize {
  return state + <usize>b * rowBytes;
}

/** Group q's W·xRow into `sums` and U·h one set of sums further (eight pairs each). */
export function groupProducts(q: i32, xRow: usize, h: usize): void {
  fourGateSums(w + <usize>q * wBytes, xRow, depth, sums);
  fourGateSums(u + <usize>q * uBytes, h, units, sums + GROUP_PAIRS_BYTES);
}

/** Group q's new hidden values (two pairs, float32 values): into the state h and the output row. */
export function storeHidden(q: i32, h01: v128, h23: v128, h: usize, outRow: usize): void {
  const at = <usize>q * GROUP_DOUBLES_BYTES;
  v128.store(h + at, h01);
  v128.store(h + at, h23, 16);
  storeFirst(outRow + <usize>q * GROUP_FLOATS_BYTES, demoteFour(h01, h23), units - 4 * q);
}
