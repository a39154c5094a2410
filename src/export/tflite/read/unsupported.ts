/**
 * Everything in a .tflite file that edgeforge cannot run, gathered over the whole file so
 * that one error lists each problem (operators, versions, options, tensor types, subgraphs).
 */
import { EdgeforgeError } from '../../../errors.js';
import { BUILTIN_CODE_OF } from '../builtin-ops.js';

/** More than this many problems are summarised as a count. */
const LISTED = 12;

export class UnsupportedFeatures {
  private readonly problems: string[] = [];

  add(problem: string): void {
    this.problems.push(problem);
  }

  /** One EdgeforgeError listing every problem, if there are any. */
  throwIfAny(source: string | undefined): void {
    if (this.problems.length === 0) return;
    const listed = this.problems.slice(0, LISTED);
    const more = this.problems.length - listed.length;
    const list = listed.join(', ') + (more > 0 ? ` and ${more} more` : '');
    const supported = Object.keys(BUILTIN_CODE_OF).sort().join(', ');
    throw new EdgeforgeError(
      `unsupported: ${list}; edgeforge supports: ${supported} (float32 and int8, one subgraph)`,
      {
        file: source,
        fix: 'Convert the model using only these operators, or run it with TensorFlow Lite',
      },
    );
  }
}
