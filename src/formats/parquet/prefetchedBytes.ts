/**
 * A blob-like view of a Parquet object that serves only bytes fetched beforehand (the footer,
 * the column chunks of the row group being decoded), so parquet-wasm never issues requests of
 * its own: we choose what is fetched, coalesce it, prefetch it and count it.
 *
 * parquet-wasm asks for the chunks we compute, but merges chunks separated by less than ~1 KiB
 * into one slice (measured: a 591-byte gap merged, 1,621 bytes not). The bytes of such a gap
 * belong to columns it does not decode, so a gap strictly between two prefetched pieces is
 * served as zeros rather than fetched. Any other byte outside the prefetched pieces is a bug in
 * our range computation: it is recorded as an InternalError before the slice throws, because
 * parquet-wasm turns the throw into a panic that loses the message.
 */
import { InternalError } from '../../errors.ts';
import type { BlobLike } from './wasmDecoder.ts';

/** Largest gap between prefetched pieces served as zeros (parquet-wasm merges gaps under ~1 KiB). */
export const MAX_FILLED_GAP_BYTES = 64 * 1024;

interface Piece {
  readonly start: number;
  readonly end: number;
  readonly bytes: Uint8Array;
  readonly tag: string;
}

export class PrefetchedBytes implements BlobLike {
  readonly size: number;
  private readonly uri: string;
  private pieces: Piece[] = [];
  /** The first out-of-bounds request, if any. */
  violation: InternalError | null = null;

  constructor(uri: string, size: number) {
    this.uri = uri;
    this.size = size;
  }

  /** Make `bytes`, which hold the object's bytes from `start`, available under `tag`. */
  add(start: number, bytes: Uint8Array, tag: string): void {
    if (bytes.length === 0) return;
    const piece = { start, end: start + bytes.length, bytes, tag };
    let i = this.pieces.length;
    while (i > 0 && this.pieces[i - 1]!.start > start) i--;
    this.pieces.splice(i, 0, piece);
  }

  /** Forget every piece added under `tag` (they can then be garbage collected). */
  drop(tag: string): void {
    this.pieces = this.pieces.filter((p) => p.tag !== tag);
  }

  slice(start: number, end: number): { arrayBuffer(): Promise<ArrayBuffer> } {
    const buffer = this.copyRange(start, end);
    return { arrayBuffer: () => Promise.resolve(buffer) };
  }

  /** Bytes [start, end) assembled from pieces (gaps between them zero), as a fresh ArrayBuffer. */
  private copyRange(start: number, end: number): ArrayBuffer {
    const out = new Uint8Array(Math.max(0, end - start));
    let pos = start;
    for (const p of this.pieces) {
      if (pos >= end) break;
      if (p.end <= pos) continue;
      if (p.start > pos) {
        // Only a small gap that a piece already served opened: anything else is missing data.
        const gap = p.start - pos;
        if (pos === start || gap > MAX_FILLED_GAP_BYTES || p.start >= end) break;
        pos = p.start;
      }
      const upto = Math.min(end, p.end);
      out.set(p.bytes.subarray(pos - p.start, upto - p.start), pos - start);
      pos = upto;
    }
    if (pos < end || start < 0 || end > this.size) {
      this.violation ??= new InternalError(
        `parquet-wasm asked for bytes [${start}, ${end}) of ${this.uri}, which were not prefetched (missing from ${pos}; prefetched: ${this.describe()})`,
      );
      throw this.violation;
    }
    return out.buffer;
  }

  private describe(): string {
    return this.pieces.map((p) => `[${p.start}, ${p.end})`).join(' ') || 'nothing';
  }
}
