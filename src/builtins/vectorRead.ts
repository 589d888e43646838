/**
 * Reading vectors inside kernels: per-row value readers specialised by storage, and decoding
 * dictionaries at the selected rows only (a dictionary column is usually far longer than the
 * rows a filter kept).
 */
import type { SqlType } from '../types/sqlType.ts';
import type { Value } from '../types/value.ts';
import {
  decodeUtf8,
  gather,
  valueAt,
  type BinaryVector,
  type ConstVector,
  type DictVector,
  type Nulls,
  type Selection,
  type Vector,
} from '../types/vector.ts';

export type Reader = (i: number) => Value;

export function isConst(v: Vector): v is ConstVector {
  return v.storage === 'const';
}

export function isExactType(t: SqlType): boolean {
  return t.kind === 'bigint' || t.kind === 'decimal';
}

/** A reader for non-NULL rows of v in the Value representation of v.type (see value.ts). */
export function makeReader(v: Vector): Reader {
  switch (v.storage) {
    case 'const': {
      const value = v.value;
      return () => value;
    }
    case 'bool': {
      const a = v.values;
      return (i) => a[i] === 1;
    }
    case 'i32': {
      const a = v.values;
      return (i) => a[i]!;
    }
    case 'f64': {
      const a = v.values;
      return isExactType(v.type) ? (i) => BigInt(a[i]!) : (i) => a[i]!;
    }
    case 'big': {
      const a = v.values;
      return (i) => a[i]!;
    }
    case 'str': {
      const a = v.values;
      return (i) => a[i]!;
    }
    case 'binary': {
      const { offsets, bytes } = v;
      if (v.type.kind === 'varbinary') return (i) => bytes.slice(offsets[i]!, offsets[i + 1]!);
      return (i) => decodeUtf8(bytes, offsets[i]!, offsets[i + 1]!);
    }
    case 'dict':
    case 'array':
      return (i) => valueAt(v, i);
    default:
      return assertNeverStorage(v);
  }
}

/** Reads a number-valued vector (integers, real, double, date, timestamp, intervals) as numbers. */
export function makeNumberReader(v: Vector): (i: number) => number {
  switch (v.storage) {
    case 'const': {
      const x = v.value === null ? 0 : Number(v.value);
      return () => x;
    }
    case 'i32':
    case 'f64': {
      const a = v.values;
      return (i) => a[i]!;
    }
    case 'big': {
      const a = v.values;
      return (i) => Number(a[i]!);
    }
    case 'bool': {
      const a = v.values;
      return (i) => a[i]!;
    }
    default: {
      const r = makeReader(v);
      return (i) => Number(r(i));
    }
  }
}

/** Reads an exact (bigint/decimal unscaled, or any integer) vector as bigint. */
export function makeBigIntReader(v: Vector): (i: number) => bigint {
  switch (v.storage) {
    case 'const': {
      const x = v.value === null ? 0n : BigInt(v.value as number | bigint);
      return () => x;
    }
    case 'i32':
    case 'f64': {
      const a = v.values;
      return (i) => BigInt(a[i]!);
    }
    case 'big': {
      const a = v.values;
      return (i) => a[i]!;
    }
    default: {
      const r = makeReader(v);
      return (i) => BigInt(r(i) as number | bigint);
    }
  }
}

export function makeStringReader(v: Vector): (i: number) => string {
  if (v.storage === 'str') {
    const a = v.values;
    return (i) => a[i]!;
  }
  if (v.storage === 'binary') {
    const { offsets, bytes } = v;
    return (i) => decodeUtf8(bytes, offsets[i]!, offsets[i + 1]!);
  }
  const r = makeReader(v);
  return (i) => r(i) as string;
}

/** Whether row i is NULL; a const vector is NULL everywhere or nowhere. */
export function makeNullTest(v: Vector): ((i: number) => boolean) | null {
  if (v.storage === 'const') return v.value === null ? () => true : null;
  const nulls = v.nulls;
  if (nulls === null) return null;
  return (i) => nulls[i] === 1;
}

/**
 * The flat form of a dict vector at rows `sel` (other rows unspecified), length `length`.
 * Fixed-width dictionaries become typed arrays; varchar dictionaries become strings, each
 * dictionary entry decoded at most once.
 */
export function decodeDictionary(v: DictVector, sel: Selection, length: number): Vector {
  const d = v.dictionary;
  const codes = v.codes;
  const rowNulls = v.nulls;
  const dictNulls = d.nulls;
  let nulls: Nulls = null;
  if (rowNulls !== null || dictNulls !== null) {
    nulls = new Uint8Array(length);
    for (let k = 0; k < sel.length; k++) {
      const i = sel[k]!;
      if ((rowNulls !== null && rowNulls[i] === 1) || (dictNulls !== null && dictNulls[codes[i]!] === 1)) nulls[i] = 1;
    }
  }
  const type = v.type;
  switch (d.storage) {
    case 'bool':
    case 'i32':
    case 'f64': {
      const src = d.values;
      const out = d.storage === 'f64' ? new Float64Array(length) : d.storage === 'i32' ? new Int32Array(length) : new Uint8Array(length);
      for (let k = 0; k < sel.length; k++) {
        const i = sel[k]!;
        out[i] = src[codes[i]!]!;
      }
      if (d.storage === 'f64') return { storage: 'f64', type, length, nulls, values: out as Float64Array };
      if (d.storage === 'i32') return { storage: 'i32', type, length, nulls, values: out as Int32Array };
      return { storage: 'bool', type, length, nulls, values: out as Uint8Array };
    }
    case 'big': {
      const src = d.values;
      const out = new Array<bigint>(length).fill(0n);
      for (let k = 0; k < sel.length; k++) {
        const i = sel[k]!;
        out[i] = src[codes[i]!] ?? 0n;
      }
      return { storage: 'big', type, length, nulls, values: out };
    }
    case 'str':
    case 'binary': {
      if (type.kind === 'varbinary' && d.storage === 'binary') {
        const g = gather(d, codes) as BinaryVector;
        return { ...g, type, nulls: nulls ?? null };
      }
      const strings = d.storage === 'str' ? d.values : decodedStrings(d);
      const out = new Array<string>(length).fill('');
      for (let k = 0; k < sel.length; k++) {
        const i = sel[k]!;
        out[i] = strings[codes[i]!] ?? '';
      }
      return { storage: 'str', type, length, nulls, values: out };
    }
    default: {
      // Arrays only appear in aggregate states; decoding every row is fine there.
      const g = gather(d, codes);
      return { ...g, type, nulls } as Vector;
    }
  }
}

const decodedCache = new WeakMap<BinaryVector, string[]>();

/** All entries of a binary varchar vector as strings, cached per vector (dictionaries are reused across batches). */
export function decodedStrings(d: BinaryVector): string[] {
  let cached = decodedCache.get(d);
  if (cached === undefined) {
    cached = new Array<string>(d.length);
    for (let i = 0; i < d.length; i++) cached[i] = decodeUtf8(d.bytes, d.offsets[i]!, d.offsets[i + 1]!);
    decodedCache.set(d, cached);
  }
  return cached;
}

export function assertNeverStorage(v: never): never {
  throw new Error(`unexpected vector storage: ${(v as { storage?: string }).storage}`);
}
