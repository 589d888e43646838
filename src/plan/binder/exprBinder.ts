/**
 * Binding expressions: AST → BoundExpr over one scope. Aggregate calls are either forbidden
 * (WHERE, GROUP BY, inside another aggregate) or handed to a collector that returns a
 * placeholder (see aggregation.ts).
 */
import { isAggregateFunction } from '../../builtins/registry.ts';
import { BindError, type ErrorCode, type Span } from '../../errors.ts';
import type { Expr, FunctionCall } from '../../sql/ast.ts';
import { BOOLEAN, commonSuperType, formatType, isInterval, isNumeric, UNKNOWN, type SqlType } from '../../types/sqlType.ts';
import { and, literal, not, type BoundExpr } from '../expr.ts';
import { checkCast, coerce, resolveScalarCall } from './calls.ts';
import { bindLiteral, decimalLiteral, doubleLiteral, integerLiteral, typeFromSyntax } from './literals.ts';
import type { Scope } from './scope.ts';
import { isWindowOnlyFunction } from './windows.ts';

export type AggregatePolicy =
  /** `code` and `at` override the error's code and position (default: the forbidden call). */
  | { readonly mode: 'forbid'; readonly message: string; readonly code?: ErrorCode; readonly at?: Span }
  | { readonly mode: 'collect'; readonly collect: (call: FunctionCall, binder: ExprBinder) => BoundExpr };

const EXTRACT_FUNCTIONS: Record<string, string> = {
  YEAR: 'year',
  QUARTER: 'quarter',
  MONTH: 'month',
  WEEK: 'week',
  DAY: 'day',
  DAY_OF_MONTH: 'day',
  DAY_OF_WEEK: 'day_of_week',
  DOW: 'day_of_week',
  DAY_OF_YEAR: 'day_of_year',
  DOY: 'day_of_year',
  HOUR: 'hour',
  MINUTE: 'minute',
  SECOND: 'second',
};

/**
 * Subqueries inside expressions, planned by the query binder: it joins the subquery to the
 * relation being bound and answers the column that carries the value.
 */
export interface SubqueryHandler {
  scalar(e: Extract<Expr, { kind: 'SubqueryExpr' }>): BoundExpr;
  /** EXISTS / IN (subquery) outside a top-level WHERE conjunct. */
  predicate(e: Extract<Expr, { kind: 'Exists' | 'InSubquery' }>): BoundExpr;
}

/** Where window calls may appear (SELECT and ORDER BY): the collector of the query's windows. */
export interface WindowHandler {
  collect(call: FunctionCall, binder: ExprBinder): BoundExpr;
}

export class ExprBinder {
  readonly scope: Scope;
  private readonly aggregates: AggregatePolicy;
  readonly subqueries: SubqueryHandler | null;
  /** A window call is an error with this message unless there is a handler. */
  private readonly windows: WindowHandler | { readonly forbid: string };

  constructor(scope: Scope, aggregates: AggregatePolicy, subqueries: SubqueryHandler | null = null, windows?: WindowHandler | { readonly forbid: string }) {
    this.scope = scope;
    this.aggregates = aggregates;
    this.subqueries = subqueries;
    // Clauses that forbid aggregates say so for window calls too ("WHERE clause cannot contain …").
    this.windows = windows ?? { forbid: aggregates.mode === 'forbid' ? aggregates.message : 'Window functions are not allowed here' };
  }

  /** The same scope with aggregates and window calls forbidden (arguments of an aggregate). */
  forbidding(message: string, error: { code?: ErrorCode; at?: Span } = {}): ExprBinder {
    return new ExprBinder(this.scope, { mode: 'forbid', message, ...error }, this.subqueries, { forbid: 'Cannot nest window functions inside aggregation' });
  }

  /** The same binder with window calls forbidden (HAVING; a window call's arguments and window). */
  withoutWindows(message: string): ExprBinder {
    return new ExprBinder(this.scope, this.aggregates, this.subqueries, { forbid: message });
  }

  /** The same scope and aggregate policy with another subquery handler. */
  withSubqueries(subqueries: SubqueryHandler | null): ExprBinder {
    return new ExprBinder(this.scope, this.aggregates, subqueries, this.windows);
  }

