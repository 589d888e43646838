/**
 * Binding queries into logical plans: relations and joins, WHERE (with subqueries planned as
 * joins, see subqueries.ts), aggregation, projection, DISTINCT, set operations, VALUES, ORDER BY
 * (ordinals, output aliases, or input expressions carried as hidden columns), and OFFSET/LIMIT.
 */
import { getAggregateFunction } from '../../builtins/registry.ts';
import { isResolved } from '../../builtins/types.ts';
import { BindError, type Span } from '../../errors.ts';
import type { Expr, Query, QueryBody, QuerySpecification, Relation, SelectItem, SetOperation, SortItem, WithQuery } from '../../sql/ast.ts';
import { BIGINT, BOOLEAN, commonSuperType, formatType, type SqlType } from '../../types/sqlType.ts';
import { and, column, exprKey, literal, mapColumns, not, referencedColumns, type BoundExpr, type ColumnExpr } from '../expr.ts';
import { crossJoin, makeJoin, splitJoinCondition } from '../joins.ts';
import type { AggregateCall, JoinType, LogicalPlan, OutputColumn, SortKey } from '../logical.ts';
import { AggregateCollector, rewriteOverAggregate } from './aggregation.ts';
import { SUBQUERY_BASE } from './placeholders.ts';
import { coerce, resolveScalarCall } from './calls.ts';
import { ExprBinder, type SubqueryHandler } from './exprBinder.ts';
import type { Metadata } from './metadata.ts';
import { substituteOutputAliases } from './orderByAliases.ts';
import { ColumnSlots } from './columnSlots.ts';
import { planWindows, substituteWindows, WindowCollector } from './windows.ts';
import { astConjuncts, hasAggregate, semiJoinTerm, type SemiJoinTerm } from './astSearch.ts';
import { limitAndSort, ordinalOf, sortKey } from './orderAndLimit.ts';
import { qualifyTableName } from './metadata.ts';
import { SharedWithQueries } from './sharedWith.ts';
import { Scope, type ScopeField } from './scope.ts';
import { coercePair, correlationEquality, joinCorrelatedAggregation, joinSubquery, referencesOuter, subqueryRows, type SubqueryRows } from './subqueries.ts';
import { bindValues } from './values.ts';

export interface BoundRelation {
  readonly plan: LogicalPlan;
  readonly scope: Scope;
}

interface Context {
  readonly metadata: Metadata;
  readonly ctes: ReadonlyMap<string, WithQuery>;
  readonly shared: SharedWithQueries;
  /** When binding a subquery: the enclosing query's FROM scope (correlated references). */
  readonly outer: Scope | null;
}

export function bindQuery(query: Query, metadata: Metadata): LogicalPlan {
  return new QueryBinder({ metadata, ctes: new Map(), shared: new SharedWithQueries(), outer: null }).query(query);
}

/** The relation a query specification builds; subqueries in its expressions join onto it. */
interface Building {
  plan: LogicalPlan;
}

/** Uncorrelated scalar subqueries in SELECT/HAVING of an aggregation: joined after the Aggregate. */
class DeferredSubqueries {
  /** Each adds one column to the aggregation's output; `over` maps expressions onto it. */
  readonly joins: ((plan: LogicalPlan, over: (e: BoundExpr) => BoundExpr) => LogicalPlan)[] = [];
  /** Binds IN values (aggregates allowed: `sum(x) IN (…)`); set once the query's binder exists. */
  valueBinder: ExprBinder | null = null;

  add(join: (plan: LogicalPlan, over: (e: BoundExpr) => BoundExpr) => LogicalPlan, type: SqlType): BoundExpr {
    this.joins.push(join);
    return { kind: 'column', index: SUBQUERY_BASE - (this.joins.length - 1), type };
  }
}

const EMPTY_QUERY_TAIL = { orderBy: [], offset: null, limit: null } as const;

class QueryBinder {
  private readonly ctx: Context;
  /**
   * WHERE conjuncts of this (sub)query that reference the enclosing query: over this query's
   * FROM columns and OUTER_BASE + the enclosing query's columns.
   */
  readonly correlation: BoundExpr[] = [];
  /**
   * For a correlated scalar aggregation: the enclosing query's side of each correlation
   * equality; the inner side became a group key, output after the select list.
   */
  readonly correlationKeys: BoundExpr[] = [];

  constructor(ctx: Context) {
    this.ctx = ctx;
  }

