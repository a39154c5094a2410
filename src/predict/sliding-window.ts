/**
 * The last `length` readings of a stream, cut into windows the way the data stage cuts a
 * long-layout recording: the first window when `length` readings have arrived, then one
 * every `stride` readings (a stride above the length skips readings between windows).
 * Readings live in a ring, so pushing never allocates; each carries a caller's tag
 * (row number, timestamp, label) for the window's provenance.
 */
export class SlidingWindow<Tag> {
  private readonly values: Float32Array;
  private readonly tags: Tag[];
  /** Readings pushed since the start (or the last reset). */
  private pushed = 0;

  constructor(
    readonly length: number,
    /** Values per reading (the channels). */
    readonly width: number,
    readonly stride: number,
  ) {
    this.values = new Float32Array(length * width);
    this.tags = new Array<Tag>(length);
  }

  /** Adds one reading; true when it completes a window. */
  push(reading: ArrayLike<number>, tag: Tag): boolean {
    const slot = this.pushed % this.length;
    for (let c = 0; c < this.width; c++) this.values[slot * this.width + c] = reading[c];
    this.tags[slot] = tag;
    this.pushed++;
    return this.pushed >= this.length && (this.pushed - this.length) % this.stride === 0;
  }

  /** The current window, oldest reading first, written to out[offset .. offset + length * width). */
  copyTo(out: Float32Array, offset = 0): void {
    const oldest = (this.pushed % this.length) * this.width;
    const size = this.length * this.width;
    out.set(this.values.subarray(oldest, size), offset);
    out.set(this.values.subarray(0, oldest), offset + size - oldest);
  }

  /** The tag of the window's reading at `position` (0 = oldest). */
  tag(position: number): Tag {
    return this.tags[(this.pushed + position) % this.length];
  }
}
