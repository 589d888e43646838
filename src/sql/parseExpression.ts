/**
 * Expressions by precedence climbing, lowest first: OR, AND, NOT, one predicate, `||`, `+ -`,
 * `* / %`, unary `+ -`, primaries (parsePrimary.ts). As in Trino a value takes at most one
 * predicate, so `a = b = c` is an error rather than `(a = b) = c`.
 */
import type { ArithmeticOp, ComparisonOp, Expr, Query, Span } from './ast.ts';
import { parsePrimary } from './parsePrimary.ts';
import { parseQuery, startsQueryTail } from './parseQuery.ts';
import { startsQuery, type TokenCursor } from './tokenCursor.ts';

const COMPARISON_OPS: ReadonlyMap<string, ComparisonOp> = new Map([
  ['=', '='], ['<>', '<>'], ['!=', '<>'], ['<', '<'], ['<=', '<='], ['>', '>'], ['>=', '>='],
]);
const PREDICATE_WORDS = ['IS', 'BETWEEN', 'IN', 'LIKE'] as const;

export function parseExpr(c: TokenCursor): Expr {
  return parseLogical(c, 'OR');
}

function parseLogical(c: TokenCursor, op: 'AND' | 'OR'): Expr {
  const operand = (): Expr => (op === 'OR' ? parseLogical(c, 'AND') : parseNot(c));
  const first = operand();
  if (!c.is(op)) return first;
  const terms = [first];
  while (c.eat(op)) terms.push(operand());
  return { kind: 'Logical', op, terms, span: first.span };
}

function parseNot(c: TokenCursor): Expr {
  const not = c.seedExpr ? null : c.eat('NOT');
  if (!not) return parsePredicate(c);
  c.enter();
  const operand = parseNot(c);
  c.leave();
  return { kind: 'Not', operand, span: not.span };
}

function parsePredicate(c: TokenCursor): Expr {
  const value = parseValue(c);
  const predicate = parsePredicateSuffix(c, value);
  if (predicate !== value) rejectSecondPredicate(c);
  return predicate;
}

function rejectSecondPredicate(c: TokenCursor): void {
  const token = c.peek();
  if (COMPARISON_OPS.has(token.value) && token.kind === 'op') {
    c.error(
      `mismatched input '${token.text}'. Comparisons cannot be chained; combine them with AND or add parentheses`,
    );
  }
  if (c.isAny(PREDICATE_WORDS) || (c.is('NOT') && c.isAny(PREDICATE_WORDS, 1))) {
    c.error(`mismatched input '${token.text}'. Predicates cannot be chained; add parentheses`);
  }
}

function parsePredicateSuffix(c: TokenCursor, value: Expr): Expr {
  const span = value.span;
  const token = c.peek();
  const opSpan = token.span;
  const comparison = token.kind === 'op' ? COMPARISON_OPS.get(token.value) : undefined;
  if (comparison) {
    c.next();
    if (c.isAny(['ALL', 'ANY', 'SOME']) && c.is('(', 1)) {
      c.error(`quantified comparisons (${token.text} ${c.peek().value}) are not supported`);
    }
    return { kind: 'Comparison', op: comparison, left: value, right: parseValue(c), span, opSpan };
  }
  if (c.eat('IS')) {
    const not = c.eat('NOT') !== null;
    if (c.eat('NULL')) return { kind: 'IsNull', not, operand: value, span, opSpan };
    if (c.eat('DISTINCT')) {
      c.expect('FROM');
      return { kind: 'IsDistinctFrom', not, left: value, right: parseValue(c), span, opSpan };
    }
    return c.fail(not ? ["'DISTINCT'", "'NULL'"] : ["'DISTINCT'", "'NOT'", "'NULL'"]);
  }
  let not = false;
  if (c.is('NOT')) {
    c.next();
    not = true;
    if (!c.isAny(['BETWEEN', 'IN', 'LIKE'])) return c.fail(["'BETWEEN'", "'IN'", "'LIKE'"]);
  }
  if (c.eat('BETWEEN')) {
    const low = parseValue(c);
    c.expect('AND');
    return { kind: 'Between', not, value, low, high: parseValue(c), span, opSpan };
  }
  if (c.eat('LIKE')) {
    const pattern = parseValue(c);
    const escape = c.eat('ESCAPE') ? parseValue(c) : null;
    return { kind: 'Like', not, value, pattern, escape, span, opSpan };
  }
  if (c.eat('IN')) return parseInPredicate(c, value, not, opSpan);
  return value;
}

