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
import { takePanelRegions, writePanels } from './gate-panels.js';
import { WASM_BASE64 } from './generated/lstm-float.generated.js';
import { instantiateKernels, type KernelModuleSource } from './kernel-module.js';
import { RecurrentTensors } from './recurrent-copies.js';
import { configureSequence, outputStrides, type SequenceKernelExports } from './sequence-strides.js';

export const LSTM_FLOAT: KernelModuleSource = { name: 'lstm-float', base64: WASM_BASE64 };

/** The module's exports: see assembly/lstm-float.ts run for the contract (offsets in bytes). */
interface LstmFloatExports extends SequenceKernelExports {
  run(bias: number, h: number, c: number, clip: number): void;
}

/** TFLite's gates i, f, c, o (operand order) in the panels' order i, f, o, c: the three logistic gates first. */
const PANEL_GATES = [0, 1, 3, 2];
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
  const out = ctx.float(op.outputs[0], 'output');
  const tensors = new RecurrentTensors(
    ctx.float(inputs[0], 'input'),
    out,
    [ctx.float(inputs[OUTPUT_STATE], 'output state'), ctx.float(inputs[CELL_STATE], 'cell state')],
    layout.batch,
    units,
  );
  const regions = new ByteLayout();
  const panelsAt = takePanelRegions(regions, units, depth, SCRATCH_ROWS, 1);
  const tensorsAt = tensors.take(regions);
  const instance = instantiateKernels<LstmFloatExports>(LSTM_FLOAT, regions.bytes);
  if (instance === undefined) return undefined;
  const { buffer } = instance.memory;
  const gateOperands = (positions: number[], role: string) =>
    PANEL_GATES.map((gate) => ctx.float(inputs[positions[gate]], role));
  const weights = {
    w: gateOperands(INPUT_WEIGHTS, 'input weights'),
    u: gateOperands(RECURRENT_WEIGHTS, 'recurrent weights'),
    biases: [gateOperands(GATE_BIASES, 'gate bias')],
  };
  writePanels(buffer, panelsAt, weights, units, depth);
  const shape = { units, depth, layout };
  configureSequence(instance.exports, panelsAt, tensorsAt, shape, outputStrides(layout, units, true));
  const copies = tensors.copies(buffer, tensorsAt);
  const [biasAt] = panelsAt.biases;
  const [hAt, cAt] = tensorsAt.states;
  const clip = op.options.cellClip;
  const run = instance.exports.run;
  return () => {
    copies.copyIn();
    run(biasAt, hAt, cAt, clip);
    copies.copyOut();
  };
}
