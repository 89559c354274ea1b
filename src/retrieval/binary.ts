/**
 * Small helpers for the index's binary files: typed-array views that respect alignment, a
 * growable Uint32 buffer, and the file checksum. Little-endian is assumed (every platform
 * Node ships on); the files record it so a big-endian reader refuses them instead of misreading.
 */
import { createHash } from 'node:crypto';

/** A Uint32Array that grows by doubling; `view()` returns the filled part without copying. */
export class GrowableUint32 {
  private data: Uint32Array;
  length = 0;

  constructor(initialCapacity = 1024) {
    this.data = new Uint32Array(Math.max(16, initialCapacity));
  }

  /** Appends one value. */
  push(value: number): void {
    if (this.length === this.data.length) {
      const next = new Uint32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = value;
  }

  /** Adds `delta` to the value at `i` (which must be below `length`). */
  add(i: number, delta: number): void {
    this.data[i] += delta;
  }

  /** The filled part (a view: later pushes may reallocate and detach it from this buffer). */
  view(): Uint32Array {
    return this.data.subarray(0, this.length);
  }
}

/**
 * A typed array over `bytes` of `buf` starting at `offset`. Views when the address is aligned
 * to the element size, copies otherwise (Buffers from `readFileSync` need not be aligned).
 */
export function typedView<T extends Uint32Array | Uint16Array | Float32Array>(
  ctor: { new (buffer: ArrayBufferLike, byteOffset: number, length: number): T; new (length: number): T; BYTES_PER_ELEMENT: number },
  buf: Uint8Array,
  offset: number,
  length: number,
): T {
  const bytes = length * ctor.BYTES_PER_ELEMENT;
  if (offset < 0 || offset + bytes > buf.byteLength) throw new RangeError(`typed view out of range (${offset}+${bytes} > ${buf.byteLength})`);
  const abs = buf.byteOffset + offset;
  if (abs % ctor.BYTES_PER_ELEMENT === 0) return new ctor(buf.buffer, abs, length);
  const out = new ctor(length);
  new Uint8Array(out.buffer).set(buf.subarray(offset, offset + bytes));
  return out;
}

/** The bytes of a typed array (a view, no copy). */
export function bytesOf(a: ArrayBufferView): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

/** Hex sha256 of some bytes. */
export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** True on little-endian hosts. */
export const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
