import { z } from 'zod';
import { EdgeforgeError } from '../../errors.js';
import type { OptimizerKind, OptimizerState } from './optimizer.js';

const stateSchema = z.object({
  kind: z.enum(['adam', 'adamw', 'sgd']),
  learningRate: z.number().nonnegative(),
  iterations: z.number().int().nonnegative(),
  slots: z.record(z.string(), z.record(z.string(), z.string())),
});

/** Checks the shape of a loaded state and that it belongs to this kind of optimizer. */
export function parseOptimizerState(
  state: unknown,
  kind: OptimizerKind,
  slotNames: readonly string[],
  file: string | undefined,
): OptimizerState {
  const parsed = stateSchema.safeParse(state);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new EdgeforgeError(issue.message, {
      file,
      place: ['optimizer', ...issue.path.map(String)].join('.'),
      fix: 'The checkpoint is damaged or from another program; resume from another one',
    });
  }
  if (parsed.data.kind !== kind) {
    throw new EdgeforgeError(`the checkpoint holds ${parsed.data.kind} state, the run uses ${kind}`, {
      file,
      place: 'optimizer.kind',
      fix: `Resume with optimizer ${parsed.data.kind}, or start a new run`,
    });
  }
  for (const [paramName, slots] of Object.entries(parsed.data.slots)) {
    const names = Object.keys(slots).sort().join(', ');
    if (names !== [...slotNames].sort().join(', ')) {
      throw new EdgeforgeError(`slots [${names}] do not match this optimizer's [${slotNames.join(', ')}]`, {
        file,
        place: `optimizer.slots.${paramName}`,
        fix: 'Resume with the optimizer settings the checkpoint was made with',
      });
    }
  }
  return parsed.data;
}
