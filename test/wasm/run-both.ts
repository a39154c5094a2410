/** One graph run once on the TypeScript kernels and once on the WebAssembly ones, for bit-for-bit checks. */
import type { Graph } from '../../src/graph/types.js';
import { Interpreter } from '../../src/runtime/index.js';
import { useWasmKernels } from '../../src/runtime/wasm/kernel-module.js';

/** [TypeScript outputs, WebAssembly outputs] of output 0 for the float input `x` at `batch`. */
export function runBoth(graph: Graph, x: Float32Array, batch = 1): [number[], number[]] {
  const [typescript, webassembly] = [false, true].map((wasm) => {
    useWasmKernels(wasm);
    try {
      const interpreter = new Interpreter(graph, { batch });
      interpreter.input(0).set(x);
      interpreter.invoke();
      return Array.from(interpreter.output(0));
    } finally {
      useWasmKernels(true);
    }
  });
  return [typescript, webassembly];
}
