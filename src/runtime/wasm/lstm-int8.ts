/**
 * int8 UNIDIRECTIONAL_SEQUENCE_LSTM on the WebAssembly SIMD kernel (assembly/lstm-int8.ts): the
 * computation of kernels/int8/lstm.ts (its specification, TFLite Micro's integer LSTM) bit for
 * bit, from the same checked operands and derived parameters (lstmInt8Setup). At creation the
 * tables, packed weights, row offsets and multipliers go into the kernel's own memory; each run
 * copies the input and both states in, makes one call, and copies the output and states out.
 */
import type { Kernel, KernelContext, OpOf } from '../kernels/context.js';
import { lstmInt8Setup, type LstmInt8Setup } from '../kernels/int8/lstm.js';
import { INT8_RANGE, type QuantizedMultiplier } from '../../quant/params.js';
import { ByteLayout } from './byte-layout.js';
import { WASM_BASE64 } from './generated/lstm-int8.generated.js';
import { instantiateKernels, wasmKernelsAvailable, type KernelModuleSource } from './kernel-module.js';

export const LSTM_INT8: KernelModuleSource = { name: 'lstm-int8', base64: WASM_BASE64 };

/** The module's exports: see assembly/lstm-int8.ts (addresses in bytes). */
interface LstmInt8Exports {
  configureShape(
    batch: number,
    steps: number,
    units: number,
    depth: number,
    timeMajor: boolean,
    cellClip: number,
    hiddenZeroPoint: number,
  ): void;
  configureConstants(
    tables: number,
    inputWeights: number,
    recurrentWeights: number,
    inputOffsets: number,
    recurrentOffsets: number,
    rescales: number,
  ): void;
  configureTensors(x: number, hidden: number, cell: number, out: number): void;
  configureScratch(
    xs: number,
    inputPart: number,
    sums: number,
    hA: number,
    hB: number,
    c: number,
    spill: number,
  ): void;
  prepare(): void;
  run(): void;
}

const GATES = 4;
/** Units go in groups of eight (the SIMD code's int16 lanes); a group's packed rows are its four gates' eight. */
const UNIT_GROUP = 8;
const GROUP_ROWS = GATES * UNIT_GROUP;
/** One int16 table per activation: logistic, tanh of the gates, tanh of the cell. */
const TABLE_VALUES = 0x10000;
const TABLES = 3;
/** With one input channel the input parts are tabulated for every int8 value. */
const INT8_VALUES = 256;
/** Per multiplier, in i32: multiplier, mask, half mask (four lanes each), left and right shift (assembly/lib/li-fixed-point.ts). */
const RESCALE_FIELDS = 16;
const MASK = 4;
const HALF_MASK = 8;
const LEFT_SHIFT = 12;
const RIGHT_SHIFT = 13;
const LANES = 4;
/** The kernel's spill area: one vector (table indices, the last group's output bytes). */
const SPILL_BYTES = 16;
const INT32_MAX = 0x7fffffff;
/** quantizeMultiplier's shifts stay within one word (smaller multipliers flush to zero). */
const MAX_SHIFT = 31;

/** Whether the vector rescale computes this multiplier as the scalar one does (never INT32_MIN). */
function representable(q: QuantizedMultiplier): boolean {
  return (
    Number.isInteger(q.multiplier) &&
    q.multiplier >= 0 &&
    q.multiplier <= INT32_MAX &&
    Number.isInteger(q.shift) &&
    Math.abs(q.shift) <= MAX_SHIFT
  );
}

/** Where gate g's unit r sits among the packed rows: its group's 32 rows, gate-major. */
function packedRow(g: number, r: number): number {
  return Math.floor(r / UNIT_GROUP) * GROUP_ROWS + g * UNIT_GROUP + (r % UNIT_GROUP);
}

/**
 * The stacked gate-major matrix (4·units rows of `cols`) as assembly/lib/li-matvec.ts reads it,
 * with paddedCols (even) columns: per group of eight units and per column pair, its 32 packed
 * rows with each row's two columns adjacent. Padding stays zero.
 */
function packPairs(
  stacked: Float64Array,
  units: number,
  cols: number,
  paddedCols: number,
  target: Int16Array,
) {
  const pairs = paddedCols / 2;
  for (let g = 0; g < GATES; g++) {
    for (let r = 0; r < units; r++) {
      const row = packedRow(g, r);
      const groupAt = Math.floor(row / GROUP_ROWS) * pairs * GROUP_ROWS * 2 + (row % GROUP_ROWS) * 2;
      for (let k = 0; k < cols; k++) {
        target[groupAt + Math.floor(k / 2) * GROUP_ROWS * 2 + (k % 2)] = stacked[(g * units + r) * cols + k];
      }
    }
  }
}

/** Per stacked row, at its packed position (Int32Array wraps as the scalar kernel's `| 0`). */
function packRows(values: Float64Array, units: number, target: Int32Array): void {
  for (let g = 0; g < GATES; g++) {
    for (let r = 0; r < units; r++) target[packedRow(g, r)] = values[g * units + r];
  }
}

/** Every multiplier in the order of the kernel's rescale block. */
function multipliers(setup: LstmInt8Setup): QuantizedMultiplier[] {
  const p = setup.params;
  return [
    ...p.inputToGate,
    ...p.recurrentToGate,
    p.forgetTimesCell,
    p.inputTimesCellGate,
    p.outputTimesTanhCell,
  ];
}

