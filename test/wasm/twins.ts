/**
 * The kernel twin check every WebAssembly kernel test uses: run one graph through the
 * interpreter on the TypeScript kernels (the specification) and on the WebAssembly ones, and
 * require float outputs within 1e-6 relative (absolute below magnitude 1) and integer outputs
 * bit for bit. It also requires that the ops named really ran on WebAssembly, so a kernel that
 * silently fell back cannot pass.
 */
import assert from 'node:assert/strict';
import type { Graph, OpType, TensorData } from '../../src/graph/types.js';
import { Interpreter, type InterpreterOptions } from '../../src/runtime/interpreter.js';
import { useWasmKernels } from '../../src/runtime/wasm/kernel-module.js';

export const FLOAT_RELATIVE_TOLERANCE = 1e-6;

export interface TwinRun {
  /** Inputs in each input's own dtype (Float32Array, Int8Array...), batch-major. */
  inputs: TensorData[];
  options?: InterpreterOptions;
  /** Invocations in a row on the same interpreter (state must reset, nothing may accumulate); default 2. */
  invocations?: number;
}

function outputsOf(
  graph: Graph,
  run: TwinRun,
  wasm: boolean,
  mustRunOnWasm: readonly OpType[],
): TensorData[] {
  useWasmKernels(wasm);
  try {
    const interpreter = new Interpreter(graph, run.options);
    if (wasm) {
      const implementations = interpreter.kernelImplementations();
      graph.ops.forEach((op, index) => {
        if (mustRunOnWasm.includes(op.type)) {
          assert.equal(implementations[index], 'webassembly', `op ${index} (${op.type}) runs on WebAssembly`);
        }
      });
    }
    let outputs: TensorData[] = [];
    for (let i = 0; i < (run.invocations ?? 2); i++) {
      run.inputs.forEach((values, index) => {
        const view = interpreter.inputData(index);
        for (let k = 0; k < values.length; k++) view[k] = values[k];
      });
      interpreter.invoke();
      outputs = graph.outputs.map((_, index) => interpreter.outputData(index).slice());
    }
    return outputs;
  } finally {
    useWasmKernels(true);
  }
}

/** Asserts the WebAssembly kernels of `mustRunOnWasm` ops give the TypeScript kernels' outputs. */
export function assertTwins(
  graph: Graph,
  run: TwinRun,
  mustRunOnWasm: readonly OpType[],
  label: string,
): void {
  const expected = outputsOf(graph, run, false, []);
  const actual = outputsOf(graph, run, true, mustRunOnWasm);
  expected.forEach((reference, index) => {
    const result = actual[index];
    assert.equal(result.length, reference.length, `${label} output ${index} length`);
    const exact = !(reference instanceof Float32Array);
    for (let i = 0; i < reference.length; i++) {
      const bound = exact ? 0 : FLOAT_RELATIVE_TOLERANCE * Math.max(1, Math.abs(reference[i]));
      assert.ok(
        Math.abs(result[i] - reference[i]) <= bound,
        `${label} output ${index}[${i}]: WebAssembly ${result[i]}, TypeScript ${reference[i]}`,
      );
    }
  });
}

/**
 * [TypeScript, WebAssembly] values of output 0 for the float input `x` at `batch`, for tests
 * that require the two bit for bit.
 */
export function runBoth(graph: Graph, x: Float32Array, batch = 1): [number[], number[]] {
  const run: TwinRun = { inputs: [x], options: { batch } };
  const [typescript, webassembly] = [false, true].map((wasm) =>
    Array.from(outputsOf(graph, run, wasm, [])[0]),
  );
  return [typescript, webassembly];
}
