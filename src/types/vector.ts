/**
 * Columnar vectors: the values of one column for a batch of rows.
 *
 * Storage is chosen for speed and is independent of the SQL type, within these rules:
 *
 * | storage | holds                                                    | for types                                    |
 * |---------|----------------------------------------------------------|----------------------------------------------|
 * | bool    | Uint8Array of 0/1                                        | boolean                                      |
 * | i32     | Int32Array                                               | tinyint, smallint, integer, date             |
 * | f64     | Float64Array                                             | real, double, timestamp, intervals; bigint and decimal (unscaled) when every value is an exact integer of magnitude ≤ 2^53-1 |
 * | big     | bigint[] or BigInt64Array                                | bigint, decimal (unscaled), any magnitude    |
 * | str     | string[]                                                 | varchar                                      |
 * | binary  | Arrow-style offsets + bytes                              | varchar (UTF-8), varbinary                   |
 * | dict    | Int32Array codes into a dictionary vector                | any                                          |
 * | const   | one Value for every row                                  | any                                          |
 * | array   | offsets into an elements vector                          | array(T)                                     |
 *
 * `nulls[i] === 1` marks row i NULL; `nulls === null` means no row is NULL. The value slot of a
 * NULL row is unspecified. A vector computed under a selection (see Selection) defines only the
 * selected rows; the others are unspecified too.
 */
import type { SqlType } from './sqlType.ts';
import type { Value } from './value.ts';

export type Nulls = Uint8Array | null;

interface VectorBase {
  readonly type: SqlType;
  readonly length: number;
  readonly nulls: Nulls;
}

export interface BoolVector extends VectorBase {
  readonly storage: 'bool';
  readonly values: Uint8Array;
}

export interface Int32Vector extends VectorBase {
  readonly storage: 'i32';
  readonly values: Int32Array;
}

export interface Float64Vector extends VectorBase {
  readonly storage: 'f64';
  readonly values: Float64Array;
}

export interface BigIntVector extends VectorBase {
  readonly storage: 'big';
  readonly values: readonly bigint[] | BigInt64Array;
}

export interface StringVector extends VectorBase {
  readonly storage: 'str';
  readonly values: readonly string[];
}

export interface BinaryVector extends VectorBase {
  readonly storage: 'binary';
  /** length + 1 entries; row i spans bytes[offsets[i] .. offsets[i+1]). */
  readonly offsets: Int32Array;
  readonly bytes: Uint8Array;
}

export interface DictVector extends VectorBase {
  readonly storage: 'dict';
  readonly codes: Int32Array;
  /** Never itself a dict or const vector. */
  readonly dictionary: Vector;
}

export interface ConstVector extends VectorBase {
  readonly storage: 'const';
  readonly value: Value;
}

export interface ArrayVector extends VectorBase {
  readonly storage: 'array';
  readonly offsets: Int32Array;
  readonly elements: Vector;
}

export type Vector =
  | BoolVector
  | Int32Vector
  | Float64Vector
  | BigIntVector
  | StringVector
  | BinaryVector
  | DictVector
  | ConstVector
  | ArrayVector;

export type Storage = Vector['storage'];

/** Row indices to operate on, ascending; a view of exactly the selected count. */
export type Selection = Int32Array;

export interface Batch {
  readonly columns: readonly Vector[];
  readonly length: number;
}

export const MAX_EXACT_F64 = Number.MAX_SAFE_INTEGER;
const MAX_EXACT_BIG = BigInt(MAX_EXACT_F64);

let identityCache = new Int32Array(0);

/** The selection 0..n-1 (a shared read-only view; do not write to it). */
export function allRows(n: number): Selection {
  if (identityCache.length < n) {
    const size = Math.max(n, identityCache.length * 2, 1024);
    identityCache = new Int32Array(size);
    for (let i = 0; i < size; i++) identityCache[i] = i;
  }
  return identityCache.subarray(0, n);
}

const utf8Decoder = new TextDecoder();
const utf8Encoder = new TextEncoder();

export function encodeUtf8(s: string): Uint8Array {
  return utf8Encoder.encode(s);
}

