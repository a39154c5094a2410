/**
 * A memory plan: where every activation tensor of a graph lives in one arena, for one batch
 * size. The runtime (and the generated C) allocates exactly `arenaBytes` for activations and
 * kernel scratch, plus `variableBytes` for recurrent state, and nothing per inference.
 */

/** One non-constant, non-variable tensor's place in the arena. */
export interface PlanEntry {
  tensor: number;
  /** Byte offset into the arena, a multiple of the plan's alignment. */
  offset: number;
  bytes: number;
  /** The op that produces it (-1 for graph inputs). */
  firstOp: number;
  /** Its last consumer (the last op for graph outputs). */
  lastOp: number;
  /** Set when the tensor shares the bytes of another tensor (an in-place op): that tensor's index. */
  aliasOf?: number;
}

/** Working memory a kernel needs while its op runs (e.g. a GRU's next hidden state), live only during that op. */
export interface ScratchEntry {
  op: number;
  offset: number;
  bytes: number;
}

/** A variable (state) tensor's place in the persistent state region, which is separate from the arena. */
export interface VariableEntry {
  tensor: number;
  /** Byte offset into the state region, a multiple of the plan's alignment. */
  offset: number;
  bytes: number;
}

export interface MemoryPlan {
  /** Bytes of the activation arena: the end of its highest tensor or scratch area. */
  arenaBytes: number;
  alignment: number;
  entries: PlanEntry[];
  scratch: ScratchEntry[];
  /**
   * Bytes of the state region: variable tensors persist across invocations, so they never share
   * memory with the arena (the runtime allocates them as a second buffer, the C generator as a
   * second static array).
   */
  variableBytes: number;
  variables: VariableEntry[];
}

export interface PlanOptions {
  /** Byte alignment of every offset, a power of two; default 16. */
  alignment?: number;
}
