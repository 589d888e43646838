/**
 * CAST and TRY_CAST: which casts Trino allows (`resolveCast`) and their kernels (`castKernel`).
 * The implicit coercions the binder inserts (integer → bigint → decimal → double, decimal
 * widening, date → timestamp, real → double) take vectorised paths; everything else goes
 * through the per-value casts of castValue.ts. A safe cast (TRY_CAST) turns a failure on a
 * row into NULL.
 */
import { SquallError } from '../errors.ts';
import { POW10_F64 } from '../types/decimal.ts';
import { MICROS_PER_DAY } from '../types/datetime.ts';
import { formatType, isInterval, isIntegral, isNumeric, typesEqual, type SqlType } from '../types/sqlType.ts';
import type { NonNullValue } from '../types/value.ts';
import { constVector, MAX_EXACT_F64, type Selection, type Vector } from '../types/vector.ts';
import { valueCast } from './castValue.ts';
import { prepareKernel } from './kernel.ts';
import type { ScalarKernel } from './types.ts';
import { makeNullTest, makeReader } from './vectorRead.ts';
import { ResultWriter } from './vectorWrite.ts';

function allowed(from: SqlType, to: SqlType): boolean {
  if (from.kind === 'unknown' || typesEqual(from, to)) return true;
  const f = from.kind;
  const t = to.kind;
  if (f === 'varchar') return t !== 'array' && !isInterval(to) && t !== 'unknown';
  if (t === 'varchar') return f !== 'array' && f !== 'varbinary';
  if (f === 'boolean') return isNumeric(to);
  if (isNumeric(from)) return isNumeric(to) || t === 'boolean';
  if (f === 'date') return t === 'timestamp';
  if (f === 'timestamp') return t === 'date' || t === 'timestamp';
  return false;
}

/** Whether Trino allows CAST(from AS to). */
export function resolveCast(from: SqlType, to: SqlType): true | { error: string } {
  return allowed(from, to) ? true : { error: `Cannot cast ${formatType(from)} to ${formatType(to)}` };
}

/** The kernel of CAST(x AS to) for x of type `from`; `safe` gives TRY_CAST semantics. */
export function castKernel(from: SqlType, to: SqlType, safe: boolean): ScalarKernel {
  if (from.kind === 'unknown') return (_args, _sel, length) => constVector(to, null, length);
  if (retagOnly(from, to)) return (args) => retag(args[0]!, to);
  const fast = safe ? null : fastCast(from, to);
  if (fast !== null) return prepareKernel(to, (args, sel, length) => fast(args[0]!, sel, length));
  const cast = valueCast(from, to);
  return prepareKernel(to, (args, sel, length) => {
    const v = args[0]!;
    const read = makeReader(v);
    const isNull = makeNullTest(v);
    const w = new ResultWriter(to, length);
    for (let k = 0; k < sel.length; k++) {
      const i = sel[k]!;
      if (isNull !== null && isNull(i)) {
        w.setNull(i);
        continue;
      }
      if (!safe) {
        w.set(i, cast(read(i) as NonNullValue));
        continue;
      }
      try {
        w.set(i, cast(read(i) as NonNullValue));
      } catch (e) {
        if (!(e instanceof SquallError)) throw e;
        w.setNull(i);
      }
    }
    return w.finish();
  });
}

/** Casts whose values and storage are unchanged: only the declared type differs. */
function retagOnly(from: SqlType, to: SqlType): boolean {
  if (typesEqual(from, to)) return true;
  if (from.kind === 'varchar' && to.kind === 'varchar') return to.length === null || (from.length !== null && from.length <= to.length);
  if (from.kind === 'timestamp' && to.kind === 'timestamp') return to.precision >= from.precision;
  if (from.kind === 'real' && to.kind === 'double') return true;
  const rank: Record<string, number> = { tinyint: 1, smallint: 2, integer: 3 };
  return rank[from.kind] !== undefined && rank[to.kind] !== undefined && rank[from.kind]! <= rank[to.kind]!;
}

