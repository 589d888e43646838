/**
 * Expression evaluation over batches. A bound expression is compiled once into a tree of
 * closures (no generated source) that reads the rows of a selection. Special forms are here:
 * AND/OR (three-valued, later terms evaluated only on rows still undecided), CASE and COALESCE
 * (a branch sees only the rows that reach it), NOT, IS NULL and IN. Everything else is a kernel
 * from the builtin library.
 */
import { castKernel } from '../builtins/cast.ts';
import { getScalarFunction } from '../builtins/registry.ts';
import { InternalError } from '../errors.ts';
import { exprKey, type BoundExpr } from '../plan/expr.ts';
import type { SqlType } from '../types/sqlType.ts';
import type { Value } from '../types/value.ts';
import {
  allRows,
  constVector,
  isNullAt,
  valueAt,
  VectorBuilder,
  type Batch,
  type Selection,
  type Vector,
} from '../types/vector.ts';
import { boolView, selectWhere } from './selection.ts';

export type CompiledExpr = (batch: Batch, sel: Selection) => Vector;

/**
 * Compile expressions that run together (a projection's outputs) sharing their common
 * subexpressions: `l_extendedprice * (1 - l_discount)` in two of Q1's sums is computed once per
 * batch. A shared node reuses its result only for the same batch and the same selection.
 */
export function compileExprs(exprs: readonly BoundExpr[]): CompiledExpr[] {
  const memo = new Map<string, CompiledExpr>();
  return exprs.map((e) => compileExpr(e, memo));
}

export function compileExpr(e: BoundExpr, memo?: Map<string, CompiledExpr>): CompiledExpr {
  if (memo === undefined || e.kind === 'column' || e.kind === 'literal') return compileNode(e, memo);
  const key = exprKey(e);
  const known = memo.get(key);
  if (known !== undefined) return known;
  const inner = compileNode(e, memo);
  let lastBatch: Batch | null = null;
  let lastSel: Selection | null = null;
  let last: Vector | null = null;
  const shared: CompiledExpr = (batch, sel) => {
    if (batch === lastBatch && sel === lastSel && last !== null) return last;
    last = inner(batch, sel);
    lastBatch = batch;
    lastSel = sel;
    return last;
  };
  memo.set(key, shared);
  return shared;
}

function compileNode(e: BoundExpr, memo: Map<string, CompiledExpr> | undefined): CompiledExpr {
  const compileExpr_ = (x: BoundExpr): CompiledExpr => compileExpr(x, memo);
  switch (e.kind) {
    case 'column': {
      const i = e.index;
      return (batch) => {
        const v = batch.columns[i];
        if (v === undefined) throw new InternalError(`column ${i} out of range (batch has ${batch.columns.length})`);
        return v;
      };
    }
    case 'literal': {
      const { type, value } = e;
      return (batch) => constVector(type, value, batch.length);
    }
    case 'call': {
      const def = getScalarFunction(e.name);
      if (def === undefined) throw new InternalError(`unknown builtin ${e.name}`);
      const kernel = def.kernel({ argTypes: e.args.map((a) => a.type), returnType: e.type });
      const args = e.args.map(compileExpr_);
      return (batch, sel) =>
        kernel(
          args.map((a) => a(batch, sel)),
          sel,
          batch.length,
        );
    }
    case 'cast': {
      const kernel = castKernel(e.operand.type, e.type, e.safe);
      const operand = compileExpr_(e.operand);
      return (batch, sel) => kernel([operand(batch, sel)], sel, batch.length);
    }
    case 'and':
      return compileLogical(e.args.map(compileExpr_), false);
    case 'or':
      return compileLogical(e.args.map(compileExpr_), true);
    case 'not': {
      const operand = compileExpr_(e.operand);
      return (batch, sel) => {
        const v = boolView(operand(batch, sel), sel, batch.length);
        const out = new Uint8Array(batch.length);
        for (let k = 0; k < sel.length; k++) {
          const i = sel[k]!;
          out[i] = v.values[i]! ^ 1;
        }
        return { storage: 'bool', type: e.type, length: batch.length, nulls: v.nulls, values: out };
      };
    }
    case 'isNull': {
      const operand = compileExpr_(e.operand);
      return (batch, sel) => {
        const v = operand(batch, sel);
        const out = new Uint8Array(batch.length);
        if (v.storage === 'const') out.fill(v.value === null ? 1 : 0);
        else if (v.nulls !== null) for (let k = 0; k < sel.length; k++) out[sel[k]!] = v.nulls[sel[k]!]!;
        return { storage: 'bool', type: e.type, length: batch.length, nulls: null, values: out };
      };
    }
    case 'case':
      return compileCase(
        e.whens.map((w) => ({ when: compileExpr_(w.when), then: compileExpr_(w.then) })),
        compileExpr_(e.else),
        e.type,
      );
    case 'coalesce':
      return compileCoalesce(e.args.map(compileExpr_), e.type);
    case 'in':
      return compileIn(e, compileExpr_);
    default: {
      const never: never = e;
      throw new InternalError(`unexpected expression ${JSON.stringify(never)}`);
    }
  }
}

/**
 * AND (absorbing FALSE) or OR (absorbing TRUE) in three-valued logic. Each term is evaluated
 * only on rows the previous terms left undecided, so `x <> 0 AND y / x > 1` never divides by 0.
 */
