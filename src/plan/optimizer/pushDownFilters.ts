/**
 * Move filters toward the scan: into TableScan (where the planner prunes partitions and row
 * groups with them), through Projects (substituting the projected expressions), Sorts, Filters
 * and Unions, below Aggregates for conjuncts on group keys only, and into the sides of joins
 * (conjuncts over one side go below it where the join type allows; conjuncts over both sides of
 * an inner join join its condition, equalities as keys).
 */
import { and, conjuncts, exprKey, mapColumns, referencedColumns, type BoundExpr } from '../expr.ts';
import { splitJoinCondition } from '../joins.ts';
import type { JoinNode, LogicalPlan } from '../logical.ts';
import type { Rule } from './optimizer.ts';
import { transformUp } from './transform.ts';

export const pushDownFilters: Rule = {
  name: 'pushDownFilters',
  rewrite(plan) {
    return transformUp(plan, (node) => {
      if (node.kind === 'Filter') {
        const predicate = factorOr(node.predicate);
        return pushFilter(node.input, predicate) ?? (predicate === node.predicate ? node : { ...node, predicate });
      }
      if (node.kind === 'Join' && node.residual !== null) return pushResidual(node) ?? node;
      return node;
    });
  },
};

/**
 * `(a AND b) OR (a AND c)` → `a AND (b OR c)`: a conjunct common to every branch of an OR holds
 * on its own, so it can become a join key or move to a scan (TPC-H Q19's join key sits in each
 * branch). Returns the predicate itself when nothing is common.
 */
export function factorOr(predicate: BoundExpr): BoundExpr {
  let changed = false;
  const out = conjuncts(predicate).flatMap((c) => {
    if (c.kind !== 'or') return [c];
    const branches = c.args.map(conjuncts);
    const keys = branches.map((b) => new Set(b.map(exprKey)));
    const common = branches[0]!.filter((x) => keys.every((k) => k.has(exprKey(x))));
    if (common.length === 0) return [c];
    changed = true;
    const commonKeys = new Set(common.map(exprKey));
    const rest = branches.map((b) => b.filter((x) => !commonKeys.has(exprKey(x))));
    // A branch left empty is TRUE, and so is the whole OR.
    if (rest.some((r) => r.length === 0)) return common;
    return [...common, { ...c, args: rest.map((r) => and(r)) }];
  });
  return changed ? and(out) : predicate;
}

/** A join's residual conjuncts over one side move below it; inner-join equalities become keys. */
function pushResidual(join: JoinNode): LogicalPlan | null {
  const width = join.left.output.length;
  const left: BoundExpr[] = [];
  const right: BoundExpr[] = [];
  const kept: BoundExpr[] = [];
  // A conjunct over one side may filter that side where it only drops pairs that would not
  // match: not the side whose unmatched rows are kept (the left of anti and mark joins).
  const leftOk = join.type === 'inner' || join.type === 'right' || join.type === 'semi';
  const rightOk = join.type !== 'right' && join.type !== 'full';
  for (const c of conjuncts(join.residual!)) {
    const refs = [...referencedColumns(c)];
    if (refs.length > 0 && refs.every((i) => i < width) && leftOk) left.push(c);
    else if (refs.length > 0 && refs.every((i) => i >= width) && rightOk) right.push(mapColumns(c, (col) => ({ ...col, index: col.index - width })));
    else kept.push(c);
  }
  let leftKeys = join.leftKeys;
  let rightKeys = join.rightKeys;
  let residual = kept;
  // Equalities become keys where that keeps the join's meaning: a null-aware join's keys after
  // the first are correlation equalities too, so new ones go at the end.
  if (join.type === 'inner' || join.type === 'semi' || join.type === 'anti' || join.type === 'mark') {
    const split = splitJoinCondition(kept.length === 0 ? null : and(kept), width);
    if (split.leftKeys.length > 0) {
      leftKeys = [...leftKeys, ...split.leftKeys];
      rightKeys = [...rightKeys, ...split.rightKeys];
      residual = split.residual;
    }
  }
  if (left.length === 0 && right.length === 0 && leftKeys === join.leftKeys) return null;
  return {
    ...join,
    left: left.length === 0 ? join.left : filterOver(join.left, and(left)),
    right: right.length === 0 ? join.right : filterOver(join.right, and(right)),
    leftKeys,
    rightKeys,
    residual: residual.length === 0 ? null : and(residual),
  };
}

