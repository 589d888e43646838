/** Text rendering of expressions and plans for EXPLAIN. */
import { formatDate, formatTimestamp } from '../types/datetime.ts';
import { formatDecimal } from '../types/decimal.ts';
import { formatType } from '../types/sqlType.ts';
import type { BoundExpr } from './expr.ts';
import { OPERATOR_SYMBOLS } from './operatorSymbols.ts';
import type { LogicalPlan, OutputColumn, SortKey } from './logical.ts';
import type { DistributedPlan, PartialSink, PipelineStep } from './distribute.ts';


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

/** One line per node, children indented. */
export function formatPlan(plan: LogicalPlan, indent = ''): string[] {
  const input = 'input' in plan ? names(plan.input.output) : [];
  const child = 'input' in plan ? formatPlan(plan.input, indent + '    ') : [];
  const line = (s: string): string[] => [`${indent}- ${s}`, ...child];
  switch (plan.kind) {
    case 'StageInput':
      return line(`RemoteSource [${names(plan.output).join(', ')}]`);
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
        `Aggregate(${plan.step === 'final' ? 'FINAL' : 'SINGLE'}) keys: [${plan.groupBy.map((k) => formatExpr(k, input)).join(', ')}] aggregates: [${aggregateText(plan.aggregates, input)}]`,
      );
    case 'Sort':
      return line(`Sort [${formatKeys(plan.keys, input)}]`);
    case 'Limit':
      return line(`Limit ${plan.count ?? 'ALL'}${plan.offset > 0 ? ` offset ${plan.offset}` : ''}`);
    case 'TopN':
      return line(`TopN ${plan.count}${plan.offset > 0 ? ` offset ${plan.offset}` : ''} [${formatKeys(plan.keys, input)}]`);
    default: {
      const never: never = plan;
      throw new Error(`unexpected plan ${JSON.stringify(never)}`);
    }
  }
}

export interface FragmentSummary {
  readonly fragments: number;
  readonly files: number;
  readonly filesPruned: number;
  readonly rowGroups: number;
  readonly rowGroupsPruned: number;
  readonly partitionsPruned: number;
  readonly bytesNeeded: number;
  readonly mergeLevels: number;
  readonly fanIn: number;
}

/** The distributed plan: the final fragment, merge levels, and the scan stage's pipeline. */
export function formatDistributedPlan(d: DistributedPlan, summary: FragmentSummary | null): string {
  const lines: string[] = [];
  lines.push(`Fragment 0 [SINGLE] (finalize: one invocation)`);
  lines.push(`    Output [${names(d.output).join(', ')}]`);
  lines.push(...formatPlan(d.final, '    '));
  const scan = d.scan;
  if (scan !== null) {
    if (summary !== null && summary.mergeLevels > 0) {
      lines.push(`Merge levels: ${summary.mergeLevels} (fan-in ${summary.fanIn})`);
    }
    const count = summary === null ? '' : ` × ${summary.fragments} invocation(s)`;
    lines.push(`Fragment 1 [SOURCE] (scan${count})`);
    const scanNames = scan.columns.map((c) => c.name);
    let current = scanNames;
    const body: string[] = [];
    body.push(`PartialSink ${formatSink(scan.sink, scan.steps, scanNames)}`);
    const steps: string[] = [];
    for (const s of scan.steps) {
      steps.push(formatStep(s, current));
      if (s.kind === 'Project') current = s.exprs.map((_e, i) => `expr${i}`);
    }
    body.push(...steps.reverse());
    const filter = scan.filter ? ` filter: ${formatExpr(scan.filter, scanNames)}` : '';
    body.push(
      `TableScan[${scan.table.catalog}.${scan.table.schema}.${scan.table.table}] [${scan.columns.map((c) => `${c.name}${c.partition ? ' (partition)' : ''}`).join(', ')}]${filter}`,
    );
    body.forEach((b, i) => lines.push(`${'    '.repeat(i + 1)}- ${b}`));
    if (summary !== null) {
      lines.push(
        `    files: ${summary.files} (${summary.filesPruned} pruned, ${summary.partitionsPruned} partitions pruned), row groups: ${summary.rowGroups} (${summary.rowGroupsPruned} pruned), column chunk bytes: ${summary.bytesNeeded}`,
      );
    }
  }
  return lines.join('\n');
}

function formatStep(s: PipelineStep, input: readonly string[]): string {
  return s.kind === 'Filter'
    ? `Filter ${formatExpr(s.predicate, input)}`
    : `Project [${s.exprs.map((e, i) => `expr${i} := ${formatExpr(e, input)}`).join(', ')}]`;
}

function formatSink(sink: PartialSink, steps: readonly PipelineStep[], scanNames: readonly string[]): string {
  const lastProject = [...steps].reverse().find((s) => s.kind === 'Project');
  const input = lastProject ? lastProject.exprs.map((_e, i) => `expr${i}`) : scanNames;
  switch (sink.kind) {
    case 'Aggregate':
      return `Aggregate(PARTIAL) keys: [${sink.groupBy.map((k) => input[k]).join(', ')}] aggregates: [${aggregateText(sink.aggregates, input)}]`;
    case 'TopN':
      return `TopN(PARTIAL) ${sink.count} [${formatKeys(sink.keys, input)}]`;
    case 'Limit':
      return `Limit(PARTIAL) ${sink.count}`;
    case 'Collect':
      return 'Collect';
    default: {
      const never: never = sink;
      throw new Error(`unexpected sink ${JSON.stringify(never)}`);
    }
  }
}
