/** Text rendering of expressions and plans for EXPLAIN. */
import { formatDate, formatTimestamp } from '../types/datetime.ts';
import { formatDecimal } from '../types/decimal.ts';
import { formatType } from '../types/sqlType.ts';
import type { BoundExpr } from './expr.ts';
import { OPERATOR_SYMBOLS } from './operatorSymbols.ts';
import { inputsOf, type LogicalPlan, type OutputColumn, type SortKey, type WindowFrame, type WindowFrameBound } from './logical.ts';
import type { StagedPlan } from './stages.ts';


export function formatExpr(e: BoundExpr, names: readonly string[]): string {
  const f = (x: BoundExpr): string => formatExpr(x, names);
  switch (e.kind) {
    case 'column':
      return names[e.index] ?? e.name ?? `#${e.index}`;
    case 'literal':
      return formatLiteral(e);
    case 'call': {
      const op = OPERATOR_SYMBOLS[e.name];
      if (e.name === '$negate') return `(-${f(e.args[0]!)})`;
      if (e.name === '$like') return `(${f(e.args[0]!)} LIKE ${e.args.slice(1).map(f).join(' ESCAPE ')})`;
      if (op !== undefined && e.args.length === 2) return `(${f(e.args[0]!)} ${op} ${f(e.args[1]!)})`;
      return `${e.name}(${e.args.map(f).join(', ')})`;
    }
    case 'cast':
      return `${e.safe ? 'TRY_CAST' : 'CAST'}(${f(e.operand)} AS ${formatType(e.type)})`;
    case 'and':
      return `(${e.args.map(f).join(' AND ')})`;
    case 'or':
      return `(${e.args.map(f).join(' OR ')})`;
    case 'not':
      return `(NOT ${f(e.operand)})`;
    case 'isNull':
      return `(${f(e.operand)} IS NULL)`;
    case 'case':
      return `CASE ${e.whens.map((w) => `WHEN ${f(w.when)} THEN ${f(w.then)}`).join(' ')} ELSE ${f(e.else)} END`;
    case 'coalesce':
      return `coalesce(${e.args.map(f).join(', ')})`;
    case 'in':
      return `(${f(e.operand)} IN (${e.list.map(f).join(', ')}))`;
    default: {
      const never: never = e;
      throw new Error(`unexpected expression ${JSON.stringify(never)}`);
    }
  }
}

function formatLiteral(e: Extract<BoundExpr, { kind: 'literal' }>): string {
  const v = e.value;
  if (v === null) return 'NULL';
  switch (e.type.kind) {
    case 'varchar':
      return `'${String(v).replace(/'/g, "''")}'`;
    case 'decimal':
      return formatDecimal(v as bigint, e.type.scale);
    case 'date':
      return `DATE '${formatDate(v as number)}'`;
    case 'timestamp':
      return `TIMESTAMP '${formatTimestamp(v as number, e.type.precision)}'`;
    default:
      return String(v);
  }
}

function names(cols: readonly OutputColumn[]): string[] {
  return cols.map((c) => c.name);
}

function formatKeys(keys: readonly SortKey[], input: readonly string[]): string {
  return keys.map((k) => `${formatExpr(k.expr, input)} ${k.ascending ? 'ASC' : 'DESC'} NULLS ${k.nullsFirst ? 'FIRST' : 'LAST'}`).join(', ');
}

function aggregateText(aggs: readonly { name: string; args: readonly BoundExpr[]; distinct: boolean }[], input: readonly string[]): string {
  return aggs.map((a) => `${a.name}(${a.distinct ? 'DISTINCT ' : ''}${a.args.map((x) => formatExpr(x, input)).join(', ') || (a.name === 'count' ? '*' : '')})`).join(', ');
}

