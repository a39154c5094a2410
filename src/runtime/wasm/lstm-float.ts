/**
 * Float32 UNIDIRECTIONAL_SEQUENCE_LSTM on the WebAssembly SIMD kernel (assembly/lstm-float.ts):
 * the same computation as kernels/float/lstm.ts (its specification), the whole sequence in one
 * call. The four gates' weights are packed at creation as gate panels (gate-panels.ts) into the
 * kernel's own memory; each run copies the input and the h and c state in, and the output and
 * the state out (the interpreter keeps state in its own buffer, zeroing it unless stateful).
 */
import type { Kernel, KernelContext, OpOf } from '../kernels/context.js';
import { sequenceLayout } from '../kernels/float/sequence.js';
import {
  CELL_STATE,
  GATE_BIASES,
  INPUT_WEIGHTS,
  OUTPUT_STATE,
  RECURRENT_WEIGHTS,
  requireStandardLstm,
} from '../kernels/lstm-operands.js';
import { ByteLayout } from './byte-layout.js';
import {
  LOGISTIC_TABLE_BYTES,
  GROUP_UNITS,
  gatePanelBytes,
  packGatePanels,
  stepScratchBytes,
  unitGroups,
  writeFractionPowers,
} from './gate-panels.js';
import { WASM_BASE64 } from './generated/lstm-float.generated.js';
import { instantiateKernels, type KernelModuleSource } from './kernel-module.js';
import { copyStateFromGroups, copyStateToGroups } from './recurrent-copies.js';
import { sequenceStrides } from './sequence-strides.js';

export const LSTM_FLOAT: KernelModuleSource = { name: 'lstm-float', base64: WASM_BASE64 };

/** The module's export: see assembly/lstm-float.ts run for the contract (offsets and strides in bytes). */
interface LstmFloatExports {
  run(
    table: number,
    w: number,
    u: number,
    bias: number,
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
    c: number,
    scratch: number,
    clip: number,
  ): void;
}

/** TFLite's gates i, f, c, o (operand order) in the panels' order i, f, o, c: the three logistic gates first. */
const PANEL_GATES = [0, 1, 3, 2];
const FLOAT_BYTES = 4;
const DOUBLE_BYTES = 8;
/** Rows of doubles per unit in the step's scratch: the four gates and tanh(c'). */
const SCRATCH_ROWS = 5;

/**
 * The kernel, or undefined when WebAssembly SIMD is unavailable or switched off. LSTMs the
 * TypeScript kernel has no kernel for (peepholes, projection...) fail as there (requireStandardLstm).
 */
export function wasmLstmKernel(
  op: OpOf<'UNIDIRECTIONAL_SEQUENCE_LSTM'>,
  ctx: KernelContext,
): Kernel | undefined {
  requireStandardLstm(op, ctx, 'kernel');
  const inputs = op.inputs;
  const [units, depth] = ctx.shape(inputs[INPUT_WEIGHTS[0]]);
  const layout = sequenceLayout(ctx.shape(inputs[0]), op.options.timeMajor);
  const { batch, steps } = layout;
  const x = ctx.float(inputs[0], 'input');
  const hidden = ctx.float(inputs[OUTPUT_STATE], 'output state');
  const cell = ctx.float(inputs[CELL_STATE], 'cell state');
  const out = ctx.float(op.outputs[0], 'output');
  const groups = unitGroups(units);
  const stateValues = batch * groups * GROUP_UNITS;
  const regions = new ByteLayout();
  const tableAt = regions.take(LOGISTIC_TABLE_BYTES);
  const scratchAt = regions.take(stepScratchBytes(units, SCRATCH_ROWS));
  const wAt = regions.take(gatePanelBytes(units, depth));
  const uAt = regions.take(gatePanelBytes(units, units));
  const biasAt = regions.take(gatePanelBytes(units, 1));
  const xAt = regions.take(x.length * DOUBLE_BYTES);
  const outAt = regions.take(out.length * FLOAT_BYTES);
  const hAt = regions.take(stateValues * DOUBLE_BYTES);
  const cAt = regions.take(stateValues * DOUBLE_BYTES);
  const instance = instantiateKernels<LstmFloatExports>(LSTM_FLOAT, regions.bytes);
  if (instance === undefined) return undefined;
  const { buffer } = instance.memory;
  const gateOperands = (positions: number[], role: string) =>
    PANEL_GATES.map((gate) => ctx.float(inputs[positions[gate]], role));
  writeFractionPowers(buffer, tableAt);
  packGatePanels(gateOperands(INPUT_WEIGHTS, 'input weights'), units, depth, buffer, wAt);
  packGatePanels(gateOperands(RECURRENT_WEIGHTS, 'recurrent weights'), units, units, buffer, uAt);
  packGatePanels(gateOperands(GATE_BIASES, 'gate bias'), units, 1, buffer, biasAt);
  const xView = new Float64Array(buffer, xAt, x.length);
  const outView = new Float32Array(buffer, outAt, out.length);
  const hView = new Float64Array(buffer, hAt, stateValues);
  const cView = new Float64Array(buffer, cAt, stateValues);
  const xStrides = sequenceStrides(layout, depth, DOUBLE_BYTES);
  const outStrides = sequenceStrides(layout, units, FLOAT_BYTES);
  const clip = op.options.cellClip;
  const run = instance.exports.run;
  return () => {
    // set() is a memory copy here: every array is a view of an off-heap buffer (copy.ts's
    // allocation concerns arrays V8 keeps on the heap).
    xView.set(x);
    copyStateToGroups(hidden, hView, batch, units);
    copyStateToGroups(cell, cView, batch, units);
    run(
      tableAt,
      wAt,
      uAt,
      biasAt,
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
      cAt,
      scratchAt,
      clip,
    );
    out.set(outView);
    copyStateFromGroups(hView, hidden, batch, units);
    copyStateFromGroups(cView, cell, batch, units);
  };
}
