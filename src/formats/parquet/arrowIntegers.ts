/**
 * Arrow integer and decimal arrays (views into wasm memory) as exact JS numbers: typed views of
 * their buffers, and bigint/decimal columns in 'f64' storage when every value allows it.
 */
import { DataType, type Data } from 'apache-arrow';
import { InternalError } from '../../errors.ts';
import type { SqlType } from '../../types/sqlType.ts';
import { MAX_EXACT_F64, type Nulls, type Selection, type Vector } from '../../types/vector.ts';

export const TWO_32 = 4294967296;
/**
 * Bounds of the high 32-bit word of an int64 within ±(2^53-1): [-2^21, 2^21 - 1], except that
 * at -2^21 the low word must be non-zero (-2^53 itself is out).
 */
const HI_MAX = 0x1fffff;
const HI_MIN = -0x200000;

/** The data buffer of an array (a view into wasm memory). */
export function dataBuffer(c: Data): ArrayBufferView {
  const v: unknown = c.values;
  if (!ArrayBuffer.isView(v)) throw new InternalError(`Arrow ${String(c.type)} array has no data buffer`);
  return v;
}

type IntView = Int8Array | Int16Array | Int32Array | Uint8Array | Uint16Array | Uint32Array;

/** A ≤32-bit integer array (or Date32) as its natural typed array. */
export function smallIntView(c: Data, t: DataType = c.type): IntView {
  const src = dataBuffer(c);
  const bits = DataType.isInt(t) ? t.bitWidth : 32;
  const signed = DataType.isInt(t) ? t.isSigned : true;
  const { buffer, byteOffset } = src;
  switch (bits) {
    case 8:
      return signed ? new Int8Array(buffer, byteOffset, c.length) : new Uint8Array(buffer, byteOffset, c.length);
    case 16:
      return signed ? new Int16Array(buffer, byteOffset, c.length) : new Uint16Array(buffer, byteOffset, c.length);
    case 32:
      return signed ? new Int32Array(buffer, byteOffset, c.length) : new Uint32Array(buffer, byteOffset, c.length);
    default:
      throw new InternalError(`not a 32-bit-or-narrower integer array: ${String(t)}`);
  }
}

/** Which wide layout a chunk has: 2 or 4 little-endian 32-bit words per value, or narrow. */
function wordsPerValue(c: Data): 0 | 2 | 4 {
  const t = c.type;
  if (DataType.isDecimal(t)) return 4;
  if (DataType.isInt(t)) return t.bitWidth === 64 ? 2 : 0;
  throw new InternalError(`not an integer or decimal array: ${String(t)}`);
}

function isUnsigned64(c: Data): boolean {
  return DataType.isInt(c.type) && c.type.bitWidth === 64 && !c.type.isSigned;
}

/**
 * Where a column's integers came from. A Decimal128 decoded from a Parquet INT32 or INT64 column
 * holds a value that fitted 64 bits, so its upper two words are sign extension by construction
 * and need no check; one decoded from FIXED_LEN_BYTE_ARRAY may use all 128 bits.
 */
export interface IntegerSource {
  readonly fromInt64: boolean;
}

const WIDE_SOURCE: IntegerSource = { fromInt64: false };

/**
 * The rows `sel` only of a one-chunk integer or decimal column, as an f64 vector defined at
 * those rows (the storage rules allow a vector to define only the selected rows). Late
 * materialization: a column first needed after a selective filter converts a few rows, not
 * 122,880. When most rows are selected, the sequential whole-column loop is the faster one.
 * Falls back to the whole column when a value needs bigint storage.
 */
export function exactIntegersAt(parts: readonly Data[], type: SqlType, nulls: Nulls, length: number, sel: Selection, source: IntegerSource = WIDE_SOURCE): Vector {
  const c = parts[0];
  const words = c === undefined ? 0 : wordsPerValue(c);
  if (parts.length !== 1 || words === 0 || isUnsigned64(c!) || sel.length * 2 >= length) return exactIntegers(parts, type, nulls, length, source);
  const src = dataBuffer(c!);
  const w = new Int32Array(src.buffer, src.byteOffset, words * c!.length);
  const out = new Float64Array(length);
  const checkUpper = words === 4 && !source.fromInt64;
  let min = 0;
  let max = 0;
  let upper = 0;
  for (let k = 0; k < sel.length; k++) {
    const i = sel[k]!;
    const j = i * words;
    const hi = w[j + 1]!;
    const x = hi * TWO_32 + (w[j]! >>> 0);
    if (x > max) max = x;
    if (x < min) min = x;
    if (checkUpper) upper |= (w[j + 2]! ^ (hi >> 31)) | (w[j + 3]! ^ (hi >> 31));
    out[i] = x;
  }
  // A NULL slot's bytes are unspecified: whatever failed, the whole-column path sorts it out.
  if (upper !== 0 || max > MAX_EXACT_F64 || min < -MAX_EXACT_F64) return exactIntegers(parts, type, nulls, length, source);
  return { storage: 'f64', type, length, nulls, values: out };
}