function writeRescales(all: QuantizedMultiplier[], target: Int32Array): void {
  all.forEach((q, i) => {
    const at = i * RESCALE_FIELDS;
    const right = Math.max(-q.shift, 0);
    // 2^right - 1 as int32: the same mask as roundingDivideByPowerOfTwo's.
    const mask = (2 ** right - 1) | 0;
    target.fill(q.multiplier, at, at + LANES);
    target.fill(mask, at + MASK, at + MASK + LANES);
    target.fill(mask >> 1, at + HALF_MASK, at + HALF_MASK + LANES);
    target[at + LEFT_SHIFT] = Math.max(q.shift, 0);
    target[at + RIGHT_SHIFT] = right;
  });
}

/** Whether the vector code computes this op exactly (its multipliers and zero point in range). */
function supported(all: QuantizedMultiplier[], hiddenZeroPoint: number): boolean {
  return all.every(representable) && hiddenZeroPoint >= INT8_RANGE.min && hiddenZeroPoint <= INT8_RANGE.max;
}

/** The kernel, or undefined when WebAssembly SIMD is unavailable or switched off, or the op's parameters are out of its range. */
export function wasmLstmInt8Kernel(
  op: OpOf<'UNIDIRECTIONAL_SEQUENCE_LSTM'>,
  ctx: KernelContext,
): Kernel | undefined {
  if (!wasmKernelsAvailable(LSTM_INT8)) return undefined;
  const setup = lstmInt8Setup(op, ctx);
  const rescales = multipliers(setup);
  if (!supported(rescales, setup.params.hiddenZeroPoint)) return undefined;
  const { x, hidden, cell, out, units, depth, layout } = setup;
  const { batch, steps } = layout;
  const paddedUnits = Math.ceil(units / UNIT_GROUP) * UNIT_GROUP;
  const rows = GATES * paddedUnits;
  const paddedDepth = Math.ceil(depth / 2) * 2;

  const regions = new ByteLayout();
  const tablesAt = regions.take(TABLES * TABLE_VALUES * 2);
  const inputWeightsAt = regions.take(rows * paddedDepth * 2);
  const recurrentWeightsAt = regions.take(rows * paddedUnits * 2);
  const inputOffsetsAt = regions.take(rows * 4);
  const recurrentOffsetsAt = regions.take(rows * 4);
  const rescalesAt = regions.take(rescales.length * RESCALE_FIELDS * 4);
  // The kernel widens input rows eight values at a time, reading up to 7 bytes past the last: regions follow.
  const xAt = regions.take(x.length);
  const hiddenAt = regions.take(hidden.length);
  const cellAt = regions.take(cell.length * 2);
  const outAt = regions.take(out.length);
  const scratch = [
    regions.take(Math.ceil(depth / UNIT_GROUP) * UNIT_GROUP * 2),
    regions.take((depth === 1 ? INT8_VALUES : steps) * rows * 2),
    regions.take(GROUP_ROWS * 4),
    regions.take(paddedUnits * 2),
    regions.take(paddedUnits * 2),
    regions.take(paddedUnits * 2),
    regions.take(SPILL_BYTES),
  ] as const;

  const instance = instantiateKernels<LstmInt8Exports>(LSTM_INT8, regions.bytes);
  if (instance === undefined) return undefined;
  const { buffer } = instance.memory;
  [setup.logistic, setup.gateTanh, setup.cellTanh].forEach((table, i) =>
    new Int16Array(buffer, tablesAt + i * TABLE_VALUES * 2, TABLE_VALUES).set(table),
  );
  const inputPacked = new Int16Array(buffer, inputWeightsAt, rows * paddedDepth);
  packPairs(setup.inputWeights, units, depth, paddedDepth, inputPacked);
  const recurrentPacked = new Int16Array(buffer, recurrentWeightsAt, rows * paddedUnits);
  packPairs(setup.recurrentWeights, units, units, paddedUnits, recurrentPacked);
  packRows(setup.inputOffset, units, new Int32Array(buffer, inputOffsetsAt, rows));
  packRows(setup.recurrentOffset, units, new Int32Array(buffer, recurrentOffsetsAt, rows));
  writeRescales(rescales, new Int32Array(buffer, rescalesAt, rescales.length * RESCALE_FIELDS));

  const kernels = instance.exports;
  const { cellClip, hiddenZeroPoint } = setup.params;
  kernels.configureShape(batch, steps, units, depth, layout.timeMajor, cellClip, hiddenZeroPoint);
  kernels.configureConstants(
    tablesAt,
    inputWeightsAt,
    recurrentWeightsAt,
    inputOffsetsAt,
    recurrentOffsetsAt,
    rescalesAt,
  );
  kernels.configureTensors(xAt, hiddenAt, cellAt, outAt);
  kernels.configureScratch(...scratch);
  kernels.prepare();

  const xIn = new Int8Array(buffer, xAt, x.length);
  const hiddenIn = new Int8Array(buffer, hiddenAt, hidden.length);
  const cellIn = new Int16Array(buffer, cellAt, cell.length);
  const outOut = new Int8Array(buffer, outAt, out.length);
  return () => {
    xIn.set(x);
    hiddenIn.set(hidden);
    cellIn.set(cell);
    kernels.run();
    out.set(outOut);
    hidden.set(hiddenIn);
    cell.set(cellIn);
  };
}
