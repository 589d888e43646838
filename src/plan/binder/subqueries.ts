/**
 * Subqueries in expressions, decorrelated into joins onto the relation being bound:
 *
 * - EXISTS / IN (subquery): a semi or anti join where a WHERE conjunct can filter with it, else
 *   a mark join whose boolean column is the predicate's value (SELECT, OR branches, CASE…).
 *   Correlation equalities become join keys, other correlated conjuncts the join's residual.
 *   An IN is null-aware where NULL and FALSE differ (NOT IN, marks): its comparison is the
 *   join's first key, the correlation keys follow (see JoinNode in logical.ts).
 * - A correlated scalar aggregation: grouped on the subquery's correlation columns and
 *   left-joined on the outer ones. Where no group matches, the subquery still has its one row of
 *   aggregates over no input (count() is 0, not NULL), so the select expression and HAVING are
 *   computed above the join, with each aggregate replaced by coalesce(value, value on no input).
 */
import { getAggregateFunction } from '../../builtins/registry.ts';
import { BindError, type Span } from '../../errors.ts';
import type { Query, QuerySpecification } from '../../sql/ast.ts';
import { commonSuperType, formatType } from '../../types/sqlType.ts';
import type { Value } from '../../types/value.ts';
import { valueAt } from '../../types/vector.ts';
import { column, literal, mapColumns, referencedColumns, type BoundExpr } from '../expr.ts';
import { makeJoin } from '../joins.ts';
import type { AggregateCall, AggregateNode, JoinType, LogicalPlan } from '../logical.ts';
import { coerce } from './calls.ts';
import { ExprBinder, type SubqueryHandler } from './exprBinder.ts';
import { OUTER_BASE, type Scope } from './scope.ts';

/** What planning a subquery needs from the binder of the subquery's own query. */
export interface SubqueryBinder {
  /** WHERE conjuncts referencing the enclosing query (its columns from OUTER_BASE up). */
  readonly correlation: readonly BoundExpr[];
  /** For a correlated aggregation: the enclosing query's side of each correlation equality. */
  readonly correlationKeys: readonly BoundExpr[];
  query(q: Query): LogicalPlan;
  fromAndWhere(spec: QuerySpecification): { building: { plan: LogicalPlan }; scope: Scope };
  subqueryHandler(building: { plan: LogicalPlan }, scope: Scope, deferred: null): SubqueryHandler;
}

export interface JoinCondition {
  readonly leftKeys: BoundExpr[];
  readonly rightKeys: BoundExpr[];
  readonly residual: BoundExpr[];
}

/** An EXISTS / IN subquery's rows, ready to join onto the enclosing relation. */
export interface SubqueryRows {
  readonly plan: LogicalPlan;
  /** IN: the subquery's value, over `plan`'s columns. */
  readonly value: BoundExpr | null;
  /** The correlation, with the enclosing relation as the left side. */
  readonly condition: JoinCondition;
}

/**
 * The rows of `query` for EXISTS (`wantValue` false) or IN. `plain`: the query is a plain
 * `SELECT … FROM … WHERE …` (DISTINCT allowed; no aggregation, ORDER BY or LIMIT), planned as its
 * filtered FROM, so correlated conjuncts can still read every FROM column.
 */
export function subqueryRows(
  child: SubqueryBinder,
  query: Query,
  plain: QuerySpecification | null,
  wantValue: boolean,
  outerWidth: number,
  span: Span,
): SubqueryRows {
  if (plain !== null) {
    const { building, scope } = child.fromAndWhere(plain);
    const value = wantValue ? bindSingleColumn(plain, scope, child.subqueryHandler(building, scope, null), query.span) : null;
    return { plan: building.plan, value, condition: splitCorrelation(child.correlation, outerWidth, span) };
  }
  const plan = child.query(query);
  const width = plan.output.length - child.correlationKeys.length;
  if (wantValue && width !== 1) throw multipleColumns(width, query.span);
  const value = wantValue ? column(0, plan.output[0]!.type) : null;
  if (child.correlation.length === 0) return { plan, value, condition: { leftKeys: [], rightKeys: [], residual: [] } };
  // An aggregation without GROUP BY answers one row even where nothing correlates: that is a
  // scalar subquery, not a set of rows to match.
  throw new BindError('NOT_SUPPORTED', 'Correlated EXISTS and IN subqueries must be plain SELECT … FROM … WHERE queries', span);
}

