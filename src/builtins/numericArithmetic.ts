/**
 * Arithmetic on integral types, real and double, with Trino's semantics: integral overflow is
 * an error ("integer addition overflow: 2147483647 + 1"), integral division truncates toward
 * zero, x / 0 and x % 0 fail on integral types and follow IEEE on floating types.
 *
 * Bigint values live in a Float64Array while they fit in ±(2^53-1); a sum or product of such
 * values is exact exactly when its magnitude stays within that bound, so the fast loop checks
 * each result and hands the rest of the batch to a bigint loop on the first one that does not.
 */
import type { SqlType } from '../types/sqlType.ts';
import { MAX_EXACT_F64, type Selection } from '../types/vector.ts';
import { finishInBigInts } from './bigIntTail.ts';
import { prepareKernel } from './kernel.ts';
import { divisionByZero, numArg, outOfRange, unionNulls, type NumArg } from './numericArgs.ts';
import type { ScalarKernel } from './types.ts';
import { makeBigIntReader, makeNullTest } from './vectorRead.ts';
import { ResultWriter } from './vectorWrite.ts';

export type ArithOp = 'add' | 'subtract' | 'multiply' | 'divide' | 'modulo';

const SYMBOL: Record<ArithOp, string> = { add: '+', subtract: '-', multiply: '*', divide: '/', modulo: '%' };
const WORD: Record<ArithOp, string> = {
  add: 'addition',
  subtract: 'subtraction',
  multiply: 'multiplication',
  divide: 'division',
  modulo: 'modulus',
};

const RANGE: Record<string, readonly [number, number]> = {
  tinyint: [-128, 127],
  smallint: [-32768, 32767],
  integer: [-2147483648, 2147483647],
};

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

function overflow(type: string, op: ArithOp, a: number | bigint, b: number | bigint): Error {
  return outOfRange(`${type} ${WORD[op]} overflow: ${a} ${SYMBOL[op]} ${b}`);
}

/** tinyint, smallint, integer: exact in doubles, range-checked per row. */
export function smallIntegralKernel(op: ArithOp, type: SqlType): ScalarKernel {
  const [min, max] = RANGE[type.kind]!;
  return prepareKernel(type, (args, sel, length) => {
    const a = numArg(args[0]!)!;
    const b = numArg(args[1]!)!;
    const nulls = unionNulls([a.nulls, b.nulls], sel, length);
    const out = new Int32Array(length);
    for (let k = 0; k < sel.length; k++) {
      const i = sel[k]!;
      if (nulls !== null && nulls[i] === 1) continue;
      const x = a.arr === null ? a.c : a.arr[i]!;
      const y = b.arr === null ? b.c : b.arr[i]!;
      let r: number;
      switch (op) {
        case 'add':
          r = x + y;
          break;
        case 'subtract':
          r = x - y;
          break;
        case 'multiply':
          r = x * y;
          break;
        case 'divide':
          if (y === 0) throw divisionByZero();
          r = Math.trunc(x / y);
          break;
        case 'modulo':
          if (y === 0) throw divisionByZero();
          r = x % y;
          break;
      }
      if (r > max || r < min) throw overflow(type.kind, op, x, y);
      out[i] = r === 0 ? 0 : r;
    }
    return { storage: 'i32', type, length, nulls, values: out };
  });
}

/** bigint: doubles while exact, bigint for the rest of the batch after the first large value. */
export function bigintKernel(op: ArithOp, type: SqlType): ScalarKernel {
  const exact = bigintOp(op);
  return prepareKernel(type, (args, sel, length) => {
    const a = numArg(args[0]!);
    const b = numArg(args[1]!);
    const nulls = unionNulls([args[0]!.nulls, args[1]!.nulls], sel, length);
    let start = 0;
    let out: Float64Array | null = null;
    if (a !== null && b !== null) {
      out = new Float64Array(length);
      start = bigintFast(op, a, b, sel, nulls, out);
      if (start === sel.length) return { storage: 'f64', type, length, nulls, values: out };
    }
    return finishInBigInts(type, args, sel, length, nulls, start, out, exact);
  });
}

function bigintFast(op: ArithOp, a: NumArg, b: NumArg, sel: Selection, nulls: Uint8Array | null, out: Float64Array): number {
  for (let k = 0; k < sel.length; k++) {
    const i = sel[k]!;
    if (nulls !== null && nulls[i] === 1) continue;
    const x = a.arr === null ? a.c : a.arr[i]!;
    const y = b.arr === null ? b.c : b.arr[i]!;
    let r: number;
    switch (op) {
      case 'add':
        r = x + y;
        break;
      case 'subtract':
        r = x - y;
        break;
      case 'multiply':
        r = x * y;
        break;
      case 'divide': {
        if (y === 0) throw divisionByZero();
        // fmod is exact, so (x - rem) / y is an exact integer quotient.
        const rem = x % y;
        r = (x - rem) / y;
        break;
      }
      case 'modulo':
        if (y === 0) throw divisionByZero();
        r = x % y;
        break;
    }
    if (!(r <= MAX_EXACT_F64 && r >= -MAX_EXACT_F64)) return k;
    out[i] = r === 0 ? 0 : r;
  }
  return sel.length;
}