/**
 * bigint/decimal values: 'f64' when every non-NULL value is an integer within ±(2^53-1) (the
 * common case, checked while converting, without making bigints), else 'big'.
 */
export function exactIntegers(parts: readonly Data[], type: SqlType, nulls: Nulls, length: number, source: IntegerSource = WIDE_SOURCE): Vector {
  const asDoubles = new Float64Array(length);
  let pos = 0;
  let fits = true;
  for (const c of parts) {
    fits = toF64(c, nulls, asDoubles, pos, source);
    if (!fits) break;
    pos += c.length;
  }
  if (fits) return { storage: 'f64', type, length, nulls, values: asDoubles };
  if (parts.every((c) => wordsPerValue(c) === 2 && !isUnsigned64(c))) {
    const values = new BigInt64Array(length);
    let at = 0;
    for (const c of parts) {
      const src = dataBuffer(c);
      values.set(new BigInt64Array(src.buffer, src.byteOffset, c.length), at);
      at += c.length;
    }
    return { storage: 'big', type, length, nulls, values };
  }
  const values: bigint[] = new Array<bigint>(length);
  let at = 0;
  for (const c of parts) {
    const src = dataBuffer(c);
    const words = wordsPerValue(c);
    if (words === 0) {
      const v = smallIntView(c);
      for (let i = 0; i < c.length; i++) values[at + i] = BigInt(v[i]!);
    } else if (words === 2) {
      const v = isUnsigned64(c) ? new BigUint64Array(src.buffer, src.byteOffset, c.length) : new BigInt64Array(src.buffer, src.byteOffset, c.length);
      for (let i = 0; i < c.length; i++) values[at + i] = v[i]!;
    } else {
      const v = new BigInt64Array(src.buffer, src.byteOffset, 2 * c.length);
      for (let i = 0; i < c.length; i++) {
        const hi = v[2 * i + 1]!;
        const lo = v[2 * i]!;
        // A value that fits in 64 bits (nearly all of them) needs no 128-bit arithmetic.
        values[at + i] = hi === (lo < 0n ? -1n : 0n) ? lo : (hi << 64n) + BigInt.asUintN(64, lo);
      }
    }
    at += c.length;
  }
  return { storage: 'big', type, length, nulls, values };
}

/**
 * Write chunk `c` into `out` from `pos` as doubles; false as soon as a non-NULL value is not an
 * exact integer within ±(2^53-1) (a NULL slot's bytes are unspecified, so those are zeroed).
 */
function toF64(c: Data, nulls: Nulls, out: Float64Array, pos: number, source: IntegerSource): boolean {
  const words = wordsPerValue(c);
  if (words === 0) {
    out.set(smallIntView(c), pos);
    return true;
  }
  const src = dataBuffer(c);
  const w = new Int32Array(src.buffer, src.byteOffset, words * c.length);
  const n = c.length;
  // Fast pass: convert everything, then judge by the extremes. hi·2^32 + lo is exact for every
  // int64 within ±(2^53-1) and rounds to at least 2^53 in magnitude for any other, so the
  // extremes tell whether all values fitted (-2^53 included: it is out).
  let bad = 0;
  let min = 0;
  let max = 0;
  if (isUnsigned64(c)) {
    for (let i = 0, j = 0; i < n; i++, j += 2) {
      const hi = w[j + 1]!;
      out[pos + i] = (hi >>> 0) * TWO_32 + (w[j]! >>> 0);
      bad |= hi >>> 21;
    }
  } else if (words === 2 || source.fromInt64) {
    for (let i = 0, j = 0; i < n; i++, j += words) {
      const x = w[j + 1]! * TWO_32 + (w[j]! >>> 0);
      if (x > max) max = x;
      if (x < min) min = x;
      out[pos + i] = x;
    }
  } else {
    for (let i = 0, j = 0; i < n; i++, j += 4) {
      const hi = w[j + 1]!;
      const x = hi * TWO_32 + (w[j]! >>> 0);
      if (x > max) max = x;
      if (x < min) min = x;
      bad |= (w[j + 2]! ^ (hi >> 31)) | (w[j + 3]! ^ (hi >> 31));
      out[pos + i] = x;
    }
  }
  if (max > MAX_EXACT_F64 || min < -MAX_EXACT_F64) bad = 1;
  if (bad === 0) return true;
  // Slow pass: the exact rule, ignoring NULL slots (their bytes are unspecified).
  const unsigned = isUnsigned64(c);
  for (let i = 0, j = 0; i < n; i++, j += words) {
    const lo = w[j]!;
    const hi = w[j + 1]!;
    let ok: boolean;
    if (unsigned) ok = hi >= 0 && hi <= HI_MAX;
    else {
      ok = hi <= HI_MAX && hi >= HI_MIN && !(hi === HI_MIN && lo === 0);
      if (words === 4) ok = ok && w[j + 2] === hi >> 31 && w[j + 3] === hi >> 31;
    }
    if (!ok) {
      if (nulls === null || nulls[pos + i] !== 1) return false;
      out[pos + i] = 0;
    }
  }
  return true;
}
