/**
 * Ordering rows: comparators per sort key specialized on storage, Trino's ordering rules
 * (NULLs placed per NULLS FIRST/LAST, strings by code point, NaN above every other double),
 * full sorts and top-N.
 */
import type { SortKey } from '../plan/logical.ts';
import { concatVectors, decodeUtf8, gather, valueAt, type Batch, type Selection, type Vector } from '../types/vector.ts';
import type { Value } from '../types/value.ts';

type RowCompare = (a: number, b: number) => number;

/** Compare strings by Unicode code point (JS `<` compares UTF-16 units). */
export function compareStrings(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (U+D800..U+DFFF) encode code points above U+FFFF, which sort after U+E000..U+FFFF.
    const sx = x >= 0xd800 && x <= 0xdfff;
    const sy = y >= 0xd800 && y <= 0xdfff;
    if (sx !== sy) return sx ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

function compareNumbers(x: number, y: number): number {
  if (x < y) return -1;
  if (x > y) return 1;
  if (x === y) return 0;
  // NaN sorts above everything, as in Trino.
  return Number.isNaN(x) ? (Number.isNaN(y) ? 0 : 1) : -1;
}

/** Total order over two non-null Values of one type. */
export function compareValues(a: Value, b: Value): number {
  if (typeof a === 'number' && typeof b === 'number') return compareNumbers(a, b);
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'bigint' || typeof b === 'bigint') {
    const x = BigInt(a as number | bigint);
    const y = BigInt(b as number | bigint);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (typeof a === 'string' && typeof b === 'string') return compareStrings(a, b);
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1;
  if (a instanceof Uint8Array && b instanceof Uint8Array) {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
    return a.length - b.length;
  }
  return 0;
}

/** Compare rows a and b of one vector, NULLs excluded (handled by the caller). */
function valueComparator(v: Vector): RowCompare {
  switch (v.storage) {
    case 'i32':
    case 'f64': {
      const x = v.values;
      return (a, b) => compareNumbers(x[a]!, x[b]!);
    }
    case 'bool': {
      const x = v.values;
      return (a, b) => x[a]! - x[b]!;
    }
    case 'str': {
      const x = v.values;
      return (a, b) => compareStrings(x[a]!, x[b]!);
    }
    case 'binary': {
      const { offsets, bytes } = v;
      return (a, b) => {
        const sa = offsets[a]!;
        const sb = offsets[b]!;
        const la = offsets[a + 1]! - sa;
        const lb = offsets[b + 1]! - sb;
        const n = Math.min(la, lb);
        for (let i = 0; i < n; i++) {
          const d = bytes[sa + i]! - bytes[sb + i]!;
          if (d !== 0) return v.type.kind === 'varchar' ? compareStrings(decodeUtf8(bytes, sa, sa + la), decodeUtf8(bytes, sb, sb + lb)) : d;
        }
        return la - lb;
      };
    }
    case 'dict': {
      // Rank the (small) dictionary once; rows then compare by rank.
      const d = v.dictionary;
      const order = Array.from({ length: d.length }, (_x, i) => i).sort(valueComparator(d));
      const rank = new Int32Array(d.length);
      order.forEach((code, r) => {
        rank[code] = r;
      });
      const codes = v.codes;
      return (a, b) => rank[codes[a]!]! - rank[codes[b]!]!;
    }
    case 'const':
      return () => 0;
    default:
      return (a, b) => compareValues(valueAt(v, a), valueAt(v, b));
  }
}

export function rowComparator(batch: Batch, keys: readonly SortKey[]): RowCompare {
  const parts = keys.map((k) => {
    const v = batch.columns[k.expr.index]!;
    const cmp = valueComparator(v);
    const nulls = v.storage === 'const' ? null : v.nulls;
    const dir = k.ascending ? 1 : -1;
    const nullOrder = k.nullsFirst ? -1 : 1;
    return (a: number, b: number): number => {
      if (nulls !== null) {
        const na = nulls[a] === 1;
        const nb = nulls[b] === 1;
        if (na || nb) return na === nb ? 0 : na ? nullOrder : -nullOrder;
      }
      return dir * cmp(a, b);
    };
  });
  if (parts.length === 1) return parts[0]!;
  return (a, b) => {
    for (const p of parts) {
      const c = p(a, b);
      if (c !== 0) return c;
    }
    return 0;
  };
}

/** Row order of the batch under the keys (stable). */
export function sortedOrder(batch: Batch, keys: readonly SortKey[], rows?: Selection): Int32Array {
  const order = rows ? Array.from(rows) : Array.from({ length: batch.length }, (_x, i) => i);
  order.sort(rowComparator(batch, keys));
  return Int32Array.from(order);
}

export function takeRows(batch: Batch, rows: Selection): Batch {
  return { columns: batch.columns.map((c) => gather(c, rows)), length: rows.length };
}

export function concatBatches(batches: readonly Batch[], width: number): Batch {
  const nonEmpty = batches.filter((b) => b.length > 0);
  if (nonEmpty.length === 1) return nonEmpty[0]!;
  const length = nonEmpty.reduce((s, b) => s + b.length, 0);
  const columns: Vector[] = [];
  for (let c = 0; c < width; c++) {
    const parts = nonEmpty.map((b) => b.columns[c]!);
    const type = parts[0]?.type ?? batches[0]?.columns[c]?.type ?? { kind: 'unknown' as const };
    columns.push(parts.length === 0 ? concatVectors(type, []) : concatVectors(type, parts));
  }
  return { columns, length };
}

export function sortBatch(batch: Batch, keys: readonly SortKey[]): Batch {
  return takeRows(batch, sortedOrder(batch, keys));
}

/**
 * Keeps the best `count` rows under `keys` from a stream of batches, compacting whenever the
 * buffer doubles so memory stays O(count + batch).
 */
export class TopNBuffer {
  private buffered: Batch[] = [];
  private rows = 0;

  constructor(
    private readonly keys: readonly SortKey[],
    private readonly count: number,
    private readonly width: number,
  ) {}

  add(batch: Batch, sel: Selection): void {
    if (this.count === 0 || sel.length === 0) return;
    this.buffered.push(takeRows(batch, sel));
    this.rows += sel.length;
    if (this.rows > Math.max(2 * this.count, 4096)) this.compact();
  }

  private compact(): void {
    const all = concatBatches(this.buffered, this.width);
    const order = sortedOrder(all, this.keys).subarray(0, this.count);
    const kept = takeRows(all, order);
    this.buffered = [kept];
    this.rows = kept.length;
  }

  result(): Batch {
    this.compact();
    return this.buffered[0] ?? { columns: [], length: 0 };
  }
}