  query(q: Query): LogicalPlan {
    let ctx = this.ctx;
    if (q.with.length > 0) {
      const ctes = new Map(ctx.ctes);
      for (const w of q.with) {
        if (ctes.has(w.name.value) && q.with.filter((x) => x.name.value === w.name.value).length > 1) {
          throw new BindError('AMBIGUOUS_NAME', `WITH query name '${w.name.value}' specified more than once`, w.span);
        }
        ctes.set(w.name.value, w);
      }
      ctx.shared.define(q.with, ctx.ctes);
      ctx = { ...ctx, ctes };
    }
    // The same binder unless WITH adds names: correlation found below must reach the caller.
    const binder = ctx === this.ctx ? this : new QueryBinder(ctx);
    const plan = binder.queryBody(q);
    if (binder !== this) {
      this.correlation.push(...binder.correlation);
      this.correlationKeys.push(...binder.correlationKeys);
    }
    return plan;
  }

  private queryBody(q: Query): LogicalPlan {
    const body = q.body;
    switch (body.kind) {
      case 'QuerySpecification':
        return this.specification(body, q);
      case 'TableSubquery':
        return this.orderAndLimitOutputs(this.query(body.query), q);
      case 'SetOperation':
        return this.orderAndLimitOutputs(this.setOperation(body), q);
      case 'Values':
        return this.orderAndLimitOutputs(bindValues(body), q);
      default: {
        const never: never = body;
        throw new Error(`unexpected query body ${JSON.stringify(never)}`);
      }
    }
  }

  /** A query body without its own ORDER BY / LIMIT (an operand of a set operation). */
  private body(b: QueryBody): LogicalPlan {
    switch (b.kind) {
      case 'QuerySpecification':
        return this.specification(b, { ...EMPTY_QUERY_TAIL, kind: 'Query', with: [], body: b, span: b.span });
      case 'TableSubquery':
        return this.query(b.query);
      case 'SetOperation':
        return this.setOperation(b);
      case 'Values':
        return bindValues(b);
      default: {
        const never: never = b;
        throw new Error(`unexpected query body ${JSON.stringify(never)}`);
      }
    }
  }

  /**
   * UNION ALL concatenates; UNION adds a grouping on every column; INTERSECT and EXCEPT tag each
   * side's rows, group on every column and keep the groups seen on both sides (INTERSECT) or
   * only on the left (EXCEPT), as Trino plans them.
   */
  private setOperation(op: SetOperation): LogicalPlan {
    let left = this.body(op.left);
    let right = this.body(op.right);
    if (left.output.length !== right.output.length) {
      throw new BindError('TYPE_MISMATCH', `${op.op} query has different number of fields: ${left.output.length}, ${right.output.length}`, op.span);
    }
    const types = left.output.map((c, i) => {
      const t = commonSuperType(c.type, right.output[i]!.type);
      if (t === null) {
        throw new BindError(
          'TYPE_MISMATCH',
          `column ${i + 1} in ${op.op} query has incompatible types: ${formatType(c.type)}, ${formatType(right.output[i]!.type)}`,
          op.span,
        );
      }
      return t;
    });
    const output = left.output.map((c, i) => ({ name: c.name, type: types[i]! }));
    left = castColumns(left, types, output);
    right = castColumns(right, types, output);
    if (op.op === 'UNION') {
      const union: LogicalPlan = { kind: 'Union', inputs: [left, right], output };
      return op.distinct ? distinctRows(union) : union;
    }
    if (!op.distinct) throw new BindError('NOT_SUPPORTED', `${op.op} ALL is not supported`, op.span);
    const tagged = (p: LogicalPlan, side: 0 | 1): LogicalPlan => ({
      kind: 'Project',
      input: p,
      exprs: [...p.output.map((c, i) => column(i, c.type)), literal(side === 0 ? true : null, BOOLEAN), literal(side === 1 ? true : null, BOOLEAN)],
      output: [...output, { name: '$left', type: BOOLEAN }, { name: '$right', type: BOOLEAN }],
    });
    const union: LogicalPlan = { kind: 'Union', inputs: [tagged(left, 0), tagged(right, 1)], output: tagged(left, 0).output };
    const width = output.length;
    const count = countCall();
    const agg: LogicalPlan = {
      kind: 'Aggregate',
      step: 'single',
      input: union,
      groupBy: output.map((c, i) => column(i, c.type)),
      aggregates: [
        { ...count, args: [column(width, BOOLEAN)] },
        { ...count, args: [column(width + 1, BOOLEAN)] },
      ],
      output: [...output, { name: '$left_rows', type: BIGINT }, { name: '$right_rows', type: BIGINT }],
    };
    const zero = literal(0n, BIGINT);
    const leftSeen = resolveScalarCall('$gt', [column(width, BIGINT), zero], op.span);
    const rightSeen = resolveScalarCall(op.op === 'INTERSECT' ? '$gt' : '$eq', [column(width + 1, BIGINT), zero], op.span);
    const kept: LogicalPlan = { kind: 'Filter', input: agg, predicate: and([leftSeen, rightSeen]), output: agg.output };
    return { kind: 'Project', input: kept, exprs: output.map((c, i) => column(i, c.type)), output };
  }

