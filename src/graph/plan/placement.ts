/**
 * Offset assignment. The baseline is TensorFlow Lite Micro's greedy-by-size idea: blocks
 * largest first, each at the lowest aligned offset where it overlaps no placed block alive at
 * the same time. First-fit from the bottom alone wastes memory on plain chains (a block whose
 * two neighbours landed at different heights must go above both), so a two-ended variant also
 * runs: each block goes to the bottom stack or hangs from the arena's ceiling, whichever keeps
 * the arena smaller. Run in execution order it packs any chain into exactly the peak of live
 * bytes. The smallest of a few orders wins (ties keep the earlier strategy, TFLM's first).
 */
import { alignUp } from './bytes.js';
import { overlapInTime, peakLiveBytes, type Block } from './blocks.js';

interface Stacked extends Block {
  /** Aligned distance from the stack's base (0 for the bottom, the ceiling for the top). */
  start: number;
  end: number;
}

interface Strategy {
  order: (blocks: readonly Block[]) => number[];
  twoEnded: boolean;
}

const bySize = (blocks: readonly Block[]): number[] =>
  indices(blocks).sort(
    (a, b) => blocks[b].bytes - blocks[a].bytes || blocks[a].firstOp - blocks[b].firstOp || a - b,
  );
const byExecution = (blocks: readonly Block[]): number[] =>
  indices(blocks).sort((a, b) => blocks[a].firstOp - blocks[b].firstOp || a - b);
const byLifetime = (blocks: readonly Block[]): number[] =>
  indices(blocks).sort(
    (a, b) => span(blocks[b]) - span(blocks[a]) || blocks[b].bytes - blocks[a].bytes || a - b,
  );

const STRATEGIES: readonly Strategy[] = [
  { order: bySize, twoEnded: false },
  { order: bySize, twoEnded: true },
  { order: byExecution, twoEnded: true },
  { order: byLifetime, twoEnded: true },
];

/** Aligned offsets, one per block, from the strategy giving the smallest arena. */
export function placeBlocks(blocks: readonly Block[], alignment: number): number[] {
  let best: number[] = [];
  let bestArena = Infinity;
  for (const strategy of STRATEGIES) {
    const offsets = place(blocks, strategy.order(blocks), alignment, strategy.twoEnded);
    const arena = arenaEnd(blocks, offsets);
    if (arena < bestArena) {
      best = offsets;
      bestArena = arena;
    }
  }
  return best;
}

/** The end of the highest block: the arena size a placement needs. */
export function arenaEnd(blocks: readonly Block[], offsets: readonly number[]): number {
  return blocks.reduce((end, block, i) => Math.max(end, offsets[i] + block.bytes), 0);
}

function place(
  blocks: readonly Block[],
  order: readonly number[],
  alignment: number,
  twoEnded: boolean,
): number[] {
  // Blocks hanging from the ceiling move up with it, so raising it never breaks a placement.
  let ceiling = twoEnded ? peakLiveBytes(blocks, alignment) : 0;
  const bottom: Stacked[] = [];
  const top: Stacked[] = [];
  const placed: { stacked: Stacked; onTop: boolean }[] = new Array(blocks.length);
  for (const index of order) {
    const block = blocks[index];
    const size = alignUp(block.bytes, alignment);
    const low = lowestFit(bottom, block, size);
    const bottomCeiling = Math.max(ceiling, low + size + reach(top, block));
    const depth = twoEnded ? lowestFit(top, block, size) : 0;
    const topCeiling = Math.max(ceiling, depth + size + reach(bottom, block));
    // Equal cost: prefer the side where the block touches its base, leaving the middle free.
    const onTop =
      twoEnded && (topCeiling < bottomCeiling || (topCeiling === bottomCeiling && depth === 0 && low > 0));
    const start = onTop ? depth : low;
    const stacked = { ...block, start, end: start + size };
    insertByStart(onTop ? top : bottom, stacked);
    placed[index] = { stacked, onTop };
    ceiling = onTop ? topCeiling : bottomCeiling;
  }
  return placed.map(({ stacked, onTop }) => (onTop ? ceiling - stacked.end : stacked.start));
}

/** The lowest start in `stack` where `size` bytes overlap no block alive at the same time. */
function lowestFit(stack: readonly Stacked[], block: Block, size: number): number {
  let candidate = 0;
  for (const other of stack) {
    if (!overlapInTime(other, block)) continue;
    if (candidate + size <= other.start) break;
    candidate = Math.max(candidate, other.end);
  }
  return candidate;
}

/** How far from its base `stack` reaches while `block` is alive. */
function reach(stack: readonly Stacked[], block: Block): number {
  let end = 0;
  for (const other of stack) if (overlapInTime(other, block)) end = Math.max(end, other.end);
  return end;
}

function insertByStart(stack: Stacked[], entry: Stacked): void {
  const at = stack.findIndex((other) => other.start > entry.start);
  stack.splice(at < 0 ? stack.length : at, 0, entry);
}

function indices(blocks: readonly Block[]): number[] {
  return blocks.map((_, index) => index);
}

function span(block: Block): number {
  return block.lastOp - block.firstOp;
}