/** The operation on bigints, with Trino's bigint overflow and division-by-zero errors. */
function bigintOp(op: ArithOp): (x: bigint, y: bigint) => bigint {
  return (x, y) => {
    let r: bigint;
    switch (op) {
      case 'add':
        r = x + y;
        break;
      case 'subtract':
        r = x - y;
        break;
      case 'multiply':
        r = x * y;
        break;
      case 'divide':
        if (y === 0n) throw divisionByZero();
        r = x / y;
        break;
      case 'modulo':
        if (y === 0n) throw divisionByZero();
        r = x % y;
        break;
    }
    if (r > INT64_MAX || r < INT64_MIN) throw overflow('bigint', op, x, y);
    return r;
  };
}

/** double and real (real results are rounded to float32). */
export function floatingKernel(op: ArithOp, type: SqlType): ScalarKernel {
  const real = type.kind === 'real';
  return prepareKernel(type, (args, sel, length) => {
    const a = numArg(args[0]!)!;
    const b = numArg(args[1]!)!;
    const nulls = unionNulls([a.nulls, b.nulls], sel, length);
    const out = new Float64Array(length);
    const n = sel.length;
    const aa = a.arr;
    const ba = b.arr;
    const ac = a.c;
    const bc = b.c;
    if (aa !== null && ba !== null) {
      switch (op) {
        case 'add':
          for (let k = 0; k < n; k++) out[sel[k]!] = aa[sel[k]!]! + ba[sel[k]!]!;
          break;
        case 'subtract':
          for (let k = 0; k < n; k++) out[sel[k]!] = aa[sel[k]!]! - ba[sel[k]!]!;
          break;
        case 'multiply':
          for (let k = 0; k < n; k++) out[sel[k]!] = aa[sel[k]!]! * ba[sel[k]!]!;
          break;
        case 'divide':
          for (let k = 0; k < n; k++) out[sel[k]!] = aa[sel[k]!]! / ba[sel[k]!]!;
          break;
        case 'modulo':
          for (let k = 0; k < n; k++) out[sel[k]!] = aa[sel[k]!]! % ba[sel[k]!]!;
          break;
      }
    } else if (aa !== null) {
      switch (op) {
        case 'add':
          for (let k = 0; k < n; k++) out[sel[k]!] = aa[sel[k]!]! + bc;
          break;
        case 'subtract':
          for (let k = 0; k < n; k++) out[sel[k]!] = aa[sel[k]!]! - bc;
          break;
        case 'multiply':
          for (let k = 0; k < n; k++) out[sel[k]!] = aa[sel[k]!]! * bc;
          break;
        case 'divide':
          for (let k = 0; k < n; k++) out[sel[k]!] = aa[sel[k]!]! / bc;
          break;
        case 'modulo':
          for (let k = 0; k < n; k++) out[sel[k]!] = aa[sel[k]!]! % bc;
          break;
      }
    } else if (ba === null) {
      // Both constant (prepareKernel folds such calls through here on one row).
      const v = op === 'add' ? ac + bc : op === 'subtract' ? ac - bc : op === 'multiply' ? ac * bc : op === 'divide' ? ac / bc : ac % bc;
      for (let k = 0; k < n; k++) out[sel[k]!] = v;
    } else {
      const arr = ba;
      switch (op) {
        case 'add':
          for (let k = 0; k < n; k++) out[sel[k]!] = ac + arr[sel[k]!]!;
          break;
        case 'subtract':
          for (let k = 0; k < n; k++) out[sel[k]!] = ac - arr[sel[k]!]!;
          break;
        case 'multiply':
          for (let k = 0; k < n; k++) out[sel[k]!] = ac * arr[sel[k]!]!;
          break;
        case 'divide':
          for (let k = 0; k < n; k++) out[sel[k]!] = ac / arr[sel[k]!]!;
          break;
        case 'modulo':
          for (let k = 0; k < n; k++) out[sel[k]!] = ac % arr[sel[k]!]!;
          break;
      }
    }
    if (real) for (let k = 0; k < n; k++) out[sel[k]!] = Math.fround(out[sel[k]!]!);
    return { storage: 'f64', type, length, nulls, values: out };
  });
}

/** Unary minus on numbers (integral types range-checked: -(-2147483648) overflows). */
export function negateKernel(type: SqlType): ScalarKernel {
  return prepareKernel(type, (args, sel, length) => {
    const v = args[0]!;
    const a = numArg(v);
    const nulls = v.nulls;
    if (a === null || type.kind === 'bigint') {
      const w = new ResultWriter(type, length);
      const r = makeBigIntReader(v);
      const nt = makeNullTest(v);
      for (let k = 0; k < sel.length; k++) {
        const i = sel[k]!;
        if (nt !== null && nt(i)) w.setNull(i);
        else {
          const x = r(i);
          if (type.kind === 'bigint' && x === INT64_MIN) throw outOfRange(`bigint negation overflow: ${x}`);
          w.setExact(i, -x);
        }
      }
      return w.finish();
    }
    const range = RANGE[type.kind];
    const exactZero = range !== undefined || type.kind === 'decimal';
    const out = range !== undefined ? new Int32Array(length) : new Float64Array(length);
    for (let k = 0; k < sel.length; k++) {
      const i = sel[k]!;
      if (nulls !== null && nulls[i] === 1) continue;
      const x = a.arr === null ? a.c : a.arr[i]!;
      if (range !== undefined && -x > range[1]) throw outOfRange(`${type.kind} negation overflow: ${x}`);
      out[i] = exactZero && x === 0 ? 0 : -x;
    }
    if (out instanceof Int32Array) return { storage: 'i32', type, length, nulls, values: out };
    return { storage: 'f64', type, length, nulls, values: out };
  });
}
