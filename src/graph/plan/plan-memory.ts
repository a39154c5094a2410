/**
 * The memory planner: lifetimes from the execution order, in-place ops merged into their
 * input's block, kernel scratch as blocks alive during their op, offsets by greedy-by-size
 * first-fit in one arena; variable tensors laid out one after another in the state region.
 */
import { EdgeforgeError } from '../../errors.js';
import type { Graph } from '../types.js';
import { alignUp, tensorBytes } from './bytes.js';
import type { Block } from './blocks.js';
import { arenaEnd, placeBlocks } from './placement.js';
import { inPlaceAliases } from './in-place.js';
import { tensorLifetimes } from './lifetimes.js';
import { scratchBytes } from './scratch.js';
import type { MemoryPlan, PlanEntry, PlanOptions, ScratchEntry, VariableEntry } from './types.js';

export const DEFAULT_ALIGNMENT = 16;

/** Plans memory for `graph` at the given per-tensor shapes (from inferShapes for one batch size). */
export function planMemory(graph: Graph, shapes: readonly number[][], options: PlanOptions = {}): MemoryPlan {
  const alignment = options.alignment ?? DEFAULT_ALIGNMENT;
  if (!Number.isInteger(alignment) || alignment < 1 || (alignment & (alignment - 1)) !== 0) {
    throw new EdgeforgeError(`alignment ${alignment} is not a power of two`, {
      place: 'plan options',
      fix: 'Use 4, 8, 16 or another power of two (default 16)',
    });
  }
  if (shapes.length !== graph.tensors.length) {
    throw new EdgeforgeError(`${shapes.length} shapes given for ${graph.tensors.length} tensors`, {
      place: 'plan shapes',
      fix: 'Pass the shapes inferShapes returns for this graph',
    });
  }
  const bytesOf = (tensor: number): number => tensorBytes(graph.tensors[tensor].dtype, shapes[tensor]);
  const lifetimes = tensorLifetimes(graph);
  const owners = inPlaceAliases(graph, lifetimes, bytesOf);

  // One block per owning tensor, alive until its last in-place successor dies.
  const blockOf = new Map<number, number>();
  const blocks: Block[] = [];
  lifetimes.forEach((lifetime, tensor) => {
    if (lifetime === undefined || owners.has(tensor)) return;
    blockOf.set(tensor, blocks.length);
    blocks.push({ bytes: bytesOf(tensor), ...lifetime });
  });
  for (const [tensor, owner] of owners) {
    const block = blocks[blockOf.get(owner)!];
    block.lastOp = Math.max(block.lastOp, lifetimes[tensor]!.lastOp);
  }
  const scratchOps: number[] = [];
  graph.ops.forEach((op, index) => {
    const bytes = scratchBytes(op, shapes);
    if (bytes === 0) return;
    scratchOps.push(index);
    blocks.push({ bytes, firstOp: index, lastOp: index });
  });

  const offsets = placeBlocks(blocks, alignment);
  const entries: PlanEntry[] = [];
  lifetimes.forEach((lifetime, tensor) => {
    if (lifetime === undefined) return;
    const owner = owners.get(tensor);
    const offset = offsets[blockOf.get(owner ?? tensor)!];
    const entry: PlanEntry = { tensor, offset, bytes: bytesOf(tensor), ...lifetime };
    entries.push(owner === undefined ? entry : { ...entry, aliasOf: owner });
  });
  const firstScratch = blocks.length - scratchOps.length;
  const scratch: ScratchEntry[] = scratchOps.map((op, i) => ({
    op,
    offset: offsets[firstScratch + i],
    bytes: blocks[firstScratch + i].bytes,
  }));
  const arenaBytes = arenaEnd(blocks, offsets);

  const variables: VariableEntry[] = [];
  let variableBytes = 0;
  graph.tensors.forEach((tensor, index) => {
    if (tensor.variable !== true) return;
    const offset = alignUp(variableBytes, alignment);
    const bytes = bytesOf(index);
    variables.push({ tensor: index, offset, bytes });
    variableBytes = offset + bytes;
  });
  return { arenaBytes, alignment, entries, scratch, variableBytes, variables };
}
