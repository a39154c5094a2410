/**
 * Float32 GRU (Keras's reset_after) on the WebAssembly SIMD kernel (assembly/gru-float.ts): the
 * same computation as kernels/float/gru.ts (its specification), the whole sequence in one call.
 * The gates' weights are packed at creation as gate panels (gate-panels.ts) into the kernel's
 * own memory; each run copies the input and the state in, and the output and the state out.
 */
import type { Kernel, KernelContext, OpOf } from '../kernels/context.js';
import { sequenceLayout } from '../kernels/float/sequence.js';
import { ByteLayout } from './byte-layout.js';
import { takePanelRegions, writePanels } from './gate-panels.js';
import { WASM_BASE64 } from './generated/gru-float.generated.js';
import { instantiateKernels, type KernelModuleSource } from './kernel-module.js';
import { RecurrentTensors } from './recurrent-copies.js';
import { configureSequence, outputStrides, type SequenceKernelExports } from './sequence-strides.js';

export const GRU_FLOAT: KernelModuleSource = { name: 'gru-float', base64: WASM_BASE64 };

/** The module's exports: see assembly/gru-float.ts run for the contract (offsets in bytes). */
interface GruFloatExports extends SequenceKernelExports {
  run(inputBias: number, recurrentBias: number, h: number): void;
}

/** Gates z, r, h: the rows of the kernels and biases in this order. */
const GATES = 3;
/** Rows of doubles per unit in the step's scratch: z, r, the candidate's two projections. */
const SCRATCH_ROWS = 4;

/** The z, r and h gates' rows of a [3·units, cols] matrix (or [3·units] bias) as views. */
function gateRows(stacked: Float32Array, units: number, cols: number): Float32Array[] {
  return Array.from({ length: GATES }, (_, g) => stacked.subarray(g * units * cols, (g + 1) * units * cols));
}

/** The kernel, or undefined when WebAssembly SIMD is unavailable, switched off, or the GRU is not reset_after. */
export function wasmGruKernel(op: OpOf<'GRU'>, ctx: KernelContext): Kernel | undefined {
  if (!op.options.resetAfter) return undefined;
  const [input, kernel, recurrent, inputBias, recurrentBias, state] = op.inputs;
  const [gateRowCount, depth] = ctx.shape(kernel);
  const units = gateRowCount / GATES;
  const layout = sequenceLayout(ctx.shape(input), op.options.timeMajor);
  const out = ctx.float(op.outputs[0], 'output');
  const tensors = new RecurrentTensors(
    ctx.float(input, 'input'),
    out,
    [ctx.float(state, 'state')],
    layout.batch,
    units,
  );
  const regions = new ByteLayout();
  const panelsAt = takePanelRegions(regions, units, depth, SCRATCH_ROWS, 2);
  const tensorsAt = tensors.take(regions);
  const instance = instantiateKernels<GruFloatExports>(GRU_FLOAT, regions.bytes);
  if (instance === undefined) return undefined;
  const { buffer } = instance.memory;
  const weights = {
    w: gateRows(ctx.float(kernel, 'kernel'), units, depth),
    u: gateRows(ctx.float(recurrent, 'recurrent kernel'), units, units),
    biases: [
      gateRows(ctx.float(inputBias, 'input bias'), units, 1),
      gateRows(ctx.float(recurrentBias, 'recurrent bias'), units, 1),
    ],
  };
  writePanels(buffer, panelsAt, weights, units, depth);
  const shape = { units, depth, layout };
  const outStrides = outputStrides(layout, units, op.options.returnSequences);
  configureSequence(instance.exports, panelsAt, tensorsAt, shape, outStrides);
  const copies = tensors.copies(buffer, tensorsAt);
  const [inputBiasAt, recurrentBiasAt] = panelsAt.biases;
  const [hAt] = tensorsAt.states;
  const run = instance.exports.run;
  return () => {
    copies.copyIn();
    run(inputBiasAt, recurrentBiasAt, hAt);
    copies.copyOut();
  };
}
