/**
 * Exact decimal arithmetic with Trino's result shapes (src/types/decimal.ts). Operands arrive
 * with their own decimal types (an integral operand as decimal(3|5|10|19, 0)).
 *
 * Fast path: unscaled values held as doubles (f64 storage, always exact integers ≤ 2^53-1).
 * Sums and products of exact integers computed in doubles are exact iff the result's magnitude
 * is ≤ 2^53-1, so each result is checked; the first row that fails hands the rest of the batch
 * to the bigint loop, which also enforces the result precision ("Decimal overflow").
 * Division rounds HALF_UP: the remainder from fmod (exact on doubles) decides the rounding.
 */
import {
  divideDecimal,
  fitsPrecision,
  moduloDecimal,
  POW10_F64,
  pow10,
} from '../types/decimal.ts';
import type { SqlType } from '../types/sqlType.ts';
import { MAX_EXACT_F64, type Selection } from '../types/vector.ts';
import { finishInBigInts } from './bigIntTail.ts';
import { prepareKernel } from './kernel.ts';
import type { ArithOp } from './numericArithmetic.ts';
import { decimalOverflow, divisionByZero, numArg, unionNulls, type NumArg } from './numericArgs.ts';
import type { ScalarKernel } from './types.ts';

interface Shape {
  readonly s1: number;
  readonly s2: number;
  readonly rp: number;
  readonly rs: number;
}

function scaleOf(t: SqlType): number {
  return t.kind === 'decimal' ? t.scale : 0;
}

export function decimalKernel(op: ArithOp, left: SqlType, right: SqlType, result: SqlType): ScalarKernel {
  const shape: Shape = {
    s1: scaleOf(left),
    s2: scaleOf(right),
    rp: result.kind === 'decimal' ? result.precision : 38,
    rs: scaleOf(result),
  };
  const exact = decimalOp(op, shape);
  return prepareKernel(result, (args, sel, length) => {
    const a = numArg(args[0]!);
    const b = numArg(args[1]!);
    const nulls = unionNulls([args[0]!.nulls, args[1]!.nulls], sel, length);
    let start = 0;
    let out: Float64Array | null = null;
    if (a !== null && b !== null) {
      out = new Float64Array(length);
      start = fastLoop(op, shape, a, b, sel, nulls, out);
      if (start === sel.length) return { storage: 'f64', type: result, length, nulls, values: out };
    }
    return finishInBigInts(result, args, sel, length, nulls, start, out, exact);
  });
}

/**
 * Monomorphic loops for the shapes that dominate scans (Float64Array operands, no NULLs, one
 * side possibly constant): `x·fa + y·fb` and `x·y`. Each returns the index in sel of the first
 * row it cannot do exactly, like fastLoop.
 */
function linearF64(aa: Float64Array | null, ac: number, fa: number, ba: Float64Array | null, bc: number, fb: number, sel: Selection, out: Float64Array): number {
  const MAX = MAX_EXACT_F64;
  const n = sel.length;
  if (aa !== null && ba !== null) {
    for (let k = 0; k < n; k++) {
      const i = sel[k]!;
      const x = aa[i]! * fa;
      const y = ba[i]! * fb;
      const r = x + y;
      if (!(x <= MAX && x >= -MAX && y <= MAX && y >= -MAX && r <= MAX && r >= -MAX)) return k;
      out[i] = r + 0;
    }
    return n;
  }
  if (aa !== null) {
    const y = bc * fb;
    if (!(y <= MAX && y >= -MAX)) return 0;
    for (let k = 0; k < n; k++) {
      const i = sel[k]!;
      const x = aa[i]! * fa;
      const r = x + y;
      if (!(x <= MAX && x >= -MAX && r <= MAX && r >= -MAX)) return k;
      out[i] = r + 0;
    }
    return n;
  }
  if (ba !== null) {
    const x = ac * fa;
    if (!(x <= MAX && x >= -MAX)) return 0;
    for (let k = 0; k < n; k++) {
      const i = sel[k]!;
      const y = ba[i]! * fb;
      const r = x + y;
      if (!(y <= MAX && y >= -MAX && r <= MAX && r >= -MAX)) return k;
      out[i] = r + 0;
    }
    return n;
  }
  return 0;
}

function productF64(aa: Float64Array | null, ac: number, ba: Float64Array | null, bc: number, sel: Selection, out: Float64Array): number {
  const MAX = MAX_EXACT_F64;
  const n = sel.length;
  if (aa !== null && ba !== null) {
    for (let k = 0; k < n; k++) {
      const i = sel[k]!;
      const r = aa[i]! * ba[i]!;
      if (!(r <= MAX && r >= -MAX)) return k;
      out[i] = r + 0;
    }
    return n;
  }
  const arr = aa ?? ba;
  const c = aa === null ? ac : bc;
  if (arr === null) return 0;
  for (let k = 0; k < n; k++) {
    const i = sel[k]!;
    const r = arr[i]! * c;
    if (!(r <= MAX && r >= -MAX)) return k;
    out[i] = r + 0;
  }
  return n;
}

