/**
 * Flat numeric operands for the hot kernels: a typed array or a constant, plus the NULL mask.
 * Kernels receive only flat or constant vectors (see prepareKernel), and a NULL constant of a
 * NULL-propagating function never reaches them.
 */
import { ExecError } from '../errors.ts';
import { MAX_EXACT_F64, type Nulls, type Selection, type Vector } from '../types/vector.ts';

export interface NumArg {
  /** null when the operand is constant. */
  readonly arr: Float64Array | Int32Array | null;
  readonly c: number;
  readonly nulls: Nulls;
}

/** The operand as numbers, or null when it holds bigints (exact values beyond 2^53). */
export function numArg(v: Vector): NumArg | null {
  switch (v.storage) {
    case 'f64':
    case 'i32':
      return { arr: v.values, c: 0, nulls: v.nulls };
    case 'const': {
      const x = v.value;
      if (typeof x === 'bigint') {
        if (x > BigInt(MAX_EXACT_F64) || x < -BigInt(MAX_EXACT_F64)) return null;
        return { arr: null, c: Number(x), nulls: null };
      }
      return { arr: null, c: typeof x === 'number' ? x : x === true ? 1 : 0, nulls: null };
    }
    default:
      return null;
  }
}

/** Union of the NULL masks of operands, at the selected rows (null when none is NULL). */
export function unionNulls(masks: readonly Nulls[], sel: Selection, length: number): Nulls {
  let only: Nulls = null;
  let count = 0;
  for (const m of masks) {
    if (m !== null) {
      only = m;
      count++;
    }
  }
  if (count === 0) return null;
  if (count === 1) return only;
  const out = new Uint8Array(length);
  for (let k = 0; k < sel.length; k++) {
    const i = sel[k]!;
    for (const m of masks) {
      if (m !== null && m[i] === 1) {
        out[i] = 1;
        break;
      }
    }
  }
  return out;
}

export function divisionByZero(): ExecError {
  return new ExecError('DIVISION_BY_ZERO', 'Division by zero');
}

export function outOfRange(message: string): ExecError {
  return new ExecError('NUMERIC_VALUE_OUT_OF_RANGE', message);
}

export function decimalOverflow(): ExecError {
  return new ExecError('NUMERIC_VALUE_OUT_OF_RANGE', 'Decimal overflow');
}
