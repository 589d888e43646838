/**
 * Binding queries into logical plans: relations, WHERE, aggregation, projection, DISTINCT,
 * ORDER BY (ordinals, output aliases, or input expressions carried as hidden columns), and
 * OFFSET/LIMIT.
 */
import { isAggregateFunction as isAggregateName } from '../../builtins/registry.ts';
import { BindError, type Span } from '../../errors.ts';
import type { Expr, Query, QuerySpecification, Relation, SelectItem, SortItem, WithQuery } from '../../sql/ast.ts';
import { column, exprKey, type BoundExpr, type ColumnExpr } from '../expr.ts';
import type { AggregateCall, LogicalPlan, OutputColumn, SortKey } from '../logical.ts';
import { AggregateCollector, rewriteOverAggregate } from './aggregation.ts';
import { ExprBinder } from './exprBinder.ts';
import type { Metadata } from './metadata.ts';
import { substituteOutputAliases } from './orderByAliases.ts';
import { qualifyTableName } from './metadata.ts';
import { Scope, type ScopeField } from './scope.ts';

export interface BoundRelation {
  readonly plan: LogicalPlan;
  readonly scope: Scope;
}

interface Context {
  readonly metadata: Metadata;
  readonly ctes: ReadonlyMap<string, WithQuery>;
}

export function bindQuery(query: Query, metadata: Metadata): LogicalPlan {
  return new QueryBinder({ metadata, ctes: new Map() }).query(query);
}