  /** ORDER BY / OFFSET / LIMIT over a subquery's outputs (by name or ordinal only). */
  private orderAndLimitOutputs(plan: LogicalPlan, q: Query): LogicalPlan {
    const scope = new Scope(plan.output.map((c) => ({ name: c.name, type: c.type, qualifiers: [] })));
    const binder = new ExprBinder(scope, { mode: 'forbid', message: 'ORDER BY of a subquery cannot contain aggregations' });
    const keys = q.orderBy.map((item) => {
      const ordinal = ordinalOf(item.expr, plan.output.length, 'ORDER BY');
      const expr = ordinal !== null ? column(ordinal, plan.output[ordinal]!.type) : binder.bind(item.expr);
      if (expr.kind !== 'column') throw new BindError('NOT_SUPPORTED', 'ORDER BY over a parenthesized query must name an output column', item.span);
      return sortKey(expr, item);
    });
    return limitAndSort(plan, keys, q);
  }

  private specification(spec: QuerySpecification, q: Query): LogicalPlan {
    const { building, scope } = this.fromAndWhere(spec);
    const items = expandSelect(spec.select, scope);
    const aggregating = spec.groupBy.length > 0 || hasAggregate(spec, q);
    const extraKeys = this.correlatedAggregationKeys(spec, aggregating);
    const collector = new AggregateCollector();
    const deferred = aggregating ? new DeferredSubqueries() : null;
    const subqueries = this.subqueryHandler(building, scope, deferred);
    const windows = new WindowCollector(spec.windows);
    const binder = aggregating
      ? // Aggregate arguments are computed before the aggregation: their subqueries join there.
        new ExprBinder(scope, { mode: 'collect', collect: (call, b) => collector.collect(call, b.withSubqueries(this.subqueryHandler(building, scope, null))) }, subqueries, windows)
      : new ExprBinder(scope, { mode: 'forbid', message: 'Aggregations are not allowed here' }, subqueries, windows);
    if (deferred !== null) deferred.valueBinder = binder.withoutWindows('IN value cannot contain window functions');

    // Select expressions over the FROM scope (with aggregate placeholders when aggregating).
    let selectExprs = items.map((it) => (it.expr === null ? column(it.field, scope.fields[it.field]!.type, it.name) : binder.bind(it.expr)));
    const names = items.map((it) => it.name);

    const groupBinder = new ExprBinder(scope, { mode: 'forbid', message: 'GROUP BY clause cannot contain aggregations or window functions' });
    const groupKeys: BoundExpr[] = [];
    const addKey = (key: BoundExpr): void => {
      if (!groupKeys.some((k) => exprKey(k) === exprKey(key))) groupKeys.push(key);
    };
    for (const g of spec.groupBy) {
      const ordinal = ordinalOf(g, items.length, 'GROUP BY');
      if (ordinal !== null) {
        const item = items[ordinal]!;
        addKey(item.expr === null ? selectExprs[ordinal]! : groupBinder.bind(item.expr));
      } else addKey(groupBinder.bind(g));
    }
    extraKeys.forEach(addKey);

    let having: BoundExpr | null =
      spec.having === null ? null : binder.withoutWindows('HAVING clause cannot contain window functions').bindBoolean(spec.having, 'HAVING clause must evaluate to a boolean');
    if (spec.having !== null && !aggregating) throw new BindError('EXPRESSION_NOT_AGGREGATE', 'HAVING requires GROUP BY or an aggregate', spec.having.span);

    // ORDER BY: each item names an output (ordinal or alias) or is an input expression.
    const orderTargets = q.orderBy.map((item) => this.orderTarget(item, items, names, selectExprs, binder));

    let plan = building.plan;
    let hidden: BoundExpr[] = extraKeys;
    let over = (e: BoundExpr): BoundExpr => e;
    if (aggregating) {
      const agg = buildAggregate(plan, groupKeys, collector);
      plan = agg;
      const aggWidth = agg.output.length;
      over = (e: BoundExpr): BoundExpr => rewriteOverAggregate(e, groupKeys, aggWidth);
      // Subqueries of SELECT/HAVING (scalar, EXISTS, IN): joined after the aggregation.
      for (const join of deferred!.joins) plan = join(plan, over);
      selectExprs = selectExprs.map(over);
      hidden = extraKeys.map(over);
      if (having !== null) {
        having = over(having);
        plan = { kind: 'Filter', input: plan, predicate: having, output: plan.output };
      }
      for (const t of orderTargets) if (t.kind === 'expr') t.expr = over(t.expr);
    }
    // Window functions: after the aggregation and HAVING, before DISTINCT, ORDER BY and LIMIT.
    if (windows.calls.length > 0) {
      const planned = planWindows(plan, windows.calls, over);
      plan = planned.plan;
      const placed = (e: BoundExpr): BoundExpr => substituteWindows(e, planned.columnOf);
      selectExprs = selectExprs.map(placed);
      hidden = hidden.map(placed);
      for (const t of orderTargets) if (t.kind === 'expr') t.expr = placed(t.expr);
    }

    // Project the outputs plus the correlation keys and any hidden ORDER BY expressions.
    const projected = [...selectExprs, ...hidden];
    const outputs: OutputColumn[] = [
      ...selectExprs.map((e, i) => ({ name: names[i]!, type: e.type })),
      ...hidden.map((e, i) => ({ name: `$correlation${i}`, type: e.type })),
    ];
    const keys: SortKey[] = [];
    for (const t of orderTargets) {
      let index: number;
      if (t.kind === 'output') index = t.index;
      else {
        index = projected.findIndex((e) => exprKey(e) === exprKey(t.expr));
        if (index < 0) {
          if (spec.distinct) {
            throw new BindError('EXPRESSION_NOT_AGGREGATE', 'For SELECT DISTINCT, ORDER BY expressions must appear in select list', t.item.span);
          }
          index = projected.length;
          projected.push(t.expr);
          outputs.push({ name: `$sort${index}`, type: t.expr.type });
        }
      }
      keys.push(sortKey(column(index, projected[index]!.type), t.item));
    }
    plan = { kind: 'Project', input: plan, exprs: projected, output: outputs };
    if (spec.distinct) plan = distinctRows(plan);
    plan = limitAndSort(plan, keys, q);
    const visible = selectExprs.length + hidden.length;
    if (projected.length > visible) {
      plan = {
        kind: 'Project',
        input: plan,
        exprs: outputs.slice(0, visible).map((c, i) => column(i, c.type)),
        output: outputs.slice(0, visible),
      };
    }
    return plan;
  }

