/**
 * Join ordering: each region of inner joins (with the conditions pushed into it) is flattened
 * into its inputs and rebuilt left-deep with bushy build sides, greedily: one input streams (it
 * is the probe side of every join); each step joins the input, connected by a condition to what
 * is already joined, whose join is estimated smallest, after first joining onto that input the
 * ones that halve it (a dimension filtering another dimension).
 */
import { and, column, conjuncts, mapColumns, referencedColumns, type BoundExpr } from '../expr.ts';
import { joinCondition, makeJoin, splitJoinCondition } from '../joins.ts';
import { inputsOf, withInputs, type JoinNode, type LogicalPlan } from '../logical.ts';
import { estimateRows, unfilteredRows, type StatisticsSource } from '../estimate.ts';
import { resolveEquality } from './equality.ts';

interface Region {
  readonly inputs: LogicalPlan[];
  /** Offset of each input's columns in the region's original output. */
  readonly offsets: number[];
  /** Conditions over the region's original output columns. */
  readonly conditions: BoundExpr[];
}

export function reorderJoins(plan: LogicalPlan, stats: StatisticsSource): LogicalPlan {
  if (plan.kind === 'Join' && plan.type === 'inner') return reorderRegion(plan, stats);
  if (plan.kind === 'Join' && (plan.type === 'semi' || plan.type === 'anti')) {
    const pushed = pushIntoRegion(plan, stats);
    if (pushed !== null) return reorderJoins(pushed, stats);
  }
  const inputs = inputsOf(plan);
  if (inputs.length === 0) return plan;
  const reordered = inputs.map((i) => reorderJoins(i, stats));
  return reordered.every((r, i) => r === inputs[i]) ? plan : withInputs(plan, reordered);
}

/**
 * A semi or anti join keeps or drops each row of its left input by that row's own columns, so
 * when the columns it reads all come from one input of the inner-join region below it, it can
 * filter that input instead, before the joins. Done when that input is estimated smaller than
 * the region's joined output, so the semi join probes fewer rows: TPC-H Q18's IN (orders whose
 * lines sum past 300) then thins orders before lineitem meets it, instead of probing all 6M
 * joined lines after both joins; in Q21 the region's joins thin lineitem far more than EXISTS
 * would, so EXISTS stays on top.
 */
function pushIntoRegion(semi: JoinNode, stats: StatisticsSource): LogicalPlan | null {
  if (!isRegion(semi.left)) return null;
  const region: Region = { inputs: [], offsets: [], conditions: [] };
  flatten(semi.left, 0, region);
  const leftWidth = semi.left.output.length;
  const used = new Set<number>();
  for (const k of semi.leftKeys) referencedColumns(k, used);
  if (semi.residual !== null) for (const i of referencedColumns(semi.residual)) if (i < leftWidth) used.add(i);
  const owners = new Set([...used].map((c) => ownerOf(region, c)));
  if (owners.size !== 1) return null;
  const k = [...owners][0]!;
  const input = region.inputs[k]!;
  if (estimateRows(input, stats) >= estimateRows(reorderJoins(semi.left, stats), stats)) return null;
  const offset = region.offsets[k]!;
  const width = input.output.length;
  // Left columns move to the input's positions; the right side's follow the input's instead of the region's.
  const remap = (e: BoundExpr): BoundExpr => mapColumns(e, (col) => ({ ...col, index: col.index < leftWidth ? col.index - offset : col.index - leftWidth + width }));
  const pushed: JoinNode = {
    ...semi,
    left: input,
    leftKeys: semi.leftKeys.map(remap),
    residual: semi.residual === null ? null : remap(semi.residual),
    output: input.output,
  };
  // A semi join's output is its left input's, so the region's columns stay as they were.
  let leaf = 0;
  const replace = (plan: LogicalPlan): LogicalPlan => {
    if (plan.kind === 'Join' && plan.type === 'inner') return { ...plan, left: replace(plan.left), right: replace(plan.right) };
    if (plan.kind === 'Filter' && isRegion(plan)) return { ...plan, input: replace(plan.input) };
    return leaf++ === k ? pushed : plan;
  };
  return replace(semi.left);
}

/** The nodes flatten() walks through: inner joins, and filters directly over them. */
function isRegion(plan: LogicalPlan): boolean {
  return (plan.kind === 'Join' && plan.type === 'inner') || (plan.kind === 'Filter' && plan.input.kind === 'Join' && plan.input.type === 'inner');
}

