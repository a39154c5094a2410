/**
 * Memory layout facts shared by the loaders of the WebAssembly training kernels
 * (assembly/lib/tr-gemm.ts packs operands into panels of four lines of f64).
 */
const PANEL = 4;
const DOUBLE_BYTES = 8;
export const FLOAT_BYTES = 4;
/**
 * Memory beyond which a training kernel declines (the TypeScript kernel runs instead): far
 * above any product or sequence training sees, well below WebAssembly's 4 GiB address space.
 */
export const MAX_INSTANCE_BYTES = 1 << 30;

/** Bytes of `lines` lines of `depth` values packed into panels (the last padded to four lines). */
export function panelBytes(lines: number, depth: number): number {
  return Math.ceil(lines / PANEL) * PANEL * depth * DOUBLE_BYTES;
}

/** The next multiple of 16 bytes, so f64 panels and v128 loads stay aligned. */
export function align16(bytes: number): number {
  return (bytes + 15) & ~15;
}

/** The panel packer both training modules export (assembly/lib/tr-gemm.ts `pack`). */
export interface PanelPacker {
  /** Byte offsets src and dst; strides in floats: line l, depth p is src[l·lineStride + p·depthStride]. */
  pack(src: number, lines: number, depth: number, lineStride: number, depthStride: number, dst: number): void;
}
