/**
 * Counter-based random numbers for the TPC-H generator.
 *
 * dbgen keeps one sequential Lehmer stream per column and skips ahead to start a chunk. We hash
 * instead: every value is a pure function of (table/column seed, row position, draw number),
 * so any range of rows can be generated alone, in any order, and always gives the same values.
 * Everything is 32-bit integer arithmetic (Math.imul), which is fast and exact in JS.
 */

const TWO_POW_32 = 4_294_967_296;
const GOLDEN = 0x9e3779b9;

/** A 32-bit finaliser with good avalanche (Wellons' "lowbias32"); a bijection on uint32. */
export function hash32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/** A seed from a name such as `lineitem.l_partkey` (FNV-1a, then finalised). */
export function seedOf(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return hash32(h);
}

/**
 * A short stream of draws for one (seed, row). Rows below 2^32 map to distinct start states
 * (hash32 is a bijection), so one column never repeats a stream within a table.
 */
export class RowRandom {
  private state = 0;

  constructor(readonly seed: number) {}

  /** Position the stream at a row (any integer in [0, 2^53)); returns this for chaining. */
  at(row: number): this {
    const lo = row >>> 0;
    let s = hash32(lo ^ this.seed);
    if (row >= TWO_POW_32) s = hash32(s ^ hash32(Math.floor(row / TWO_POW_32) + this.seed));
    this.state = s;
    return this;
  }

  /** Next uint32 of this row's stream. */
  next(): number {
    this.state = (this.state + GOLDEN) | 0;
    return hash32(this.state);
  }

  /** Uniform integer in [lo, hi], both inclusive (hi - lo < 2^32). */
  int(lo: number, hi: number): number {
    return lo + Math.floor((this.next() / TWO_POW_32) * (hi - lo + 1));
  }
}

/** One uniform integer in [lo, hi] for a row: the common single-draw case. */
export function intAt(r: RowRandom, row: number, lo: number, hi: number): number {
  return r.at(row).int(lo, hi);
}

/** A fresh stream per name: columns never share draws, whatever order they are generated in. */
export function streams<const K extends string>(table: string, names: readonly K[]): Record<K, RowRandom> {
  const out = {} as Record<K, RowRandom>;
  for (const n of names) out[n] = new RowRandom(seedOf(`${table}.${n}`));
  return out;
}
