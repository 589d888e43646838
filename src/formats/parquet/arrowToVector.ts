/**
 * Arrow arrays (views into parquet-wasm's memory) → our Vectors (JS-owned copies).
 *
 * The input views die when the FFI table is dropped and move when wasm memory grows, so every
 * output array is a copy; conversion is typed-array work, with per-value JS objects only where
 * the storage demands them (bigints beyond 2^53, dictionary strings).
 *
 * Views are rebuilt from each buffer's (buffer, byteOffset) and the array length rather than
 * used as arrow-js-ffi shaped them: with copy=false, arrow-js-ffi 0.4.3 gives a Decimal128 view
 * n words long instead of 4n, and Bool a view n bytes long instead of ⌈n/8⌉.
 */
import { DataType, DateUnit, Precision, TimeUnit, type Data, type Vector as ArrowVector } from 'apache-arrow';
import { DataError, InternalError } from '../../errors.ts';
import { TWO_32, dataBuffer, exactIntegers, exactIntegersAt, smallIntView, type IntegerSource } from './arrowIntegers.ts';
import { formatType, type SqlType } from '../../types/sqlType.ts';
import { VectorBuilder, concatVectors, decodeUtf8, type Nulls, type Selection, type Vector } from '../../types/vector.ts';

export interface ConvertOptions {
  /** Integer and decimal columns convert only these rows (their conversion is the costly one). */
  readonly sel?: Selection;
  /** What the file stored the integers as; by default the widest Arrow allows. */
  readonly source?: IntegerSource;
}

/**
 * An Arrow column (zero-copy views into wasm memory) as a Vector copied out of it. `column`
 * describes the column in errors, e.g. `column "x" of s3://b/f.parquet`.
 */
export function arrowToVector(chunks: readonly Data[], type: SqlType, column: string, opts: ConvertOptions = {}): Vector {
  const parts = chunks.filter((c) => c.length > 0);
  const length = parts.reduce((n, c) => n + c.length, 0);
  const first = parts[0];
  if (first === undefined) return new VectorBuilder(type, 0).finish();
  for (const c of parts) {
    // arrow-rs builds fresh arrays when decoding Parquet; arrow-js-ffi ignores offsets in places.
    if (c.offset !== 0) throw new InternalError(`Arrow array for ${column} has offset ${c.offset}; only 0 is handled`);
  }
  const nulls = collectNulls(parts, length);
  const at = first.type;
  if (DataType.isDictionary(at)) return dictionaryVector(parts, type, nulls, length, column);
  // Files carrying an Arrow schema (pyarrow, arrow-rs) can ask for Arrow types we do not map.
  const mismatch = (): DataError =>
    new DataError('NOT_SUPPORTED', `${column} decodes as Arrow ${String(at)}, which cannot be read as ${formatType(type)}`);
  switch (type.kind) {
    case 'boolean':
      if (!DataType.isBool(at)) throw mismatch();
      return { storage: 'bool', type, length, nulls, values: unpackBits(parts, length) };
    case 'tinyint':
    case 'smallint':
    case 'integer':
      if (!DataType.isInt(at) || at.bitWidth > 32 || (!at.isSigned && at.bitWidth > 16)) throw mismatch();
      return { storage: 'i32', type, length, nulls, values: copyInt32(parts, length) };
    case 'date':
      if (!DataType.isDate(at)) throw mismatch();
      return { storage: 'i32', type, length, nulls, values: at.unit === DateUnit.DAY ? copyInt32(parts, length) : millisToDays(parts, length) };
    case 'bigint':
    case 'decimal':
      if (DataType.isDecimal(at)) {
        if (type.kind !== 'decimal' || at.scale !== type.scale || at.bitWidth !== 128) throw mismatch();
      } else if (!DataType.isInt(at)) throw mismatch();
      return opts.sel === undefined ? exactIntegers(parts, type, nulls, length, opts.source) : exactIntegersAt(parts, type, nulls, length, opts.sel, opts.source);
    case 'real':
    case 'double': {
      if (!DataType.isFloat(at) || at.precision === Precision.HALF) throw mismatch();
      const values = new Float64Array(length);
      let pos = 0;
      for (const c of parts) {
        const src = dataBuffer(c);
        const view = at.precision === Precision.SINGLE ? new Float32Array(src.buffer, src.byteOffset, c.length) : new Float64Array(src.buffer, src.byteOffset, c.length);
        values.set(view, pos);
        pos += c.length;
      }
      return { storage: 'f64', type, length, nulls, values };
    }
    case 'timestamp':
      if (!DataType.isTimestamp(at)) throw mismatch();
      return { storage: 'f64', type, length, nulls, values: timestampMicros(parts, length, at.unit) };
    case 'varchar':
    case 'varbinary':
      if (!(DataType.isUtf8(at) || DataType.isBinary(at) || DataType.isLargeUtf8(at) || DataType.isLargeBinary(at) || DataType.isFixedSizeBinary(at))) throw mismatch();
      return binaryVector(parts, type, nulls, length);
    default:
      throw mismatch();
  }
}