  /**
   * FROM, then WHERE: plain conjuncts filter; EXISTS / IN (subquery) conjuncts become semi and
   * anti joins, and elsewhere in the condition (OR branches, NOT…) mark joins; scalar subqueries
   * join onto the relation; conjuncts that reference the enclosing query are kept in
   * `correlation` for it to plan.
   */
  fromAndWhere(spec: QuerySpecification): { building: Building; scope: Scope } {
    const from = this.from(spec.from);
    const building: Building = { plan: from.plan };
    const scope = from.scope;
    if (spec.where === null) return { building, scope };
    const whereBinder = new ExprBinder(
      scope.withOuter(this.ctx.outer),
      { mode: 'forbid', message: 'WHERE clause cannot contain aggregations or window functions' },
      this.subqueryHandler(building, scope, null),
    );
    const filters: BoundExpr[] = [];
    const semiJoins: SemiJoinTerm[] = [];
    for (const term of astConjuncts(spec.where)) {
      const semi = semiJoinTerm(term);
      if (semi !== null) {
        semiJoins.push(semi);
        continue;
      }
      const bound = whereBinder.bindBoolean(term, 'WHERE clause must evaluate to a boolean');
      if (referencesOuter(bound)) this.correlation.push(bound);
      else filters.push(bound);
    }
    if (filters.length > 0) building.plan = { kind: 'Filter', input: building.plan, predicate: and(filters), output: building.plan.output };
    for (const t of semiJoins) building.plan = this.semiJoin(building.plan, scope, t);
    return { building, scope };
  }

  /**
   * A correlated scalar aggregation, `(SELECT agg(…) FROM … WHERE inner = outer AND …)`, is
   * decorrelated into a grouping on the inner sides, left-joined on the outer sides.
   */
  private correlatedAggregationKeys(spec: QuerySpecification, aggregating: boolean): BoundExpr[] {
    if (this.correlation.length === 0 || !aggregating) return [];
    if (spec.groupBy.length > 0) throw new BindError('NOT_SUPPORTED', 'Correlated subqueries with GROUP BY are not supported', spec.span);
    const keys: BoundExpr[] = [];
    for (const c of this.correlation) {
      const pair = correlationEquality(c);
      if (pair === null) {
        throw new BindError('NOT_SUPPORTED', 'Correlated scalar subqueries support only equality predicates on outer columns', spec.where?.span ?? spec.span);
      }
      keys.push(pair.inner);
      this.correlationKeys.push(pair.outer);
    }
    return keys;
  }

