/**
 * Semi-join reduction of a large build side: EXISTS / IN (and their negations) whose subquery
 * side is estimated far larger than the rows it is asked about first keeps only the subquery rows
 * whose key some outer row has. A row of the outer side matches exactly the same rows either
 * way, so the answer is the same; the hash table and the exchange shrink to the keys that can
 * matter (TPC-H Q4: the quarter's orders cut 3.8M late lineitems to those of 57,000 orders).
 * Only when the outer side is a plain scan, which is read a second time for its keys, and never
 * for NOT IN, where a NULL key anywhere in the subquery decides the answer.
 *
 * The same for a join whose build side is a grouping on the join keys (a decorrelated scalar
 * subquery): only the groups whose keys the probe side can have are worth computing, so the
 * grouping's input keeps the rows whose keys a plain scan under the probe side holds (TPC-H
 * Q17 averages the lines of 200 parts, not of all 200,000).
 */
import { column, mapColumns, referencedColumns, type BoundExpr } from '../expr.ts';
import { estimateRows, type StatisticsSource } from '../estimate.ts';
import { makeJoin } from '../joins.ts';
import { inputsOf, withInputs, type JoinNode, type LogicalPlan } from '../logical.ts';

/** How many times larger than the outer side a subquery side must be estimated. */
const RATIO = 4;
/**
 * The same for a grouping's input: less, since a grouping costs more per row than the hash
 * probe that thins its input, and semi joins under the probe side are estimated coarsely.
 */
const GROUPING_RATIO = 1.5;

export function reduceSemiJoinBuilds(plan: LogicalPlan, stats: StatisticsSource): LogicalPlan {
  const inputs = inputsOf(plan);
  const reduced = inputs.map((i) => reduceSemiJoinBuilds(i, stats));
  let node = reduced.every((r, i) => r === inputs[i]) ? plan : withInputs(plan, reduced);
  if (node.kind === 'Join' && (node.type === 'semi' || node.type === 'anti')) {
    const pushed = pushBelowJoin(node);
    if (pushed !== null) return reduceSemiJoinBuilds(pushed, stats);
  }
  if (node.kind === 'Join' && (node.type === 'inner' || node.type === 'left') && node.leftKeys.length > 0) return reduceGrouping(node, stats) ?? node;
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

/**
 * A semi or anti join whose keys come from the probe side of a join below it (through
 * projections and filters) filters that side instead: it keeps or drops the same rows, sooner.
 * TPC-H Q20's IN (forest parts) thins partsupp before it meets the lineitem sums, and then
 * partsupp's keys can reduce those sums.
 */
function pushBelowJoin(semi: JoinNode): LogicalPlan | null {
  if (semi.residual !== null) return null;
  const chain: Extract<LogicalPlan, { kind: 'Project' | 'Filter' }>[] = [];
  let keys: BoundExpr[] = [...semi.leftKeys];
  let below: LogicalPlan = semi.left;
  while (below.kind === 'Project' || below.kind === 'Filter') {
    const node = below;
    if (node.kind === 'Project') keys = keys.map((k) => mapColumns(k, (c) => node.exprs[c.index]!));
    chain.push(node);
    below = node.input;
  }
  if (below.kind !== 'Join' || (below.type !== 'left' && below.type !== 'inner')) return null;
  const join = below;
  const width = join.left.output.length;
  if (!keys.every((k) => [...referencedColumns(k)].every((i) => i < width))) return null;
  const filtered: LogicalPlan = { ...semi, left: join.left, leftKeys: keys, output: join.left.output };
  let out: LogicalPlan = { ...join, left: filtered };
  for (const node of [...chain].reverse()) out = { ...node, input: out };
  return out;
}

/** The join with its build side's grouping reading only the rows of keys the probe side may hold. */
function reduceGrouping(node: JoinNode, stats: StatisticsSource): LogicalPlan | null {
  // The build side: projections of columns over a grouping whose keys the join keys are.
  const projects: Extract<LogicalPlan, { kind: 'Project' }>[] = [];
  let agg: LogicalPlan = node.right;
  while (agg.kind === 'Project') {
    projects.push(agg);
    agg = agg.input;
  }
  if (agg.kind !== 'Aggregate' || agg.step !== 'single') return null;
  const grouping = agg;
  const groupExprs: BoundExpr[] = [];
  for (const key of node.rightKeys) {
    let e: BoundExpr = key;
    for (const p of projects) e = mapColumns(e, (c) => p.exprs[c.index]!);
    if (e.kind !== 'column' || e.index >= grouping.groupBy.length) return null;
    groupExprs.push(grouping.groupBy[e.index]!);
  }
  const source = keySource(node.left, node.leftKeys);
  if (source === null || estimateRows(grouping.input, stats) < GROUPING_RATIO * estimateRows(source.chain, stats)) return null;
  const keys: LogicalPlan = {
    kind: 'Project',
    input: source.chain,
    exprs: source.keys,
    output: source.keys.map((k, i) => ({ name: `$probe_key${i}`, type: k.type })),
  };
  const input = makeJoin('semi', grouping.input, keys, { leftKeys: groupExprs, rightKeys: source.keys.map((k, i) => column(i, k.type)), residual: [] });
  let right: LogicalPlan = { ...grouping, input };
  for (const p of [...projects].reverse()) right = { ...p, input: right };
  return { ...node, right };
}

/**
 * A plain scan under `plan` that produces every column the key expressions read (through
 * projections, filters and the sides of joins), with the keys over its output; null if none.
 * Its keys are a superset of the keys `plan` outputs, which is all a reduction needs.
 */
function keySource(plan: LogicalPlan, keys: readonly BoundExpr[]): { chain: LogicalPlan; keys: BoundExpr[] } | null {
  if (isScanChain(plan)) return { chain: plan, keys: [...keys] };
  switch (plan.kind) {
    case 'Project':
      return keySource(plan.input, keys.map((k) => mapColumns(k, (c) => plan.exprs[c.index]!)));
    case 'Filter':
      return keySource(plan.input, keys);
    case 'Join': {
      const width = plan.left.output.length;
      const refs = keys.flatMap((k) => [...referencedColumns(k)]);
      // A semi join over a scan is as good a source: fewer keys, its build side read once more.
      if ((plan.type === 'semi' || plan.type === 'anti') && isScanChain(plan.left)) return { chain: plan, keys: [...keys] };
      if (refs.every((i) => i < width)) return keySource(plan.left, keys);
      if (plan.type === 'inner' && refs.every((i) => i >= width)) {
        return keySource(plan.right, keys.map((k) => mapColumns(k, (c) => ({ ...c, index: c.index - width }))));
      }
      return null;
    }
    default:
      return null;
  }
}

function isScanChain(plan: LogicalPlan): boolean {
  if (plan.kind === 'TableScan') return true;
  return (plan.kind === 'Filter' || plan.kind === 'Project') && isScanChain(plan.input);
}
