/**
 * Pieces every kernel emitter shares: the generation-time kernel context (so quantized
 * parameters come from the very functions the runtime's kernels call), the int8 output stage
 * as a C expression, and float fused activations as the runtime applies them.
 */
import type { FusedActivation } from '../../../graph/types.js';
import { OpContext } from '../../../runtime/kernels/context.js';
import type { OutputStage } from '../../../runtime/kernels/int8/output-stage.js';
import type { OpEmitter } from '../program.js';

const NO_SCRATCH = new Float32Array(0);

/** A kernel context for parameter derivation only: it answers shapes and quantization, holds no data. */
export function kernelContext(e: OpEmitter): OpContext {
  return new OpContext(e.variant.graph, e.index, e.variant.shapes, [], NO_SCRATCH, undefined);
}

/** The int8 value of `acc` for output channel `channel` (a C expression). */
export function requantizeExpression(e: OpEmitter, stage: OutputStage, acc: string, channel: string): string {
  e.program.use('mbqm', 'clamp');
  const uniform =
    stage.multipliers.every((m) => m === stage.multipliers[0]) &&
    stage.shifts.every((s) => s === stage.shifts[0]);
  const multiplier = uniform
    ? String(stage.multipliers[0])
    : `${e.program.table('multiplier', 'int32', stage.multipliers, `op ${e.index} per-channel multipliers`)}[${channel}]`;
  const shift = uniform
    ? String(stage.shifts[0])
    : `${e.program.table('shift', 'int32', stage.shifts, `op ${e.index} per-channel shifts`)}[${channel}]`;
  return `(int8_t)ef_clamp(ef_mbqm(${acc}, ${multiplier}, ${shift}) + ${stage.zeroPoint}, ${stage.min}, ${stage.max})`;
}

/** A float value after the fused activation, as the float runtime applies it (NaN passes through). */
export function fusedFloat(e: OpEmitter, activation: FusedActivation, value: string): string {
  switch (activation) {
    case 'NONE':
      return value;
    case 'RELU':
      return `(${value} > 0.0f ? ${value} : 0.0f)`;
    case 'RELU6':
      return `(${value} < 0.0f ? 0.0f : (${value} > 6.0f ? 6.0f : ${value}))`;
    case 'RELU_N1_TO_1':
      return `(${value} < -1.0f ? -1.0f : (${value} > 1.0f ? 1.0f : ${value}))`;
    case 'TANH':
      e.program.use('tanhF');
      return `ef_tanh(${value})`;
  }
}