export function decodeUtf8(bytes: Uint8Array, start: number, end: number): string {
  // Short ASCII strings are far cheaper to build by hand than through TextDecoder.
  if (end - start <= 16) {
    let s = '';
    for (let i = start; i < end; i++) {
      const c = bytes[i]!;
      if (c >= 0x80) return utf8Decoder.decode(bytes.subarray(start, end));
      s += String.fromCharCode(c);
    }
    return s;
  }
  return utf8Decoder.decode(bytes.subarray(start, end));
}

export function isNullAt(v: Vector, i: number): boolean {
  if (v.storage === 'const') return v.value === null;
  return v.nulls !== null && v.nulls[i] === 1;
}

/**
 * The value at row i, in the Value representation of v.type (see value.ts). Generic and
 * allocation-prone: hot paths read the typed arrays directly.
 */
export function valueAt(v: Vector, i: number): Value {
  if (v.storage === 'const') return v.value;
  if (v.nulls !== null && v.nulls[i] === 1) return null;
  switch (v.storage) {
    case 'bool':
      return v.values[i] === 1;
    case 'i32':
      return v.values[i]!;
    case 'f64': {
      const x = v.values[i]!;
      return v.type.kind === 'bigint' || v.type.kind === 'decimal' ? BigInt(x) : x;
    }
    case 'big':
      return v.values[i]!;
    case 'str':
      return v.values[i]!;
    case 'binary': {
      const a = v.offsets[i]!;
      const b = v.offsets[i + 1]!;
      return v.type.kind === 'varbinary' ? v.bytes.slice(a, b) : decodeUtf8(v.bytes, a, b);
    }
    case 'dict':
      return valueAt(v.dictionary, v.codes[i]!);
    case 'array': {
      const out: Value[] = [];
      for (let k = v.offsets[i]!; k < v.offsets[i + 1]!; k++) out.push(valueAt(v.elements, k));
      return out;
    }
    default:
      return assertNeverVector(v);
  }
}

export function assertNeverVector(v: never): never {
  throw new Error(`unexpected vector storage: ${(v as { storage?: string }).storage}`);
}

export function constVector(type: SqlType, value: Value, length: number): ConstVector {
  return { storage: 'const', type, length, nulls: null, value };
}

/**
 * The typed-array storage a type's values are built in: booleans as bytes, 32-bit integers and
 * dates as i32, other numbers (exact ones while they fit) as f64; anything else as objects.
 */
export function primitiveStorage(type: SqlType): 'bool' | 'i32' | 'f64' | null {
  switch (type.kind) {
    case 'boolean':
      return 'bool';
    case 'tinyint':
    case 'smallint':
    case 'integer':
    case 'date':
      return 'i32';
    case 'bigint':
    case 'decimal':
    case 'real':
    case 'double':
    case 'timestamp':
    case 'interval day to second':
    case 'interval year to month':
      return 'f64';
    default:
      return null;
  }
}

/** Build a vector of `type` from values, choosing the fastest exact storage. */
export function vectorFromValues(type: SqlType, values: readonly Value[]): Vector {
  const b = new VectorBuilder(type, values.length);
  for (const v of values) b.append(v);
  return b.finish();
}

/**
 * Appends Values one at a time and picks storage at the end: exact numerics stay in a
 * Float64Array until a value does not fit, then move to bigint[].
 */
export class VectorBuilder {
  private readonly type: SqlType;
  private nulls: Uint8Array | null = null;
  private count = 0;
  private f64: Float64Array | null = null;
  private i32: Int32Array | null = null;
  private bool: Uint8Array | null = null;
  private big: bigint[] | null = null;
  private objects: Value[] | null = null;
  private readonly exact: boolean;

  constructor(type: SqlType, capacity = 16) {
    this.type = type;
    const cap = Math.max(capacity, 1);
    this.exact = type.kind === 'bigint' || type.kind === 'decimal';
    const storage = primitiveStorage(type);
    if (storage === 'bool') this.bool = new Uint8Array(cap);
    else if (storage === 'i32') this.i32 = new Int32Array(cap);
    else if (storage === 'f64') this.f64 = new Float64Array(cap);
    else this.objects = [];
  }

  get length(): number {
    return this.count;
  }

