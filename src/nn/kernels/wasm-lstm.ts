/**
 * The LSTM's forward and backward time loops on WebAssembly (assembly/train-lstm.ts): recurrent
 * products and cell math of every step in one call each, with the same values as Lstm's
 * stepForward / stepBackward and the recurrent GEMMs, bit for bit. The layer's step buffers
 * (gates, hidden, cells, cellTanh, gradHidden, gradCell) live in this instance's memory, so
 * nothing is copied per step; the recurrent kernel is copied in and packed once per loop.
 */
import { WASM_BASE64 } from '../../runtime/wasm/generated/train-lstm.generated.js';
import { instantiateKernels, type KernelModuleSource } from '../../runtime/wasm/kernel-module.js';
import { expTables } from './transcendental.js';
import { align16, FLOAT_BYTES, MAX_INSTANCE_BYTES, panelBytes, type PanelPacker } from './wasm-panels.js';

export const TRAIN_LSTM: KernelModuleSource = { name: 'train-lstm', base64: WASM_BASE64 };

/** See assembly/train-lstm.ts; pointers are byte offsets, sizes and strides in floats. */
interface TrainLstmExports extends PanelPacker {
  useExpTables(at: number): void;
  lstmBackward(
    steps: number,
    batch: number,
    units: number,
    gates: number,
    cells: number,
    cellTanh: number,
    gradHidden: number,
    gradCell: number,
    gradOutput: number,
    recurrentT: number,
    scratch: number,
  ): void;
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

/** Byte offsets of the regions the layer does not see. */
interface Layout {
  kernel: number;
  packed: number;
  packedT: number;
  scratch: number;
  gradOutput: number;
}

export class WasmLstmSteps {
  private constructor(
    private readonly exports: TrainLstmExports,
    private readonly steps: number,
    private readonly units: number,
    private readonly at: Layout,
    private readonly kernel: Float32Array,
    /** The whole sequence's output gradient when returnSequences, [capacity, steps, u]. */
    private readonly gradOutput: Float32Array,
    /** [steps, capacity, 4u] time-major: input projections in, gate values out, then gradients. */
    readonly gates: Float32Array,
    /** [steps + 1, capacity, u] time-major. */
    readonly hidden: Float32Array,
    /** [steps + 1, capacity, u] time-major. */
    readonly cells: Float32Array,
    /** [steps, capacity, u] time-major. */
    readonly cellTanh: Float32Array,
    /** [capacity, u]. */
    readonly gradHidden: Float32Array,
    /** [capacity, u]. */
    readonly gradCell: Float32Array,
  ) {}

  /**
   * For batches up to `capacity`; undefined when WebAssembly is off or lacks SIMD, or the
   * buffers would need more than MAX_INSTANCE_BYTES.
   */
  static create(steps: number, capacity: number, units: number): WasmLstmSteps | undefined {
    const width = 4 * units;
    const tables = expTables();
    const sequenceFloats = steps * capacity * units;
    const stateFloats = sequenceFloats + capacity * units;
    let end = align16(tables.byteLength);
    const place = (bytes: number): number => {
      const at = end;
      end = align16(end + bytes);
      return at;
    };
    const at: Layout = {
      kernel: place(units * width * FLOAT_BYTES),
      packed: place(panelBytes(width, units)),
      packedT: place(panelBytes(units, width)),
      scratch: place(panelBytes(capacity, width)),
      gradOutput: place(sequenceFloats * FLOAT_BYTES),
    };
    const gatesAt = place(steps * capacity * width * FLOAT_BYTES);
    const hiddenAt = place(stateFloats * FLOAT_BYTES);
    const cellsAt = place(stateFloats * FLOAT_BYTES);
    const cellTanhAt = place(sequenceFloats * FLOAT_BYTES);
    const gradHiddenAt = place(capacity * units * FLOAT_BYTES);
    const gradCellAt = place(capacity * units * FLOAT_BYTES);
    if (end > MAX_INSTANCE_BYTES) return undefined;
    const instance = instantiateKernels<TrainLstmExports>(TRAIN_LSTM, end);
    if (instance === undefined) return undefined;
    const { buffer } = instance.memory;
    new Float64Array(buffer, 0, tables.length).set(tables);
    instance.exports.useExpTables(0);
    const floats = (offset: number, length: number) => new Float32Array(buffer, offset, length);
    return new WasmLstmSteps(
      instance.exports,
      steps,
      units,
      at,
      floats(at.kernel, units * width),
      floats(at.gradOutput, sequenceFloats),
      floats(gatesAt, steps * capacity * width),
      floats(hiddenAt, stateFloats),
      floats(cellsAt, stateFloats),
      floats(cellTanhAt, sequenceFloats),
      floats(gradHiddenAt, capacity * units),
      floats(gradCellAt, capacity * units),
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
    // op(B)[p, j] = U[p·4u + j] for h·U: 4u lines (columns) one float apart, depth steps 4u apart.
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

  /**
   * Walks back through every step after `forward`: `gradOutput` is dLoss/dh for every step
   * ([batch, steps, u]) when `sequence`, else for the last one ([batch, u]).
   */
  backward(batch: number, recurrentKernel: Float32Array, gradOutput: Float32Array, sequence: boolean): void {
    const { exports, steps, units, at } = this;
    const width = 4 * units;
    this.kernel.set(recurrentKernel);
    // op(B)[p, j] = U[j·4u + p] for dGates·Uᵀ: u lines 4u floats apart, depth steps one apart.
    exports.pack(at.kernel, units, width, width, 1, at.packedT);
    const length = (sequence ? steps : 1) * batch * units;
    (sequence ? this.gradOutput : this.gradHidden).set(gradOutput.subarray(0, length));
    exports.lstmBackward(
      steps,
      batch,
      units,
      this.gates.byteOffset,
      this.cells.byteOffset,
      this.cellTanh.byteOffset,
      this.gradHidden.byteOffset,
      this.gradCell.byteOffset,
      sequence ? at.gradOutput : 0,
      at.packedT,
      at.scratch,
    );
  }
}