function retag(v: Vector, to: SqlType): Vector {
  if (v.storage === 'dict') return { ...v, type: to, dictionary: { ...v.dictionary, type: to } as Vector };
  return { ...v, type: to } as Vector;
}

type FastCast = (v: Vector, sel: Selection, length: number) => Vector;

/** Vectorised implicit coercions; null when none applies (or the input may not fit). */
function fastCast(from: SqlType, to: SqlType): FastCast | null {
  if (isIntegral(from) && from.kind !== 'bigint' && (to.kind === 'bigint' || to.kind === 'double')) {
    return (v, sel) => (v.storage === 'i32' ? { storage: 'f64', type: to, length: v.length, nulls: v.nulls, values: Float64Array.from(v.values) } : slow(from, to, v, sel));
  }
  if (from.kind === 'bigint' && to.kind === 'double') {
    return (v, sel) => (v.storage === 'f64' ? { ...v, type: to } : slow(from, to, v, sel));
  }
  if (from.kind === 'date' && to.kind === 'timestamp') {
    return (v, sel, length) => {
      if (v.storage !== 'i32') return slow(from, to, v, sel);
      const out = new Float64Array(length);
      for (let k = 0; k < sel.length; k++) out[sel[k]!] = v.values[sel[k]!]! * MICROS_PER_DAY;
      return { storage: 'f64', type: to, length, nulls: v.nulls, values: out };
    };
  }
  if (from.kind === 'double' && to.kind === 'real') {
    return (v, sel, length) => {
      if (v.storage !== 'f64') return slow(from, to, v, sel);
      const out = new Float64Array(length);
      for (let k = 0; k < sel.length; k++) out[sel[k]!] = Math.fround(v.values[sel[k]!]!);
      return { storage: 'f64', type: to, length, nulls: v.nulls, values: out };
    };
  }
  if (from.kind === 'decimal' && (to.kind === 'double' || to.kind === 'real')) {
    const f = POW10_F64[from.scale];
    if (f === undefined) return null;
    const real = to.kind === 'real';
    return (v, sel, length) => {
      if (v.storage !== 'f64') return slow(from, to, v, sel);
      const out = new Float64Array(length);
      for (let k = 0; k < sel.length; k++) {
        const x = v.values[sel[k]!]! / f;
        out[sel[k]!] = real ? Math.fround(x) : x;
      }
      return { storage: 'f64', type: to, length, nulls: v.nulls, values: out };
    };
  }
  const fromScale = from.kind === 'decimal' ? from.scale : isIntegral(from) ? 0 : -1;
  if (fromScale >= 0 && to.kind === 'decimal' && to.scale >= fromScale) {
    // Widening to decimal: exact when scaled values stay ≤ 2^53-1 and within the precision.
    const f = POW10_F64[to.scale - fromScale];
    const limit = POW10_F64[to.precision];
    if (f === undefined) return null;
    return (v, sel, length) => {
      const src = v.storage === 'f64' || v.storage === 'i32' ? v.values : null;
      if (src === null) return slow(from, to, v, sel);
      const out = new Float64Array(length);
      const nulls = v.nulls;
      for (let k = 0; k < sel.length; k++) {
        const i = sel[k]!;
        if (nulls !== null && nulls[i] === 1) continue;
        const x = src[i]! * f;
        if (!(x <= MAX_EXACT_F64 && x >= -MAX_EXACT_F64) || (limit !== undefined && !(x < limit && x > -limit))) {
          return slow(from, to, v, sel);
        }
        out[i] = x;
      }
      return { storage: 'f64', type: to, length, nulls, values: out };
    };
  }
  return null;
}

/** The general per-value path, for inputs a fast path cannot take. */
function slow(from: SqlType, to: SqlType, v: Vector, sel: Selection): Vector {
  const cast = valueCast(from, to);
  const read = makeReader(v);
  const isNull = makeNullTest(v);
  const w = new ResultWriter(to, v.length);
  for (let k = 0; k < sel.length; k++) {
    const i = sel[k]!;
    if (isNull !== null && isNull(i)) w.setNull(i);
    else w.set(i, cast(read(i) as NonNullValue));
  }
  return w.finish();
}