  /** Room for row `this.count` in the value array and, if there is one, the NULL mask. */
  private reserve(): void {
    const values = this.bool ?? this.i32 ?? this.f64;
    if (values !== null && this.count >= values.length) {
      const cap = this.count * 2 + 16;
      if (this.bool) this.bool = growTo(this.bool, cap, Uint8Array);
      if (this.i32) this.i32 = growTo(this.i32, cap, Int32Array);
      if (this.f64) this.f64 = growTo(this.f64, cap, Float64Array);
    }
    if (this.nulls !== null && this.count >= this.nulls.length) this.nulls = growTo(this.nulls, this.count * 2 + 16, Uint8Array);
  }

  appendNull(): void {
    this.reserve();
    this.nulls ??= new Uint8Array(Math.max(16, (this.bool ?? this.i32 ?? this.f64)?.length ?? 0, this.count + 1));
    this.nulls[this.count] = 1;
    if (this.big) this.big.push(0n);
    if (this.objects) this.objects.push(null);
    this.count++;
  }

  append(v: Value): void {
    if (v === null) {
      this.appendNull();
      return;
    }
    if (this.exact && !this.big) {
      // Exact numbers stay doubles while they fit; only the first that does not moves to bigint.
      if (typeof v === 'number' && v <= MAX_EXACT_F64 && v >= -MAX_EXACT_F64) {
        this.appendExactNumber(v);
        return;
      }
      const n = typeof v === 'bigint' ? v : BigInt(v as number);
      if (n <= MAX_EXACT_BIG && n >= -MAX_EXACT_BIG) {
        this.appendExactNumber(Number(n));
        return;
      }
      this.switchToBig();
    }
    this.reserve();
    const i = this.count++;
    if (this.bool) this.bool[i] = v ? 1 : 0;
    else if (this.i32) this.i32[i] = v as number;
    else if (this.big) this.big.push(typeof v === 'bigint' ? v : BigInt(v as number));
    else if (this.f64) this.f64[i] = v as number;
    else this.objects!.push(v);
  }

  /** Append a number known to be an exact integer within ±(2^53-1) (hot path for exact types). */
  appendExactNumber(x: number): void {
    if (this.big) {
      this.append(BigInt(x));
      return;
    }
    this.reserve();
    this.f64![this.count++] = x;
  }

  /** From now on values are bigints; those so far move over (NULL slots hold 0n). */
  private switchToBig(): void {
    const big: bigint[] = [];
    const f = this.f64!;
    for (let k = 0; k < this.count; k++) big.push(BigInt(f[k]!));
    this.big = big;
    this.f64 = null;
  }

  finish(): Vector {
    const n = this.count;
    const nulls = this.nulls === null ? null : this.nulls.subarray(0, n);
    const type = this.type;
    if (this.bool) return { storage: 'bool', type, length: n, nulls, values: this.bool.subarray(0, n) };
    if (this.i32) return { storage: 'i32', type, length: n, nulls, values: this.i32.subarray(0, n) };
    if (this.f64) return { storage: 'f64', type, length: n, nulls, values: this.f64.subarray(0, n) };
    if (this.big) return { storage: 'big', type, length: n, nulls, values: this.big };
    const objects = this.objects!;
    if (type.kind === 'varchar') {
      return { storage: 'str', type, length: n, nulls, values: objects.map((o) => (o === null ? '' : (o as string))) };
    }
    if (type.kind === 'array') {
      const offsets = new Int32Array(n + 1);
      const elements = new VectorBuilder(type.element);
      for (let i = 0; i < n; i++) {
        const arr = (objects[i] ?? []) as Value[];
        for (const e of arr) elements.append(e);
        offsets[i + 1] = offsets[i]! + arr.length;
      }
      return { storage: 'array', type, length: n, nulls, offsets, elements: elements.finish() };
    }
    if (type.kind === 'varbinary') {
      const parts = objects.map((o) => (o === null ? new Uint8Array(0) : (o as Uint8Array)));
      const offsets = new Int32Array(n + 1);
      let total = 0;
      parts.forEach((p, i) => {
        total += p.length;
        offsets[i + 1] = total;
      });
      const bytes = new Uint8Array(total);
      parts.forEach((p, i) => bytes.set(p, offsets[i]!));
      return { storage: 'binary', type, length: n, nulls, offsets, bytes };
    }
    // unknown: every row is NULL
    return { storage: 'const', type, length: n, nulls: null, value: null };
  }
}

function growTo<T extends Uint8Array | Int32Array | Float64Array>(
  a: T,
  cap: number,
  ctor: { new (n: number): T },
): T {
  const out = new ctor(cap);
  out.set(a as never);
  return out;
}