function windowFrameText(frame: WindowFrame, input: readonly string[]): string {
  const bound = (b: WindowFrameBound): string => {
    switch (b.kind) {
      case 'unboundedPreceding':
        return 'UNBOUNDED PRECEDING';
      case 'unboundedFollowing':
        return 'UNBOUNDED FOLLOWING';
      case 'currentRow':
        return 'CURRENT ROW';
      default:
        return `${formatExpr(b.offset, input)} ${b.kind.toUpperCase()}`;
    }
  };
  return ` ${frame.unit.toUpperCase()} BETWEEN ${bound(frame.start)} AND ${bound(frame.end)}`;
}

/** One line per node, children indented; `note` adds a remark to a node's line. */
export function formatPlan(plan: LogicalPlan, indent = '', note: (node: LogicalPlan) => string | null = () => null): string[] {
  const input = 'input' in plan ? names(plan.input.output) : [];
  const kids = inputsOf(plan);
  const child = kids.flatMap((k) => formatPlan(k, indent + '    ', note));
  const remark = note(plan);
  const line = (s: string): string[] => [`${indent}- ${s}${remark === null ? '' : ` (${remark})`}`, ...child];
  switch (plan.kind) {
    case 'RemoteSource':
      return line(`RemoteSource[stage ${plan.stage}, ${plan.read === 'all' ? 'all tasks' : plan.read === 'partition' ? 'own partition' : `groups of ${plan.fanIn}`}] [${names(plan.output).join(', ')}]`);
    case 'Values':
      return line(`Values ${plan.rows.length} row(s) [${names(plan.output).join(', ')}]`);
    case 'TableScan': {
      const cols = plan.columns.map((c) => `${c.name}:${formatType(c.type)}`).join(', ');
      const filter = plan.filter ? ` filter: ${formatExpr(plan.filter, names(plan.output))}` : '';
      return line(`TableScan[${plan.table.catalog}.${plan.table.schema}.${plan.table.table}] [${cols}]${filter}`);
    }
    case 'Filter':
      return line(`Filter ${formatExpr(plan.predicate, input)}`);
    case 'Project':
      return line(`Project [${plan.exprs.map((e, i) => `${plan.output[i]!.name} := ${formatExpr(e, input)}`).join(', ')}]`);
    case 'Aggregate':
      return line(
        `Aggregate(${plan.step.toUpperCase()}) keys: [${plan.groupBy.map((k) => formatExpr(k, input)).join(', ')}] aggregates: [${aggregateText(plan.aggregates, input)}]`,
      );
    case 'Sort':
      return line(`Sort [${formatKeys(plan.keys, input)}]`);
    case 'Limit':
      return line(`Limit ${plan.count ?? 'ALL'}${plan.offset > 0 ? ` offset ${plan.offset}` : ''}`);
    case 'TopN':
      return line(`TopN ${plan.count}${plan.offset > 0 ? ` offset ${plan.offset}` : ''} [${formatKeys(plan.keys, input)}]`);
    case 'Join': {
      const l = names(plan.left.output);
      const r = names(plan.right.output);
      const keys = plan.leftKeys.map((k, i) => `${formatExpr(k, l)} = ${formatExpr(plan.rightKeys[i]!, r)}`).join(' AND ');
      const residual = plan.residual === null ? '' : ` filter: ${formatExpr(plan.residual, [...l, ...r])}`;
      const kind = plan.leftKeys.length === 0 && plan.type === 'inner' ? 'CROSS' : plan.type.toUpperCase();
      return line(`${kind} Join${plan.nullAware ? ' (null-aware)' : ''}${keys ? ` [${keys}]` : ''}${residual}`);
    }
    case 'Union':
      return line(`Union ALL [${names(plan.output).join(', ')}]`);
    case 'EnforceSingleRow':
      return line('EnforceSingleRow');
    case 'Window': {
      const partition = plan.partitionBy.length > 0 ? `partition by [${plan.partitionBy.map((k) => formatExpr(k, input)).join(', ')}]` : 'one partition';
      const order = plan.orderBy.length > 0 ? ` order by [${formatKeys(plan.orderBy, input)}]` : '';
      const fns = plan.functions.map((f, i) => `${plan.output[input.length + i]!.name} := ${f.name}(${f.args.map((a) => formatExpr(a, input)).join(', ')})${windowFrameText(f.frame, input)}`);
      return line(`Window ${partition}${order} [${fns.join(', ')}]`);
    }
    case 'Shared':
      return line(`Shared[${plan.name}] [${names(plan.output).join(', ')}]`);
    default: {
      const never: never = plan;
      throw new Error(`unexpected plan ${JSON.stringify(never)}`);
    }
  }
}

