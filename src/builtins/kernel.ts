/**
 * The kernel toolkit. `prepareKernel` wraps every kernel the library hands out so that the
 * kernel proper only ever sees flat or constant inputs:
 *
 * - an empty selection computes nothing (so a constant 1/0 under an empty filter does not fail);
 * - a NULL constant argument of a NULL-propagating function gives a NULL constant;
 * - all-constant arguments are evaluated once and give a constant;
 * - one dictionary argument with the rest constant is evaluated on the dictionary entries the
 *   selected rows use, then expanded by codes (fixed-width results) or kept as a dictionary;
 * - any other dictionary argument is decoded at the selected rows.
 *
 * `lift1`..`liftN` turn a per-value JS function into a kernel for the long tail of functions.
 */
import type { SqlType } from '../types/sqlType.ts';
import type { NonNullValue, Value } from '../types/value.ts';
import { constVector, valueAt, type DictVector, type Selection, type Vector } from '../types/vector.ts';
import type { ScalarKernel } from './types.ts';
import { decodeDictionary, makeNullTest, makeReader } from './vectorRead.ts';
import { ResultWriter } from './vectorWrite.ts';

const ONE_ROW: Selection = new Int32Array([0]);

export interface PrepareOptions {
  /** false when a NULL argument does not force a NULL result (IS DISTINCT FROM, concat_ws…). */
  readonly propagatesNull?: boolean;
  /** false for functions whose result differs per row even on equal inputs. */
  readonly deterministic?: boolean;
}

export function prepareKernel(returnType: SqlType, inner: ScalarKernel, options: PrepareOptions = {}): ScalarKernel {
  const propagatesNull = options.propagatesNull ?? true;
  const deterministic = options.deterministic ?? true;
  return (args, sel, length) => {
    if (sel.length === 0) return constVector(returnType, null, length);
    let allConst = true;
    let dictIndex = -1;
    let nonConst = 0;
    for (let a = 0; a < args.length; a++) {
      const v = args[a]!;
      if (v.storage === 'const') {
        if (propagatesNull && v.value === null) return constVector(returnType, null, length);
      } else {
        allConst = false;
        nonConst++;
        if (v.storage === 'dict') dictIndex = a;
      }
    }
    if (allConst && deterministic && args.length > 0) {
      const one = args.map((v) => ({ ...v, length: 1 }) as Vector);
      return constVector(returnType, valueAt(inner(one, ONE_ROW, 1), 0), length);
    }
    if (deterministic && nonConst === 1 && dictIndex >= 0) {
      const d = args[dictIndex] as DictVector;
      if (d.dictionary.length <= Math.max(sel.length, 64)) return evaluateOnDictionary(returnType, inner, args, dictIndex, sel, length);
    }
    let flat = args;
    if (dictIndex >= 0) flat = args.map((v) => (v.storage === 'dict' ? decodeDictionary(v, sel, length) : v));
    return inner(flat, sel, length);
  };
}

function evaluateOnDictionary(
  returnType: SqlType,
  inner: ScalarKernel,
  args: readonly Vector[],
  dictIndex: number,
  sel: Selection,
  length: number,
): Vector {
  const d = args[dictIndex] as DictVector;
  const dict = d.dictionary;
  const codes = d.codes;
  const rowNulls = d.nulls;
  const used = new Uint8Array(dict.length);
  let count = 0;
  for (let k = 0; k < sel.length; k++) {
    const i = sel[k]!;
    if (rowNulls !== null && rowNulls[i] === 1) continue;
    const c = codes[i]!;
    if (used[c] === 0) {
      used[c] = 1;
      count++;
    }
  }
  const dictSel = new Int32Array(count);
  for (let c = 0, n = 0; c < used.length; c++) if (used[c] === 1) dictSel[n++] = c;
  const dictArgs = args.map((v, a) => (a === dictIndex ? dict : ({ ...v, length: dict.length } as Vector)));
  const r = count === 0 ? constVector(returnType, null, dict.length) : inner(dictArgs, dictSel, dict.length);
  if (r.storage === 'const') {
    if (rowNulls === null || r.value === null) return constVector(returnType, r.value, length);
    return { storage: 'dict', type: returnType, length, nulls: rowNulls, codes, dictionary: flatConst(returnType, r.value) };
  }
  const rNulls = r.nulls;
  let nulls: Uint8Array | null = null;
  if (rowNulls !== null || rNulls !== null) {
    nulls = new Uint8Array(length);
    for (let k = 0; k < sel.length; k++) {
      const i = sel[k]!;
      if ((rowNulls !== null && rowNulls[i] === 1) || (rNulls !== null && rNulls[codes[i]!] === 1)) nulls[i] = 1;
    }
  }
  switch (r.storage) {
    case 'bool':
    case 'i32':
    case 'f64': {
      const src = r.values;
      const out = r.storage === 'f64' ? new Float64Array(length) : r.storage === 'i32' ? new Int32Array(length) : new Uint8Array(length);
      for (let k = 0; k < sel.length; k++) {
        const i = sel[k]!;
        out[i] = src[codes[i]!]!;
      }
      if (r.storage === 'f64') return { storage: 'f64', type: returnType, length, nulls, values: out as Float64Array };
      if (r.storage === 'i32') return { storage: 'i32', type: returnType, length, nulls, values: out as Int32Array };
      return { storage: 'bool', type: returnType, length, nulls, values: out as Uint8Array };
    }
    case 'dict':
      return { storage: 'dict', type: returnType, length, nulls, codes: remap(codes, r.codes, sel, length), dictionary: r.dictionary };
    default:
      return { storage: 'dict', type: returnType, length, nulls: rowNulls, codes, dictionary: r };
  }
}

