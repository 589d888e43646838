/**
 * Move filters toward the scan: into TableScan (where the planner prunes partitions and row
 * groups with them), through Projects (substituting the projected expressions), Sorts and
 * Filters, and below Aggregates for conjuncts on group keys only.
 */
import { and, conjuncts, mapColumns, referencedColumns, type BoundExpr } from '../expr.ts';
import type { LogicalPlan } from '../logical.ts';
import type { Rule } from './optimizer.ts';
import { transformUp } from './transform.ts';

export const pushDownFilters: Rule = {
  name: 'pushDownFilters',
  rewrite(plan) {
    return transformUp(plan, (node) => (node.kind === 'Filter' ? pushFilter(node.input, node.predicate) ?? node : node));
  },
};

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
    default:
      return null;
  }
}

function filterOver(input: LogicalPlan, predicate: BoundExpr): LogicalPlan {
  return pushFilter(input, predicate) ?? { kind: 'Filter', input, predicate, output: input.output };
}
