/**
 * Semi-join reduction of a large build side: EXISTS / IN (and their negations) whose subquery
 * side is estimated far larger than the rows it is asked about first keeps only the subquery rows
 * whose key some outer row has. A row of the outer side matches exactly the same rows either
 * way, so the answer is the same; the hash table and the exchange shrink to the keys that can
 * matter (TPC-H Q4: the quarter's orders cut 3.8M late lineitems to those of 57,000 orders).
 * Only when the outer side is a plain scan, which is read a second time for its keys, and never
 * for NOT IN, where a NULL key anywhere in the subquery decides the answer.
 */
import { column, type BoundExpr } from '../expr.ts';
import { estimateRows, type StatisticsSource } from '../estimate.ts';
import { makeJoin } from '../joins.ts';
import { inputsOf, withInputs, type LogicalPlan } from '../logical.ts';

/** How many times larger than the outer side a subquery side must be estimated. */
const RATIO = 4;

export function reduceSemiJoinBuilds(plan: LogicalPlan, stats: StatisticsSource): LogicalPlan {
  const inputs = inputsOf(plan);
  const reduced = inputs.map((i) => reduceSemiJoinBuilds(i, stats));
  const node = reduced.every((r, i) => r === inputs[i]) ? plan : withInputs(plan, reduced);
  if (node.kind !== 'Join' || (node.type !== 'semi' && node.type !== 'anti') || node.nullAware || node.leftKeys.length === 0) return node;
  if (!isScanChain(node.left) || estimateRows(node.right, stats) < RATIO * estimateRows(node.left, stats)) return node;
  const keys: LogicalPlan = {
    kind: 'Project',
    input: node.left,
    exprs: node.leftKeys,
    output: node.leftKeys.map((k, i) => ({ name: `$outer_key${i}`, type: k.type })),
  };
  const outerKeys: BoundExpr[] = node.leftKeys.map((k, i) => column(i, k.type));
  const right = makeJoin('semi', node.right, keys, { leftKeys: node.rightKeys, rightKeys: outerKeys, residual: [] });
  return { ...node, right };
}

function isScanChain(plan: LogicalPlan): boolean {
  if (plan.kind === 'TableScan') return true;
  return (plan.kind === 'Filter' || plan.kind === 'Project') && isScanChain(plan.input);
}
