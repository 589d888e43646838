/**
 * Binary encoding of batches for partials, merge outputs and results: a JSON header describing
 * each column's storage, then the raw typed-array bytes, the whole gzip-compressed. Vectors keep
 * their storage (dictionaries stay dictionaries), so decoding is mostly typed-array views.
 *
 *   'SQB1' | u32 header length | header JSON | body
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { DataError } from '../errors.ts';
import type { SqlType } from '../types/sqlType.ts';
import { parseTagged, stringifyTagged } from '../types/taggedJson.ts';
import type { Value } from '../types/value.ts';
import { decodeUtf8, encodeUtf8, type Batch, type Vector } from '../types/vector.ts';

const MAGIC = 'SQB1';

type ColumnHeader =
  | { s: 'bool' | 'i32' | 'f64'; n: number; nulls: number | null; values: number }
  | { s: 'big'; n: number; nulls: number | null; text: number; offsets: number }
  | { s: 'str' | 'binary'; n: number; nulls: number | null; bytes: number; offsets: number }
  | { s: 'dict'; n: number; nulls: number | null; codes: number; dictionary: ColumnHeader }
  | { s: 'const'; n: number; value: unknown }
  | { s: 'array'; n: number; nulls: number | null; offsets: number; elements: ColumnHeader };

/** A body section: [byteOffset, byteLength]. */
type Section = [number, number];

interface Header {
  rows: number;
  types: SqlType[];
  columns: ColumnHeader[];
  sections: Section[];
  /** Anything the writer wants to carry along (e.g. stats). */
  meta: unknown;
}

class BodyWriter {
  readonly parts: Uint8Array[] = [];
  readonly sections: Section[] = [];
  private size = 0;

  add(bytes: Uint8Array): number {
    const pad = (8 - (this.size % 8)) % 8;
    if (pad > 0) {
      this.parts.push(new Uint8Array(pad));
      this.size += pad;
    }
    this.parts.push(bytes);
    this.sections.push([this.size, bytes.byteLength]);
    this.size += bytes.byteLength;
    return this.sections.length - 1;
  }

