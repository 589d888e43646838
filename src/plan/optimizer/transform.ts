/** Bottom-up plan rewriting with change tracking, shared by the optimizer rules. */
import type { BoundExpr } from '../expr.ts';
import { inputsOf, withInputs, type LogicalPlan } from '../logical.ts';
import type { RewriteResult } from './optimizer.ts';

/** Apply `f` to every node, children first. `f` returns the node itself when it changes nothing. */
export function transformUp(plan: LogicalPlan, f: (node: LogicalPlan) => LogicalPlan): RewriteResult {
  let changed = false;
  const walk = (node: LogicalPlan): LogicalPlan => {
    const inputs = inputsOf(node);
    let current = node;
    if (inputs.length > 0) {
      const walked = inputs.map(walk);
      if (walked.some((w, i) => w !== inputs[i])) current = withInputs(current, walked);
    }
    const out = f(current);
    if (out !== current || current !== node) changed = true;
    return out;
  };
  const out = walk(plan);
  return { plan: out, changed };
}

/** Rewrite every expression a node holds (not its children's). */
export function mapNodeExprs(node: LogicalPlan, f: (e: BoundExpr) => BoundExpr): LogicalPlan {
  switch (node.kind) {
    case 'TableScan':
      return node.filter === null ? node : { ...node, filter: f(node.filter) };
    case 'Filter':
      return { ...node, predicate: f(node.predicate) };
    case 'Project':
      return { ...node, exprs: node.exprs.map(f) };
    case 'Join':
      return {
        ...node,
        leftKeys: node.leftKeys.map(f),
        rightKeys: node.rightKeys.map(f),
        residual: node.residual === null ? null : f(node.residual),
      };
    case 'Values':
      return { ...node, rows: node.rows.map((r) => r.map(f)) };
    case 'Window':
    case 'Aggregate':
    case 'Sort':
    case 'Limit':
    case 'TopN':
    case 'RemoteSource':
    case 'Shared':
    case 'Union':
    case 'EnforceSingleRow':
      return node;
    default: {
      const never: never = node;
      throw new Error(`unexpected plan node ${JSON.stringify(never)}`);
    }
  }
}
