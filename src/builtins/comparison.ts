/**
 * Comparison operators `$eq $ne $lt $le $gt $ge` and `$is_distinct_from`.
 *
 * Operands meet at their common super type (date vs timestamp compares as timestamp; varchar vs
 * date has none, a type mismatch as in Trino). Numbers compare with IEEE semantics (NaN = NaN is
 * false). Hot paths: typed-array loops for number-valued storage with constants read once,
 * UTF-8 byte comparison for binary varchar against a constant, and (via prepareKernel)
 * dictionary columns evaluated once per distinct entry.
 */
import { BOOLEAN, commonSuperType, formatType, type SqlType } from '../types/sqlType.ts';
import { encodeUtf8, type Nulls, type Selection, type Vector } from '../types/vector.ts';
import { compareBytes, compareStrings, comparatorFor, valuesEqual } from './compareValues.ts';
import { prepareKernel } from './kernel.ts';
import { numArg, unionNulls } from './numericArgs.ts';
import type { Resolution } from './signature.ts';
import type { ResolvedSignature, ScalarFunctionDef, ScalarKernel } from './types.ts';
import { isExactType, makeNullTest, makeReader, makeStringReader } from './vectorRead.ts';
import type { NonNullValue } from '../types/value.ts';

export type CompareOp = 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge';

const SYMBOL: Record<CompareOp, string> = { eq: '=', ne: '<>', lt: '<', le: '<=', gt: '>', ge: '>=' };
/** The operator with its operands swapped: a < b ⇔ b > a. */
const FLIP: Record<CompareOp, CompareOp> = { eq: 'eq', ne: 'ne', lt: 'gt', le: 'ge', gt: 'lt', ge: 'le' };

export function resolveComparison(symbol: string, argTypes: readonly SqlType[]): Resolution {
  if (argTypes.length !== 2) return { error: `'${symbol}' takes two arguments` };
  const [a, b] = argTypes as [SqlType, SqlType];
  if (a.kind === 'varchar' && b.kind === 'varchar') return { argTypes: [a, b], returnType: BOOLEAN };
  const common = commonSuperType(a, b);
  if (common === null) return { error: `Cannot apply operator: ${formatType(a)} ${symbol} ${formatType(b)}` };
  return { argTypes: [common, common], returnType: BOOLEAN };
}

function test(op: CompareOp, c: number): boolean {
  switch (op) {
    case 'eq':
      return c === 0;
    case 'ne':
      return c !== 0;
    case 'lt':
      return c < 0;
    case 'le':
      return c <= 0;
    case 'gt':
      return c > 0;
    case 'ge':
      return c >= 0;
  }
}

export function comparisonKernel(op: CompareOp, sig: ResolvedSignature): ScalarKernel {
  const type = sig.argTypes[0]!;
  return prepareKernel(BOOLEAN, (args, sel, length) => {
    let a = args[0]!;
    let b = args[1]!;
    let o = op;
    if (a.storage === 'const' && b.storage !== 'const') {
      [a, b] = [b, a];
      o = FLIP[op];
    }
    const nulls = unionNulls([a.nulls, b.nulls], sel, length);
    const out = new Uint8Array(length);
    const na = numArg(a);
    const nb = numArg(b);
    if (na !== null && nb !== null && type.kind !== 'boolean' && type.kind !== 'varchar') {
      if (na.arr === null && nb.arr === null) {
        // Both constant (prepareKernel folds such calls through here on one row).
        const v = compareNumbers(o, na.c, nb.c) ? 1 : 0;
        for (let k = 0; k < sel.length; k++) out[sel[k]!] = v;
      } else if (nb.arr === null) compareArrayConst(o, na.arr!, nb.c, sel, out);
      // A constant on the left (`5 < x`) is the mirrored comparison with it on the right.
      else if (na.arr === null) compareArrayConst(MIRRORED[o], nb.arr, na.c, sel, out);
      else compareArrays(o, na.arr, nb.arr, sel, out);
    } else if (type.kind === 'varchar') compareVarchar(o, a, b, sel, out);
    else compareGeneric(o, type, a, b, sel, nulls, out);
    return { storage: 'bool', type: BOOLEAN, length, nulls, values: out };
  });
}