  bind(e: Expr): BoundExpr {
    switch (e.kind) {
      case 'ColumnRef':
        return this.scope.resolve(
          e.parts.map((p) => p.value),
          e.span,
        );
      case 'Literal':
        return bindLiteral(e);
      case 'Unary':
        return this.bindUnary(e.op, e.operand, e.span);
      case 'Binary':
        return resolveScalarCall(BINARY_FUNCTIONS[e.op], [this.bind(e.left), this.bind(e.right)], e.opSpan);
      case 'Comparison':
        return resolveScalarCall(COMPARISON_FUNCTIONS[e.op], [this.bind(e.left), this.bind(e.right)], e.opSpan);
      case 'Logical': {
        const terms = e.terms.map((t, i) =>
          this.bindBoolean(t, `${i === 0 ? 'Left' : 'Right'} side of logical expression must evaluate to a boolean`),
        );
        return e.op === 'AND' ? and(terms) : { kind: 'or', args: terms, type: BOOLEAN };
      }
      case 'Not':
        return not(this.bindBoolean(e.operand, 'Value of logical NOT expression must evaluate to a boolean'));
      case 'Between': {
        const [v, lo, hi] = this.coerceAll([this.bind(e.value), this.bind(e.low), this.bind(e.high)], 'BETWEEN', e.opSpan);
        const range = and([resolveScalarCall('$ge', [v!, lo!], e.opSpan), resolveScalarCall('$le', [v!, hi!], e.opSpan)]);
        return e.not ? not(range) : range;
      }
      case 'InList': {
        const all = this.coerceAll([this.bind(e.value), ...e.list.map((x) => this.bind(x))], 'IN', e.opSpan);
        // Resolving `=` checks the common type supports equality and keeps messages uniform.
        resolveScalarCall('$eq', [all[0]!, all[0]!], e.opSpan);
        const inExpr: BoundExpr = { kind: 'in', operand: all[0]!, list: all.slice(1), type: BOOLEAN };
        return e.not ? not(inExpr) : inExpr;
      }
      case 'Like': {
        const args = [this.bind(e.value), this.bind(e.pattern)];
        if (e.escape !== null) args.push(this.bind(e.escape));
        const like = resolveScalarCall('$like', args, e.opSpan);
        return e.not ? not(like) : like;
      }
      case 'IsNull': {
        const isNull: BoundExpr = { kind: 'isNull', operand: this.bind(e.operand), type: BOOLEAN };
        return e.not ? not(isNull) : isNull;
      }
      case 'IsDistinctFrom': {
        const d = resolveScalarCall('$is_distinct_from', [this.bind(e.left), this.bind(e.right)], e.opSpan);
        return e.not ? not(d) : d;
      }
      case 'Case':
        return this.bindCase(e);
      case 'Cast': {
        const operand = this.bind(e.operand);
        const type = typeFromSyntax(e.type);
        if (operand.type.kind === 'unknown') return literal(null, type);
        checkCast(operand.type, type, e.span);
        return { kind: 'cast', operand, type, safe: e.safe };
      }
      case 'FunctionCall':
        return this.bindCall(e);
      case 'Extract': {
        const fn = EXTRACT_FUNCTIONS[e.field];
        if (fn === undefined) throw new BindError('INVALID_FUNCTION_ARGUMENT', `Invalid EXTRACT field: ${e.field}`, e.span);
        return resolveScalarCall(fn, [this.bind(e.operand)], e.span);
      }
      case 'SubqueryExpr':
        if (this.subqueries === null) throw new BindError('NOT_SUPPORTED', 'Subqueries are not supported here', e.span);
        return this.subqueries.scalar(e);
      case 'Exists':
      case 'InSubquery':
        if (this.subqueries === null) throw new BindError('NOT_SUPPORTED', 'Subqueries are not supported here', e.span);
        return this.subqueries.predicate(e);
      default: {
        const never: never = e;
        throw new Error(`unexpected expression ${JSON.stringify(never)}`);
      }
    }
  }

  /** Bind an expression that must be boolean (NULL is accepted as a boolean NULL). */
  bindBoolean(e: Expr, message: string): BoundExpr {
    const b = this.bind(e);
    if (b.type.kind === 'unknown') return literal(null, BOOLEAN);
    if (b.type.kind !== 'boolean') throw new BindError('TYPE_MISMATCH', `${message} (actual: ${formatType(b.type)})`, spanOf(e));
    return b;
  }

  private bindUnary(op: '-' | '+', operand: Expr, span: Span): BoundExpr {
    if (op === '-' && operand.kind === 'Literal') {
      // Fold the sign into numeric literals so -2147483648 is an integer, as in Trino.
      if (operand.literal === 'integer') return integerLiteral(operand.text, true, span);
      if (operand.literal === 'decimal') return decimalLiteral(operand.text, true, span);
      if (operand.literal === 'double') return doubleLiteral(operand.text, true, span);
    }
    const v = this.bind(operand);
    if (op === '+') {
      if (!isSignable(v.type)) throw new BindError('TYPE_MISMATCH', `Cannot apply operator: +${formatType(v.type)}`, span);
      return v;
    }
    return resolveScalarCall('$negate', [v], span);
  }