  subqueryHandler(building: Building, scope: Scope, deferred: DeferredSubqueries | null): SubqueryHandler {
    return {
      scalar: (e) => {
        const child = new QueryBinder({ ...this.ctx, outer: scope });
        const sub = child.query(e.query);
        const valueType = sub.output[0]!.type;
        if (sub.output.length - child.correlationKeys.length !== 1) {
          throw new BindError('NOT_SUPPORTED', 'Multiple columns returned by subquery are not yet supported', e.span);
        }
        if (child.correlation.length === 0) {
          const single: LogicalPlan = { kind: 'EnforceSingleRow', input: sub, output: sub.output };
          if (deferred !== null) return deferred.add((plan) => crossJoin(plan, single), valueType);
          const width = building.plan.output.length;
          building.plan = crossJoin(building.plan, single);
          return column(width, valueType);
        }
        if (deferred !== null) throw new BindError('NOT_SUPPORTED', 'Correlated subqueries in SELECT or HAVING of an aggregation are not supported', e.span);
        if (child.correlationKeys.length === 0) {
          throw new BindError('NOT_SUPPORTED', 'Correlated scalar subqueries must be aggregations without GROUP BY', e.span);
        }
        building.plan = joinCorrelatedAggregation(building.plan, sub, child.correlationKeys, e.span);
        return column(building.plan.output.length - 1, valueType);
      },
      // EXISTS / IN as a value (SELECT, an OR branch, CASE…): a mark join.
      predicate: (e) => {
        const span = e.kind === 'InSubquery' ? e.opSpan : e.span;
        if (deferred !== null) {
          // Over the aggregation's output: the IN value may hold aggregates and group keys.
          const value = e.kind === 'InSubquery' ? deferred.valueBinder!.bind(e.value) : null;
          const rows = this.subqueryRows(e, scope, 0);
          if (rows.condition.leftKeys.length + rows.condition.residual.length > 0) {
            throw new BindError('NOT_SUPPORTED', 'Correlated EXISTS and IN subqueries in SELECT or HAVING of an aggregation are not supported', e.span);
          }
          const mark = deferred.add((plan, over) => joinSubquery('mark', plan, rows, value === null ? null : over(value), span), BOOLEAN);
          return e.kind === 'InSubquery' && e.not ? not(mark) : mark;
        }
        // The IN value first: a subquery in it joins onto the relation too.
        const valueBinder = new ExprBinder(scope, { mode: 'forbid', message: 'IN value cannot contain aggregations' }, this.subqueryHandler(building, scope, null));
        const value = e.kind === 'InSubquery' ? valueBinder.bind(e.value) : null;
        const width = building.plan.output.length;
        building.plan = joinSubquery('mark', building.plan, this.subqueryRows(e, scope, width), value, span);
        const mark = column(width, BOOLEAN);
        return e.kind === 'InSubquery' && e.not ? not(mark) : mark;
      },
    };
  }

  /** EXISTS / NOT EXISTS / IN / NOT IN (subquery) as a semi or anti join onto `plan`. */
  private semiJoin(plan: LogicalPlan, scope: Scope, term: SemiJoinTerm): LogicalPlan {
    const e = term.expr;
    const value = e.kind === 'InSubquery' ? new ExprBinder(scope, { mode: 'forbid', message: 'IN value cannot contain aggregations' }).bind(e.value) : null;
    const rows = this.subqueryRows(e, scope, plan.output.length);
    return joinSubquery(term.negated ? 'anti' : 'semi', plan, rows, value, e.kind === 'InSubquery' ? e.opSpan : e.span);
  }

  /** The rows of an EXISTS / IN subquery of a query whose FROM scope is `scope`. */
  private subqueryRows(e: Extract<Expr, { kind: 'Exists' | 'InSubquery' }>, scope: Scope, outerWidth: number): SubqueryRows {
    const child = new QueryBinder({ ...this.ctx, outer: scope });
    const q = e.query;
    const body = q.body;
    // Only the rows matter, so DISTINCT and ORDER BY without LIMIT change nothing; nor does a
    // positive LIMIT under EXISTS (`EXISTS (SELECT 1 … LIMIT 1)`).
    const limitKeepsRows = q.limit === null || (e.kind === 'Exists' && q.limit.kind === 'Literal' && q.limit.literal === 'integer' && BigInt(q.limit.text) > 0n);
    const plain =
      body.kind === 'QuerySpecification' && q.with.length === 0 && limitKeepsRows && q.offset === null && body.windows.length === 0 &&
      body.groupBy.length === 0 && body.having === null && !hasAggregate(body, q)
        ? body
        : null;
    return subqueryRows(child, q, plain, e.kind === 'InSubquery', outerWidth, e.span);
  }

