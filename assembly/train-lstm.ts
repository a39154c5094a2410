// AssemblyScript (compiled by assembly/build.mjs, not by tsc): the LSTM's whole forward and
// backward time loops of src/nn/layers/lstm.ts and recurrent.ts (stepForward, stepBackward and
// the per-step recurrent GEMMs) in one call each, float32 storage with every value computed in
// double and rounded where the TypeScript layer stores into a Float32Array, so the results are
// equal bit for bit. Buffers are time-major, as the layer keeps them.

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

/**
 * The backward time loop of src/nn/layers/recurrent.ts with Lstm.stepBackward, t = steps-1..0:
 * gates (gate values from `lstmForward`) become dLoss/d(pre-activation), gradHidden and
 * gradCell [batch, u] carry dLoss/dh_t and dLoss/dc_t back. gradHidden holds dLoss/dh_steps on
 * entry unless `gradOutput` ([batch, steps, u], the whole sequence's gradient) is non-zero.
 * `recurrentT` is the recurrent kernel packed as op(B) of h·Uᵀ; `scratch` holds one packed
 * [batch, 4u] block of gate gradients.
 */
export function lstmBackward(
  steps: i32,
  batch: i32,
  units: i32,
  gates: usize,
  cells: usize,
  cellTanh: usize,
  gradHidden: usize,
  gradCell: usize,
  gradOutput: usize,
  recurrentT: usize,
  scratch: usize,
): void {
  const width = 4 * units;
  const block = batch * units;
  const unitBytes = (<usize>units) << 2;
  if (gradOutput != 0) memory.fill(gradHidden, 0, (<usize>block) << 2);
  memory.fill(gradCell, 0, (<usize>block) << 2);
  for (let t = steps - 1; t >= 0; t--) {
    const gateBlock = gates + ((<usize>(t * batch * width)) << 2);
    const prevBlock = (<usize>(t * block)) << 2;
    for (let b = 0; b < batch; b++) {
      const s = (<usize>(b * units)) << 2;
      if (gradOutput != 0)
        addInto(gradHidden + s, gradOutput + ((<usize>((b * steps + t) * units)) << 2), units);
      const g = gateBlock + ((<usize>(b * width)) << 2);
      cellBackward(
        g,
        unitBytes,
        cells + prevBlock + s,
        cellTanh + prevBlock + s,
        gradHidden + s,
        gradCell + s,
        units,
      );
    }
    if (t > 0) {
      pack(gateBlock, batch, width, width, 1, scratch);
      addProduct(batch, units, width, scratch, recurrentT, gradHidden);
    }
  }
}

/** gradHidden[j] += gradOutput[j] for j < count, rounded to f32 as the layer's += does. */
function addInto(gradHidden: usize, gradOutput: usize, count: i32): void {
  for (let j = 0; j < count; j++) {
    const at = (<usize>j) << 2;
    store<f32>(gradHidden + at, <f32>(<f64>load<f32>(gradHidden + at) + <f64>load<f32>(gradOutput + at)));
  }
}

/**
 * One sequence's cell backward (Lstm.stepBackward): g holds its i, f, c, o gate values, one
 * gate `gateBytes` after the other; each value is computed in double, rounded where stored.
 */
function cellBackward(
  g: usize,
  gateBytes: usize,
  prevCell: usize,
  squashedAt: usize,
  gradHidden: usize,
  gradCell: usize,
  units: i32,
): void {
  const forgetAt = g + gateBytes;
  const candidateAt = g + 2 * gateBytes;
  const outAt = g + 3 * gateBytes;
  const one = f64x2.splat(1);
  let j = 0;
  for (; j + 1 < units; j += 2) {
    const at = (<usize>j) << 2;
    const input = loadPair(g + at);
    const forget = loadPair(forgetAt + at);
    const candidate = loadPair(candidateAt + at);
    const out = loadPair(outAt + at);
    const squashed = loadPair(squashedAt + at);
    const dh = loadPair(gradHidden + at);
    const dc = f64x2.add(
      loadPair(gradCell + at),
      f64x2.mul(f64x2.mul(dh, out), f64x2.sub(one, f64x2.mul(squashed, squashed))),
    );
    storePair(g + at, f64x2.mul(f64x2.mul(f64x2.mul(dc, candidate), input), f64x2.sub(one, input)));
    storePair(
      forgetAt + at,
      f64x2.mul(f64x2.mul(f64x2.mul(dc, loadPair(prevCell + at)), forget), f64x2.sub(one, forget)),
    );
    storePair(
      candidateAt + at,
      f64x2.mul(f64x2.mul(dc, input), f64x2.sub(one, f64x2.mul(candidate, candidate))),
    );
    storePair(outAt + at, f64x2.mul(f64x2.mul(f64x2.mul(dh, squashed), out), f64x2.sub(one, out)));
    storePair(gradCell + at, f64x2.mul(dc, forget));
    v128.store64_lane(gradHidden + at, f64x2.splat(0), 0);
  }
  for (; j < units; j++) {
    const at = (<usize>j) << 2;
    const input = <f64>load<f32>(g + at);
    const forget = <f64>load<f32>(forgetAt + at);
    const candidate = <f64>load<f32>(candidateAt + at);
    const out = <f64>load<f32>(outAt + at);
    const squashed = <f64>load<f32>(squashedAt + at);
    const dh = <f64>load<f32>(gradHidden + at);
    const dc = <f64>load<f32>(gradCell + at) + dh * out * (1 - squashed * squashed);
    store<f32>(g + at, <f32>(dc * candidate * input * (1 - input)));
    store<f32>(forgetAt + at, <f32>(dc * <f64>load<f32>(prevCell + at) * forget * (1 - forget)));
    store<f32>(candidateAt + at, <f32>(dc * input * (1 - candidate * candidate)));
    store<f32>(outAt + at, <f32>(dh * squashed * out * (1 - out)));
    store<f32>(gradCell + at, <f32>(dc * forget));
    store<f32>(gradHidden + at, 0);
  }
}
