/**
 * Per-group storage for accumulators: growable typed arrays, and exact sums that stay in a
 * Float64Array while a group's running sum is within ±(2^53-1) and spill the excess into a
 * per-group bigint when the next addition would leave that range. The sum of a group is
 * `big[g] + f64[g]`; the f64 part is always exact, so the hot loop never allocates.
 */
import { MAX_EXACT_F64, type Selection, type Vector } from '../../types/vector.ts';
import { decodeDictionary } from '../vectorRead.ts';

export function growF64(a: Float64Array<ArrayBuffer>, n: number): Float64Array<ArrayBuffer> {
  if (a.length >= n) return a;
  const out = new Float64Array(Math.max(n, a.length * 2, 16));
  out.set(a);
  return out;
}

export function growU8(a: Uint8Array<ArrayBuffer>, n: number): Uint8Array<ArrayBuffer> {
  if (a.length >= n) return a;
  const out = new Uint8Array(Math.max(n, a.length * 2, 16));
  out.set(a);
  return out;
}

/** The NULL mask of groups 0..groupCount-1 that never received a value (null when none). */
export function nullsWhereMissing(has: Uint8Array, groupCount: number): Uint8Array | null {
  let nulls: Uint8Array | null = null;
  for (let g = 0; g < groupCount; g++) {
    if (has[g] !== 1) {
      nulls ??= new Uint8Array(groupCount);
      nulls[g] = 1;
    }
  }
  return nulls;
}

/** Dictionaries decoded at the selected rows; other storages as they are. */
export function flatInput(v: Vector, sel: Selection): Vector {
  return v.storage === 'dict' ? decodeDictionary(v, sel, v.length) : v;
}

export class ExactSums {
  f64 = new Float64Array(0);
  /** Spilled parts; undefined for groups that never left the exact double range. */
  big: (bigint | undefined)[] = [];
  has = new Uint8Array(0);

  ensure(n: number): void {
    this.f64 = growF64(this.f64, n);
    this.has = growU8(this.has, n);
  }

  /** Add an exact integer x (|x| ≤ 2^53-1) to group g. */
  addNumber(g: number, x: number): void {
    const s = this.f64[g]! + x;
    if (s <= MAX_EXACT_F64 && s >= -MAX_EXACT_F64) this.f64[g] = s;
    else this.spill(g, x);
    this.has[g] = 1;
  }

  /** Move the double part into the bigint part and start again from x. */
  spill(g: number, x: number): void {
    this.big[g] = (this.big[g] ?? 0n) + BigInt(this.f64[g]!);
    this.f64[g] = x;
  }

  addBig(g: number, x: bigint): void {
    if (x <= BigInt(MAX_EXACT_F64) && x >= -BigInt(MAX_EXACT_F64)) this.addNumber(g, Number(x));
    else {
      this.big[g] = (this.big[g] ?? 0n) + x;
      this.has[g] = 1;
    }
  }

  /** The exact sum of group g: a number when it never spilled, else a bigint. */
  value(g: number): number | bigint {
    const b = this.big[g];
    return b === undefined ? this.f64[g]! : b + BigInt(this.f64[g]!);
  }

  /** Add the rows `sel`, all of group g, keeping the running sum in a local. */
  addVectorToGroup(g: number, v: Vector, sel: Selection): void {
    const n = sel.length;
    if (n === 0) return;
    if (v.storage === 'f64' && v.nulls === null) {
      const vals = v.values;
      const MAX = MAX_EXACT_F64;
      let s = this.f64[g]!;
      for (let k = 0; k < n; k++) {
        const x = vals[sel[k]!]!;
        const t = s + x;
        if (t <= MAX && t >= -MAX) s = t;
        else {
          this.big[g] = (this.big[g] ?? 0n) + BigInt(s);
          s = x;
        }
      }
      this.f64[g] = s;
      this.has[g] = 1;
      return;
    }
    const ids = new Int32Array(v.length).fill(g);
    this.addVector(ids, v, sel);
  }

  /** Add the rows `sel` of an exact vector (bigint or decimal unscaled), by group. */
  addVector(groupIds: Int32Array, v: Vector, sel: Selection): void {
    const n = sel.length;
    const nulls = v.nulls;
    if (v.storage === 'f64' && nulls === null) {
      // The scan hot path: one monomorphic loop over doubles.
      const vals = v.values;
      const acc = this.f64;
      const has = this.has;
      const MAX = MAX_EXACT_F64;
      for (let k = 0; k < n; k++) {
        const i = sel[k]!;
        const g = groupIds[i]!;
        const x = vals[i]!;
        const s = acc[g]! + x;
        if (s <= MAX && s >= -MAX) acc[g] = s;
        else this.spill(g, x);
        has[g] = 1;
      }
      return;
    }
    switch (v.storage) {
      case 'f64':
      case 'i32': {
        const vals = v.values;
        const acc = this.f64;
        const has = this.has;
        for (let k = 0; k < n; k++) {
          const i = sel[k]!;
          if (nulls !== null && nulls[i] === 1) continue;
          const g = groupIds[i]!;
          const x = vals[i]!;
          const s = acc[g]! + x;
          if (s <= MAX_EXACT_F64 && s >= -MAX_EXACT_F64) acc[g] = s;
          else this.spill(g, x);
          has[g] = 1;
        }
        return;
      }
      case 'big': {
        for (let k = 0; k < n; k++) {
          const i = sel[k]!;
          if (nulls !== null && nulls[i] === 1) continue;
          this.addBig(groupIds[i]!, v.values[i]!);
        }
        return;
      }
      case 'const': {
        if (v.value === null) return;
        const c = typeof v.value === 'bigint' ? v.value : BigInt(v.value as number);
        for (let k = 0; k < n; k++) this.addBig(groupIds[sel[k]!]!, c);
        return;
      }
      default:
        throw new Error(`unexpected storage for an exact sum: ${v.storage}`);
    }
  }
}