  private orderTarget(
    item: SortItem,
    items: readonly SelectEntry[],
    names: readonly string[],
    selectExprs: readonly BoundExpr[],
    binder: ExprBinder,
  ): OrderTarget {
    const ordinal = ordinalOf(item.expr, items.length, 'ORDER BY');
    if (ordinal !== null) return { kind: 'output', index: ordinal, item };
    if (item.expr.kind === 'ColumnRef' && item.expr.parts.length === 1) {
      const name = item.expr.parts[0]!.value.toLowerCase();
      const matches = names.flatMap((n, i) => (n.toLowerCase() === name && items[i]!.aliased ? [i] : []));
      const distinctExprs = new Set(matches.map((i) => exprKey(selectExprs[i]!)));
      if (distinctExprs.size > 1) throw new BindError('AMBIGUOUS_NAME', `'${name}' in ORDER BY is ambiguous`, item.span);
      if (matches.length > 0) return { kind: 'output', index: matches[0]!, item };
    }
    const aliases = items.flatMap((it, i) => (it.aliased && it.expr !== null ? [{ name: names[i]!.toLowerCase(), expr: it.expr }] : []));
    return { kind: 'expr', expr: binder.bind(substituteOutputAliases(item.expr, aliases)), item };
  }

  private from(relations: readonly Relation[]): BoundRelation {
    if (relations.length === 0) {
      return { plan: { kind: 'Values', rows: [[]], output: [] }, scope: new Scope([]) };
    }
    let bound = this.relation(relations[0]!);
    for (const r of relations.slice(1)) {
      const right = this.relation(r);
      bound = { plan: crossJoin(bound.plan, right.plan), scope: new Scope([...bound.scope.fields, ...right.scope.fields]) };
    }
    return bound;
  }

  /**
   * Explicit joins. INNER and CROSS joins keep their whole condition as the residual (the
   * optimizer turns equalities into keys while ordering joins); outer joins split it here:
   * equalities across the sides are keys, conjuncts on the inner (null-producing) side alone
   * filter that side first, the rest is evaluated on key matches.
   */
  private join(r: Extract<Relation, { kind: 'Join' }>): BoundRelation {
    const left = this.relation(r.left);
    const right = this.relation(r.right);
    const leftWidth = left.plan.output.length;
    const type: JoinType = r.type === 'CROSS' ? 'inner' : (r.type.toLowerCase() as JoinType);
    let fields: ScopeField[] = [...left.scope.fields, ...right.scope.fields];
    let condition: BoundExpr | null = null;
    if (r.using !== null) {
      const equalities: BoundExpr[] = [];
      const duplicates = new Set<number>();
      for (const name of r.using) {
        const l = left.scope.resolve([name.value], name.span);
        const rc = right.scope.resolve([name.value], name.span);
        const [a, b] = coercePair(l, column(leftWidth + rc.index, rc.type), name.span);
        equalities.push(resolveScalarCall('$eq', [a, b], name.span));
        duplicates.add(leftWidth + rc.index);
      }
      fields = fields.map((f, i) => (duplicates.has(i) ? { ...f, usingDuplicate: true } : f));
      condition = and(equalities);
      if (type === 'full') return this.fullJoinUsing(left, right, r, fields, condition);
    } else if (r.on !== null) {
      const binder = new ExprBinder(new Scope(fields), { mode: 'forbid', message: 'JOIN clause cannot contain aggregations or window functions' });
      condition = binder.bindBoolean(r.on, 'JOIN ON clause must evaluate to a boolean');
    } else if (r.type !== 'CROSS') {
      throw new BindError('SYNTAX_ERROR', `${r.type} JOIN requires ON or USING`, r.span);
    }
    if (type === 'inner') {
      const plan = makeJoin('inner', left.plan, right.plan, { leftKeys: [], rightKeys: [], residual: condition === null ? [] : [condition] });
      return { plan, scope: new Scope(fields) };
    }
    const split = splitJoinCondition(condition, leftWidth);
    // A conjunct over only the side whose unmatched rows are dropped may filter it beforehand.
    let leftPlan = left.plan;
    let rightPlan = right.plan;
    const residual: BoundExpr[] = [];
    for (const c of split.residual) {
      const refs = [...referencedColumns(c)];
      if (type === 'left' && refs.length > 0 && refs.every((i) => i >= leftWidth)) {
        rightPlan = filterOver(rightPlan, mapColumns(c, (col) => ({ ...col, index: col.index - leftWidth })));
      } else if (type === 'right' && refs.length > 0 && refs.every((i) => i < leftWidth)) {
        leftPlan = filterOver(leftPlan, c);
      } else residual.push(c);
    }
    const plan = makeJoin(type, leftPlan, rightPlan, { leftKeys: split.leftKeys, rightKeys: split.rightKeys, residual });
    return { plan, scope: new Scope(fields) };
  }