function compareNumbers(op: CompareOp, x: number, y: number): boolean {
  switch (op) {
    case 'eq':
      return x === y;
    case 'ne':
      return x !== y;
    case 'lt':
      return x < y;
    case 'le':
      return x <= y;
    case 'gt':
      return x > y;
    case 'ge':
      return x >= y;
  }
}

const MIRRORED: Record<CompareOp, CompareOp> = { eq: 'eq', ne: 'ne', lt: 'gt', le: 'ge', gt: 'lt', ge: 'le' };

function compareArrayConst(op: CompareOp, a: Float64Array | Int32Array, c: number, sel: Selection, out: Uint8Array): void {
  const n = sel.length;
  switch (op) {
    case 'eq':
      for (let k = 0; k < n; k++) out[sel[k]!] = a[sel[k]!]! === c ? 1 : 0;
      break;
    case 'ne':
      for (let k = 0; k < n; k++) out[sel[k]!] = a[sel[k]!]! !== c ? 1 : 0;
      break;
    case 'lt':
      for (let k = 0; k < n; k++) out[sel[k]!] = a[sel[k]!]! < c ? 1 : 0;
      break;
    case 'le':
      for (let k = 0; k < n; k++) out[sel[k]!] = a[sel[k]!]! <= c ? 1 : 0;
      break;
    case 'gt':
      for (let k = 0; k < n; k++) out[sel[k]!] = a[sel[k]!]! > c ? 1 : 0;
      break;
    case 'ge':
      for (let k = 0; k < n; k++) out[sel[k]!] = a[sel[k]!]! >= c ? 1 : 0;
      break;
  }
}

function compareArrays(op: CompareOp, a: Float64Array | Int32Array, b: Float64Array | Int32Array, sel: Selection, out: Uint8Array): void {
  const n = sel.length;
  switch (op) {
    case 'eq':
      for (let k = 0; k < n; k++) out[sel[k]!] = a[sel[k]!]! === b[sel[k]!]! ? 1 : 0;
      break;
    case 'ne':
      for (let k = 0; k < n; k++) out[sel[k]!] = a[sel[k]!]! !== b[sel[k]!]! ? 1 : 0;
      break;
    case 'lt':
      for (let k = 0; k < n; k++) out[sel[k]!] = a[sel[k]!]! < b[sel[k]!]! ? 1 : 0;
      break;
    case 'le':
      for (let k = 0; k < n; k++) out[sel[k]!] = a[sel[k]!]! <= b[sel[k]!]! ? 1 : 0;
      break;
    case 'gt':
      for (let k = 0; k < n; k++) out[sel[k]!] = a[sel[k]!]! > b[sel[k]!]! ? 1 : 0;
      break;
    case 'ge':
      for (let k = 0; k < n; k++) out[sel[k]!] = a[sel[k]!]! >= b[sel[k]!]! ? 1 : 0;
      break;
  }
}

function compareVarchar(op: CompareOp, a: Vector, b: Vector, sel: Selection, out: Uint8Array): void {
  const n = sel.length;
  if (b.storage === 'const') {
    const c = b.value as string;
    if (a.storage === 'binary') {
      const cb = encodeUtf8(c);
      const { offsets, bytes } = a;
      const cl = cb.length;
      for (let k = 0; k < n; k++) {
        const i = sel[k]!;
        const s = offsets[i]!;
        const e = offsets[i + 1]!;
        if (op === 'eq' || op === 'ne') {
          let eq = e - s === cl;
          for (let j = 0; eq && j < cl; j++) eq = bytes[s + j] === cb[j];
          out[i] = eq === (op === 'eq') ? 1 : 0;
        } else out[i] = test(op, compareBytes(bytes, s, e, cb, 0, cl)) ? 1 : 0;
      }
      return;
    }
    const ra = makeStringReader(a);
    if (op === 'eq') for (let k = 0; k < n; k++) out[sel[k]!] = ra(sel[k]!) === c ? 1 : 0;
    else if (op === 'ne') for (let k = 0; k < n; k++) out[sel[k]!] = ra(sel[k]!) !== c ? 1 : 0;
    else for (let k = 0; k < n; k++) out[sel[k]!] = test(op, compareStrings(ra(sel[k]!), c)) ? 1 : 0;
    return;
  }
  if (a.storage === 'binary' && b.storage === 'binary') {
    for (let k = 0; k < n; k++) {
      const i = sel[k]!;
      const c = compareBytes(a.bytes, a.offsets[i]!, a.offsets[i + 1]!, b.bytes, b.offsets[i]!, b.offsets[i + 1]!);
      out[i] = test(op, c) ? 1 : 0;
    }
    return;
  }
  const ra = makeStringReader(a);
  const rb = makeStringReader(b);
  for (let k = 0; k < n; k++) {
    const i = sel[k]!;
    out[i] = test(op, compareStrings(ra(i), rb(i))) ? 1 : 0;
  }
}