function parseInPredicate(c: TokenCursor, value: Expr, not: boolean, opSpan: Span): Expr {
  const span = value.span;
  c.expect('(');
  const first = parseQueryOrExprInParens(c);
  if ('query' in first) {
    c.expect(')');
    return { kind: 'InSubquery', not, value, query: first.query, span, opSpan };
  }
  const list = [first.expr];
  while (c.accept(',')) list.push(parseExpr(c));
  c.expect(')');
  return { kind: 'InList', not, value, list, span, opSpan };
}

/** A value expression: everything above the predicates (`||`, arithmetic, unary, primary). */
export function parseValue(c: TokenCursor): Expr {
  let left = parseAdditive(c);
  while (c.is('||')) {
    const opSpan = c.next().span;
    left = { kind: 'Binary', op: '||', left, right: parseAdditive(c), span: left.span, opSpan };
  }
  return left;
}

function parseAdditive(c: TokenCursor): Expr {
  let left = parseMultiplicative(c);
  while (c.is('+') || c.is('-')) {
    const token = c.next();
    const op = token.value as ArithmeticOp;
    left = { kind: 'Binary', op, left, right: parseMultiplicative(c), span: left.span, opSpan: token.span };
  }
  return left;
}

function parseMultiplicative(c: TokenCursor): Expr {
  let left = parseUnary(c);
  while (c.is('*') || c.is('/') || c.is('%')) {
    const token = c.next();
    const op = token.value as ArithmeticOp;
    left = { kind: 'Binary', op, left, right: parseUnary(c), span: left.span, opSpan: token.span };
  }
  return left;
}

function parseUnary(c: TokenCursor): Expr {
  if (!c.seedExpr && (c.is('-') || c.is('+'))) {
    const sign = c.next();
    c.enter();
    const operand = parseUnary(c);
    c.leave();
    return { kind: 'Unary', op: sign.value === '-' ? '-' : '+', operand, span: sign.span };
  }
  const primary = parsePrimary(c);
  // Postfix forms Trino has and the AST does not; named here rather than left as stray tokens.
  if (c.is('[')) c.notSupported('subscript operator []');
  if (c.is('AT') && c.is('TIME', 1) && c.is('ZONE', 2)) c.notSupported('AT TIME ZONE');
  return primary;
}

/**
 * What follows a `(` where either a query or an expression may stand (a parenthesized
 * expression, a scalar subquery, an IN list). `((SELECT 1) + 2)` and `((SELECT 1) UNION ...)`
 * only declare themselves after the inner parentheses close, so nested parentheses are read
 * recursively and the result handed on as a seed.
 */
export function parseQueryOrExprInParens(c: TokenCursor): { query: Query } | { expr: Expr } {
  if (startsQuery(c)) return { query: parseQuery(c) };
  if (!c.is('(')) return { expr: parseExpr(c) };
  const open = c.next();
  c.enter();
  const inner = parseQueryOrExprInParens(c);
  c.expect(')');
  c.leave();
  if ('query' in inner) {
    if (startsQueryTail(c)) {
      c.seedBody = { kind: 'TableSubquery', query: inner.query, span: open.span };
      return { query: parseQuery(c) };
    }
    c.seedExpr = { kind: 'SubqueryExpr', query: inner.query, span: open.span };
  } else {
    c.seedExpr = inner.expr;
  }
  return { expr: parseExpr(c) };
}