/** A dense copy of the rows `sel` (in order), keeping the storage kind where it can. */
export function gather(v: Vector, sel: Selection): Vector {
  const n = sel.length;
  const nulls = gatherNulls(v.nulls, sel);
  switch (v.storage) {
    case 'const':
      return { ...v, length: n };
    case 'bool': {
      const out = new Uint8Array(n);
      for (let k = 0; k < n; k++) out[k] = v.values[sel[k]!]!;
      return { storage: 'bool', type: v.type, length: n, nulls, values: out };
    }
    case 'i32': {
      const out = new Int32Array(n);
      for (let k = 0; k < n; k++) out[k] = v.values[sel[k]!]!;
      return { storage: 'i32', type: v.type, length: n, nulls, values: out };
    }
    case 'f64': {
      const out = new Float64Array(n);
      for (let k = 0; k < n; k++) out[k] = v.values[sel[k]!]!;
      return { storage: 'f64', type: v.type, length: n, nulls, values: out };
    }
    case 'big': {
      const out: bigint[] = new Array<bigint>(n);
      for (let k = 0; k < n; k++) out[k] = v.values[sel[k]!] ?? 0n;
      return { storage: 'big', type: v.type, length: n, nulls, values: out };
    }
    case 'str': {
      const out: string[] = new Array<string>(n);
      for (let k = 0; k < n; k++) out[k] = v.values[sel[k]!] ?? '';
      return { storage: 'str', type: v.type, length: n, nulls, values: out };
    }
    case 'binary': {
      const offsets = new Int32Array(n + 1);
      let total = 0;
      for (let k = 0; k < n; k++) {
        const i = sel[k]!;
        total += v.offsets[i + 1]! - v.offsets[i]!;
        offsets[k + 1] = total;
      }
      const bytes = new Uint8Array(total);
      for (let k = 0; k < n; k++) {
        const i = sel[k]!;
        bytes.set(v.bytes.subarray(v.offsets[i]!, v.offsets[i + 1]!), offsets[k]!);
      }
      return { storage: 'binary', type: v.type, length: n, nulls, offsets, bytes };
    }
    case 'dict': {
      const codes = new Int32Array(n);
      for (let k = 0; k < n; k++) codes[k] = v.codes[sel[k]!]!;
      return { storage: 'dict', type: v.type, length: n, nulls, codes, dictionary: v.dictionary };
    }
    case 'array': {
      const b = new VectorBuilder(v.type, n);
      for (let k = 0; k < n; k++) b.append(valueAt(v, sel[k]!));
      return b.finish();
    }
    default:
      return assertNeverVector(v);
  }
}

function gatherNulls(nulls: Nulls, sel: Selection): Nulls {
  if (nulls === null) return null;
  const n = sel.length;
  const out = new Uint8Array(n);
  let any = 0;
  for (let k = 0; k < n; k++) any |= out[k] = nulls[sel[k]!]!;
  return any ? out : null;
}

/** Concatenate vectors of one type into one dense vector. */
export function concatVectors(type: SqlType, parts: readonly Vector[]): Vector {
  if (parts.length === 1) return parts[0]!;
  const total = parts.reduce((s, p) => s + p.length, 0);
  const b = new VectorBuilder(type, total);
  for (const p of parts) for (let i = 0; i < p.length; i++) b.append(valueAt(p, i));
  return b.finish();
}

/** The whole vector as Values (tests, small results). */
export function vectorValues(v: Vector): Value[] {
  const out: Value[] = new Array<Value>(v.length);
  for (let i = 0; i < v.length; i++) out[i] = valueAt(v, i);
  return out;
}

/**
 * A batch whose columns are made on demand, for the rows the caller still needs (late
 * materialization): `column(i, sel)` returns a vector defined at least at the rows of `sel`.
 * Callers ask with selections that only narrow, so a column made once serves every later ask.
 */
export interface LazyBatch {
  readonly length: number;
  readonly width: number;
  column(index: number, sel: Selection): Vector;
}

/** A materialized batch seen as a lazy one. */
export function eagerBatch(batch: Batch): LazyBatch {
  return { length: batch.length, width: batch.columns.length, column: (i) => batch.columns[i]! };
}
