/**
 * Cutting an optimized logical plan into the distributed shape:
 *
 *   scan stage (many Lambdas): TableScan → Filter/Project steps → a partial sink
 *   merge levels (tree of Lambdas): combine partials as the sink dictates
 *   final fragment (one Lambda): the rest of the plan, over StageInput
 *
 * The sink is the first pipeline breaker above the scan: an Aggregate (partial states), a TopN
 * (each scan keeps offset + count rows), a Limit (each scan keeps offset + count rows), or
 * nothing (rows are collected). Everything above it runs in the final fragment in memory.
 */
import type { SqlType } from '../types/sqlType.ts';
import type { BoundExpr } from './expr.ts';
import type { AggregateCall, LogicalPlan, OutputColumn, ScanColumn, SortKey, TableRef } from './logical.ts';

export type PipelineStep =
  | { readonly kind: 'Filter'; readonly predicate: BoundExpr }
  | { readonly kind: 'Project'; readonly exprs: readonly BoundExpr[] };

export type PartialSink =
  /** Output: group keys, then every aggregate's state columns. */
  | { readonly kind: 'Aggregate'; readonly groupBy: readonly number[]; readonly aggregates: readonly AggregateCall[] }
  /** Keeps the first `count` rows by `keys`. */
  | { readonly kind: 'TopN'; readonly keys: readonly SortKey[]; readonly count: number }
  /** Keeps any `count` rows. */
  | { readonly kind: 'Limit'; readonly count: number }
  | { readonly kind: 'Collect' };

export interface ScanStage {
  readonly table: TableRef;
  readonly columns: readonly ScanColumn[];
  /** Pushed predicate over `columns` (pruning uses it at planning time; the scan evaluates it). */
  readonly filter: BoundExpr | null;
  readonly steps: readonly PipelineStep[];
  readonly sink: PartialSink;
  /** Columns of a partial (what scans write and merges read). */
  readonly partialTypes: readonly SqlType[];
}

export interface DistributedPlan {
  /** null when the query reads no table (e.g. `SELECT 1`). */
  readonly scan: ScanStage | null;
  /** Runs in the final fragment over StageInput (the fully merged partial). */
  readonly final: LogicalPlan;
  readonly output: readonly OutputColumn[];
}

export function distribute(plan: LogicalPlan): DistributedPlan {
  const path = pathToScan(plan);
  if (path === null) return { scan: null, final: plan, output: plan.output };
  // path[0] is the root, path[path.length-1] the TableScan.
  const scanIndex = path.length - 1;
  const scanNode = path[scanIndex]!;
  if (scanNode.kind !== 'TableScan') throw new Error('distribute: path must end at a TableScan');

  // Streaming steps directly above the scan.
  let i = scanIndex - 1;
  const steps: PipelineStep[] = [];
  while (i >= 0) {
    const n = path[i]!;
    if (n.kind === 'Filter') steps.push({ kind: 'Filter', predicate: n.predicate });
    else if (n.kind === 'Project') steps.push({ kind: 'Project', exprs: n.exprs });
    else break;
    i--;
  }
  const below = i + 1 <= scanIndex ? path[i + 1]! : scanNode;
  const breaker = i >= 0 ? path[i]! : null;

  let sink: PartialSink = { kind: 'Collect' };
  let partialTypes: SqlType[] = below.output.map((c) => c.type);
  let replacement: LogicalPlan;
  let replaced: LogicalPlan | null;
  const stageInput = (output: readonly OutputColumn[]): LogicalPlan => ({ kind: 'StageInput', output });

  if (breaker?.kind === 'Aggregate' && breaker.step === 'single') {
    sink = { kind: 'Aggregate', groupBy: breaker.groupBy.map((k) => k.index), aggregates: breaker.aggregates };
    const keyTypes = breaker.groupBy.map((k) => k.type);
    partialTypes = [...keyTypes, ...breaker.aggregates.flatMap((a) => a.stateTypes)];
    const partialOutput = partialTypes.map((type, j) => ({ name: `$partial${j}`, type }));
    replacement = { ...breaker, step: 'final', input: stageInput(partialOutput) };
    replaced = breaker;
  } else if (breaker?.kind === 'TopN') {
    sink = { kind: 'TopN', keys: breaker.keys, count: breaker.offset + breaker.count };
    replacement = { ...breaker, input: stageInput(below.output) };
    replaced = breaker;
  } else if (breaker?.kind === 'Limit' && breaker.count !== null) {
    sink = { kind: 'Limit', count: breaker.offset + breaker.count };
    replacement = { ...breaker, input: stageInput(below.output) };
    replaced = breaker;
  } else {
    replacement = stageInput(below.output);
    replaced = below;
  }

  const final = replaceNode(plan, replaced, replacement);
  return {
    scan: { table: scanNode.table, columns: scanNode.columns, filter: scanNode.filter, steps, sink, partialTypes },
    final,
    output: plan.output,
  };
}

/** Nodes from the root down to the single TableScan, or null if there is none. */
function pathToScan(plan: LogicalPlan): LogicalPlan[] | null {
  const path: LogicalPlan[] = [];
  let node: LogicalPlan | null = plan;
  while (node !== null) {
    path.push(node);
    if (node.kind === 'TableScan') return path;
    node = 'input' in node ? node.input : null;
  }
  return null;
}

function replaceNode(plan: LogicalPlan, target: LogicalPlan, replacement: LogicalPlan): LogicalPlan {
  if (plan === target) return replacement;
  if (!('input' in plan)) return plan;
  return { ...plan, input: replaceNode(plan.input, target, replacement) } as LogicalPlan;
}