export interface StageSummary {
  /** Estimated output rows of a plan inside a stage, over all the stage's tasks. */
  readonly estimatedRows: (plan: LogicalPlan) => number;
  readonly scans: readonly string[];
}

/**
 * Every stage, last first (as Trino prints fragments): tasks, exchange, estimates, plan; each
 * join says how it is distributed: its build side sent whole to every task of the stage
 * (broadcast), both sides hash-partitioned on the keys, or both in the one task.
 */
export function formatStagedPlan(d: StagedPlan, summary: StageSummary): string {
  const rows = (p: LogicalPlan): string => `estimated rows: ${Math.round(summary.estimatedRows(p))}`;
  const joinNote = (tasks: number) => (node: LogicalPlan): string | null => {
    if (node.kind !== 'Join') return null;
    const right = node.right;
    const producer = right.kind === 'RemoteSource' ? d.stages[right.stage] : undefined;
    let strategy: string;
    if (right.kind === 'RemoteSource' && right.read === 'partition' && producer?.output.kind === 'hash') strategy = `partitioned: ${producer.output.partitions} hash partitions`;
    else if (tasks > 0 && perTask(node.left)) strategy = `broadcast: build side to each of ${tasks} task(s)`;
    else strategy = 'in one task';
    return `${strategy}; ${rows(node)}`;
  };
  const lines: string[] = [];
  lines.push(`Fragment ${d.stages.length} [SINGLE] (finalize: one invocation; ${rows(d.final)})`);
  lines.push(`    Output [${names(d.output).join(', ')}]`);
  lines.push(...formatPlan(d.final, '    ', joinNote(0)));
  for (const stage of [...d.stages].reverse()) {
    const out = stage.output.kind === 'gather' ? 'output: whole, one object per task' : `output: hash-partitioned into ${stage.output.partitions} on [${stage.output.keys.map((k) => formatExpr(k, names(stage.root.output))).join(', ')}]`;
    const shared = stage.shared === null ? '' : `WITH ${stage.shared}, computed once for ${readsOf(d, stage.id)} reads; `;
    lines.push(`Fragment ${stage.id} [${stage.scan !== null ? 'SOURCE' : 'HASH'}] (${shared}${stage.tasks} task(s); ${out}; ${rows(stage.root)})`);
    lines.push(...formatPlan(stage.root, '    ', joinNote(stage.tasks)));
    if (stage.scan !== null && summary.scans[stage.scan] !== undefined) lines.push(`    ${summary.scans[stage.scan]}`);
  }
  return lines.join('\n');
}

/** Whether each task of the stage gets its own part of the plan's rows (a scan fragment, a partition, a group). */
function perTask(plan: LogicalPlan): boolean {
  if (plan.kind === 'TableScan') return true;
  if (plan.kind === 'RemoteSource') return plan.read !== 'all';
  return inputsOf(plan).some(perTask);
}

function readsOf(d: StagedPlan, stage: number): number {
  const count = (p: LogicalPlan): number => (p.kind === 'RemoteSource' && p.stage === stage ? 1 : 0) + inputsOf(p).reduce((s, i) => s + count(i), 0);
  return d.stages.reduce((s, x) => s + count(x.root), count(d.final));
}
