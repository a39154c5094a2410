/**
 * The compiled WebAssembly SIMD kernel modules (assembly/*.ts), embedded as base64 so the
 * runtime needs no fetch: each compiled synchronously once, on first use, in Node and browsers.
 * Each kernel instantiates its own memory, sized once at creation, so growing one never
 * detaches another's views and nothing is allocated when it runs.
 */
import { webAssembly, type WasmMemory, type WasmModule } from './webassembly-api.js';

/** One embedded module: its entry's name (for errors and the cache) and its bytes as base64. */
export interface KernelModuleSource {
  readonly name: string;
  readonly base64: string;
}

export interface WasmKernelInstance<Exports> {
  readonly memory: WasmMemory;
  readonly exports: Exports;
}

const PAGE_BYTES = 65536;

let enabled = true;
/** Per module name: absent until first asked; null when this engine cannot run it (no SIMD). */
const compiled = new Map<string, WasmModule | null>();

function decodeBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * The compiled module, or null without WebAssembly SIMD. Validating the module itself is the
 * feature check: it fails exactly when the engine lacks an instruction the kernels use. Some
 * browsers refuse synchronous compilation of larger modules on their main thread: that too
 * leaves the TypeScript kernels in place instead of failing the interpreter.
 */
function kernelModule(source: KernelModuleSource): WasmModule | null {
  let module = compiled.get(source.name);
  if (module === undefined) {
    module = compileIfSupported(decodeBase64(source.base64));
    compiled.set(source.name, module);
  }
  return module;
}

function compileIfSupported(bytes: Uint8Array): WasmModule | null {
  if (webAssembly === undefined || !webAssembly.validate(bytes)) return null;
  try {
    return new webAssembly.Module(bytes);
  } catch {
    return null;
  }
}

/** Whether kernels created from now on use this module (SIMD available and not switched off). */
export function wasmKernelsAvailable(source: KernelModuleSource): boolean {
  return enabled && kernelModule(source) !== null;
}

/**
 * Switches the WebAssembly kernels on or off for kernels created afterwards (benchmarks and
 * tests compare both paths in one process); the TypeScript kernels run when off.
 */
export function useWasmKernels(on: boolean): void {
  enabled = on;
}

/** Whether WebAssembly kernels are switched on (they may still be unavailable). */
export function wasmKernelsEnabled(): boolean {
  return enabled;
}

/**
 * A fresh instance of `source` with `bytes` of zeroed memory of its own, or undefined when
 * unavailable. Modules keep no static data, so the whole memory is the caller's, from offset 0.
 */
export function instantiateKernels<Exports>(
  source: KernelModuleSource,
  bytes: number,
): WasmKernelInstance<Exports> | undefined {
  const module = enabled ? kernelModule(source) : null;
  if (module === null || webAssembly === undefined) return undefined;
  const pages = Math.max(1, Math.ceil(bytes / PAGE_BYTES));
  const memory = new webAssembly.Memory({ initial: pages, maximum: pages });
  const instance = new webAssembly.Instance(module, { env: { memory } });
  return { memory, exports: instance.exports as Exports };
}
