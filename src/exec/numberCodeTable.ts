/**
 * Dense codes for number keys in an open-addressing table over typed arrays: the hot lookup of
 * grouping and join keys (order keys, part keys, dates) without a JS Map's boxing and hashing.
 * -0 is the caller's to fold into 0; NaN equals NaN here (NaNs group together, as in Trino).
 */
const EMPTY = -1;

export class NumberCodeTable {
  private keys = new Float64Array(1024);
  private codes = new Int32Array(1024).fill(EMPTY);
  private mask = 1023;
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** The code of `x`, or -1. */
  get(x: number): number {
    const keys = this.keys;
    const codes = this.codes;
    const mask = this.mask;
    let slot = hash(x) & mask;
    for (;;) {
      const c = codes[slot]!;
      if (c === EMPTY) return EMPTY;
      const k = keys[slot]!;
      if (k === x || (k !== k && x !== x)) return c;
      slot = (slot + 1) & mask;
    }
  }

  /** The code of `x`, or `code` once stored as its code (the caller passes the next free code). */
  getOrAdd(x: number, code: number): number {
    const mask = this.mask;
    let slot = hash(x) & mask;
    for (;;) {
      const c = this.codes[slot]!;
      if (c === EMPTY) break;
      const k = this.keys[slot]!;
      if (k === x || (k !== k && x !== x)) return c;
      slot = (slot + 1) & mask;
    }
    this.keys[slot] = x;
    this.codes[slot] = code;
    if (++this.count * 2 > mask) this.grow();
    return code;
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldCodes = this.codes;
    const capacity = oldCodes.length * 2;
    this.keys = new Float64Array(capacity);
    this.codes = new Int32Array(capacity).fill(EMPTY);
    this.mask = capacity - 1;
    for (let s = 0; s < oldCodes.length; s++) {
      const c = oldCodes[s]!;
      if (c === EMPTY) continue;
      const x = oldKeys[s]!;
      let slot = hash(x) & this.mask;
      while (this.codes[slot] !== EMPTY) slot = (slot + 1) & this.mask;
      this.keys[slot] = x;
      this.codes[slot] = c;
    }
  }
}

/** Mixes both 32-bit halves of an integral value (fractions only matter through the low half). */
function hash(x: number): number {
  const lo = x | 0;
  const hi = (x / 4294967296) | 0;
  const h = Math.imul(lo ^ Math.imul(hi, 0x27d4eb2d), 0x9e3779b1);
  return h ^ (h >>> 15);
}
