/**
 * Hash partitioning for exchanges. Producers of both sides of a partitioned join must agree on a
 * row's partition whatever storage its key arrived in (dictionary, plain, int32 or double, a
 * bigint array), so the hash is of the value: integral numbers (bigint included) by their
 * integer value, other numbers by their bits, strings by their UTF-16 code units.
 */
import { decodeUtf8, valueAt, type Selection, type Vector } from '../types/vector.ts';

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

function mix(h: number, x: number): number {
  h = Math.imul(h ^ x, 0x5bd1e995);
  return (h ^ (h >>> 15)) >>> 0;
}

function hashNumber(h: number, x: number): number {
  if (Number.isInteger(x) && Math.abs(x) <= Number.MAX_SAFE_INTEGER) {
    const lo = x % 0x1_0000_0000;
    const hi = Math.floor(x / 0x1_0000_0000);
    return mix(mix(h, lo | 0), hi | 0);
  }
  f64[0] = x + 0;
  return mix(mix(h, u32[0]!), u32[1]!);
}

function hashString(h: number, s: string): number {
  let x = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) x = Math.imul(x ^ s.charCodeAt(i), 0x01000193);
  return mix(h, x | 0);
}

function hashValue(h: number, v: unknown): number {
  if (v === null) return mix(h, 0x9e3779b9);
  if (typeof v === 'number') return hashNumber(h, v);
  if (typeof v === 'bigint') return v >= -BigInt(Number.MAX_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? hashNumber(h, Number(v)) : hashString(h, v.toString());
  if (typeof v === 'string') return hashString(h, v);
  if (typeof v === 'boolean') return mix(h, v ? 1 : 2);
  if (v instanceof Uint8Array) return hashString(h, Array.from(v).join(','));
  return hashString(h, JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : x)));
}

/** The partition (0..partitions-1) of each selected row, at its row position. */
export function partitionsOf(keys: readonly Vector[], sel: Selection, length: number, partitions: number): Int32Array {
  const hashes = new Uint32Array(length);
  for (const v of keys) {
    if (v.storage === 'i32' || v.storage === 'f64') {
      const values = v.values;
      const nulls = v.nulls;
      for (let k = 0; k < sel.length; k++) {
        const i = sel[k]!;
        hashes[i] = nulls !== null && nulls[i] === 1 ? mix(hashes[i]!, 0x9e3779b9) : hashNumber(hashes[i]!, values[i]!);
      }
    } else if (v.storage === 'dict') {
      const memo = new Map<number, string | unknown>();
      for (let k = 0; k < sel.length; k++) {
        const i = sel[k]!;
        if (v.nulls !== null && v.nulls[i] === 1) {
          hashes[i] = mix(hashes[i]!, 0x9e3779b9);
          continue;
        }
        const c = v.codes[i]!;
        let x = memo.get(c);
        if (x === undefined) {
          x = valueAt(v.dictionary, c);
          memo.set(c, x);
        }
        hashes[i] = hashValue(hashes[i]!, x);
      }
    } else if (v.storage === 'binary' && v.type.kind === 'varchar') {
      for (let k = 0; k < sel.length; k++) {
        const i = sel[k]!;
        hashes[i] = v.nulls !== null && v.nulls[i] === 1 ? mix(hashes[i]!, 0x9e3779b9) : hashString(hashes[i]!, decodeUtf8(v.bytes, v.offsets[i]!, v.offsets[i + 1]!));
      }
    } else {
      for (let k = 0; k < sel.length; k++) {
        const i = sel[k]!;
        hashes[i] = hashValue(hashes[i]!, valueAt(v, i));
      }
    }
  }
  const out = new Int32Array(length);
  for (let k = 0; k < sel.length; k++) {
    const i = sel[k]!;
    out[i] = hashes[i]! % partitions;
  }
  return out;
}
