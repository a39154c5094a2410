// AssemblyScript (compiled by assembly/build.mjs, not by tsc): the int8
// UNIDIRECTIONAL_SEQUENCE_LSTM, the WebAssembly twin of src/runtime/kernels/int8/lstm.ts (TFLite
// Micro's integer LSTM). One call runs every sample's whole sequence: first the input part of
// every step's gates, then per step and per group of eight units the recurrent product, both
// rescaled to Q3.12 and saturated, their saturating sum through the int16 logistic / tanh
// tables, the cell update and the int8 hidden output, in registers. Each rounding, saturation
// and table lookup is the TypeScript kernel's, so the outputs are the same bytes. Units are
// padded to a multiple of 8 (padded rows have zero weights and offsets; their values are
// computed and never read). The memory layout and the packing are the contract with
// src/runtime/wasm/lstm-int8.ts, which owns every address.
import { lookUp } from './lib/li-lookup';
import { productToInt16, RESCALE_BYTES, rescaleToInt16 } from './lib/li-fixed-point';
import { GROUP_SUMS_BYTES, groupSums } from './lib/li-matvec';

/** Gate positions in a group's rows and sums: i, f, c, o blocks of eight. */
const INPUT_GATE: usize = 0;
const FORGET_GATE: usize = 1;
const CELL_GATE: usize = 2;
const OUTPUT_GATE: usize = 3;
/** Bytes of one gate's eight int32 sums, and of a group's eight int16 values (per gate, or its units). */
const GATE_SUMS_BYTES: usize = 32;
const EIGHT_INT16_BYTES: usize = 16;
/** Bytes of a group's 32 int16 gate values, and of one column pair of its packed weights. */
const GROUP_GATES_BYTES: usize = 64;
const GROUP_PAIR_BYTES: usize = 128;
/** Bytes of one int16 table (every int16 input), and the offset of input 0 in it. */
const TABLE_BYTES: usize = 0x20000;
const TABLE_MIDDLE: usize = 0x10000;
/** The int8 values a one-channel input can take: its input parts are tabulated for all of them. */
const INT8_VALUES: i32 = 256;
const INT8_MIN: i32 = -128;
/** Which multiplier's record sits where in the rescale block. */
const INPUT_TO_GATE: usize = 0;
const RECURRENT_TO_GATE: usize = 4 * RESCALE_BYTES;
const FORGET_TIMES_CELL: usize = 8 * RESCALE_BYTES;
const INPUT_TIMES_CELL_GATE: usize = 9 * RESCALE_BYTES;
const OUTPUT_TIMES_TANH_CELL: usize = 10 * RESCALE_BYTES;

let batch: i32 = 0;
let steps: i32 = 0;
let units: i32 = 0;
let depth: i32 = 0;
let timeMajor: bool = false;
/** Groups of eight units, column pairs of the input and of the hidden state, bytes of one step's gate values. */
let groups: i32 = 0;
let depthPairs: i32 = 0;
let unitPairs: i32 = 0;
let stepGateBytes: usize = 0;
let cellClip: i32 = 0;
let hiddenZeroPoint: i32 = 0;

let logistic: usize = 0;
let gateTanh: usize = 0;
let cellTanh: usize = 0;
let inputWeights: usize = 0;
let recurrentWeights: usize = 0;
let inputOffsets: usize = 0;
let recurrentOffsets: usize = 0;
let rescales: usize = 0;

let x: usize = 0;
let hiddenState: usize = 0;
let cellState: usize = 0;
let out: usize = 0;

let xs: usize = 0;
let inputPart: usize = 0;
let sums: usize = 0;
let hA: usize = 0;
let hB: usize = 0;
let c: usize = 0;
let spill: usize = 0;

/** The op's sizes; clip 0 means no cell clip. */
export function configureShape(
  batchSize: i32,
  stepCount: i32,
  unitCount: i32,
  depthCount: i32,
  isTimeMajor: bool,
  clip: i32,
  zeroPoint: i32,
): void {
  batch = batchSize;
  steps = stepCount;
  units = unitCount;
  depth = depthCount;
  timeMajor = isTimeMajor;
  groups = (unitCount + 7) >> 3;
  depthPairs = (depthCount + 1) >> 1;
  unitPairs = groups << 2;
  stepGateBytes = <usize>groups * GROUP_GATES_BYTES;
  cellClip = clip;
  hiddenZeroPoint = zeroPoint;
}