function remap(codes: Int32Array, inner: Int32Array, sel: Selection, length: number): Int32Array {
  const out = new Int32Array(length);
  for (let k = 0; k < sel.length; k++) out[sel[k]!] = inner[codes[sel[k]!]!]!;
  return out;
}

function flatConst(type: SqlType, value: Value): Vector {
  const w = new ResultWriter(type, 1);
  w.set(0, value);
  return w.finish();
}

type F1 = (a: NonNullValue) => Value;
type F2 = (a: NonNullValue, b: NonNullValue) => Value;
type F3 = (a: NonNullValue, b: NonNullValue, c: NonNullValue) => Value;
type FN = (args: NonNullValue[]) => Value;

/** A NULL-propagating kernel from a function of one non-NULL value. */
export function lift1(returnType: SqlType, fn: F1): ScalarKernel {
  return prepareKernel(returnType, (args, sel, length) => {
    const ra = makeReader(args[0]!);
    const na = makeNullTest(args[0]!);
    const w = new ResultWriter(returnType, length);
    for (let k = 0; k < sel.length; k++) {
      const i = sel[k]!;
      if (na !== null && na(i)) w.setNull(i);
      else w.set(i, fn(ra(i) as NonNullValue));
    }
    return w.finish();
  });
}

export function lift2(returnType: SqlType, fn: F2): ScalarKernel {
  return prepareKernel(returnType, (args, sel, length) => {
    const ra = makeReader(args[0]!);
    const rb = makeReader(args[1]!);
    const na = makeNullTest(args[0]!);
    const nb = makeNullTest(args[1]!);
    const w = new ResultWriter(returnType, length);
    for (let k = 0; k < sel.length; k++) {
      const i = sel[k]!;
      if ((na !== null && na(i)) || (nb !== null && nb(i))) w.setNull(i);
      else w.set(i, fn(ra(i) as NonNullValue, rb(i) as NonNullValue));
    }
    return w.finish();
  });
}

export function lift3(returnType: SqlType, fn: F3): ScalarKernel {
  return liftN(returnType, (v) => fn(v[0]!, v[1]!, v[2]!));
}

/** Any arity; `propagatesNull: false` passes NULLs through as null (the function decides). */
export function liftN(returnType: SqlType, fn: FN, options: PrepareOptions = {}): ScalarKernel {
  const propagates = options.propagatesNull ?? true;
  return prepareKernel(
    returnType,
    (args, sel, length) => {
      const readers = args.map(makeReader);
      const tests = args.map(makeNullTest);
      const w = new ResultWriter(returnType, length);
      const row = new Array<NonNullValue>(args.length);
      for (let k = 0; k < sel.length; k++) {
        const i = sel[k]!;
        let isNull = false;
        for (let a = 0; a < args.length; a++) {
          const t = tests[a];
          if (t !== null && t(i)) {
            if (propagates) {
              isNull = true;
              break;
            }
            row[a] = null as unknown as NonNullValue;
          } else row[a] = readers[a]!(i) as NonNullValue;
        }
        if (isNull) w.setNull(i);
        else w.set(i, fn(row));
      }
      return w.finish();
    },
    options,
  );
}

/** Evaluate a kernel on constant arguments (tests, constant folding in the binder). */
export function evaluateConst(kernel: ScalarKernel, args: readonly { type: SqlType; value: Value }[]): Value {
  const vectors = args.map((a) => constVector(a.type, a.value, 1));
  return valueAt(kernel(vectors, ONE_ROW, 1), 0);
}
