/**
 * Ordering of SQL values as Trino orders them: strings by Unicode code point (JS compares
 * UTF-16 code units, which disagrees for supplementary characters against U+E000..U+FFFF),
 * varbinary by unsigned bytes, booleans false < true. For sorting and min/max, NaN is above
 * every other double ("unordered last").
 */
import type { SqlType } from '../types/sqlType.ts';
import type { NonNullValue, Value } from '../types/value.ts';

/** Code point order of two JS strings. */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x !== y) {
      // Surrogates (D800..DFFF) encode code points above FFFF: move them above E000..FFFF.
      if (x >= 0xd800 && y >= 0xd800) {
        x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
        y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
      }
      return x < y ? -1 : 1;
    }
  }
  return a.length - b.length < 0 ? -1 : a.length === b.length ? 0 : 1;
}

/** Unsigned byte order; for UTF-8 this equals code point order. */
export function compareBytes(a: Uint8Array, aStart: number, aEnd: number, b: Uint8Array, bStart: number, bEnd: number): number {
  const la = aEnd - aStart;
  const lb = bEnd - bStart;
  const n = la < lb ? la : lb;
  for (let k = 0; k < n; k++) {
    const x = a[aStart + k]!;
    const y = b[bStart + k]!;
    if (x !== y) return x < y ? -1 : 1;
  }
  return la === lb ? 0 : la < lb ? -1 : 1;
}

/** Total order on doubles with NaN last (and -0 = 0). */
export function compareNumbers(a: number, b: number): number {
  if (a < b) return -1;
  if (a > b) return 1;
  if (a === b) return 0;
  const an = Number.isNaN(a);
  const bn = Number.isNaN(b);
  return an === bn ? 0 : an ? 1 : -1;
}

export type ValueComparator = (a: NonNullValue, b: NonNullValue) => number;

/** A comparator for non-NULL values of type t (numbers and bigints may mix for exact types). */
export function comparatorFor(t: SqlType): ValueComparator {
  switch (t.kind) {
    case 'varchar':
      return (a, b) => compareStrings(a as string, b as string);
    case 'varbinary':
      return (a, b) => {
        const x = a as Uint8Array;
        const y = b as Uint8Array;
        return compareBytes(x, 0, x.length, y, 0, y.length);
      };
    case 'boolean':
      return (a, b) => (a === b ? 0 : a ? 1 : -1);
    case 'bigint':
    case 'decimal':
      return (a, b) => {
        const x = a as number | bigint;
        const y = b as number | bigint;
        return x < y ? -1 : x > y ? 1 : 0;
      };
    case 'array': {
      const e = comparatorFor(t.element);
      return (a, b) => {
        const x = a as Value[];
        const y = b as Value[];
        const n = Math.min(x.length, y.length);
        for (let i = 0; i < n; i++) {
          const p = x[i]!;
          const q = y[i]!;
          if (p === null || q === null) {
            if (p !== q) return p === null ? 1 : -1;
            continue;
          }
          const c = e(p, q);
          if (c !== 0) return c;
        }
        return x.length - y.length;
      };
    }
    default:
      return (a, b) => compareNumbers(a as number, b as number);
  }
}

/** SQL equality of non-NULL values (NaN ≠ NaN, 0 = -0). */
export function valuesEqual(t: SqlType, a: NonNullValue, b: NonNullValue): boolean {
  switch (t.kind) {
    case 'varbinary': {
      const x = a as Uint8Array;
      const y = b as Uint8Array;
      return compareBytes(x, 0, x.length, y, 0, y.length) === 0;
    }
    case 'array':
      return comparatorFor(t)(a, b) === 0;
    case 'bigint':
    case 'decimal':
      // Exact values may arrive as number or bigint; == compares them mathematically.
      // eslint-disable-next-line eqeqeq
      return (a as number | bigint) == (b as number | bigint);
    default:
      return a === b;
  }
}
