/**
 * A FIFO of byte chunks for stream parsers: push what arrives, take exact
 * lengths out, without re-concatenating everything on each push (which would
 * make a long stream quadratic).
 */
export class ByteQueue {
  #chunks: Uint8Array[] = [];
  #head = 0; // offset into #chunks[0]
  #length = 0;

  get length(): number {
    return this.#length;
  }

  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.#chunks.push(chunk);
    this.#length += chunk.length;
  }

  /** The first queued byte, without removing it. */
  peek(): number | undefined {
    return this.#chunks[0]?.[this.#head];
  }

  /** The index of `byte` within the first `limit` queued bytes, or -1. */
  indexOf(byte: number, from = 0, limit = this.#length): number {
    let base = 0;
    for (let c = 0; c < this.#chunks.length && base < limit; c++) {
      const chunk = this.#chunks[c] as Uint8Array;
      const start = c === 0 ? this.#head : 0;
      const size = chunk.length - start;
      if (from < base + size) {
        const i = chunk.indexOf(byte, start + Math.max(0, from - base));
        if (i >= 0 && base + (i - start) < limit) return base + (i - start);
      }
      base += size;
    }
    return -1;
  }

  /**
   * Removes and returns the first `n` bytes (n ≤ length). When they lie in
   * one pushed chunk the result is a view of it, not a copy: callers read it,
   * they do not write to it.
   */
  take(n: number): Uint8Array {
    if (n > this.#length) throw new RangeError("ByteQueue.take beyond queued length");
    const first = this.#chunks[0];
    if (first && first.length - this.#head >= n) {
      const view = first.subarray(this.#head, this.#head + n);
      this.#head += n;
      if (this.#head === first.length) {
        this.#chunks.shift();
        this.#head = 0;
      }
      this.#length -= n;
      return view;
    }
    const out = new Uint8Array(n);
    let filled = 0;
    while (filled < n) {
      const chunk = this.#chunks[0] as Uint8Array;
      const available = chunk.length - this.#head;
      const count = Math.min(available, n - filled);
      out.set(chunk.subarray(this.#head, this.#head + count), filled);
      filled += count;
      if (count === available) {
        this.#chunks.shift();
        this.#head = 0;
      } else {
        this.#head += count;
      }
    }
    this.#length -= n;
    return out;
  }

  /** Removes and returns everything queued. */
  takeAll(): Uint8Array {
    return this.take(this.#length);
  }
}
