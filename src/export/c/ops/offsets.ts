/**
 * Element offsets as C expressions: ops that move values (slices, reductions, concatenation,
 * padding) visit the positions a walk computes at generation time. Regular patterns become
 * arithmetic in the loop variable; anything else a constant table.
 */
import type { OpEmitter } from '../program.js';

/** The C expression for offsets[i], with `i` the loop variable's name. */
export function offsetExpression(e: OpEmitter, offsets: readonly number[], i: string): string {
  if (offsets.length <= 1) return String(offsets[0] ?? 0);
  const first = offsets[0];
  const step = offsets[1] - first;
  if (offsets.every((offset, k) => offset === first + k * step)) return `(${first} + ${step} * ${i})`;
  // Contiguous runs of equal length whose starts step evenly (rows of a padded or concatenated block).
  let run = 1;
  while (run < offsets.length && offsets[run] === first + run) run++;
  const stride = run < offsets.length ? offsets[run] - first : 0;
  if (
    offsets.length % run === 0 &&
    offsets.every((offset, k) => offset === first + Math.floor(k / run) * stride + (k % run))
  ) {
    return `(${first} + ${stride} * (${i} / ${run}) + ${i} % ${run})`;
  }
  return `${e.program.table('offsets', 'int32', offsets, `op ${e.index} element offsets`)}[${i}]`;
}

/** Walks a StridedWalk-like cursor `count` times and returns each offset. */
export function walkOffsets(
  walk: { offset: number; reset(): void; advance(): void },
  count: number,
  base = 0,
): number[] {
  const offsets: number[] = [];
  walk.reset();
  for (let k = 0; k < count; k++) {
    offsets.push(base + walk.offset);
    walk.advance();
  }
  return offsets;
}