function ownerOf(region: Region, column: number): number {
  let k = 0;
  while (k + 1 < region.offsets.length && region.offsets[k + 1]! <= column) k++;
  return k;
}

function reorderRegion(root: JoinNode, stats: StatisticsSource): LogicalPlan {
  const region: Region = { inputs: [], offsets: [], conditions: [] };
  flatten(root, 0, region);
  const inputs = region.inputs.map((i) => reorderJoins(i, stats));
  if (inputs.length < 2) return root;
  const owner = (column: number): number => ownerOf(region, column);
  inferInputFilters(region, inputs, owner);
  const rows = inputs.map((i) => estimateRows(i, stats));
  const chosen = greedyFrom(streamingInput(inputs, rows, stats), region, inputs, rows, owner, stats);
  const { placed, conditions } = chosen;
  let tree = chosen.tree;
  const leftover = conditions.filter((c) => !c.used);
  const local = localIndex(placed, region, inputs);
  if (leftover.length > 0) {
    const predicate = and(leftover.map((c) => mapColumns(c.expr, (col) => ({ ...col, index: local(col.index) }))));
    tree = { kind: 'Filter', input: tree, predicate, output: tree.output };
  }
  // Restore the region's column order.
  return {
    kind: 'Project',
    input: tree,
    exprs: root.output.map((c, i) => column(local(i), c.type)),
    output: root.output,
  };
}

interface Condition {
  readonly expr: BoundExpr;
  readonly inputs: Set<number>;
  used: boolean;
}

interface Greedy {
  readonly tree: LogicalPlan;
  readonly placed: number[];
  readonly conditions: Condition[];
}

/**
 * The fact table streams: the largest table, its rows thinned only by its own filters so that
 * every join after it can thin them further (Q7's lineitem meets the two nations' suppliers
 * before orders). Unless its filters leave it under a tenth of another input: then it is
 * hashed, and the input with the most rows streams (Q12's few lineitems, 1.5M orders).
 */
function streamingInput(inputs: readonly LogicalPlan[], rows: readonly number[], stats: StatisticsSource): number {
  const tables = inputs.map((i) => unfilteredRows(i, stats));
  let largestTable = 0;
  let mostRows = 0;
  for (let k = 1; k < inputs.length; k++) {
    if (tables[k]! > tables[largestTable]! || (tables[k] === tables[largestTable] && rows[k]! > rows[largestTable]!)) largestTable = k;
    if (rows[k]! > rows[mostRows]!) mostRows = k;
  }
  return rows[largestTable]! < 0.1 * rows[mostRows]! ? mostRows : largestTable;
}

/** The left-deep order (with bushy build sides) that streams input `first`. */
function greedyFrom(first: number, region: Region, inputs: readonly LogicalPlan[], rows: readonly number[], owner: (column: number) => number, stats: StatisticsSource): Greedy {
  const conditions: Condition[] = region.conditions.map((expr) => ({ expr, inputs: new Set([...referencedColumns(expr)].map(owner)), used: false }));
  const placed = [first];
  let tree = inputs[first]!;
  /** Conditions not used yet whose inputs are all among `members`, one of them `k`. */
  const among = (members: readonly number[], k: number): Condition[] =>
    conditions.filter((c) => !c.used && c.inputs.has(k) && c.inputs.size > 1 && [...c.inputs].every((x) => members.includes(x)));
  const joinOf = (left: LogicalPlan, right: LogicalPlan, members: readonly number[], used: readonly Condition[]): LogicalPlan => {
    const local = localIndex(members, region, inputs);
    const condition = used.length === 0 ? null : and(used.map((c) => mapColumns(c.expr, (col) => ({ ...col, index: local(col.index) }))));
    return makeJoin('inner', left, right, splitJoinCondition(condition, left.output.length));
  };
  /**
   * Input k as a build side: first joined with the inputs that halve it (a bushy plan: Q3's
   * orders meet the BUILDING customers, Q21's suppliers the Saudi nation, before lineitem
   * probes them, so the hash table holds a fraction as many rows).
   */
  const buildSide = (k: number): { plan: LogicalPlan; group: number[]; used: Condition[] } => {
    const group = [k];
    const used: Condition[] = [];
    let plan = inputs[k]!;
    for (;;) {
      let best: { j: number; plan: LogicalPlan; rows: number; inside: Condition[] } | null = null;
      for (let j = 0; j < inputs.length; j++) {
        if (placed.includes(j) || group.includes(j)) continue;
        const inside = among([...group, j], j).filter((c) => !used.includes(c));
        if (inside.length === 0) continue;
        const candidate = joinOf(plan, inputs[j]!, [...group, j], inside);
        const candidateRows = estimateRows(candidate, stats);
        if (candidateRows < 0.5 * estimateRows(plan, stats) && (best === null || candidateRows < best.rows)) best = { j, plan: candidate, rows: candidateRows, inside };
      }
      if (best === null) return { plan, group, used };
      used.push(...best.inside);
      group.push(best.j);
      plan = best.plan;
    }
  };
  while (placed.length < inputs.length) {
    // The next input: one connected to what is joined, whose join (with its build side folded)
    // is estimated smallest (a filtered dimension first, a many-to-many join on a non-key
    // column last).
    let next: { k: number; build: ReturnType<typeof buildSide>; rowsAfter: number; connected: boolean } | null = null;
    for (let k = 0; k < inputs.length; k++) {
      if (placed.includes(k)) continue;
      const connected = among([...placed, k], k).length > 0;
      const build = buildSide(k);
      const members = [...placed, ...build.group];
      const outer = conditions.filter((c) => !c.used && !build.used.includes(c) && [...c.inputs].every((x) => members.includes(x)));
      const rowsAfter = connected ? estimateRows(joinOf(tree, build.plan, members, outer), stats) : Infinity;
      const better =
        next === null ||
        (connected && !next.connected) ||
        (connected === next.connected && (rowsAfter < next.rowsAfter || (rowsAfter === next.rowsAfter && rows[k]! < rows[next.k]!)));
      if (better) next = { k, build, rowsAfter, connected };
    }
    const { build } = next!;
    for (const c of build.used) c.used = true;
    placed.push(...build.group);
    const outer = conditions.filter((c) => !c.used && [...c.inputs].every((x) => placed.includes(x)));
    for (const c of outer) c.used = true;
    tree = joinOf(tree, build.plan, placed, outer);
  }
  return { tree, placed, conditions };
}

