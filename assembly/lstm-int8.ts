// AssemblyScript (compiled by assembly/build.mjs, not by tsc): the int8
// UNIDIRECTIONAL_SEQUENCE_LSTM, the WebAssembly twin of src/runtime/kernels/int8/lstm.ts (TFLite
// Micro's integer LSTM). One call runs every sample's whole sequence: first the input part of
// every step's gates, then per step the recurrent product, both rescaled to Q3.12 and saturated,
// their saturating sum through the int16 logistic / tanh tables, the cell update and the int8
// hidden output. Each rounding, saturation and table lookup is the TypeScript kernel's, so the
// outputs are the same bytes. Units are padded to a multiple of 8 per gate (padded rows have
// zero weights and offsets; their values are computed and never read). The memory layout and
// the packing are the contract with src/runtime/wasm/lstm-int8.ts, which owns every address.
import { productToInt16, RESCALE_BYTES, rescaleToInt16 } from './lib/li-fixed-point';
import { BLOCK_ROWS, matVec } from './lib/li-matvec';

const GATES: i32 = 4;
const INPUT_GATE: i32 = 0;
const FORGET_GATE: i32 = 1;
const CELL_GATE: i32 = 2;
const OUTPUT_GATE: i32 = 3;
/** Bytes of one int16 table (every int16 input), and the offset of input 0 in it. */
const TABLE_BYTES: usize = 0x20000;
const TABLE_MIDDLE: usize = 0x10000;
/** Which multiplier sits where in the rescale block (RESCALE_BYTES each). */
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
/** Units per gate block (a multiple of 8), the stacked rows (4 blocks) and the input's column pairs. */
let paddedUnits: i32 = 0;
let rows: i32 = 0;
let depthPairs: i32 = 0;
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
let gates: usize = 0;
let h: usize = 0;
let hq: usize = 0;
let c: usize = 0;
let tanhC: usize = 0;

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
  paddedUnits = (unitCount + 7) & ~7;
  rows = GATES * paddedUnits;
  depthPairs = (depthCount + 1) >> 1;
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

/** Scratch for one sequence (sizes in src/runtime/wasm/lstm-int8.ts). */
export function configureScratch(
  xsAt: usize,
  inputPartAt: usize,
  sumsAt: usize,
  gatesAt: usize,
  hAt: usize,
  hqAt: usize,
  cAt: usize,
  tanhCAt: usize,
): void {
  xs = xsAt;
  inputPart = inputPartAt;
  sums = sumsAt;
  gates = gatesAt;
  h = hAt;
  hq = hqAt;
  c = cAt;
  tanhC = tanhCAt;
}

/** The whole op: every sample's sequence from its state, the state left at its last step. */
export function run(): void {
  for (let b = 0; b < batch; b++) {
    loadState(b);
    projectInputs(b);
    for (let t = 0; t < steps; t++) step(t, stepRow(b, t));
    storeState(b);
  }
}

function stepRow(b: i32, t: i32): i32 {
  return timeMajor ? t * batch + b : b * steps + t;
}

function loadState(b: i32): void {
  const at = <usize>(b * units);
  for (let r: usize = 0; r < <usize>units; r++) {
    store<i16>(h + (r << 1), load<i8>(hiddenState + at + r));
    store<i16>(c + (r << 1), load<i16>(cellState + ((at + r) << 1)));
  }
}

function storeState(b: i32): void {
  const at = <usize>(b * units);
  for (let r: usize = 0; r < <usize>units; r++) {
    store<i8>(hiddenState + at + r, load<i16>(h + (r << 1)));
    store<i16>(cellState + ((at + r) << 1), load<i16>(c + (r << 1)));
  }
}

/** Every step's gates from the input alone, Q3.12, into inputPart (rows int16 per step). */
function projectInputs(b: i32): void {
  const blocks = rows / BLOCK_ROWS;
  for (let t = 0; t < steps; t++) {
    const from = x + <usize>(stepRow(b, t) * depth);
    for (let k: usize = 0; k < <usize>depth; k++) store<i16>(xs + (k << 1), load<i8>(from + k));
    matVec(inputWeights, blocks, depthPairs, xs, sums);
    gateSums(inputOffsets, rescales + INPUT_TO_GATE, inputPart + <usize>(t * rows * 2));
  }
}