class QueryBinder {
  private readonly ctx: Context;

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
      ctx = { ...ctx, ctes };
    }
    const binder = new QueryBinder(ctx);
    const body = q.body;
    switch (body.kind) {
      case 'QuerySpecification':
        return binder.specification(body, q);
      case 'TableSubquery': {
        const inner = binder.query(body.query);
        return binder.orderAndLimitOutputs(inner, q);
      }
      case 'SetOperation':
        throw new BindError('NOT_SUPPORTED', `${body.op} is not supported yet`, body.span);
      default: {
        const never: never = body;
        throw new Error(`unexpected query body ${JSON.stringify(never)}`);
      }
    }
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
    const from = this.from(spec.from, spec.span);
    let plan = from.plan;
    const scope = from.scope;
    const whereBinder = new ExprBinder(scope, { mode: 'forbid', message: 'WHERE clause cannot contain aggregations or window functions' });
    if (spec.where !== null) {
      const predicate = whereBinder.bindBoolean(spec.where, 'WHERE clause must evaluate to a boolean');
      plan = { kind: 'Filter', input: plan, predicate, output: plan.output };
    }

    const items = expandSelect(spec.select, scope);
    const aggregating = spec.groupBy.length > 0 || hasAggregate(spec, q);
    const collector = new AggregateCollector();
    const binder = aggregating
      ? new ExprBinder(scope, { mode: 'collect', collect: (call, b) => collector.collect(call, b) })
      : whereBinder.forbidding('Aggregations are not allowed here');

    // Select expressions over the FROM scope (with aggregate placeholders when aggregating).
    let selectExprs = items.map((it) => (it.expr === null ? column(it.field, scope.fields[it.field]!.type, it.name) : binder.bind(it.expr)));
    const names = items.map((it) => it.name);

    const groupBinder = new ExprBinder(scope, { mode: 'forbid', message: 'GROUP BY clause cannot contain aggregations or window functions' });
    const groupKeys: BoundExpr[] = [];
    for (const g of spec.groupBy) {
      const ordinal = ordinalOf(g, items.length, 'GROUP BY');
      let key: BoundExpr;
      if (ordinal !== null) {
        const item = items[ordinal]!;
        key = item.expr === null ? selectExprs[ordinal]! : groupBinder.bind(item.expr);
      } else key = groupBinder.bind(g);
      if (!groupKeys.some((k) => exprKey(k) === exprKey(key))) groupKeys.push(key);
    }

    let having: BoundExpr | null = spec.having === null ? null : binder.bindBoolean(spec.having, 'HAVING clause must evaluate to a boolean');
    if (spec.having !== null && !aggregating) throw new BindError('EXPRESSION_NOT_AGGREGATE', 'HAVING requires GROUP BY or an aggregate', spec.having.span);

    // ORDER BY: each item names an output (ordinal or alias) or is an input expression.
    const orderTargets = q.orderBy.map((item) => this.orderTarget(item, items, names, selectExprs, binder));

    if (aggregating) {
      const agg = buildAggregate(plan, groupKeys, collector);
      plan = agg;
      selectExprs = selectExprs.map((e) => rewriteOverAggregate(e, groupKeys));
      if (having !== null) {
        having = rewriteOverAggregate(having, groupKeys);
        plan = { kind: 'Filter', input: plan, predicate: having, output: plan.output };
      }
      for (const t of orderTargets) if (t.kind === 'expr') t.expr = rewriteOverAggregate(t.expr, groupKeys);
    }

    // Project the outputs plus any hidden ORDER BY expressions.
    const projected = [...selectExprs];
    const outputs: OutputColumn[] = selectExprs.map((e, i) => ({ name: names[i]!, type: e.type }));
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
    if (spec.distinct) {
      plan = {
        kind: 'Aggregate',
        step: 'single',
        input: plan,
        groupBy: outputs.map((c, i) => column(i, c.type)),
        aggregates: [],
        output: outputs,
      };
    }
    plan = limitAndSort(plan, keys, q);
    if (projected.length > selectExprs.length) {
      plan = {
        kind: 'Project',
        input: plan,
        exprs: selectExprs.map((e, i) => column(i, e.type)),
        output: outputs.slice(0, selectExprs.length),
      };
    }
    return plan;
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

  private from(relations: readonly Relation[], span: Span): BoundRelation {
    if (relations.length === 0) {
      return { plan: { kind: 'Values', rows: [[]], output: [] }, scope: new Scope([]) };
    }
    if (relations.length > 1) throw new BindError('NOT_SUPPORTED', 'Joins (several FROM items) are not supported yet', relations[1]!.span ?? span);
    return this.relation(relations[0]!);
  }

  private relation(r: Relation): BoundRelation {
    switch (r.kind) {
      case 'Table': {
        const parts = r.name.parts.map((p) => p.value);
        const cte = parts.length === 1 ? this.ctx.ctes.get(parts[0]!) : undefined;
        if (cte !== undefined) {
          const ctes = new Map(this.ctx.ctes);
          ctes.delete(cte.name.value); // a WITH query cannot refer to itself
          const plan = new QueryBinder({ ...this.ctx, ctes }).query(cte.query);
          const named = renameOutputs(plan, cte.columnNames?.map((c) => c.value) ?? null, cte.name.value, cte.span);
          return relationOver(named, r.alias?.value ?? cte.name.value, r.columnAliases?.map((c) => c.value) ?? null, r.span);
        }
        const ref = qualifyTableName(parts, this.ctx.metadata, r.name.span);
        const table = this.ctx.metadata.table(ref, r.name.span);
        const plan: LogicalPlan = {
          kind: 'TableScan',
          table: ref,
          columns: table.columns,
          filter: null,
          output: table.columns.map((c) => ({ name: c.name, type: c.type })),
        };
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
        throw new BindError('NOT_SUPPORTED', 'Joins are not supported yet', r.span);
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

function hasAggregate(spec: QuerySpecification, q: Query): boolean {
  const exprs: Expr[] = [];
  for (const s of spec.select) if (s.kind === 'SingleColumn') exprs.push(s.expr);
  if (spec.having) exprs.push(spec.having);
  for (const o of q.orderBy) exprs.push(o.expr);
  return exprs.some(containsAggregateCall);
}

function containsAggregateCall(e: Expr): boolean {
  return findInExpr(e, (x) => x.kind === 'FunctionCall' && isAggregateName(x.name.parts.map((p) => p.value.toLowerCase()).join('.')));
}


/** Depth-first search of an AST expression (not entering subqueries). */
function findInExpr(e: Expr, pred: (x: Expr) => boolean): boolean {
  if (pred(e)) return true;
  const kids: Expr[] = [];
  switch (e.kind) {
    case 'Unary':
    case 'Not':
    case 'IsNull':
    case 'Extract':
      kids.push(e.operand);
      break;
    case 'Binary':
    case 'Comparison':
    case 'IsDistinctFrom':
      kids.push(e.left, e.right);
      break;
    case 'Logical':
      kids.push(...e.terms);
      break;
    case 'Between':
      kids.push(e.value, e.low, e.high);
      break;
    case 'InList':
      kids.push(e.value, ...e.list);
      break;
    case 'InSubquery':
      kids.push(e.value);
      break;
    case 'Like':
      kids.push(e.value, e.pattern, ...(e.escape ? [e.escape] : []));
      break;
    case 'Case':
      if (e.operand) kids.push(e.operand);
      for (const w of e.whens) kids.push(w.when, w.then);
      if (e.else) kids.push(e.else);
      break;
    case 'Cast':
      kids.push(e.operand);
      break;
    case 'FunctionCall':
      kids.push(...e.args, ...(e.filter ? [e.filter] : []));
      break;
    case 'ColumnRef':
    case 'Literal':
    case 'SubqueryExpr':
    case 'Exists':
      break;
    default: {
      const never: never = e;
      throw new Error(`unexpected expression ${JSON.stringify(never)}`);
    }
  }
  return kids.some((k) => findInExpr(k, pred));
}

/** A literal integer in GROUP BY / ORDER BY is a 1-based position in the select list. */
function ordinalOf(e: Expr, count: number, clause: string): number | null {
  if (e.kind !== 'Literal' || e.literal !== 'integer') return null;
  const n = Number(e.text);
  if (n < 1 || n > count) throw new BindError('INVALID_COLUMN_REFERENCE', `${clause} position ${e.text} is not in select list`, e.span);
  return n - 1;
}

function sortKey(expr: ColumnExpr, item: SortItem): SortKey {
  // Trino sorts NULLs last by default, whatever the direction.
  return { expr, ascending: item.ascending, nullsFirst: item.nullsFirst ?? false };
}

function limitAndSort(input: LogicalPlan, keys: readonly SortKey[], q: Query): LogicalPlan {
  let plan = input;
  if (keys.length > 0) plan = { kind: 'Sort', input: plan, keys, output: plan.output };
  const offset = q.offset === null ? 0 : countValue(q.offset, 'OFFSET');
  const count = q.limit === null ? null : countValue(q.limit, 'LIMIT');
  if (offset > 0 || count !== null) plan = { kind: 'Limit', input: plan, offset, count, output: plan.output };
  return plan;
}

function countValue(e: Expr, clause: string): number {
  if (e.kind !== 'Literal' || e.literal !== 'integer') throw new BindError('TYPE_MISMATCH', `${clause} must be an integer constant`, e.span);
  const n = BigInt(e.text);
  if (n > BigInt(Number.MAX_SAFE_INTEGER)) throw new BindError('NUMERIC_VALUE_OUT_OF_RANGE', `${clause} value is too large: ${e.text}`, e.span);
  return Number(n);
}

/**
 * Aggregate node with a Project below it that computes every group key and aggregate argument
 * as a column, so the Aggregate itself only reads columns.
 */
function buildAggregate(input: LogicalPlan, keys: readonly BoundExpr[], collector: AggregateCollector): LogicalPlan {
  const exprs: BoundExpr[] = [];
  const slot = (e: BoundExpr): ColumnExpr => {
    const k = exprKey(e);
    let i = exprs.findIndex((x) => exprKey(x) === k);
    if (i < 0) {
      i = exprs.length;
      exprs.push(e);
    }
    return column(i, e.type);
  };
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