  /** FULL JOIN … USING: the unqualified USING columns are coalesce(left, right), appended. */
  private fullJoinUsing(left: BoundRelation, right: BoundRelation, r: Extract<Relation, { kind: 'Join' }>, fields: ScopeField[], condition: BoundExpr): BoundRelation {
    const leftWidth = left.plan.output.length;
    const split = splitJoinCondition(condition, leftWidth);
    const join = makeJoin('full', left.plan, right.plan, { ...split, residual: split.residual });
    const exprs: BoundExpr[] = join.output.map((c, i) => column(i, c.type));
    const out: OutputColumn[] = [...join.output];
    const scopeFields: ScopeField[] = fields.map((f, i) => (i < leftWidth && r.using!.some((u) => u.value.toLowerCase() === f.name.toLowerCase()) ? { ...f, usingDuplicate: true } : f));
    for (const name of r.using!) {
      const l = left.scope.resolve([name.value], name.span);
      const rc = right.scope.resolve([name.value], name.span);
      const [a, b] = coercePair(l, column(leftWidth + rc.index, rc.type), name.span);
      exprs.push({ kind: 'coalesce', args: [a, b], type: a.type });
      out.push({ name: name.value, type: a.type });
      scopeFields.push({ name: name.value, type: a.type, qualifiers: [] });
    }
    return { plan: { kind: 'Project', input: join, exprs, output: out }, scope: new Scope(scopeFields) };
  }

  private relation(r: Relation): BoundRelation {
    switch (r.kind) {
      case 'Table': {
        const parts = r.name.parts.map((p) => p.value);
        const cte = parts.length === 1 ? this.ctx.ctes.get(parts[0]!) : undefined;
        if (cte !== undefined) {
          const shared = this.ctx.shared.reference(cte, (ctes) => {
            const plan = new QueryBinder({ ...this.ctx, ctes }).query(cte.query);
            return renameOutputs(plan, cte.columnNames?.map((c) => c.value) ?? null, cte.name.value, cte.span);
          });
          return relationOver(shared, r.alias?.value ?? cte.name.value, r.columnAliases?.map((c) => c.value) ?? null, r.span);
        }
        const ref = qualifyTableName(parts, this.ctx.metadata, r.name.span);
        const table = this.ctx.metadata.table(ref, r.name.span);
        const output = table.columns.map((c) => ({ name: c.name, type: c.type }));
        const plan: LogicalPlan = table.rows
          ? { kind: 'Values', rows: table.rows.map((row) => row.map((v, i) => literal(v, output[i]!.type))), output }
          : { kind: 'TableScan', table: ref, columns: table.columns, filter: null, output };
        const qualifiers = r.alias
          ? [[r.alias.value]]
          : [[ref.table], [ref.schema, ref.table], [ref.catalog, ref.schema, ref.table]];
        const fields = plan.output.map((c) => ({ name: c.name, type: c.type, qualifiers }));
        if (r.columnAliases) return relationOver(plan, r.alias?.value ?? ref.table, r.columnAliases.map((c) => c.value), r.span);
        return { plan, scope: new Scope(fields) };
      }
      case 'SubqueryRelation': {
        const plan = this.query(r.query);
        return relationOver(plan, r.alias?.value ?? null, r.columnAliases?.map((c) => c.value) ?? null, r.span);
      }
      case 'Join':
        return this.join(r);
      default: {
        const never: never = r;
        throw new Error(`unexpected relation ${JSON.stringify(never)}`);
      }
    }
  }
}

type OrderTarget =
  | { readonly kind: 'output'; readonly index: number; readonly item: SortItem }
  | { kind: 'expr'; expr: BoundExpr; readonly item: SortItem };

interface SelectEntry {
  /** null for a column expanded from `*` (then `field` names it). */
  readonly expr: Expr | null;
  readonly field: number;
  readonly name: string;
  readonly aliased: boolean;
}

