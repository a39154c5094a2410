/**
 * The compiled WebAssembly SIMD kernels (assembly/packed-matvec.ts), embedded as base64 so the
 * runtime needs no fetch: compiled synchronously once, on first use, in Node and browsers.
 * Each kernel instantiates its own memory, sized once at creation, so growing one never
 * detaches another's views and nothing is allocated when it runs.
 */
import { KERNELS_WASM_BASE64 } from './kernels-wasm.generated.js';
import { webAssembly, type WasmMemory, type WasmModule } from './webassembly-api.js';

/** The module's exports: see assembly/packed-matvec.ts for the contract (offsets in bytes). */
export interface WasmKernelExports {
  addMatMul(
    m: number,
    rows: number,
    cols: number,
    count: number,
    v: number,
    vStride: number,
    out: number,
    outStride: number,
  ): void;
}

export interface WasmKernelInstance {
  readonly memory: WasmMemory;
  readonly exports: WasmKernelExports;
}

const PAGE_BYTES = 65536;

let enabled = true;
/** undefined until first asked; null when this engine cannot run the module (no SIMD). */
let compiled: WasmModule | null | undefined;

function decodeBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * The kernel module, or null without WebAssembly SIMD. Validating the module itself is the
 * feature check: it fails exactly when the engine lacks an instruction the kernels use.
 */
function kernelModule(): WasmModule | null {
  if (compiled === undefined) {
    const bytes = decodeBase64(KERNELS_WASM_BASE64);
    compiled =
      webAssembly !== undefined && webAssembly.validate(bytes) ? new webAssembly.Module(bytes) : null;
  }
  return compiled;
}

/** Whether kernels created from now on use WebAssembly (SIMD available and not switched off). */
export function wasmKernelsAvailable(): boolean {
  return enabled && kernelModule() !== null;
}

/**
 * Switches the WebAssembly kernels on or off for kernels created afterwards (benchmarks and
 * tests compare both paths in one process); the TypeScript kernels run when off.
 */
export function useWasmKernels(on: boolean): void {
  enabled = on;
}

/** A fresh instance with `bytes` of zeroed memory of its own, or undefined when unavailable. */
export function instantiateKernels(bytes: number): WasmKernelInstance | undefined {
  const module = enabled ? kernelModule() : null;
  if (module === null || webAssembly === undefined) return undefined;
  const pages = Math.max(1, Math.ceil(bytes / PAGE_BYTES));
  const memory = new webAssembly.Memory({ initial: pages, maximum: pages });
  const instance = new webAssembly.Instance(module, { env: { memory } });
  return { memory, exports: instance.exports as unknown as WasmKernelExports };
}
