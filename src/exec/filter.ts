/**
 * Filters as selection narrowing. A predicate keeps the rows where it is TRUE, so a conjunction
 * is its conjuncts applied one after another, each on the rows the previous ones kept (which is
 * also what makes `x <> 0 AND y / x > 1` safe). A comparison of a column with a constant on
 * numeric storage writes the surviving row indices directly, without a boolean vector.
 */
import { and, conjuncts, type BoundExpr } from '../plan/expr.ts';
import { typesEqual } from '../types/sqlType.ts';
import type { Batch, Selection } from '../types/vector.ts';
import { compileExpr, type CompiledExpr } from './evaluate.ts';
import { selectWhere } from './selection.ts';

export type CompiledFilter = (batch: Batch, sel: Selection) => Selection;

/** Types stored as plain numbers: exact numbers unscaled, dates as days, timestamps as micros. */
const NUMERIC_KINDS = new Set(['tinyint', 'smallint', 'integer', 'bigint', 'decimal', 'real', 'double', 'date', 'timestamp']);

type Op = '$eq' | '$ne' | '$lt' | '$le' | '$gt' | '$ge';
const MIRROR: Record<Op, Op> = { $eq: '$eq', $ne: '$ne', $lt: '$gt', $le: '$ge', $gt: '$lt', $ge: '$le' };

export function compileFilter(predicate: BoundExpr, memo?: Map<string, CompiledExpr>): CompiledFilter {
  const steps = fuseRanges(conjuncts(predicate)).map((c) => (Array.isArray(c) ? compileRange(c[0], c[1], memo) : compileConjunct(c, memo)));
  if (steps.length === 1) return steps[0]!;
  return (batch, sel) => {
    let rows = sel;
    for (const step of steps) {
      if (rows.length === 0) return rows;
      rows = step(batch, rows);
    }
    return rows;
  };
}

/**
 * A filter's steps for a pipeline that materializes columns step by step: its conjuncts, with
 * range pairs on one column kept together (one pass over the rows tests both bounds).
 */
export function filterSteps(predicate: BoundExpr): BoundExpr[] {
  return fuseRanges(conjuncts(predicate)).map((c) => (Array.isArray(c) ? and(c) : c));
}

/**
 * Adjacent conjuncts bounding the same column from both sides (`d >= a AND d < b`, BETWEEN)
 * become one pair, tested in one pass over the rows.
 */
function fuseRanges(terms: readonly BoundExpr[]): (BoundExpr | [BoundExpr, BoundExpr])[] {
  const out: (BoundExpr | [BoundExpr, BoundExpr])[] = [];
  for (let i = 0; i < terms.length; i++) {
    const a = columnVersusConstant(terms[i]!);
    const b = i + 1 < terms.length ? columnVersusConstant(terms[i + 1]!) : null;
    if (a !== null && b !== null && a.column === b.column && isLower(a.op) !== isLower(b.op) && !isEquality(a.op) && !isEquality(b.op)) {
      out.push([terms[i]!, terms[i + 1]!]);
      i++;
    } else out.push(terms[i]!);
  }
  return out;
}

const isLower = (op: Op): boolean => op === '$gt' || op === '$ge';
const isEquality = (op: Op): boolean => op === '$eq' || op === '$ne';

function compileRange(first: BoundExpr, second: BoundExpr, memo: Map<string, CompiledExpr> | undefined): CompiledFilter {
  const a = columnVersusConstant(first)!;
  const b = columnVersusConstant(second)!;
  const [lo, hi] = isLower(a.op) ? [a, b] : [b, a];
  const loInclusive = lo.op === '$ge';
  const hiInclusive = hi.op === '$le';
  const slow = [compileConjunct(first, memo), compileConjunct(second, memo)] as const;
  return (batch, sel) => {
    const v = batch.columns[a.column]!;
    if ((v.storage !== 'f64' && v.storage !== 'i32') || v.nulls !== null) {
      const kept = slow[0](batch, sel);
      return kept.length === 0 ? kept : slow[1](batch, kept);
    }
    const values = v.values;
    const out = new Int32Array(sel.length);
    let m = 0;
    const low = lo.value;
    const high = hi.value;
    for (let k = 0; k < sel.length; k++) {
      const i = sel[k]!;
      const x = values[i]!;
      if ((loInclusive ? x >= low : x > low) && (hiInclusive ? x <= high : x < high)) out[m++] = i;
    }
    return m === sel.length ? sel : out.subarray(0, m);
  };
}

function compileConjunct(e: BoundExpr, memo: Map<string, CompiledExpr> | undefined): CompiledFilter {
  const direct = columnVersusConstant(e);
  const general = compileExpr(e, memo);
  const fallback: CompiledFilter = (batch, sel) => selectWhere(general(batch, sel), sel, true);
  if (direct === null) return fallback;
  const { column, op, value } = direct;
  return (batch, sel) => {
    const v = batch.columns[column]!;
    if ((v.storage !== 'f64' && v.storage !== 'i32') || v.nulls !== null) return fallback(batch, sel);
    return selectCompare(v.values, op, value, sel);
  };
}

/** `column op constant` (either side) whose constant compares as a plain number. */
function columnVersusConstant(e: BoundExpr): { column: number; op: Op; value: number } | null {
  if (e.kind !== 'call' || !(e.name in MIRROR) || e.args.length !== 2) return null;
  const [a, b] = e.args as [BoundExpr, BoundExpr];
  const numeric = (x: BoundExpr): number | null => {
    if (x.kind !== 'literal' || x.value === null) return null;
    const t = x.type.kind;
    // Exact numbers are compared as unscaled integers (both sides share the coerced type), dates
    // as days; both are exact in a double below 2^53.
    if (!NUMERIC_KINDS.has(t)) return null;
    const n = typeof x.value === 'bigint' ? Number(x.value) : typeof x.value === 'number' ? x.value : null;
    if (n === null || (typeof x.value === 'bigint' && BigInt(n) !== x.value) || Number.isNaN(n)) return null;
    return n;
  };
  if (!typesEqual(a.type, b.type)) return null;
  if (a.kind === 'column') {
    const n = numeric(b);
    if (n !== null) return { column: a.index, op: e.name as Op, value: n };
  }
  if (b.kind === 'column') {
    const n = numeric(a);
    if (n !== null) return { column: b.index, op: MIRROR[e.name as Op], value: n };
  }
  return null;
}

function selectCompare(values: Float64Array | Int32Array, op: Op, c: number, sel: Selection): Selection {
  const out = new Int32Array(sel.length);
  let m = 0;
  const n = sel.length;
  switch (op) {
    case '$eq':
      for (let k = 0; k < n; k++) {
        const i = sel[k]!;
        if (values[i] === c) out[m++] = i;
      }
      break;
    case '$ne':
      for (let k = 0; k < n; k++) {
        const i = sel[k]!;
        if (values[i] !== c) out[m++] = i;
      }
      break;
    case '$lt':
      for (let k = 0; k < n; k++) {
        const i = sel[k]!;
        if (values[i]! < c) out[m++] = i;
      }
      break;
    case '$le':
      for (let k = 0; k < n; k++) {
        const i = sel[k]!;
        if (values[i]! <= c) out[m++] = i;
      }
      break;
    case '$gt':
      for (let k = 0; k < n; k++) {
        const i = sel[k]!;
        if (values[i]! > c) out[m++] = i;
      }
      break;
    case '$ge':
      for (let k = 0; k < n; k++) {
        const i = sel[k]!;
        if (values[i]! >= c) out[m++] = i;
      }
      break;
  }
  return m === n ? sel : out.subarray(0, m);
}
