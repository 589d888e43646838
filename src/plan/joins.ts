/**
 * Building Join nodes and splitting a join condition into equi-join keys and a residual: shared
 * by the binder (ON clauses of outer joins) and the optimizer (WHERE conjuncts of inner joins).
 */
import { and, conjuncts, mapColumns, referencedColumns, type BoundExpr } from './expr.ts';
import { BOOLEAN } from '../types/sqlType.ts';
import type { JoinNode, JoinType, LogicalPlan, OutputColumn } from './logical.ts';

export interface JoinCondition {
  readonly leftKeys: BoundExpr[];
  readonly rightKeys: BoundExpr[];
  /** Conjuncts over left's then right's columns that are not equi-join keys. */
  readonly residual: BoundExpr[];
}

/**
 * Equality conjuncts with one side over only the left input and the other over only the right
 * become keys (the binder has coerced both sides of `=` to one type); the rest is residual.
 */
export function splitJoinCondition(condition: BoundExpr | null, leftWidth: number): JoinCondition {
  const out: JoinCondition = { leftKeys: [], rightKeys: [], residual: [] };
  if (condition === null) return out;
  for (const c of conjuncts(condition)) {
    const pair = equiPair(c, leftWidth);
    if (pair === null) out.residual.push(c);
    else {
      out.leftKeys.push(pair[0]);
      out.rightKeys.push(pair[1]);
    }
  }
  return out;
}

function equiPair(c: BoundExpr, leftWidth: number): [BoundExpr, BoundExpr] | null {
  if (c.kind !== 'call' || c.name !== '$eq') return null;
  const [a, b] = c.args as [BoundExpr, BoundExpr];
  const side = (e: BoundExpr): 'left' | 'right' | null => {
    const refs = [...referencedColumns(e)];
    if (refs.length === 0) return null;
    if (refs.every((i) => i < leftWidth)) return 'left';
    if (refs.every((i) => i >= leftWidth)) return 'right';
    return null;
  };
  const sa = side(a);
  const sb = side(b);
  const shift = (e: BoundExpr): BoundExpr => mapColumns(e, (col) => ({ ...col, index: col.index - leftWidth }));
  if (sa === 'left' && sb === 'right') return [a, shift(b)];
  if (sa === 'right' && sb === 'left') return [b, shift(a)];
  return null;
}

export function makeJoin(
  type: JoinType,
  left: LogicalPlan,
  right: LogicalPlan,
  condition: { leftKeys: readonly BoundExpr[]; rightKeys: readonly BoundExpr[]; residual: readonly BoundExpr[] },
  nullAware = false,
): JoinNode {
  return {
    kind: 'Join',
    type,
    left,
    right,
    leftKeys: condition.leftKeys,
    rightKeys: condition.rightKeys,
    residual: condition.residual.length === 0 ? null : and(condition.residual),
    nullAware,
    output: joinOutput(type, left, right),
  };
}

/** The mark join's boolean column, after the left side's columns. */
export const MARK_COLUMN: OutputColumn = { name: '$mark', type: BOOLEAN };

export function joinOutput(type: JoinType, left: LogicalPlan, right: LogicalPlan): OutputColumn[] {
  switch (type) {
    case 'semi':
    case 'anti':
      return [...left.output];
    case 'mark':
      return [...left.output, MARK_COLUMN];
    case 'inner':
    case 'left':
    case 'right':
    case 'full':
      return [...left.output, ...right.output];
    default: {
      const never: never = type;
      throw new Error(`unexpected join type ${String(never)}`);
    }
  }
}

/**
 * The keys a hash-partitioned exchange may split the join's sides on. A null-aware join's IN
 * key is not one of them: whether a left row's candidates hold a NULL, or any row at all, must
 * be known in the task that probes it, so only the correlation keys (all of a left row's
 * candidates share them) may partition; with none, the build side is broadcast.
 */
export function partitionKeys(j: JoinNode): { left: readonly BoundExpr[]; right: readonly BoundExpr[] } {
  return j.nullAware ? { left: j.leftKeys.slice(1), right: j.rightKeys.slice(1) } : { left: j.leftKeys, right: j.rightKeys };
}

export function crossJoin(left: LogicalPlan, right: LogicalPlan): JoinNode {
  return makeJoin('inner', left, right, { leftKeys: [], rightKeys: [], residual: [] });
}

/** The join's whole condition over left's then right's columns (keys as equalities). */
export function joinCondition(j: JoinNode, eq: (a: BoundExpr, b: BoundExpr) => BoundExpr): BoundExpr[] {
  const width = j.left.output.length;
  const shift = (e: BoundExpr): BoundExpr => mapColumns(e, (col) => ({ ...col, index: col.index + width }));
  const out = j.leftKeys.map((k, i) => eq(k, shift(j.rightKeys[i]!)));
  if (j.residual !== null) out.push(...conjuncts(j.residual));
  return out;
}