/**
 * An OR across inputs implies, for each input that every branch constrains, the OR of those
 * constraints alone: Q7's (n1 = FRANCE AND n2 = GERMANY) OR (n1 = GERMANY AND n2 = FRANCE)
 * filters each nation to two rows before any join (the OR itself still applies after them).
 */
function inferInputFilters(region: Region, inputs: LogicalPlan[], owner: (column: number) => number): void {
  for (const c of region.conditions) {
    if (c.kind !== 'or') continue;
    const branches = c.args.map((b) => conjuncts(b).map((x) => ({ x, owners: new Set([...referencedColumns(x)].map(owner)) })));
    for (let k = 0; k < inputs.length; k++) {
      const own = branches.map((b) => b.filter((t) => t.owners.size === 1 && t.owners.has(k)).map((t) => t.x));
      if (own.some((o) => o.length === 0)) continue;
      const offset = region.offsets[k]!;
      const local = (e: BoundExpr): BoundExpr => mapColumns(e, (col) => ({ ...col, index: col.index - offset }));
      const implied: BoundExpr = { kind: 'or', args: own.map((o) => local(and(o))), type: c.type };
      inputs[k] = { kind: 'Filter', input: inputs[k]!, predicate: implied, output: inputs[k]!.output };
    }
  }
}

function localIndex(placed: readonly number[], region: Region, inputs: readonly LogicalPlan[]): (original: number) => number {
  const start = new Map<number, number>();
  let offset = 0;
  for (const k of placed) {
    start.set(k, offset);
    offset += inputs[k]!.output.length;
  }
  return (original) => {
    const k = ownerOf(region, original);
    const s = start.get(k);
    if (s === undefined) throw new Error(`column ${original} of an input not joined yet`);
    return s + (original - region.offsets[k]!);
  };
}

function flatten(plan: LogicalPlan, offset: number, region: Region): void {
  if (plan.kind === 'Join' && plan.type === 'inner') {
    flatten(plan.left, offset, region);
    flatten(plan.right, offset + plan.left.output.length, region);
    for (const c of joinCondition(plan, resolveEquality)) {
      region.conditions.push(mapColumns(c, (col) => ({ ...col, index: col.index + offset })));
    }
    return;
  }
  if (plan.kind === 'Filter' && plan.input.kind === 'Join' && plan.input.type === 'inner') {
    flatten(plan.input, offset, region);
    region.conditions.push(mapColumns(plan.predicate, (col) => ({ ...col, index: col.index + offset })));
    return;
  }
  region.offsets.push(offset);
  region.inputs.push(plan);
}
