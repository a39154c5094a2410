// AssemblyScript (compiled by assembly/build.mjs, not by tsc): the LSTM's whole forward time
// loop of src/nn/layers/lstm.ts (stepForward) in one call, float32 storage with every value
// computed in double and rounded where the TypeScript layer stores into a Float32Array, so the
// results are equal bit for bit. Buffers are time-major, as the layer keeps them.

import { addProduct, pack } from './lib/tr-gemm';
import { loadPair, sigmoid, sigmoidPair, storePair, tanh, tanhPair } from './lib/tr-math';

export { useExpTables } from './lib/tr-math';
export { pack } from './lib/tr-gemm';

/**
 * gates [steps, batch, 4u] holds the input projections on entry and the gate values on return;
 * hidden and cells [steps + 1, batch, u] get h_1.. and c_1.. (h_0 = c_0 = 0 are written here),
 * cellTanh [steps, batch, u] gets tanh(c_t). `recurrent` is the recurrent kernel [u, 4u] packed
 * as op(B) by `pack`; `scratch` holds one packed [batch, u] block of h.
 */
export function lstmForward(
  steps: i32,
  batch: i32,
  units: i32,
  gates: usize,
  hidden: usize,
  cells: usize,
  cellTanh: usize,
  recurrent: usize,
  scratch: usize,
): void {
  const width = 4 * units;
  const block = batch * units;
  memory.fill(hidden, 0, (<usize>block) << 2);
  memory.fill(cells, 0, (<usize>block) << 2);
  for (let t = 0; t < steps; t++) {
    const gateBlock = gates + ((<usize>(t * batch * width)) << 2);
    const prevBlock = (<usize>(t * block)) << 2;
    const nextBlock = prevBlock + ((<usize>block) << 2);
    if (t > 0) {
      pack(hidden + prevBlock, batch, units, units, 1, scratch);
      addProduct(batch, width, units, scratch, recurrent, gateBlock);
    }
    for (let b = 0; b < batch; b++) {
      const g = gateBlock + ((<usize>(b * width)) << 2);
      const s = (<usize>(b * units)) << 2;
      activate(g, g + ((<usize>(2 * units)) << 2), true);
      activate(g + ((<usize>(2 * units)) << 2), g + ((<usize>(3 * units)) << 2), false);
      activate(g + ((<usize>(3 * units)) << 2), g + ((<usize>width) << 2), true);
      const forget = g + ((<usize>units) << 2);
      const candidate = g + ((<usize>(2 * units)) << 2);
      const out = g + ((<usize>(3 * units)) << 2);
      const prevCells = cells + prevBlock + s;
      const nextCells = cells + nextBlock + s;
      const squashedAt = cellTanh + prevBlock + s;
      const nextHidden = hidden + nextBlock + s;
      let j = 0;
      for (; j + 1 < units; j += 2) {
        const at = (<usize>j) << 2;
        const cell = f64x2.add(
          f64x2.mul(loadPair(forget + at), loadPair(prevCells + at)),
          f64x2.mul(loadPair(g + at), loadPair(candidate + at)),
        );
        const squashed = tanhPair(cell);
        storePair(nextCells + at, cell);
        storePair(squashedAt + at, squashed);
        storePair(nextHidden + at, f64x2.mul(loadPair(out + at), squashed));
      }
      for (; j < units; j++) {
        const at = (<usize>j) << 2;
        const cell =
          <f64>load<f32>(forget + at) * <f64>load<f32>(prevCells + at) +
          <f64>load<f32>(g + at) * <f64>load<f32>(candidate + at);
        const squashed = tanh(cell);
        store<f32>(nextCells + at, <f32>cell);
        store<f32>(squashedAt + at, <f32>squashed);
        store<f32>(nextHidden + at, <f32>(<f64>load<f32>(out + at) * squashed));
      }
    }
  }
}

/** Floats in [from, to) replaced by their sigmoid (or tanh), rounded to float32; two at a time. */
function activate(from: usize, to: usize, isSigmoid: bool): void {
  let at = from;
  for (; at + 4 < to; at += 8) {
    const x = loadPair(at);
    storePair(at, isSigmoid ? sigmoidPair(x) : tanhPair(x));
  }
  for (; at < to; at += 4) {
    const x = <f64>load<f32>(at);
    store<f32>(at, <f32>(isSigmoid ? sigmoid(x) : tanh(x)));
  }
}