/**
 * EXISTS (`rows.value` null) or `value IN (rows)` as a join of `type` onto `left`: semi keeps
 * the rows where it is TRUE, anti where it is not TRUE (EXISTS) or FALSE (IN: NOT IN is TRUE),
 * mark appends its value.
 */
export function joinSubquery(type: Extract<JoinType, 'semi' | 'anti' | 'mark'>, left: LogicalPlan, rows: SubqueryRows, value: BoundExpr | null, span: Span): LogicalPlan {
  const { leftKeys, rightKeys, residual } = rows.condition;
  if (value === null || rows.value === null) return makeJoin(type, left, rows.plan, { leftKeys, rightKeys, residual });
  const [l, r] = coercePair(value, rows.value, span);
  return makeJoin(type, left, rows.plan, { leftKeys: [l, ...leftKeys], rightKeys: [r, ...rightKeys], residual }, type !== 'semi');
}

/**
 * A correlated scalar aggregation (`sub`, grouped on its correlation columns, which it outputs
 * after its value) left-joined onto `left` on `outerKeys`; the plan's last column is the
 * subquery's value.
 */
export function joinCorrelatedAggregation(left: LogicalPlan, sub: LogicalPlan, outerKeys: readonly BoundExpr[], span: Span): LogicalPlan {
  const width = left.output.length;
  const shape = aggregationShape(sub, outerKeys.length);
  if (shape === null) {
    // Another shape (DISTINCT, ORDER BY, a subquery in the select list…): joined as it is,
    // which is right only where the value over no input is NULL.
    if (aggregatesOverEmptyInputAreNotNull(sub)) {
      throw new BindError('NOT_SUPPORTED', 'This correlated scalar subquery with count() is not supported', span);
    }
    const join = makeJoin('left', left, sub, keysAgainst(outerKeys, (i) => column(1 + i, sub.output[1 + i]!.type), span));
    return appendColumn(join, width, column(width, sub.output[0]!.type), sub.output[0]!.name);
  }
  const { aggregate, value, having, innerKeys } = shape;
  const join = makeJoin('left', left, aggregate, keysAgainst(outerKeys, (i) => innerKeys[i]!, span));
  const keyCount = aggregate.groupBy.length;
  const over = (e: BoundExpr): BoundExpr =>
    mapColumns(e, (c) => {
      const shifted = column(width + c.index, c.type);
      if (c.index < keyCount) return shifted;
      const empty = valueOverNoInput(aggregate.aggregates[c.index - keyCount]!);
      return empty === null ? shifted : { kind: 'coalesce', args: [shifted, literal(empty, c.type)], type: c.type };
    });
  let result = over(value);
  if (having !== null) result = { kind: 'case', whens: [{ when: over(having), then: result }], else: literal(null, result.type), type: result.type };
  return appendColumn(join, width, result, sub.output[0]!.name);
}

/** `Project [value, correlation columns…]` over an optional HAVING Filter over the Aggregate. */
function aggregationShape(
  sub: LogicalPlan,
  keys: number,
): { aggregate: AggregateNode; value: BoundExpr; having: BoundExpr | null; innerKeys: BoundExpr[] } | null {
  if (sub.kind !== 'Project' || sub.exprs.length !== 1 + keys) return null;
  let below = sub.input;
  let having: BoundExpr | null = null;
  if (below.kind === 'Filter') {
    having = below.predicate;
    below = below.input;
  }
  if (below.kind !== 'Aggregate' || below.step !== 'single') return null;
  const aggregate = below;
  const innerKeys = sub.exprs.slice(1);
  if (!innerKeys.every((k) => k.kind === 'column' && k.index < aggregate.groupBy.length)) return null;
  return { aggregate, value: sub.exprs[0]!, having, innerKeys };
}

/** An aggregate's value over no rows: count() 0, most others NULL. */
function valueOverNoInput(call: AggregateCall): Value {
  const def = getAggregateFunction(call.name);
  if (def === undefined) return null;
  const acc = def.accumulator({ argTypes: call.argTypes, returnType: call.type, stateTypes: call.stateTypes }, call.distinct);
  acc.ensureGroups(1);
  return valueAt(acc.finish(1), 0);
}

/** count() and friends answer 0, not NULL, over no rows: a left join alone cannot supply that. */
function aggregatesOverEmptyInputAreNotNull(plan: LogicalPlan): boolean {
  if (plan.kind === 'Aggregate') return plan.aggregates.some((a) => valueOverNoInput(a) !== null);
  return 'input' in plan ? aggregatesOverEmptyInputAreNotNull(plan.input) : false;
}