/**
 * Where the constants are: three int16 tables (logistic, tanh of the Q3.12 gates, tanh of the
 * cell) one after another, both packed weight matrices, both rows' int32 offsets, the rescales.
 */
export function configureConstants(
  tables: usize,
  inputWeightsAt: usize,
  recurrentWeightsAt: usize,
  inputOffsetsAt: usize,
  recurrentOffsetsAt: usize,
  rescalesAt: usize,
): void {
  logistic = tables + TABLE_MIDDLE;
  gateTanh = logistic + TABLE_BYTES;
  cellTanh = gateTanh + TABLE_BYTES;
  inputWeights = inputWeightsAt;
  recurrentWeights = recurrentWeightsAt;
  inputOffsets = inputOffsetsAt;
  recurrentOffsets = recurrentOffsetsAt;
  rescales = rescalesAt;
}

/** The op's tensors as the caller copies them in and out: input, both states, output. */
export function configureTensors(xAt: usize, hiddenAt: usize, cellAt: usize, outAt: usize): void {
  x = xAt;
  hiddenState = hiddenAt;
  cellState = cellAt;
  out = outAt;
}

/**
 * Scratch (sizes in src/runtime/wasm/lstm-int8.ts): the input step as int16, the input parts
 * (every step's of one sequence, or with one input channel every int8 value's), a group's sums,
 * two hidden states as int16 (this step's and the next), the cell state, 16 bytes for table
 * indices and the last group's output bytes.
 */
export function configureScratch(
  xsAt: usize,
  inputPartAt: usize,
  sumsAt: usize,
  hAAt: usize,
  hBAt: usize,
  cAt: usize,
  spillAt: usize,
): void {
  xs = xsAt;
  inputPart = inputPartAt;
  sums = sumsAt;
  hA = hAAt;
  hB = hBAt;
  c = cAt;
  spill = spillAt;
}

/** Once configured and the constants written: with one input channel, the input part of every int8 value. */
export function prepare(): void {
  if (depth !== 1) return;
  for (let v = 0; v < INT8_VALUES; v++) {
    store<i16>(xs, v + INT8_MIN);
    projectStep(xs, inputPart + <usize>v * stepGateBytes);
  }
}

/** The whole op: every sample's sequence from its state, the state left at its last step. */
export function run(): void {
  for (let b = 0; b < batch; b++) {
    let h = hA;
    let next = hB;
    loadState(b, h);
    if (depth !== 1) projectInputs(b);
    for (let t = 0; t < steps; t++) {
      step(inputPartOf(b, t), h, next, out + <usize>(stepRow(b, t) * units));
      const previous = h;
      h = next;
      next = previous;
    }
    storeState(b, h);
  }
}

function stepRow(b: i32, t: i32): i32 {
  return timeMajor ? t * batch + b : b * steps + t;
}

/** Step t's gates from the input alone: computed for the sequence, or tabulated for its one channel. */
function inputPartOf(b: i32, t: i32): usize {
  if (depth === 1) return inputPart + <usize>(<i32>load<i8>(x + <usize>stepRow(b, t)) - INT8_MIN) * stepGateBytes;
  return inputPart + <usize>t * stepGateBytes;
}

function loadState(b: i32, h: usize): void {
  const at = <usize>(b * units);
  for (let r: usize = 0; r < <usize>units; r++) {
    store<i16>(h + (r << 1), load<i8>(hiddenState + at + r));
    store<i16>(c + (r << 1), load<i16>(cellState + ((at + r) << 1)));
  }
}

function storeState(b: i32, h: usize): void {
  const at = <usize>(b * units);
  for (let r: usize = 0; r < <usize>units; r++) {
    store<i8>(hiddenState + at + r, load<i16>(h + (r << 1)));
    store<i16>(cellState + ((at + r) << 1), load<i16>(c + (r << 1)));
  }
}

function projectInputs(b: i32): void {
  for (let t = 0; t < steps; t++) {
    const from = x + <usize>(stepRow(b, t) * depth);
    // Eight values at a time: those past the row meet zero weights or none (xs has room).
    for (let k: usize = 0; k < <usize>depth; k += 8) v128.store(xs + (k << 1), v128.load_ext<i8>(from + k));
    projectStep(xs, inputPart + <usize>t * stepGateBytes);
  }
}