/** The plan with `predicate` applied below `input`'s top, or null when it cannot move. */
function pushFilter(input: LogicalPlan, predicate: BoundExpr): LogicalPlan | null {
  switch (input.kind) {
    case 'TableScan':
      return { ...input, filter: input.filter === null ? predicate : and([input.filter, predicate]) };
    case 'Filter':
      return { ...input, predicate: and([input.predicate, predicate]) };
    case 'Project': {
      const substituted = mapColumns(predicate, (c) => input.exprs[c.index]!);
      return { ...input, input: filterOver(input.input, substituted) };
    }
    case 'Sort':
      return { ...input, input: filterOver(input.input, predicate) };
    case 'Aggregate': {
      if (input.step !== 'single') return null;
      const keyCount = input.groupBy.length;
      const movable: BoundExpr[] = [];
      const kept: BoundExpr[] = [];
      for (const c of conjuncts(predicate)) {
        const refs = referencedColumns(c);
        if (refs.size > 0 && [...refs].every((i) => i < keyCount)) movable.push(mapColumns(c, (col) => input.groupBy[col.index]!));
        else kept.push(c);
      }
      if (movable.length === 0) return null;
      const pushed: LogicalPlan = { ...input, input: filterOver(input.input, and(movable)) };
      return kept.length === 0 ? pushed : { kind: 'Filter', input: pushed, predicate: and(kept), output: pushed.output };
    }
    case 'Union':
      return { ...input, inputs: input.inputs.map((i) => filterOver(i, predicate)) };
    case 'Window': {
      // A conjunct over partition keys only keeps or drops whole partitions: the other
      // partitions' window values do not change.
      const keys = new Set(input.partitionBy.map((k) => k.index));
      const movable: BoundExpr[] = [];
      const kept: BoundExpr[] = [];
      for (const c of conjuncts(predicate)) {
        const refs = referencedColumns(c);
        if (refs.size > 0 && [...refs].every((i) => keys.has(i))) movable.push(c);
        else kept.push(c);
      }
      if (movable.length === 0) return null;
      const pushed: LogicalPlan = { ...input, input: filterOver(input.input, and(movable)) };
      return kept.length === 0 ? pushed : { kind: 'Filter', input: pushed, predicate: and(kept), output: pushed.output };
    }
    case 'Join': {
      // Conjuncts over both sides of an inner join join its residual (pushResidual goes on).
      const width = input.left.output.length;
      const type = input.type;
      const left: BoundExpr[] = [];
      const right: BoundExpr[] = [];
      const join: BoundExpr[] = [];
      const kept: BoundExpr[] = [];
      for (const c of conjuncts(predicate)) {
        const refs = [...referencedColumns(c)];
        const onLeft = refs.length > 0 && refs.every((i) => i < width);
        const onRight = refs.length > 0 && refs.every((i) => i >= width);
        if (onLeft && type !== 'right' && type !== 'full') left.push(c);
        else if (onRight && (type === 'inner' || type === 'right')) right.push(mapColumns(c, (col) => ({ ...col, index: col.index - width })));
        else if (type === 'inner' && refs.length > 0) join.push(c);
        else kept.push(c);
      }
      if (left.length + right.length + join.length === 0) return null;
      const pushed: LogicalPlan = {
        ...input,
        left: left.length === 0 ? input.left : filterOver(input.left, and(left)),
        right: right.length === 0 ? input.right : filterOver(input.right, and(right)),
        residual: join.length === 0 ? input.residual : and(input.residual === null ? join : [input.residual, ...join]),
      };
      return kept.length === 0 ? pushed : { kind: 'Filter', input: pushed, predicate: and(kept), output: pushed.output };
    }
    default:
      return null;
  }
}

function filterOver(input: LogicalPlan, predicate: BoundExpr): LogicalPlan {
  return pushFilter(input, predicate) ?? { kind: 'Filter', input, predicate, output: input.output };
}
