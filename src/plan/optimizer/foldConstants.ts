/**
 * Constant folding and boolean simplification: any subexpression without column references is
 * evaluated once at planning time (so pruning sees literals such as
 * `DATE '1998-12-01' - INTERVAL '90' DAY`). A subexpression whose evaluation fails is left for
 * run time, where it only fails if a row actually reaches it (`CASE WHEN false THEN 1/0 END`).
 */
import { getScalarFunction } from '../../builtins/registry.ts';
import { BOOLEAN } from '../../types/sqlType.ts';
import { children, exprKey, literal, mapChildren, type BoundExpr } from '../expr.ts';
import type { LogicalPlan } from '../logical.ts';
import type { OptimizerContext, Rule } from './optimizer.ts';
import { mapNodeExprs, transformUp } from './transform.ts';

export const foldConstants: Rule = {
  name: 'foldConstants',
  rewrite(plan, ctx) {
    return transformUp(plan, (node) => {
      const folded = mapNodeExprs(node, (e) => foldExpr(e, ctx));
      return samePlanExprs(node, folded) ? node : simplifyNode(folded);
    });
  },
};

export function foldExpr(e: BoundExpr, ctx: OptimizerContext): BoundExpr {
  const inner = mapChildren(e, (c) => foldExpr(c, ctx));
  const simplified = simplifyBoolean(inner);
  if (simplified.kind === 'literal' || simplified.kind === 'column') return simplified;
  if (!children(simplified).every((c) => c.kind === 'literal')) return simplified;
  if (simplified.kind === 'call' && getScalarFunction(simplified.name)?.deterministic === false) return simplified;
  try {
    return literal(ctx.evaluateConstant(simplified), simplified.type);
  } catch {
    return simplified;
  }
}

function simplifyBoolean(e: BoundExpr): BoundExpr {
  if (e.kind === 'and' || e.kind === 'or') {
    const absorbing = e.kind !== 'and';
    const kept: BoundExpr[] = [];
    for (const a of e.args) {
      if (a.kind === 'literal' && a.value === absorbing) return literal(absorbing, BOOLEAN);
      if (a.kind === 'literal' && a.value === !absorbing) continue;
      kept.push(a);
    }
    if (kept.length === 0) return literal(!absorbing, BOOLEAN);
    if (kept.length === 1) return kept[0]!;
    return kept.length === e.args.length ? e : { ...e, args: kept };
  }
  if (e.kind === 'not' && e.operand.kind === 'not') return e.operand.operand;
  return e;
}

/** A Filter whose predicate folded to TRUE is dropped. */
function simplifyNode(node: LogicalPlan): LogicalPlan {
  if (node.kind === 'Filter' && node.predicate.kind === 'literal' && node.predicate.value === true) return node.input;
  if (node.kind === 'TableScan' && node.filter?.kind === 'literal' && node.filter.value === true) return { ...node, filter: null };
  return node;
}

function samePlanExprs(a: LogicalPlan, b: LogicalPlan): boolean {
  if (a === b) return true;
  const ea = nodeExprs(a);
  const eb = nodeExprs(b);
  return ea.length === eb.length && ea.every((x, i) => exprKey(x) === exprKey(eb[i]!));
}

function nodeExprs(n: LogicalPlan): BoundExpr[] {
  const out: BoundExpr[] = [];
  mapNodeExprs(n, (e) => {
    out.push(e);
    return e;
  });
  return out;
}