/** One step's gates from the input v (int16) alone, rescaled to Q3.12 and saturated, into `to`. */
function projectStep(v: usize, to: usize): void {
  const groupBytes = <usize>depthPairs * GROUP_PAIR_BYTES;
  for (let q: usize = 0; q < <usize>groups; q++) {
    groupSums(inputWeights + q * groupBytes, depthPairs, v, inputOffsets + q * GROUP_SUMS_BYTES, sums);
    const group = to + q * GROUP_GATES_BYTES;
    for (let g: usize = 0; g < 4; g++) {
      v128.store(group + g * EIGHT_INT16_BYTES, gateSum(g, rescales + INPUT_TO_GATE + g * RESCALE_BYTES));
    }
  }
}

/** Gate g's eight sums in `sums`, rescaled by the record at `rescale` and saturated to int16. */
// @ts-ignore: decorator
@inline
function gateSum(g: usize, rescale: usize): v128 {
  const at = sums + g * GATE_SUMS_BYTES;
  return rescaleToInt16(v128.load(at), v128.load(at, 16), rescale);
}

/** Gate g of the group: sat16(input part + recurrent part) through its table. */
// @ts-ignore: decorator
@inline
function activated(g: usize, part: usize, table: usize): v128 {
  const recurrent = gateSum(g, rescales + RECURRENT_TO_GATE + g * RESCALE_BYTES);
  return lookUp(table, i16x8.add_sat_s(recurrent, v128.load(part + g * EIGHT_INT16_BYTES)), spill);
}

/**
 * One step: per group of eight units its gates from h and the input part, the cell update
 * c' = sat16(rescale(f·c) + rescale(i·g)) (clipped when a clip is set) and the hidden output
 * h' = sat8(rescale(o·tanh(c')) + zero point) into `next` (int16) and the output row.
 */
function step(part: usize, h: usize, next: usize, row: usize): void {
  const groupBytes = <usize>unitPairs * GROUP_PAIR_BYTES;
  const low = i16x8.splat(<i16>-cellClip);
  const high = i16x8.splat(<i16>cellClip);
  const zeroPoint = i16x8.splat(<i16>hiddenZeroPoint);
  for (let q: usize = 0; q < <usize>groups; q++) {
    groupSums(recurrentWeights + q * groupBytes, unitPairs, h, recurrentOffsets + q * GROUP_SUMS_BYTES, sums);
    const groupPart = part + q * GROUP_GATES_BYTES;
    const inputGate = activated(INPUT_GATE, groupPart, logistic);
    const forgetGate = activated(FORGET_GATE, groupPart, logistic);
    const cellGate = activated(CELL_GATE, groupPart, gateTanh);
    const outputGate = activated(OUTPUT_GATE, groupPart, logistic);
    const cellAt = c + q * EIGHT_INT16_BYTES;
    const kept = productToInt16(forgetGate, v128.load(cellAt), rescales + FORGET_TIMES_CELL);
    const added = productToInt16(inputGate, cellGate, rescales + INPUT_TIMES_CELL_GATE);
    let cell = i16x8.add_sat_s(kept, added);
    if (cellClip > 0) cell = i16x8.min_s(i16x8.max_s(cell, low), high);
    v128.store(cellAt, cell);
    const scaled = productToInt16(lookUp(cellTanh, cell, spill), outputGate, rescales + OUTPUT_TIMES_TANH_CELL);
    // Saturated to int16 first: adding the zero point to int16 with saturation then narrowing
    // to int8 gives the clamp of the exact sum (|zero point| < 2^7).
    const bytes = i8x16.narrow_i16x8_s(i16x8.add_sat_s(scaled, zeroPoint), zeroPoint);
    v128.store(next + q * EIGHT_INT16_BYTES, i16x8.extend_low_i8x16_s(bytes));
    writeUnits(row + (q << 3), bytes, units - (<i32>q << 3));
  }
}

/** The first min(left, 8) bytes of `bytes` to `to` (the last group may have fewer real units). */
// @ts-ignore: decorator
@inline
function writeUnits(to: usize, bytes: v128, left: i32): void {
  if (left >= 8) {
    v128.store64_lane(to, bytes, 0);
    return;
  }
  v128.store64_lane(spill, bytes, 0);
  for (let r: usize = 0; r < <usize>left; r++) store<i8>(to + r, load<i8>(spill + r));
}