function keysAgainst(outerKeys: readonly BoundExpr[], inner: (i: number) => BoundExpr, span: Span): JoinCondition {
  const leftKeys: BoundExpr[] = [];
  const rightKeys: BoundExpr[] = [];
  outerKeys.forEach((outer, i) => {
    const [l, r] = coercePair(outer, inner(i), span);
    leftKeys.push(l);
    rightKeys.push(r);
  });
  return { leftKeys, rightKeys, residual: [] };
}

/** `plan`'s first `width` columns and `value`. */
function appendColumn(plan: LogicalPlan, width: number, value: BoundExpr, name: string): LogicalPlan {
  const kept = plan.output.slice(0, width);
  return { kind: 'Project', input: plan, exprs: [...kept.map((c, i) => column(i, c.type)), value], output: [...kept, { name, type: value.type }] };
}

/** The one column of a plain selection, bound over its FROM scope. */
function bindSingleColumn(spec: QuerySpecification, scope: Scope, subqueries: SubqueryHandler, span: Span): BoundExpr {
  const binder = new ExprBinder(scope, { mode: 'forbid', message: 'Aggregations are not allowed here' }, subqueries);
  const columns: BoundExpr[] = [];
  for (const item of spec.select) {
    if (item.kind === 'AllColumns') {
      for (const i of scope.expandAll(item.qualifier?.parts.map((p) => p.value) ?? null, item.span)) columns.push(column(i, scope.fields[i]!.type));
    } else columns.push(binder.bind(item.expr));
  }
  if (columns.length !== 1) throw multipleColumns(columns.length, span);
  return columns[0]!;
}

function multipleColumns(n: number, span: Span): BindError {
  return new BindError('TYPE_MISMATCH', `Multiple columns returned by subquery are not yet supported. Found ${n}`, span);
}

/** Both sides of an equality coerced to their common type. */
export function coercePair(a: BoundExpr, b: BoundExpr, span: Span): [BoundExpr, BoundExpr] {
  const t = commonSuperType(a.type, b.type);
  if (t === null) throw new BindError('TYPE_MISMATCH', `Cannot compare ${formatType(a.type)} with ${formatType(b.type)}`, span);
  return [coerce(a, t), coerce(b, t)];
}

export function referencesOuter(e: BoundExpr): boolean {
  return [...referencedColumns(e)].some((i) => i >= OUTER_BASE);
}

/** `inner = outer` (either way round) with each side over one query only. */
export function correlationEquality(c: BoundExpr): { inner: BoundExpr; outer: BoundExpr } | null {
  if (c.kind !== 'call' || c.name !== '$eq') return null;
  const [a, b] = c.args as [BoundExpr, BoundExpr];
  const side = (e: BoundExpr): 'inner' | 'outer' | null => {
    const refs = [...referencedColumns(e)];
    if (refs.length === 0) return null;
    if (refs.every((i) => i < OUTER_BASE)) return 'inner';
    if (refs.every((i) => i >= OUTER_BASE)) return 'outer';
    return null;
  };
  const down = (e: BoundExpr): BoundExpr => mapColumns(e, (col) => ({ ...col, index: col.index - OUTER_BASE }));
  if (side(a) === 'inner' && side(b) === 'outer') return { inner: a, outer: down(b) };
  if (side(a) === 'outer' && side(b) === 'inner') return { inner: b, outer: down(a) };
  return null;
}

/**
 * A join's condition from a subquery's correlated conjuncts: equalities become keys, the rest a
 * residual over the outer (left) columns then the subquery's (right) columns.
 */
export function splitCorrelation(correlation: readonly BoundExpr[], outerWidth: number, span: Span): JoinCondition {
  const leftKeys: BoundExpr[] = [];
  const rightKeys: BoundExpr[] = [];
  const residual: BoundExpr[] = [];
  for (const c of correlation) {
    const pair = correlationEquality(c);
    if (pair !== null) {
      const [l, r] = coercePair(pair.outer, pair.inner, span);
      leftKeys.push(l);
      rightKeys.push(r);
    } else {
      residual.push(mapColumns(c, (col) => ({ ...col, index: col.index >= OUTER_BASE ? col.index - OUTER_BASE : col.index + outerWidth })));
    }
  }
  return { leftKeys, rightKeys, residual };
}
