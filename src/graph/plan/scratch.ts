/**
 * Working memory each op's kernel needs while it runs, declared here (not in the runtime) so
 * the planner, `edgeforge inspect` and the C generator all count it: the arena then holds
 * everything a runtime allocates. Kernels take exactly these bytes from the plan.
 */
import type { OpDef } from '../types.js';

/** LSTM operand 2 is the forget gate's weights [units, in]; GRU operand 1 its kernel [3·units, in]. */
const LSTM_FORGET_WEIGHTS = 2;
const GRU_KERNEL = 1;
const FLOAT_BYTES = 4;

export function scratchBytes(op: OpDef, shapes: readonly number[][]): number {
  switch (op.type) {
    // One sample's step at a time: the four gates' pre-activations, [i, f, c, o] x units.
    case 'UNIDIRECTIONAL_SEQUENCE_LSTM':
      return FLOAT_BYTES * 4 * shapes[op.inputs[LSTM_FORGET_WEIGHTS]][0];
    // One sample's step: the input and the recurrent projections, 3·units each.
    case 'GRU':
      return FLOAT_BYTES * 2 * shapes[op.inputs[GRU_KERNEL]][0];
    default:
      return 0;
  }
}