/** Returns the index in sel of the first row the doubles cannot do exactly (sel.length if none). */
function fastLoop(op: ArithOp, sh: Shape, a: NumArg, b: NumArg, sel: Selection, nulls: Uint8Array | null, out: Float64Array): number {
  const MAX = MAX_EXACT_F64;
  const aa = a.arr;
  const ba = b.arr;
  const n = sel.length;
  const monomorphic = nulls === null && (aa === null || aa instanceof Float64Array) && (ba === null || ba instanceof Float64Array);
  if (monomorphic && (op === 'add' || op === 'subtract')) {
    const fa = POW10_F64[sh.rs - sh.s1];
    const fb = POW10_F64[sh.rs - sh.s2];
    if (fa !== undefined && fb !== undefined) {
      return linearF64(aa as Float64Array | null, a.c, fa, ba as Float64Array | null, b.c, op === 'add' ? fb : -fb, sel, out);
    }
  }
  if (monomorphic && op === 'multiply') return productF64(aa as Float64Array | null, a.c, ba as Float64Array | null, b.c, sel, out);
  switch (op) {
    case 'add':
    case 'subtract': {
      const fa = POW10_F64[sh.rs - sh.s1];
      const fb = POW10_F64[sh.rs - sh.s2];
      if (fa === undefined || fb === undefined) return 0;
      const sign = op === 'add' ? 1 : -1;
      for (let k = 0; k < n; k++) {
        const i = sel[k]!;
        if (nulls !== null && nulls[i] === 1) continue;
        const x = (aa === null ? a.c : aa[i]!) * fa;
        const y = (ba === null ? b.c : ba[i]!) * fb * sign;
        const r = x + y;
        if (!(x <= MAX && x >= -MAX && y <= MAX && y >= -MAX && r <= MAX && r >= -MAX)) return k;
        out[i] = r === 0 ? 0 : r;
      }
      return n;
    }
    case 'multiply': {
      for (let k = 0; k < n; k++) {
        const i = sel[k]!;
        if (nulls !== null && nulls[i] === 1) continue;
        const r = (aa === null ? a.c : aa[i]!) * (ba === null ? b.c : ba[i]!);
        if (!(r <= MAX && r >= -MAX)) return k;
        out[i] = r === 0 ? 0 : r;
      }
      return n;
    }
    case 'divide': {
      const f = POW10_F64[sh.s2 - sh.s1 + sh.rs];
      if (f === undefined) return 0;
      for (let k = 0; k < n; k++) {
        const i = sel[k]!;
        if (nulls !== null && nulls[i] === 1) continue;
        const y = ba === null ? b.c : ba[i]!;
        if (y === 0) throw divisionByZero();
        const x = (aa === null ? a.c : aa[i]!) * f;
        if (!(x <= MAX && x >= -MAX)) return k;
        const rem = x % y;
        let q = (x - rem) / y;
        if (2 * Math.abs(rem) >= Math.abs(y)) q += (x < 0) === (y < 0) ? 1 : -1;
        out[i] = q === 0 ? 0 : q;
      }
      return n;
    }
    case 'modulo': {
      const fa = POW10_F64[sh.rs - sh.s1];
      const fb = POW10_F64[sh.rs - sh.s2];
      if (fa === undefined || fb === undefined) return 0;
      for (let k = 0; k < n; k++) {
        const i = sel[k]!;
        if (nulls !== null && nulls[i] === 1) continue;
        const y = (ba === null ? b.c : ba[i]!) * fb;
        if (y === 0) throw divisionByZero();
        const x = (aa === null ? a.c : aa[i]!) * fa;
        if (!(x <= MAX && x >= -MAX && y <= MAX && y >= -MAX)) return k;
        const r = x % y;
        out[i] = r === 0 ? 0 : r;
      }
      return n;
    }
  }
}

/** The operation on unscaled bigints, rescaled to the result and checked against its precision. */
function decimalOp(op: ArithOp, sh: Shape): (x: bigint, y: bigint) => bigint {
  const fa = pow10(Math.max(0, sh.rs - sh.s1));
  const fb = pow10(Math.max(0, sh.rs - sh.s2));
  return (x, y) => {
    let r: bigint;
    switch (op) {
      case 'add':
        r = x * fa + y * fb;
        break;
      case 'subtract':
        r = x * fa - y * fb;
        break;
      case 'multiply':
        r = x * y;
        break;
      case 'divide':
        if (y === 0n) throw divisionByZero();
        r = divideDecimal(x, sh.s1, y, sh.s2, sh.rs);
        break;
      case 'modulo':
        if (y === 0n) throw divisionByZero();
        r = moduloDecimal(x, sh.s1, y, sh.s2);
        break;
    }
    if (!fitsPrecision(r, sh.rp)) throw decimalOverflow();
    return r;
  };
}