/** sat16(rescale(sums + offsets)) per row, with each gate block's multiplier. */
function gateSums(offsets: usize, gateRescales: usize, to: usize): void {
  for (let g = 0; g < GATES; g++) {
    const rescale = gateRescales + <usize>g * RESCALE_BYTES;
    const end = <usize>((g + 1) * paddedUnits);
    for (let row = <usize>(g * paddedUnits); row < end; row += 8) {
      const at = row << 2;
      const low = i32x4.add(v128.load(sums + at), v128.load(offsets + at));
      const high = i32x4.add(v128.load(sums + at, 16), v128.load(offsets + at, 16));
      v128.store(to + (row << 1), rescaleToInt16(low, high, rescale));
    }
  }
}

/** Step t (output row `row`): gates, cells, hidden state. */
function step(t: i32, row: i32): void {
  matVec(recurrentWeights, rows / BLOCK_ROWS, paddedUnits >> 1, h, sums);
  gateSums(recurrentOffsets, rescales + RECURRENT_TO_GATE, gates);
  // The input and recurrent parts, each saturated, add with saturation before the tables.
  const fromInput = inputPart + <usize>(t * rows * 2);
  for (let at: usize = 0; at < <usize>(rows * 2); at += 16) {
    v128.store(gates + at, i16x8.add_sat_s(v128.load(gates + at), v128.load(fromInput + at)));
  }
  activate(INPUT_GATE, logistic);
  activate(FORGET_GATE, logistic);
  activate(CELL_GATE, gateTanh);
  activate(OUTPUT_GATE, logistic);
  updateCells();
  for (let r: usize = 0; r < <usize>units; r++) {
    store<i16>(tanhC + (r << 1), lookUp(cellTanh, load<i16>(c + (r << 1))));
  }
  hiddenOutput(row);
}

function lookUp(table: usize, value: i16): i16 {
  return load<i16>(table + <usize>((<i32>value) << 1));
}

/** One gate's real rows through its table, in place. */
function activate(gate: i32, table: usize): void {
  const block = gateBlock(gate);
  for (let r: usize = 0; r < <usize>units; r++) {
    const at = block + (r << 1);
    store<i16>(at, lookUp(table, load<i16>(at)));
  }
}

function gateBlock(gate: i32): usize {
  return gates + <usize>(gate * paddedUnits * 2);
}

/** c' = sat16(rescale(f·c) + rescale(i·g)), clipped when a clip is set. */
function updateCells(): void {
  const inputGate = gateBlock(INPUT_GATE);
  const forgetGate = gateBlock(FORGET_GATE);
  const cellGate = gateBlock(CELL_GATE);
  const low = i16x8.splat(<i16>-cellClip);
  const high = i16x8.splat(<i16>cellClip);
  for (let at: usize = 0; at < <usize>(paddedUnits * 2); at += 16) {
    const kept = productToInt16(v128.load(forgetGate + at), v128.load(c + at), rescales + FORGET_TIMES_CELL);
    const added = productToInt16(
      v128.load(inputGate + at),
      v128.load(cellGate + at),
      rescales + INPUT_TIMES_CELL_GATE,
    );
    let next = i16x8.add_sat_s(kept, added);
    if (cellClip > 0) next = i16x8.min_s(i16x8.max_s(next, low), high);
    v128.store(c + at, next);
  }
}

/** h' = sat8(rescale(o·tanh(c')) + zero point): the next step's h and output row `row`. */
function hiddenOutput(row: i32): void {
  const outputGate = gateBlock(OUTPUT_GATE);
  const zeroPoint = i16x8.splat(<i16>hiddenZeroPoint);
  for (let at: usize = 0; at < <usize>(paddedUnits * 2); at += 16) {
    const scaled = productToInt16(
      v128.load(tanhC + at),
      v128.load(outputGate + at),
      rescales + OUTPUT_TIMES_TANH_CELL,
    );
    // Saturated to int16 first: adding the zero point to int16 with saturation then narrowing
    // to int8 gives the clamp of the exact sum (|zero point| < 2^7).
    const bytes = i8x16.narrow_i16x8_s(i16x8.add_sat_s(scaled, zeroPoint), zeroPoint);
    v128.store64_lane(hq + (at >> 1), bytes, 0);
    v128.store(h + at, i16x8.extend_low_i8x16_s(bytes));
  }
  memory.copy(out + <usize>(row * units), hq, <usize>units);
}