function compareGeneric(op: CompareOp, type: SqlType, a: Vector, b: Vector, sel: Selection, nulls: Nulls, out: Uint8Array): void {
  const ra = makeReader(a);
  const rb = makeReader(b);
  if (op === 'eq' || op === 'ne') {
    for (let k = 0; k < sel.length; k++) {
      const i = sel[k]!;
      if (nulls !== null && nulls[i] === 1) continue;
      out[i] = valuesEqual(type, ra(i) as NonNullValue, rb(i) as NonNullValue) === (op === 'eq') ? 1 : 0;
    }
    return;
  }
  const cmp = comparatorFor(type);
  for (let k = 0; k < sel.length; k++) {
    const i = sel[k]!;
    if (nulls !== null && nulls[i] === 1) continue;
    out[i] = test(op, cmp(ra(i) as NonNullValue, rb(i) as NonNullValue)) ? 1 : 0;
  }
}

/** IS DISTINCT FROM: never NULL; NULL is not distinct from NULL, nor NaN from NaN. */
export function distinctFromKernel(sig: ResolvedSignature): ScalarKernel {
  const type = sig.argTypes[0]!;
  const exact = isExactType(type);
  return prepareKernel(
    BOOLEAN,
    (args, sel, length) => {
      const [a, b] = args as [Vector, Vector];
      const ta = makeNullTest(a);
      const tb = makeNullTest(b);
      const ra = makeReader(a);
      const rb = makeReader(b);
      const out = new Uint8Array(length);
      for (let k = 0; k < sel.length; k++) {
        const i = sel[k]!;
        const an = ta !== null && ta(i);
        const bn = tb !== null && tb(i);
        if (an || bn) {
          out[i] = an === bn ? 0 : 1;
          continue;
        }
        const x = ra(i) as NonNullValue;
        const y = rb(i) as NonNullValue;
        if (typeof x === 'number' && typeof y === 'number' && !exact) out[i] = x === y || (x !== x && y !== y) ? 0 : 1;
        else out[i] = valuesEqual(type, x, y) ? 0 : 1;
      }
      return { storage: 'bool', type: BOOLEAN, length, nulls: null, values: out };
    },
    { propagatesNull: false },
  );
}

function comparisonDef(name: string, op: CompareOp): ScalarFunctionDef {
  return {
    name,
    signatures: [`T ${SYMBOL[op]} T → boolean (T orderable; operands coerced to their common super type)`],
    deterministic: true,
    resolve: (argTypes) => resolveComparison(SYMBOL[op], argTypes),
    kernel: (sig) => comparisonKernel(op, sig),
  };
}

export const EQ = comparisonDef('$eq', 'eq');
export const NE = comparisonDef('$ne', 'ne');
export const LT = comparisonDef('$lt', 'lt');
export const LE = comparisonDef('$le', 'le');
export const GT = comparisonDef('$gt', 'gt');
export const GE = comparisonDef('$ge', 'ge');

export const IS_DISTINCT_FROM: ScalarFunctionDef = {
  name: '$is_distinct_from',
  signatures: ['T IS DISTINCT FROM T → boolean'],
  deterministic: true,
  resolve: (argTypes) => resolveComparison('IS DISTINCT FROM', argTypes),
  kernel: distinctFromKernel,
};