  addTyped(a: Uint8Array | Int32Array | Float64Array): number {
    return this.add(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  }
}

function encodeColumn(v: Vector, w: BodyWriter): ColumnHeader {
  const nulls = v.storage !== 'const' && v.nulls !== null ? w.addTyped(v.nulls.subarray(0, v.length)) : null;
  switch (v.storage) {
    case 'bool':
    case 'i32':
    case 'f64':
      return { s: v.storage, n: v.length, nulls, values: w.addTyped(v.values.subarray(0, v.length)) };
    case 'big': {
      const texts = Array.from({ length: v.length }, (_x, i) => (v.values[i] ?? 0n).toString());
      const { bytes, offsets } = packStrings(texts);
      return { s: 'big', n: v.length, nulls, text: w.add(bytes), offsets: w.addTyped(offsets) };
    }
    case 'str': {
      const { bytes, offsets } = packStrings(v.values.slice(0, v.length));
      return { s: 'str', n: v.length, nulls, bytes: w.add(bytes), offsets: w.addTyped(offsets) };
    }
    case 'binary': {
      const base = v.offsets[0]!;
      const offsets = new Int32Array(v.length + 1);
      for (let i = 0; i <= v.length; i++) offsets[i] = v.offsets[i]! - base;
      return { s: 'binary', n: v.length, nulls, bytes: w.add(v.bytes.subarray(base, v.offsets[v.length]!)), offsets: w.addTyped(offsets) };
    }
    case 'dict':
      return { s: 'dict', n: v.length, nulls, codes: w.addTyped(v.codes.subarray(0, v.length)), dictionary: encodeColumn(v.dictionary, w) };
    case 'const':
      return { s: 'const', n: v.length, value: v.value };
    case 'array':
      return { s: 'array', n: v.length, nulls, offsets: w.addTyped(v.offsets.subarray(0, v.length + 1)), elements: encodeColumn(v.elements, w) };
    default: {
      const never: never = v;
      throw new Error(`unexpected vector ${JSON.stringify(never)}`);
    }
  }
}

function packStrings(texts: readonly string[]): { bytes: Uint8Array; offsets: Int32Array } {
  const encoded = texts.map(encodeUtf8);
  const offsets = new Int32Array(texts.length + 1);
  let total = 0;
  encoded.forEach((b, i) => {
    total += b.length;
    offsets[i + 1] = total;
  });
  const bytes = new Uint8Array(total);
  encoded.forEach((b, i) => bytes.set(b, offsets[i]!));
  return { bytes, offsets };
}

export function encodeBatch(batch: Batch, types: readonly SqlType[], meta: unknown = null): Uint8Array {
  const w = new BodyWriter();
  const columns = batch.columns.map((c) => encodeColumn(c, w));
  const header: Header = { rows: batch.length, types: [...types], columns, sections: w.sections, meta };
  const headerBytes = encodeUtf8(stringifyTagged(header));
  const prefix = new Uint8Array(8);
  prefix.set(encodeUtf8(MAGIC), 0);
  new DataView(prefix.buffer).setUint32(4, headerBytes.length, true);
  const raw = Buffer.concat([prefix, headerBytes, new Uint8Array((8 - ((8 + headerBytes.length) % 8)) % 8), ...w.parts]);
  return gzipSync(raw, { level: 1 });
}

export interface DecodedBatch {
  readonly batch: Batch;
  readonly types: SqlType[];
  readonly meta: unknown;
}

export function decodeBatch(compressed: Uint8Array, source: string): DecodedBatch {
  let raw: Buffer;
  try {
    raw = gunzipSync(compressed);
  } catch (err) {
    throw new DataError('CORRUPT_FILE', `Corrupt intermediate object ${source}: ${(err as Error).message}`);
  }
  if (raw.length < 8 || raw.toString('latin1', 0, 4) !== MAGIC) {
    throw new DataError('CORRUPT_FILE', `Corrupt intermediate object ${source}: bad magic`);
  }
  const headerLength = raw.readUInt32LE(4);
  const header = parseTagged<Header>(raw.toString('utf8', 8, 8 + headerLength));
  const bodyStart = 8 + headerLength + ((8 - ((8 + headerLength) % 8)) % 8);
  // Copy the body once into an aligned buffer so typed arrays can view it directly.
  const body = new Uint8Array(raw.length - bodyStart);
  body.set(raw.subarray(bodyStart));
  const section = (i: number): Uint8Array => {
    const [off, len] = header.sections[i]!;
    return body.subarray(off, off + len);
  };
  const i32 = (i: number): Int32Array => {
    const b = section(i);
    return new Int32Array(b.buffer, b.byteOffset, b.byteLength / 4);
  };
  const decodeColumn = (h: ColumnHeader, type: SqlType): Vector => {
    const nulls = 'nulls' in h && h.nulls !== null ? section(h.nulls) : null;
    switch (h.s) {
      case 'bool':
        return { storage: 'bool', type, length: h.n, nulls, values: section(h.values) };
      case 'i32':
        return { storage: 'i32', type, length: h.n, nulls, values: i32(h.values) };
      case 'f64': {
        const b = section(h.values);
        return { storage: 'f64', type, length: h.n, nulls, values: new Float64Array(b.buffer, b.byteOffset, b.byteLength / 8) };
      }
      case 'big': {
        const bytes = section(h.text);
        const offsets = i32(h.offsets);
        const values = Array.from({ length: h.n }, (_x, i) => BigInt(decodeUtf8(bytes, offsets[i]!, offsets[i + 1]!)));
        return { storage: 'big', type, length: h.n, nulls, values };
      }
      case 'str':
      case 'binary':
        return { storage: 'binary', type, length: h.n, nulls, offsets: i32(h.offsets), bytes: section(h.bytes) };
      case 'dict':
        return { storage: 'dict', type, length: h.n, nulls, codes: i32(h.codes), dictionary: decodeColumn(h.dictionary, type) };
      case 'const':
        return { storage: 'const', type, length: h.n, nulls: null, value: h.value as Value };
      case 'array': {
        const element = type.kind === 'array' ? type.element : type;
        return { storage: 'array', type, length: h.n, nulls, offsets: i32(h.offsets), elements: decodeColumn(h.elements, element) };
      }
      default: {
        const never: never = h;
        throw new Error(`unexpected column header ${JSON.stringify(never)}`);
      }
    }
  };
  const columns = header.columns.map((h, i) => decodeColumn(h, header.types[i]!));
  return { batch: { columns, length: header.rows }, types: header.types, meta: header.meta };
}