function collectNulls(parts: readonly Data[], length: number): Nulls {
  let out: Uint8Array | null = null;
  let pos = 0;
  for (const c of parts) {
    const bitmap: unknown = c.nullBitmap;
    if (c.nullCount !== 0 && ArrayBuffer.isView(bitmap) && bitmap.byteLength > 0) {
      out ??= new Uint8Array(length);
      const bits = new Uint8Array(bitmap.buffer, bitmap.byteOffset, (c.length + 7) >> 3);
      for (let b = 0; b < bits.length; b++) {
        const byte = bits[b]!;
        if (byte === 0xff) continue;
        const base = b * 8;
        const lim = Math.min(8, c.length - base);
        for (let k = 0; k < lim; k++) out[pos + base + k] = ((byte >> k) & 1) ^ 1;
      }
    }
    pos += c.length;
  }
  return out;
}

function unpackBits(parts: readonly Data[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let pos = 0;
  for (const c of parts) {
    const src = dataBuffer(c);
    const bits = new Uint8Array(src.buffer, src.byteOffset, (c.length + 7) >> 3);
    for (let b = 0; b < bits.length; b++) {
      const byte = bits[b]!;
      if (byte === 0) continue;
      const base = pos + b * 8;
      const lim = Math.min(8, c.length - b * 8);
      for (let k = 0; k < lim; k++) out[base + k] = (byte >> k) & 1;
    }
    pos += c.length;
  }
  return out;
}

function copyInt32(parts: readonly Data[], length: number): Int32Array {
  const out = new Int32Array(length);
  let pos = 0;
  for (const c of parts) {
    out.set(smallIntView(c), pos);
    pos += c.length;
  }
  return out;
}

function millisToDays(parts: readonly Data[], length: number): Int32Array {
  const out = new Int32Array(length);
  let pos = 0;
  for (const c of parts) {
    const src = dataBuffer(c);
    const w = new Int32Array(src.buffer, src.byteOffset, 2 * c.length);
    for (let i = 0; i < c.length; i++) out[pos + i] = Math.floor((w[2 * i + 1]! * TWO_32 + (w[2 * i]! >>> 0)) / 86_400_000);
    pos += c.length;
  }
  return out;
}

/** Microseconds since the epoch; nanoseconds are floored to the microsecond. */
function timestampMicros(parts: readonly Data[], length: number, unit: TimeUnit): Float64Array {
  const out = new Float64Array(length);
  let pos = 0;
  for (const c of parts) {
    const src = dataBuffer(c);
    const w = new Int32Array(src.buffer, src.byteOffset, 2 * c.length);
    for (let i = 0; i < c.length; i++) {
      const hi = w[2 * i + 1]!;
      const lo = w[2 * i]! >>> 0;
      let micros: number;
      switch (unit) {
        case TimeUnit.NANOSECOND:
          // hi·2^32 = hi·4294967·1000 + hi·296, so ⌊ns/1000⌋ needs no 64-bit arithmetic and
          // stays exact (hi·296 + lo < 2^41).
          micros = hi * 4294967 + Math.floor((hi * 296 + lo) / 1000);
          break;
        case TimeUnit.MICROSECOND:
          micros = hi * TWO_32 + lo;
          break;
        case TimeUnit.MILLISECOND:
          micros = (hi * TWO_32 + lo) * 1000;
          break;
        default:
          micros = (hi * TWO_32 + lo) * 1_000_000;
      }
      out[pos + i] = micros;
    }
    pos += c.length;
  }
  return out;
}

/** Offsets (rebased to 0) and bytes of variable- or fixed-width binary arrays, copied. */
function binaryVector(parts: readonly Data[], type: SqlType, nulls: Nulls, length: number): Vector {
  const spans = parts.map((c) => {
    const src = dataBuffer(c);
    const t = c.type;
    if (DataType.isFixedSizeBinary(t)) {
      return { c, bytes: new Uint8Array(src.buffer, src.byteOffset, c.length * t.byteWidth), offsets: null, width: t.byteWidth };
    }
    const offsets: unknown = c.valueOffsets;
    if (!(offsets instanceof Int32Array)) throw new InternalError(`Arrow ${String(t)} array has no Int32 offsets`);
    const o = offsets.subarray(0, c.length + 1);
    return { c, bytes: new Uint8Array(src.buffer, src.byteOffset + o[0]!, o[c.length]! - o[0]!), offsets: o, width: 0 };
  });
  const total = spans.reduce((n, s) => n + s.bytes.length, 0);
  if (total > 0x7fffffff) throw new InternalError(`string column of ${total} bytes exceeds Int32 offsets`);
  const bytes = new Uint8Array(total);
  const offsets = new Int32Array(length + 1);
  let pos = 0;
  let base = 0;
  for (const s of spans) {
    bytes.set(s.bytes, base);
    const n = s.c.length;
    if (s.offsets === null) {
      for (let i = 1; i <= n; i++) offsets[pos + i] = base + i * s.width;
    } else {
      const shift = base - s.offsets[0]!;
      offsets.set(s.offsets.subarray(1), pos + 1);
      if (shift !== 0) for (let i = 1; i <= n; i++) offsets[pos + i]! += shift;
    }
    base += s.bytes.length;
    pos += n;
  }
  return { storage: 'binary', type, length, nulls, offsets, bytes };
}

/** Dictionary-encoded arrays keep their encoding: codes plus a (small) dictionary vector. */
function dictionaryVector(parts: readonly Data[], type: SqlType, nulls: Nulls, length: number, column: string): Vector {
  const dictionaries: ArrowVector[] = [];
  const bases: number[] = [];
  let dictLength = 0;
  const codes = new Int32Array(length);
  let pos = 0;
  for (const c of parts) {
    const dict = c.dictionary;
    if (dict === undefined) throw new InternalError(`${column}: dictionary array without a dictionary`);
    let k = dictionaries.indexOf(dict);
    if (k < 0) {
      k = dictionaries.push(dict) - 1;
      bases.push(dictLength);
      dictLength += dict.length;
    }
    const indices = smallIntView(c, DataType.isDictionary(c.type) ? c.type.indices : c.type);
    const shift = bases[k]!;
    if (shift === 0 && indices instanceof Int32Array) codes.set(indices, pos);
    else for (let i = 0; i < c.length; i++) codes[pos + i] = indices[i]! + shift;
    pos += c.length;
  }
  const converted = dictionaries.map((d) => dictionaryValues(d.data, type, column));
  const dictionary = converted.length === 1 ? converted[0]! : concatDictionaries(type, converted);
  return { storage: 'dict', type, length, nulls, codes, dictionary };
}

function dictionaryValues(chunks: readonly Data[], type: SqlType, column: string): Vector {
  const v = arrowToVector(chunks, type, column);
  if (v.storage !== 'binary' || type.kind !== 'varchar') return v;
  // String dictionaries are small and every code lookup would decode: decode each entry once.
  const strings: string[] = new Array<string>(v.length);
  for (let i = 0; i < v.length; i++) strings[i] = decodeUtf8(v.bytes, v.offsets[i]!, v.offsets[i + 1]!);
  return { storage: 'str', type, length: v.length, nulls: v.nulls, values: strings };
}

function concatDictionaries(type: SqlType, parts: readonly Vector[]): Vector {
  if (parts.every((p) => p.storage === 'str')) {
    const values = parts.flatMap((p) => (p.storage === 'str' ? p.values : []));
    const anyNulls = parts.some((p) => p.nulls !== null);
    let nulls: Nulls = null;
    if (anyNulls) {
      nulls = new Uint8Array(values.length);
      let pos = 0;
      for (const p of parts) {
        if (p.nulls !== null) nulls.set(p.nulls, pos);
        pos += p.length;
      }
    }
    return { storage: 'str', type, length: values.length, nulls, values };
  }
  return concatVectors(type, parts);
}
