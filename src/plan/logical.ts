/**
 * The logical plan: a closed union of relational operators. Every node states its output
 * columns; expressions refer to the node's input columns by position. Plain data throughout.
 *
 * Invariants the binder establishes and the optimizer keeps:
 * - Aggregate group keys, aggregate arguments and filters, and Sort keys are column references
 *   (a Project below computes any expression they need), so executors never evaluate
 *   expressions inside those operators.
 */
import type { SqlType } from '../types/sqlType.ts';
import type { BoundExpr, ColumnExpr } from './expr.ts';

export interface OutputColumn {
  readonly name: string;
  readonly type: SqlType;
}

export interface TableRef {
  readonly catalog: string;
  readonly schema: string;
  readonly table: string;
}

export interface ScanColumn {
  /** Column name in the files (or the hive partition key). */
  readonly name: string;
  readonly type: SqlType;
  readonly partition: boolean;
}

export interface TableScanNode {
  readonly kind: 'TableScan';
  readonly table: TableRef;
  /** The columns read, in output order. */
  readonly columns: readonly ScanColumn[];
  /** Pushed-down predicate over this node's output columns; rows failing it are dropped. */
  readonly filter: BoundExpr | null;
  readonly output: readonly OutputColumn[];
}

/**
 * Literal rows: SELECT without FROM (one row of no columns), VALUES, SHOW results. Each cell is
 * an expression without column references, coerced to its column's type; constant folding
 * turns most into literals, and the executor evaluates the rest (which may fail at run time,
 * `VALUES (1 / 0)`). Runs in exactly one task.
 */
export interface ValuesNode {
  readonly kind: 'Values';
  readonly rows: readonly (readonly BoundExpr[])[];
  readonly output: readonly OutputColumn[];
}

export interface FilterNode {
  readonly kind: 'Filter';
  readonly input: LogicalPlan;
  readonly predicate: BoundExpr;
  readonly output: readonly OutputColumn[];
}

export interface ProjectNode {
  readonly kind: 'Project';
  readonly input: LogicalPlan;
  readonly exprs: readonly BoundExpr[];
  readonly output: readonly OutputColumn[];
}

export interface AggregateCall {
  readonly name: string;
  readonly args: readonly ColumnExpr[];
  readonly distinct: boolean;
  /** FILTER (WHERE …): a boolean input column, or null. */
  readonly filter: ColumnExpr | null;
  readonly argTypes: readonly SqlType[];
  readonly stateTypes: readonly SqlType[];
  readonly type: SqlType;
}

/**
 * Output: the group keys, then one column per aggregate. No keys and no rows gives one row.
 * step 'single' aggregates raw input into values; 'partial' aggregates raw input into states
 * (output: keys, then each aggregate's state columns); 'intermediate' combines states into
 * states and 'final' states into values: their input columns are the group keys followed by
 * each aggregate's state columns, in order (`groupBy` and `args` unused).
 */
export type AggregateStep = 'single' | 'partial' | 'intermediate' | 'final';

export interface AggregateNode {
  readonly kind: 'Aggregate';
  readonly step: AggregateStep;
  readonly input: LogicalPlan;
  readonly groupBy: readonly ColumnExpr[];
  readonly aggregates: readonly AggregateCall[];
  readonly output: readonly OutputColumn[];
}

export interface SortKey {
  readonly expr: ColumnExpr;
  readonly ascending: boolean;
  readonly nullsFirst: boolean;
}

export interface SortNode {
  readonly kind: 'Sort';
  readonly input: LogicalPlan;
  readonly keys: readonly SortKey[];
  readonly output: readonly OutputColumn[];
}

export interface LimitNode {
  readonly kind: 'Limit';
  readonly input: LogicalPlan;
  readonly offset: number;
  /** null: no limit (OFFSET only). */
  readonly count: number | null;
  readonly output: readonly OutputColumn[];
}