  private bindCase(e: Extract<Expr, { kind: 'Case' }>): BoundExpr {
    const operand = e.operand === null ? null : this.bind(e.operand);
    const whens = e.whens.map((w) => {
      if (operand === null) return this.bindBoolean(w.when, 'CASE WHEN clause must evaluate to a boolean');
      const [l, r] = this.coerceAll([operand, this.bind(w.when)], 'CASE', w.span);
      return resolveScalarCall('$eq', [l!, r!], w.span);
    });
    const results = [...e.whens.map((w) => this.bind(w.then)), e.else === null ? literal(null, UNKNOWN) : this.bind(e.else)];
    const coerced = this.coerceAll(results, 'CASE', e.span, 'All CASE results must be the same type or coercible to a common type');
    return {
      kind: 'case',
      whens: whens.map((when, i) => ({ when, then: coerced[i]! })),
      else: coerced[coerced.length - 1]!,
      type: commonType(coerced),
    };
  }

  private bindCall(e: FunctionCall): BoundExpr {
    const name = e.name.parts.map((p) => p.value.toLowerCase()).join('.');
    if (e.window !== null) {
      if ('forbid' in this.windows) throw new BindError('EXPRESSION_NOT_AGGREGATE', this.windows.forbid, e.span);
      return this.windows.collect(e, this.withoutWindows(`Cannot nest window functions inside window function '${name}'`));
    }
    if (isWindowOnlyFunction(name)) throw new BindError('FUNCTION_NOT_FOUND', `Window function ${name} requires an OVER clause`, e.span);
    if (isAggregateFunction(name)) {
      const policy = this.aggregates;
      if (policy.mode === 'forbid') throw new BindError(policy.code ?? 'EXPRESSION_NOT_AGGREGATE', policy.message, policy.at ?? e.span);
      return policy.collect(e, this);
    }
    if (e.distinct || e.star || e.filter !== null) {
      throw new BindError('FUNCTION_NOT_FOUND', `'${name}' is not an aggregate function, so it takes no DISTINCT, * or FILTER`, e.span);
    }
    const args = e.args.map((a) => this.bind(a));
    switch (name) {
      case 'coalesce': {
        if (args.length < 1) throw new BindError('TYPE_MISMATCH', 'coalesce requires at least one argument', e.span);
        const c = this.coerceAll(args, 'COALESCE', e.span);
        return c.length === 1 ? c[0]! : { kind: 'coalesce', args: c, type: commonType(c) };
      }
      case 'nullif': {
        if (args.length !== 2) throw new BindError('TYPE_MISMATCH', 'nullif requires two arguments', e.span);
        const [a, b] = this.coerceAll(args, 'NULLIF', e.span);
        const first = args[0]!;
        return {
          kind: 'case',
          whens: [{ when: resolveScalarCall('$eq', [a!, b!], e.span), then: literal(null, first.type) }],
          else: first,
          type: first.type,
        };
      }
      case 'if': {
        if (args.length < 2 || args.length > 3) throw new BindError('TYPE_MISMATCH', 'if requires two or three arguments', e.span);
        const cond = args[0]!.type.kind === 'unknown' ? literal(null, BOOLEAN) : args[0]!;
        if (cond.type.kind !== 'boolean') {
          throw new BindError('TYPE_MISMATCH', `IF condition must evaluate to a boolean (actual: ${formatType(cond.type)})`, e.span);
        }
        const [t, f] = this.coerceAll([args[1]!, args[2] ?? literal(null, UNKNOWN)], 'IF', e.span);
        return { kind: 'case', whens: [{ when: cond, then: t! }], else: f!, type: commonType([t!, f!]) };
      }
      default:
        return resolveScalarCall(name, args, e.span);
    }
  }

  /** Coerce expressions to their common super type (CASE branches, IN lists, BETWEEN, COALESCE). */
  coerceAll(exprs: readonly BoundExpr[], what: string, span: Span, message?: string): BoundExpr[] {
    let common: SqlType = UNKNOWN;
    for (const x of exprs) {
      const next = commonSuperType(common, x.type);
      if (next === null) {
        throw new BindError(
          'TYPE_MISMATCH',
          message ?? `${what} operands must be the same type or coercible to a common type: ${exprs.map((y) => formatType(y.type)).join(', ')}`,
          span,
        );
      }
      common = next;
    }
    return exprs.map((x) => coerce(x, common));
  }
}

const BINARY_FUNCTIONS = { '+': '$add', '-': '$subtract', '*': '$multiply', '/': '$divide', '%': '$modulo', '||': '$concat' } as const;
const COMPARISON_FUNCTIONS = { '=': '$eq', '<>': '$ne', '<': '$lt', '<=': '$le', '>': '$gt', '>=': '$ge' } as const;

/**
 * The type of a value chosen among coerced expressions (CASE, COALESCE, IF). coerce() leaves a
 * varchar(n) as is where varchar(m > n) is wanted (same values), so the widest is taken here.
 */
function commonType(exprs: readonly BoundExpr[]): SqlType {
  return exprs.reduce<SqlType>((t, e) => commonSuperType(t, e.type) ?? t, UNKNOWN);
}

function isSignable(t: SqlType): boolean {
  return isNumeric(t) || isInterval(t);
}

export function spanOf(e: Expr): Span {
  return e.span;
}
