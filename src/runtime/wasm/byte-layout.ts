/** Regions of a kernel's WebAssembly memory laid out one after another, each 16-byte aligned for v128 loads. */
export class ByteLayout {
  private end = 0;

  /** The byte offset of a new region of `bytes` bytes. */
  take(bytes: number): number {
    const at = this.end;
    this.end += Math.ceil(bytes / 16) * 16;
    return at;
  }

  /** Bytes the regions taken so far need. */
  get bytes(): number {
    return this.end;
  }
}
