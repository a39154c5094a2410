/**
 * The part of the WebAssembly JS API the kernels use, typed here because the project's libs
 * (ES2022 + Node types, no DOM) do not declare it; undefined where the engine has none.
 */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
}

/** A compiled module: opaque to us, only handed back to `Instance`. */
export interface WasmModule {
  readonly compiledModule: unique symbol;
}

export interface WebAssemblyApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => WasmModule;
  Memory: new (descriptor: { initial: number; maximum: number }) => WasmMemory;
  Instance: new (
    module: WasmModule,
    imports: Record<string, Record<string, unknown>>,
  ) => { readonly exports: Record<string, unknown> };
}

export const webAssembly: WebAssemblyApi | undefined = (globalThis as { WebAssembly?: WebAssemblyApi })
  .WebAssembly;
