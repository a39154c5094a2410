/**
 * Magnitude (L1) pruning masks. A group is the set of tensors that share one threshold: all
 * prunable tensors for global scope, one layer's for layer scope. Masks only ever grow (a
 * pruned weight stays pruned), so the gradual schedule prunes the smallest still-kept weights.
 */

export interface MaskedTensor {
  /** The weights, pruned in place. */
  values: Float32Array;
  /** 1 = kept, 0 = pruned. */
  mask: Uint8Array;
}

export function masked(values: Float32Array): MaskedTensor {
  return { values, mask: new Uint8Array(values.length).fill(1) };
}

export function groupSize(group: readonly MaskedTensor[]): number {
  return group.reduce((sum, tensor) => sum + tensor.values.length, 0);
}

function prunedCount(group: readonly MaskedTensor[]): number {
  let pruned = 0;
  for (const { mask } of group) for (const keep of mask) pruned += 1 - keep;
  return pruned;
}

/** Weights to prune for a sparsity: round(sparsity · size), as PyTorch's l1_unstructured counts them. */
export function targetCount(group: readonly MaskedTensor[], sparsity: number): number {
  return Math.round(sparsity * groupSize(group));
}

/**
 * Prunes the smallest-|w| kept weights until `target` weights of the group are pruned, then
 * zeroes every pruned weight. Ties go to the earlier weight (tensor order, then index), so
 * the result is the same on every run.
 */
export function enforceSparsity(group: readonly MaskedTensor[], target: number): void {
  const missing = target - prunedCount(group);
  if (missing > 0) pruneSmallest(group, missing);
  for (const { values, mask } of group) {
    for (let i = 0; i < values.length; i++) if (mask[i] === 0) values[i] = 0;
  }
}

function pruneSmallest(group: readonly MaskedTensor[], count: number): void {
  const magnitudes = new Float32Array(groupSize(group));
  const candidates: number[] = [];
  let offset = 0;
  for (const { values, mask } of group) {
    for (let i = 0; i < values.length; i++) {
      magnitudes[offset + i] = Math.abs(values[i]);
      if (mask[i] === 1) candidates.push(offset + i);
    }
    offset += values.length;
  }
  candidates.sort((a, b) => magnitudes[a] - magnitudes[b] || a - b);
  const chosen = new Set(candidates.slice(0, count));
  offset = 0;
  for (const { mask } of group) {
    for (let i = 0; i < mask.length; i++) if (chosen.has(offset + i)) mask[i] = 0;
    offset += mask.length;
  }
}
