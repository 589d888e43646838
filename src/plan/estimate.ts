/**
 * Cardinality and size estimates for join ordering and for choosing join strategies. The only
 * statistics are the row counts (after pruning) and column sizes from Parquet footers, so
 * predicates get fixed selectivities, as in System R and Trino without column statistics.
 */
import type { SqlType } from '../types/sqlType.ts';
import { conjuncts, type BoundExpr } from './expr.ts';
import type { LogicalPlan, TableScanNode } from './logical.ts';

export interface ScanStatistics {
  /** Rows in the row groups left after pruning. */
  readonly rows: number;
  /** Uncompressed bytes per row of the scanned columns. */
  readonly rowBytes: number;
}

export type StatisticsSource = (scan: TableScanNode) => ScanStatistics | null;

const UNKNOWN_ROWS = 1000;

export interface Estimate {
  readonly rows: number;
  /** Bytes of the node's output in memory. */
  readonly bytes: number;
}

export function estimate(plan: LogicalPlan, stats: StatisticsSource): Estimate {
  const rows = Math.max(1, estimateRows(plan, stats));
  return { rows, bytes: rows * rowBytes(plan, stats) };
}

function rowBytes(plan: LogicalPlan, stats: StatisticsSource): number {
  if (plan.kind === 'TableScan') {
    const s = stats(plan);
    if (s !== null) return s.rowBytes;
  }
  return rowWidth(plan.output.map((c) => c.type));
}

/** Bytes of a row in memory, by type: strings are guessed at 32 bytes. */
export function rowWidth(types: readonly SqlType[]): number {
  let total = 0;
  for (const t of types) total += t.kind === 'varchar' || t.kind === 'varbinary' ? 32 : t.kind === 'boolean' ? 1 : 8;
  return Math.max(total, 1);
}

export function estimateRows(plan: LogicalPlan, stats: StatisticsSource): number {
  switch (plan.kind) {
    case 'TableScan': {
      const s = stats(plan);
      const rows = s === null ? UNKNOWN_ROWS : s.rows;
      return plan.filter === null ? rows : rows * selectivity(plan.filter);
    }
    case 'Values':
      return plan.rows.length;
    case 'RemoteSource':
      return UNKNOWN_ROWS;
    case 'Filter':
      return estimateRows(plan.input, stats) * selectivity(plan.predicate);
    case 'Project':
    case 'Sort':
    case 'Window':
    case 'Shared':
      return estimateRows(plan.input, stats);
    case 'EnforceSingleRow':
      return 1;
    case 'Limit':
      return Math.min(estimateRows(plan.input, stats), plan.count ?? Infinity);
    case 'TopN':
      return Math.min(estimateRows(plan.input, stats), plan.count);
    case 'Aggregate': {
      const input = estimateRows(plan.input, stats);
      // Partial states are grouped already: combining them keeps about as many groups.
      if (plan.step === 'intermediate' || plan.step === 'final') return input;
      if (plan.groupBy.length === 0) return 1;
      // Without distinct counts: a grouping keeps a tenth of its input, at least one group.
      return Math.max(1, input * 0.1);
    }
    case 'Union':
      return plan.inputs.reduce((s, p) => s + estimateRows(p, stats), 0);
    case 'Join':
      return joinRows(plan, stats);
    default: {
      const never: never = plan;
      throw new Error(`unexpected plan node ${JSON.stringify(never)}`);
    }
  }
}

/**
 * An equi-join is assumed to follow a foreign key to the smaller side's key: the larger side's
 * rows, thinned by whatever filtered the smaller side. No keys: the cross product.
 */
function joinRows(plan: Extract<LogicalPlan, { kind: 'Join' }>, stats: StatisticsSource): number {
  const left = estimateRows(plan.left, stats);
  const right = estimateRows(plan.right, stats);
  const residual = plan.residual === null ? 1 : selectivity(plan.residual);
  if (plan.type === 'semi' || plan.type === 'anti') return left * 0.5;
  if (plan.type === 'mark') return left;
  let rows: number;
  if (plan.leftKeys.length === 0) rows = left * right;
  else {
    // The side from the larger table holds the foreign key (lineitem's orderkey meets orders'
    // key): each of its rows meets at most one row of the other, kept as often as the other's
    // filters keep its rows. Not the side with more rows after filters: a year of lineitem is
    // fewer rows than orders and still matches one order per line.
    const leftTable = unfilteredRows(plan.left, stats);
    const rightTable = unfilteredRows(plan.right, stats);
    const leftMany = leftTable > rightTable || (leftTable === rightTable && left >= right);
    const [many, one, oneTable] = leftMany ? [left, right, rightTable] : [right, left, leftTable];
    rows = many * Math.min(1, one / Math.max(1, oneTable));
  }
  rows *= residual;
  if (plan.type === 'left' || plan.type === 'full') rows = Math.max(rows, left);
  if (plan.type === 'right' || plan.type === 'full') rows = Math.max(rows, right);
  return rows;
}

/** Rows of a plan before its filters (a dimension's size, against which its filter thins a join). */
export function unfilteredRows(plan: LogicalPlan, stats: StatisticsSource): number {
  switch (plan.kind) {
    case 'TableScan':
      return stats(plan)?.rows ?? UNKNOWN_ROWS;
    case 'Filter':
    case 'Project':
      return unfilteredRows(plan.input, stats);
    case 'Join':
      // A key join keeps the foreign-key side's rows: the larger table's, thinned by filters.
      if (plan.type === 'inner' && plan.leftKeys.length > 0) return Math.max(unfilteredRows(plan.left, stats), unfilteredRows(plan.right, stats));
      return estimateRows(plan, stats);
    default:
      return estimateRows(plan, stats);
  }
}

/** Fixed selectivities: equality 1/10, ranges 1/3, LIKE 1/4, anything else 1/2 per conjunct. */
export function selectivity(predicate: BoundExpr): number {
  let s = 1;
  for (const c of conjuncts(predicate)) s *= conjunctSelectivity(c);
  return s;
}

function conjunctSelectivity(c: BoundExpr): number {
  if (c.kind === 'call') {
    switch (c.name) {
      case '$eq':
        return 0.1;
      case '$lt':
      case '$le':
      case '$gt':
      case '$ge':
        return 1 / 3;
      case '$like':
        return 0.25;
      default:
        return 0.5;
    }
  }
  if (c.kind === 'in') return Math.min(0.5, 0.1 * c.list.length);
  if (c.kind === 'or') return Math.min(1, c.args.reduce((s, a) => s + conjunctSelectivity(a), 0));
  return 0.5;
}
