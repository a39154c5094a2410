/** The alignment of every region: v128 loads and stores. */
const VECTOR_BYTES = 16;

/** Bytes rounded up to a whole number of 16-byte vectors: where the next region may start. */
export const align = (bytes: number): number => Math.ceil(bytes / VECTOR_BYTES) * VECTOR_BYTES;

/**
 * Regions of a kernel's WebAssembly memory laid out one after another from `start`, each
 * 16-byte aligned for v128 loads and followed by `slack` spare bytes (for loops that read or
 * store a vector past a region's end).
 */
export class ByteLayout {
  private end: number;

  constructor(
    start = 0,
    private readonly slack = 0,
  ) {
    this.end = align(start);
  }

  /** The byte offset of a new region of `bytes` bytes. */
  take(bytes: number): number {
    const at = this.end;
    this.end = align(at + bytes + this.slack);
    return at;
  }

  /** Bytes the regions taken so far need. */
  get bytes(): number {
    return this.end;
  }
}
