/**
 * The LSTM's forward time loop on WebAssembly (assembly/train-lstm.ts): recurrent products and
 * gate math of every step in one call, with the same values as Lstm.stepForward bit for bit.
 * The layer's step buffers (gates, hidden, cells, cellTanh) live in this instance's memory, so
 * nothing is copied per step; the recurrent kernel is copied in and packed once per forward.
 */
import { WASM_BASE64 } from '../../runtime/wasm/generated/train-lstm.generated.js';
import { instantiateKernels, type KernelModuleSource } from '../../runtime/wasm/kernel-module.js';
import { expTables } from './transcendental.js';
import { align16, FLOAT_BYTES, panelBytes } from './wasm-panels.js';

export const TRAIN_LSTM: KernelModuleSource = { name: 'train-lstm', base64: WASM_BASE64 };

/** See assembly/train-lstm.ts; pointers are byte offsets, sizes and strides in floats. */
interface TrainLstmExports {
  useExpTables(at: number): void;
  pack(src: number, lines: number, depth: number, lineStride: number, depthStride: number, dst: number): void;
  lstmForward(
    steps: number,
    batch: number,
    units: number,
    gates: number,
    hidden: number,
    cells: number,
    cellTanh: number,
    recurrent: number,
    scratch: number,
  ): void;
}

export class WasmLstmForward {
  private constructor(
    private readonly exports: TrainLstmExports,
    private readonly steps: number,
    private readonly units: number,
    private readonly kernel: Float32Array,
    private readonly at: { kernel: number; packed: number; scratch: number },
    /** [steps, capacity, 4u] time-major: input projections in, gate values out. */
    readonly gates: Float32Array,
    /** [steps + 1, capacity, u] time-major. */
    readonly hidden: Float32Array,
    /** [steps + 1, capacity, u] time-major. */
    readonly cells: Float32Array,
    /** [steps, capacity, u] time-major. */
    readonly cellTanh: Float32Array,
  ) {}

  /** For batches up to `capacity`; undefined when WebAssembly is off or lacks SIMD. */
  static create(steps: number, capacity: number, units: number): WasmLstmForward | undefined {
    const width = 4 * units;
    const tables = expTables();
    const kernelAt = align16(tables.byteLength);
    const packedAt = align16(kernelAt + units * width * FLOAT_BYTES);
    const scratchAt = packedAt + panelBytes(width, units);
    const gatesAt = scratchAt + panelBytes(capacity, units);
    const hiddenAt = align16(gatesAt + steps * capacity * width * FLOAT_BYTES);
    const stateFloats = (steps + 1) * capacity * units;
    const cellsAt = align16(hiddenAt + stateFloats * FLOAT_BYTES);
    const cellTanhAt = align16(cellsAt + stateFloats * FLOAT_BYTES);
    const end = cellTanhAt + steps * capacity * units * FLOAT_BYTES;
    const instance = instantiateKernels<TrainLstmExports>(TRAIN_LSTM, end);
    if (instance === undefined) return undefined;
    const { buffer } = instance.memory;
    new Float64Array(buffer, 0, tables.length).set(tables);
    instance.exports.useExpTables(0);
    return new WasmLstmForward(
      instance.exports,
      steps,
      units,
      new Float32Array(buffer, kernelAt, units * width),
      { kernel: kernelAt, packed: packedAt, scratch: scratchAt },
      new Float32Array(buffer, gatesAt, steps * capacity * width),
      new Float32Array(buffer, hiddenAt, stateFloats),
      new Float32Array(buffer, cellsAt, stateFloats),
      new Float32Array(buffer, cellTanhAt, steps * capacity * units),
    );
  }

  /**
   * Runs every step for `batch` sequences whose input projections (bias included) are in
   * `gates`, with this recurrent kernel [u, 4u].
   */
  forward(batch: number, recurrentKernel: Float32Array): void {
    const { exports, units, at } = this;
    const width = 4 * units;
    this.kernel.set(recurrentKernel);
    // op(B)[p, j] = U[p·4u + j]: 4u lines (columns) one float apart, depth steps 4u apart.
    exports.pack(at.kernel, width, units, 1, width, at.packed);
    exports.lstmForward(
      this.steps,
      batch,
      units,
      this.gates.byteOffset,
      this.hidden.byteOffset,
      this.cells.byteOffset,
      this.cellTanh.byteOffset,
      at.packed,
      at.scratch,
    );
  }
}