function expandSelect(select: readonly SelectItem[], scope: Scope): SelectEntry[] {
  const out: SelectEntry[] = [];
  for (const item of select) {
    if (item.kind === 'AllColumns') {
      if (scope.fields.length === 0) throw new BindError('COLUMN_NOT_FOUND', 'SELECT * not allowed in queries without FROM clause', item.span);
      for (const i of scope.expandAll(item.qualifier?.parts.map((p) => p.value) ?? null, item.span)) {
        out.push({ expr: null, field: i, name: scope.fields[i]!.name, aliased: true });
      }
    } else {
      const name = item.alias?.value ?? (item.expr.kind === 'ColumnRef' ? item.expr.parts[item.expr.parts.length - 1]!.value : `_col${out.length}`);
      out.push({ expr: item.expr, field: -1, name, aliased: item.alias !== null || item.expr.kind === 'ColumnRef' });
    }
  }
  return out;
}

/**
 * Aggregate node with a Project below it that computes every group key and aggregate argument
 * as a column, so the Aggregate itself only reads columns.
 */
function buildAggregate(input: LogicalPlan, keys: readonly BoundExpr[], collector: AggregateCollector): LogicalPlan {
  const slots = new ColumnSlots();
  const slot = (e: BoundExpr): ColumnExpr => slots.slot(e);
  const exprs = slots.exprs;
  const keyColumns = keys.map(slot);
  const calls: AggregateCall[] = collector.calls.map((c) => ({
    name: c.name,
    args: c.args.map(slot),
    distinct: c.distinct,
    filter: c.filter === null ? null : slot(c.filter),
    argTypes: c.signature.argTypes,
    stateTypes: c.signature.stateTypes,
    type: c.signature.returnType,
  }));
  const project: LogicalPlan = {
    kind: 'Project',
    input,
    exprs,
    output: exprs.map((e, i) => ({ name: `$agg_input${i}`, type: e.type })),
  };
  const output: OutputColumn[] = [
    ...keys.map((k, i) => ({ name: k.kind === 'column' && k.name ? k.name : `$key${i}`, type: k.type })),
    ...calls.map((c, i) => ({ name: `$agg${i}`, type: c.type })),
  ];
  return { kind: 'Aggregate', step: 'single', input: project, groupBy: keyColumns, aggregates: calls, output };
}

function filterOver(plan: LogicalPlan, predicate: BoundExpr): LogicalPlan {
  return { kind: 'Filter', input: plan, predicate, output: plan.output };
}

function castColumns(plan: LogicalPlan, types: readonly SqlType[], output: readonly OutputColumn[]): LogicalPlan {
  if (plan.output.every((c, i) => formatType(c.type) === formatType(types[i]!))) return plan;
  return { kind: 'Project', input: plan, exprs: plan.output.map((c, i) => coerce(column(i, c.type), types[i]!)), output: output.map((c, i) => ({ name: plan.output[i]!.name, type: c.type })) };
}

/** SELECT DISTINCT and UNION: a grouping on every column. */
function distinctRows(plan: LogicalPlan): LogicalPlan {
  return { kind: 'Aggregate', step: 'single', input: plan, groupBy: plan.output.map((c, i) => column(i, c.type)), aggregates: [], output: plan.output };
}

function countCall(): AggregateCall {
  const signature = getAggregateFunction('count')!.resolve([BOOLEAN], false);
  if (!isResolved(signature)) throw new Error('count(boolean) does not resolve');
  return { name: 'count', args: [], distinct: false, filter: null, argTypes: signature.argTypes, stateTypes: signature.stateTypes, type: signature.returnType };
}

function renameOutputs(plan: LogicalPlan, names: readonly string[] | null, what: string, span: Span): LogicalPlan {
  if (names === null) return plan;
  if (names.length !== plan.output.length) {
    throw new BindError('TYPE_MISMATCH', `Column alias list has ${names.length} entries but '${what}' has ${plan.output.length} columns available`, span);
  }
  return {
    kind: 'Project',
    input: plan,
    exprs: plan.output.map((c, i) => column(i, c.type)),
    output: plan.output.map((c, i) => ({ name: names[i]!, type: c.type })),
  };
}

function relationOver(plan: LogicalPlan, alias: string | null, columnAliases: readonly string[] | null, span: Span): BoundRelation {
  const named = renameOutputs(plan, columnAliases, alias ?? 'subquery', span);
  const qualifiers = alias === null ? [] : [[alias]];
  const fields: ScopeField[] = named.output.map((c) => ({ name: c.name, type: c.type, qualifiers }));
  return { plan: named, scope: new Scope(fields) };
}