function compileLogical(terms: readonly CompiledExpr[], isOr: boolean): CompiledExpr {
  const absorbing = isOr ? 1 : 0;
  return (batch, sel) => {
    const n = batch.length;
    const values = new Uint8Array(n);
    const nulls = new Uint8Array(n);
    for (let k = 0; k < sel.length; k++) values[sel[k]!] = absorbing ^ 1;
    let active = sel;
    let anyNull = false;
    for (const term of terms) {
      if (active.length === 0) break;
      const v = boolView(term(batch, active), active, n);
      const next = new Int32Array(active.length);
      let m = 0;
      for (let k = 0; k < active.length; k++) {
        const i = active[k]!;
        if (v.nulls !== null && v.nulls[i] === 1) {
          nulls[i] = 1;
          anyNull = true;
          next[m++] = i;
        } else if (v.values[i] === absorbing) {
          values[i] = absorbing;
          nulls[i] = 0;
        } else next[m++] = i;
      }
      active = next.subarray(0, m);
    }
    return { storage: 'bool', type: { kind: 'boolean' }, length: n, nulls: anyNull ? nulls : null, values };
  };
}

/** Positional results assembled from branches evaluated on disjoint row sets. */
class Scatter {
  private readonly values: Value[];
  constructor(private readonly type: SqlType, length: number) {
    this.values = new Array<Value>(length).fill(null);
  }
  take(v: Vector, rows: Selection): void {
    for (let k = 0; k < rows.length; k++) {
      const i = rows[k]!;
      this.values[i] = valueAt(v, i);
    }
  }
  finish(): Vector {
    const b = new VectorBuilder(this.type, this.values.length);
    for (const x of this.values) b.append(x);
    return b.finish();
  }
}

function compileCase(
  whens: readonly { when: CompiledExpr; then: CompiledExpr }[],
  otherwise: CompiledExpr,
  type: SqlType,
): CompiledExpr {
  return (batch, sel) => {
    const out = new Scatter(type, batch.length);
    let remaining = sel;
    for (const w of whens) {
      if (remaining.length === 0) break;
      const cond = w.when(batch, remaining);
      const hit = selectWhere(cond, remaining, true);
      if (hit.length > 0) out.take(w.then(batch, hit), hit);
      remaining = selectWhere(cond, remaining, false);
    }
    if (remaining.length > 0) out.take(otherwise(batch, remaining), remaining);
    return out.finish();
  };
}

function compileCoalesce(args: readonly CompiledExpr[], type: SqlType): CompiledExpr {
  return (batch, sel) => {
    const out = new Scatter(type, batch.length);
    let remaining = sel;
    for (const a of args) {
      if (remaining.length === 0) break;
      const v = a(batch, remaining);
      const found: number[] = [];
      const rest: number[] = [];
      for (let k = 0; k < remaining.length; k++) {
        const i = remaining[k]!;
        (isNullAt(v, i) ? rest : found).push(i);
      }
      if (found.length > 0) out.take(v, Int32Array.from(found));
      remaining = Int32Array.from(rest);
    }
    return out.finish();
  };
}

/** Normalized key for set membership: exact numbers compare equal whatever their storage. */
function memberKey(v: Value): Value {
  if (typeof v === 'bigint' && v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= -BigInt(Number.MAX_SAFE_INTEGER)) return Number(v);
  if (typeof v === 'number' && Object.is(v, -0)) return 0;
  return v;
}

function compileIn(e: Extract<BoundExpr, { kind: 'in' }>, compile: (x: BoundExpr) => CompiledExpr): CompiledExpr {
  const operand = compile(e.operand);
  const allLiteral = e.list.every((x) => x.kind === 'literal');
  const constants = new Set<Value>();
  let constantNull = false;
  if (allLiteral) {
    for (const x of e.list) {
      const v = (x as { value: Value }).value;
      if (v === null) constantNull = true;
      else constants.add(memberKey(v));
    }
  }
  const items = allLiteral ? [] : e.list.map(compile);
  return (batch, sel) => {
    const v = operand(batch, sel);
    const n = batch.length;
    const values = new Uint8Array(n);
    const nulls = new Uint8Array(n);
    let anyNull = false;
    const listVectors = items.map((it) => it(batch, sel));
    for (let k = 0; k < sel.length; k++) {
      const i = sel[k]!;
      const x = valueAt(v, i);
      if (x === null) {
        nulls[i] = 1;
        anyNull = true;
        continue;
      }
      const key = memberKey(x);
      let found = constants.has(key);
      let sawNull = constantNull;
      for (let j = 0; !found && j < listVectors.length; j++) {
        const y = valueAt(listVectors[j]!, i);
        if (y === null) sawNull = true;
        else if (memberKey(y) === key) found = true;
      }
      if (found) values[i] = 1;
      else if (sawNull) {
        nulls[i] = 1;
        anyNull = true;
      }
    }
    return { storage: 'bool', type: e.type, length: n, nulls: anyNull ? nulls : null, values };
  };
}

/** Evaluate an expression that reads no columns (constant folding, partition pruning). */
export function evaluateConstant(e: BoundExpr): Value {
  const batch: Batch = { columns: [], length: 1 };
  const v = compileExpr(e)(batch, allRows(1));
  return valueAt(v, 0);
}