/** ORDER BY … LIMIT n [OFFSET m], fused so each scan keeps only its best offset + n rows. */
export interface TopNNode {
  readonly kind: 'TopN';
  readonly input: LogicalPlan;
  readonly keys: readonly SortKey[];
  readonly offset: number;
  readonly count: number;
  readonly output: readonly OutputColumn[];
}

/**
 * The output of an earlier stage, read through S3: 'all' objects of every producer task (a
 * gather or a broadcast), this task's 'partition' of every producer's hash-partitioned object,
 * or this task's 'group' of `fanIn` consecutive producer objects (merge trees).
 */
export interface RemoteSourceNode {
  readonly kind: 'RemoteSource';
  readonly stage: number;
  readonly read: 'all' | 'partition' | 'group';
  readonly fanIn: number;
  /**
   * Whether this read carries the producer's figures on (see exchange.ts). Exactly one read of
   * each stage does, so a stage read by several consumers (a shared WITH query) counts once.
   */
  readonly accounts: boolean;
  readonly output: readonly OutputColumn[];
}

/**
 * inner/left/right/full: output is left's columns then right's; semi/anti: left's only; mark:
 * left's columns then one boolean, `$mark`, for every left row: whether it has a match.
 * Rows match when every leftKeys[i] equals rightKeys[i] (NULL never equals) and the residual,
 * over left's then right's columns, is true. No keys: every pair is tested (a cross join).
 * The right side is the build side.
 *
 * `nullAware` (anti and mark, from [NOT] IN (subquery)): leftKeys[0] = rightKeys[0] is the IN
 * comparison, with SQL's three-valued `=`; any further keys are correlation equalities which,
 * with the residual, pick a left row's candidate rows S (its rows of the subquery). The IN is
 * TRUE if some row of S is equal; else NULL if S is not empty and the left value or some
 * value of S is NULL; else FALSE. Anti keeps the FALSE rows (NOT IN is TRUE), mark outputs the
 * IN's value. Without nullAware a mark is TRUE or FALSE (EXISTS).
 */
export type JoinType = 'inner' | 'left' | 'right' | 'full' | 'semi' | 'anti' | 'mark';

export interface JoinNode {
  readonly kind: 'Join';
  readonly type: JoinType;
  readonly left: LogicalPlan;
  readonly right: LogicalPlan;
  readonly leftKeys: readonly BoundExpr[];
  readonly rightKeys: readonly BoundExpr[];
  readonly residual: BoundExpr | null;
  readonly nullAware: boolean;
  readonly output: readonly OutputColumn[];
}

/** UNION ALL: the inputs' rows, columns by position (the binder makes the types equal). */
export interface UnionNode {
  readonly kind: 'Union';
  readonly inputs: readonly LogicalPlan[];
  readonly output: readonly OutputColumn[];
}

/**
 * A window frame bound. Offsets are input columns evaluated per row (non-negative, not NULL).
 * RANGE offset bounds compare the single ORDER BY key, as `key`, with `value` = key ∓ offset
 * computed below (both of one type), so the operator only searches sorted values.
 */
export type WindowFrameBound =
  | { readonly kind: 'unboundedPreceding' | 'currentRow' | 'unboundedFollowing' }
  | {
      readonly kind: 'preceding' | 'following';
      readonly offset: ColumnExpr;
      readonly range: { readonly key: ColumnExpr; readonly value: ColumnExpr } | null;
    };

export interface WindowFrame {
  readonly unit: 'rows' | 'range' | 'groups';
  readonly start: WindowFrameBound;
  readonly end: WindowFrameBound;
}

/**
 * One window function call. Ranking functions (row_number, rank, dense_rank, percent_rank,
 * cume_dist, ntile) and lag/lead ignore the frame; first_value, last_value, nth_value and
 * aggregates (`aggregate` set: the resolved aggregate) read the rows of the frame.
 */
