/**
 * Working memory each op's kernel needs while it runs, declared here (not in the runtime) so
 * the planner, `edgeforge inspect` and the C generator all count it: the arena then holds
 * everything a runtime allocates. Kernels take exactly these bytes from the plan.
 */
import type { OpDef } from '../types.js';
import { elementCount } from './bytes.js';

/** GRU operand 5 is its state tensor [batch, units]. */
const GRU_STATE_INPUT = 5;

export function scratchBytes(op: OpDef, shapes: readonly number[][]): number {
  switch (op.type) {
    // The next hidden state is built beside the current one (the recurrent product reads all of
    // it); with returnSequences the output row of the step serves instead.
    case 'GRU':
      return op.options.returnSequences ? 0 : 4 * elementCount(shapes[op.inputs[GRU_STATE_INPUT]]);
    default:
      return 0;
  }
}
