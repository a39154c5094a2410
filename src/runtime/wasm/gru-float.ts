/**
 * Float32 GRU (Keras's reset_after) on the WebAssembly SIMD kernel (assembly/gru-float.ts): the
 * same computation as kernels/float/gru.ts (its specification), the whole sequence in one call.
 * The gates' weights are packed at creation as gate panels (gate-panels.ts) into the kernel's
 * own memory; each run copies the input and the state in, and the output and the state out.
 */
import type { Kernel, KernelContext, OpOf } from '../kernels/context.js';
import { sequenceLayout } from '../kernels/float/sequence.js';
import { ByteLayout } from './byte-layout.js';
import {
  gatePanelBytes,
  GROUP_UNITS,
  LOGISTIC_TABLE_BYTES,
  packGatePanels,
  stepScratchBytes,
  unitGroups,
  writeFractionPowers,
} from './gate-panels.js';
import { WASM_BASE64 } from './generated/gru-float.generated.js';
import { instantiateKernels, type KernelModuleSource } from './kernel-module.js';
import { copyStateFromGroups, copyStateToGroups } from './recurrent-copies.js';
import { sequenceStrides } from './sequence-strides.js';

export const GRU_FLOAT: KernelModuleSource = { name: 'gru-float', base64: WASM_BASE64 };

/** The module's export: see assembly/gru-float.ts run for the contract (offsets and strides in bytes). */
interface GruFloatExports {
  run(
    table: number,
    w: number,
    u: number,
    inputBias: number,
    recurrentBias: number,
    units: number,
    depth: number,
    batch: number,
    steps: number,
    x: number,
    xStep: number,
    xSample: number,
    out: number,
    outStep: number,
    outSample: number,
    h: number,
    scratch: number,
  ): void;
}

/** Gates z, r, h: the rows of the kernels and biases in this order. */
const GATES = 3;
const FLOAT_BYTES = 4;
const DOUBLE_BYTES = 8;
/** Rows of doubles per unit in the step's scratch: z, r, the candidate's two projections. */
const SCRATCH_ROWS = 4;

/** The z, r and h gates' rows of a [3·units, cols] matrix (or [3·units] bias) as views. */
function gateRows(stacked: Float32Array, units: number, cols: number): Float32Array[] {
  return Array.from({ length: GATES }, (_, g) => stacked.subarray(g * units * cols, (g + 1) * units * cols));
}

/** The kernel, or undefined when WebAssembly SIMD is unavailable, switched off, or the GRU is not reset_after. */
export function wasmGruKernel(op: OpOf<'GRU'>, ctx: KernelContext): Kernel | undefined {
  if (!op.options.resetAfter) return undefined;
  const [input, kernel, recurrent, inputBias, recurrentBias, stateTensor] = op.inputs;
  const [gateRowCount, depth] = ctx.shape(kernel);
  const units = gateRowCount / GATES;
  const layout = sequenceLayout(ctx.shape(input), op.options.timeMajor);
  const { batch, steps } = layout;
  const x = ctx.float(input, 'input');
  const state = ctx.float(stateTensor, 'state');
  const out = ctx.float(op.outputs[0], 'output');
  const stateValues = batch * unitGroups(units) * GROUP_UNITS;
  const regions = new ByteLayout();
  const tableAt = regions.take(LOGISTIC_TABLE_BYTES);
  const scratchAt = regions.take(stepScratchBytes(units, SCRATCH_ROWS));
  const wAt = regions.take(gatePanelBytes(units, depth));
  const uAt = regions.take(gatePanelBytes(units, units));
  const inputBiasAt = regions.take(gatePanelBytes(units, 1));
  const recurrentBiasAt = regions.take(gatePanelBytes(units, 1));
  const xAt = regions.take(x.length * DOUBLE_BYTES);
  const outAt = regions.take(out.length * FLOAT_BYTES);
  const hAt = regions.take(stateValues * DOUBLE_BYTES);
  const instance = instantiateKernels<GruFloatExports>(GRU_FLOAT, regions.bytes);
  if (instance === undefined) return undefined;
  const { buffer } = instance.memory;
  writeFractionPowers(buffer, tableAt);
  packGatePanels(gateRows(ctx.float(kernel, 'kernel'), units, depth), units, depth, buffer, wAt);
  packGatePanels(gateRows(ctx.float(recurrent, 'recurrent kernel'), units, units), units, units, buffer, uAt);
  packGatePanels(gateRows(ctx.float(inputBias, 'input bias'), units, 1), units, 1, buffer, inputBiasAt);
  packGatePanels(
    gateRows(ctx.float(recurrentBias, 'recurrent bias'), units, 1),
    units,
    1,
    buffer,
    recurrentBiasAt,
  );
  const xView = new Float64Array(buffer, xAt, x.length);
  const outView = new Float32Array(buffer, outAt, out.length);
  const hView = new Float64Array(buffer, hAt, stateValues);
  const xStrides = sequenceStrides(layout, depth, DOUBLE_BYTES);
  // Without sequences each step overwrites its sample's one output row: the last one stays.
  const outStrides = op.options.returnSequences
    ? sequenceStrides(layout, units, FLOAT_BYTES)
    : { step: 0, sample: units * FLOAT_BYTES };
  const run = instance.exports.run;
  return () => {
    // set() is a memory copy here: every array is a view of an off-heap buffer (copy.ts's
    // allocation concerns arrays V8 keeps on the heap).
    xView.set(x);
    copyStateToGroups(state, hView, batch, units);
    run(
      tableAt,
      wAt,
      uAt,
      inputBiasAt,
      recurrentBiasAt,
      units,
      depth,
      batch,
      steps,
      xAt,
      xStrides.step,
      xStrides.sample,
      outAt,
      outStrides.step,
      outStrides.sample,
      hAt,
      scratchAt,
    );
    out.set(outView);
    copyStateFromGroups(hView, state, batch, units);
  };
}