export interface WindowFunction {
  readonly name: string;
  readonly args: readonly ColumnExpr[];
  readonly frame: WindowFrame;
  readonly ignoreNulls: boolean;
  readonly aggregate: { readonly argTypes: readonly SqlType[]; readonly stateTypes: readonly SqlType[]; readonly filter: ColumnExpr | null } | null;
  readonly type: SqlType;
}

/**
 * Output: the input's columns, then one column per function. Rows are split into partitions by
 * `partitionBy` and ordered within each by `orderBy` (peers: rows equal on every order key).
 */
export interface WindowNode {
  readonly kind: 'Window';
  readonly input: LogicalPlan;
  readonly partitionBy: readonly ColumnExpr[];
  readonly orderBy: readonly SortKey[];
  readonly functions: readonly WindowFunction[];
  readonly output: readonly OutputColumn[];
}

/** A scalar subquery's rows: exactly one (NULLs for none; more than one is an error). */
export interface EnforceSingleRowNode {
  readonly kind: 'EnforceSingleRow';
  readonly input: LogicalPlan;
  readonly output: readonly OutputColumn[];
}

/**
 * A WITH query named more than once: every reference holds the same `id` and the same input, so
 * the stager computes it once, in its own stage, and each reference reads that stage's output.
 * The optimizer moves no filter into it and keeps the columns any of its references needs.
 */
export interface SharedNode {
  readonly kind: 'Shared';
  readonly id: number;
  /** The WITH query's name (EXPLAIN). */
  readonly name: string;
  readonly input: LogicalPlan;
  readonly output: readonly OutputColumn[];
}

export type LogicalPlan =
  | RemoteSourceNode
  | SharedNode
  | JoinNode
  | UnionNode
  | EnforceSingleRowNode
  | WindowNode
  | TableScanNode
  | ValuesNode
  | FilterNode
  | ProjectNode
  | AggregateNode
  | SortNode
  | LimitNode
  | TopNNode;

export type LogicalKind = LogicalPlan['kind'];

export function inputsOf(p: LogicalPlan): readonly LogicalPlan[] {
  switch (p.kind) {
    case 'TableScan':
    case 'Values':
    case 'RemoteSource':
      return [];
    case 'Join':
      return [p.left, p.right];
    case 'Union':
      return p.inputs;
    case 'Shared':
    case 'EnforceSingleRow':
    case 'Window':
    case 'Filter':
    case 'Project':
    case 'Aggregate':
    case 'Sort':
    case 'Limit':
    case 'TopN':
      return [p.input];
    default:
      return assertNeverPlan(p);
  }
}

/** Replace a node's inputs, in inputsOf order (the output columns are unchanged by construction). */
export function withInputs(p: LogicalPlan, inputs: readonly LogicalPlan[]): LogicalPlan {
  switch (p.kind) {
    case 'Join':
      return { ...p, left: inputs[0]!, right: inputs[1]! };
    case 'Union':
      return { ...p, inputs };
    default:
      return withInput(p, inputs[0]!);
  }
}

/** Replace a single-input node's input (the output columns are unchanged by construction). */
export function withInput(p: LogicalPlan, input: LogicalPlan): LogicalPlan {
  switch (p.kind) {
    case 'TableScan':
    case 'Values':
    case 'RemoteSource':
      return p;
    case 'Join':
    case 'Union':
      throw new Error(`withInput on a ${p.kind}: use withInputs`);
    case 'Shared':
      return { ...p, input, output: input.output };
    case 'EnforceSingleRow':
      return { ...p, input };
    case 'Window':
      return { ...p, input };
    case 'Filter':
      return { ...p, input };
    case 'Project':
      return { ...p, input };
    case 'Aggregate':
      return { ...p, input };
    case 'Sort':
      return { ...p, input };
    case 'Limit':
      return { ...p, input };
    case 'TopN':
      return { ...p, input };
    default:
      return assertNeverPlan(p);
  }
}

export function assertNeverPlan(p: never): never {
  throw new Error(`unexpected plan node: ${JSON.stringify(p)}`);
}
