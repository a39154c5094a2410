/** A span of arena bytes alive over an inclusive range of ops (a tensor with its in-place successors, or a kernel's scratch). */
export interface Block {
  bytes: number;
  firstOp: number;
  lastOp: number;
}

export function overlapInTime(a: Block, b: Block): boolean {
  return a.firstOp <= b.lastOp && b.firstOp <= a.lastOp;
}

/**
 * The most bytes alive at any one op, each block rounded up to the alignment: no placement
 * can use less, and on chains (at most two tensors plus scratch alive at once) the two-ended
 * placement reaches it.
 */
export function peakLiveBytes(blocks: readonly Block[], alignment: number): number {
  const changes = new Map<number, number>();
  for (const block of blocks) {
    const size = Math.ceil(block.bytes / alignment) * alignment;
    changes.set(block.firstOp, (changes.get(block.firstOp) ?? 0) + size);
    changes.set(block.lastOp + 1, (changes.get(block.lastOp + 1) ?? 0) - size);
  }
  let live = 0;
  let peak = 0;
  for (const op of [...changes.keys()].sort((a, b) => a - b)) {
    live += changes.get(op)!;
    peak = Math.max(peak, live);
  }
  return peak;
}
