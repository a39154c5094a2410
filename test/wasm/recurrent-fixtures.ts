/** Fixtures the recurrent WebAssembly kernel tests share (float LSTM, GRU, int8 LSTM). */
import assert from 'node:assert/strict';
import { lowerModel } from '../../src/graph/lower/index.js';
import type { DType, Graph, OpType, TensorData } from '../../src/graph/types.js';
import { OpContext, type Kernel } from '../../src/runtime/kernels/context.js';
import type { PresetName } from '../../src/train/presets.js';
import type { Random } from '../../src/util/random.js';
import { presetModel, randomInputs } from '../graph/model-fixtures.js';
import { assertTwins, runBoth } from './twins.js';

/** `count` weights uniform in ±scale/√fanIn: Glorot-like at scale ~1; 3 lets the recurrence amplify differences. */
export function scaledUniform(count: number, fanIn: number, scale: number, random: Random): number[] {
  return Array.from({ length: count }, () => random.uniform(-1, 1) * (scale / Math.sqrt(fanIn)));
}

function zeros(dtype: DType, count: number): TensorData {
  if (dtype === 'int8') return new Int8Array(count);
  if (dtype === 'int16') return new Int16Array(count);
  return new Float32Array(count);
}

/** What runOpDirect binds op 0 of `graph` to: tensor shapes, its input values, the kernel's scratch. */
export interface DirectRun {
  shapes: number[][];
  input: number;
  x: TensorData;
  /** The TypeScript kernel's scratch area, if it needs one. */
  scratch?: Float32Array;
}

/**
 * The interpreter scales dimension 0 of inputs and state alike, so time-major sequences of
 * several samples run on the kernels directly: op 0 of `graph` on the kernel `make` builds, bound
 * to fresh arrays of `run.shapes` (constants as stored, the rest zero), `invocations` times in a
 * row (state carries over). Returns the tensors `read` after the last.
 */
export function runOpDirect(
  graph: Graph,
  run: DirectRun,
  make: (ctx: OpContext) => Kernel | undefined,
  invocations: number,
  read: readonly number[],
): TensorData[] {
  const views = graph.tensors.map(
    (tensor, index) =>
      tensor.data ??
      zeros(
        tensor.dtype,
        run.shapes[index].reduce((product, size) => product * size, 1),
      ),
  );
  views[run.input].set(run.x);
  const kernel = make(
    new OpContext(graph, 0, run.shapes, views, run.scratch ?? new Float32Array(0), undefined),
  );
  assert.ok(kernel !== undefined);
  for (let i = 0; i < invocations; i++) kernel();
  return read.map((tensor) => views[tensor]);
}

/** `graph` on x through the interpreter on both kernel sets: the same float32 values, bit for bit. */
export function assertBitForBit(graph: Graph, x: Float32Array): void {
  const [typescript, webassembly] = runBoth(graph, x);
  assert.deepEqual(webassembly, typescript);
}

/** A preset model's graph (untrained, seeded) through the interpreter on both kernel sets, batch 1 and 3. */
export function assertPresetTwins(preset: PresetName, steps: number, channels: number, op: OpType): void {
  const graph = lowerModel(presetModel(preset, steps, channels, 3).model);
  for (const batch of [1, 3]) {
    const x = randomInputs(batch * steps * channels, 7 + batch);
    assertTwins(graph, { inputs: [x], options: { batch } }, [op], `${preset}, batch ${batch}`);
  }
}
