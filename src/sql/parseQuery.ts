/**
 * Queries: WITH, set operations (INTERSECT binds tighter than UNION and EXCEPT, all
 * left-associative), SELECT ... FROM ... WHERE ... GROUP BY ... HAVING ... WINDOW, and the
 * ORDER BY / OFFSET / LIMIT / FETCH tail.
 */
import type {
  Expr,
  Identifier,
  Literal,
  Query,
  QueryBody,
  QuerySpecification,
  SelectItem,
  SortItem,
  Values,
  ValuesRow,
  WithQuery,
} from './ast.ts';
import { isReserved } from './keywords.ts';
import { parseExpr, parseQueryOrExprInParens } from './parseExpression.ts';
import { parseIdentifier, parseIdentifierList } from './parseName.ts';
import { parseRelationList } from './parseRelation.ts';
import { parseWindowClause } from './parseWindow.ts';
import { isIdentifierToken, startsExpression, type TokenCursor } from './tokenCursor.ts';

export function parseQuery(c: TokenCursor): Query {
  c.enter();
  const withToken = c.seedBody ? null : c.accept('WITH');
  const withQueries = withToken ? parseWithList(c) : [];
  const body = parseUnion(c);
  let orderBy: SortItem[] = [];
  if (c.accept('ORDER')) {
    c.expect('BY');
    orderBy = [parseSortItem(c)];
    while (c.accept(',')) orderBy.push(parseSortItem(c));
  }
  const { offset, limit } = parseLimits(c);
  c.leave();
  const span = withToken?.span ?? body.span;
  return { kind: 'Query', with: withQueries, body, orderBy, offset, limit, span };
}

/**
 * Whether the next tokens continue a query after its body: a set operator, ORDER BY, or a row
 * limit. Decides what `((SELECT 1) ...)` is once its inner parentheses close.
 */
export function startsQueryTail(c: TokenCursor): boolean {
  return c.isAny(['UNION', 'INTERSECT', 'EXCEPT', 'ORDER']) || startsLimitClause(c);
}

/**
 * LIMIT, OFFSET, FETCH and WINDOW are not reserved in Trino, so `FROM t limit` names `t` "limit".
 * As in Trino's grammar, the word starts a clause unless what follows could only follow an alias.
 */
function startsClause(c: TokenCursor): boolean {
  if (c.is('WINDOW')) return isIdentifierToken(c.peek(1)) && c.is('AS', 2);
  return startsLimitClause(c);
}

function startsLimitClause(c: TokenCursor): boolean {
  if (!c.isAny(['LIMIT', 'OFFSET', 'FETCH'])) return false;
  const next = c.peek(1);
  switch (next.kind) {
    case 'eof':
    case 'error':
      return false;
    case 'op':
      return !['(', ')', ',', ';'].includes(next.value);
    case 'word':
      return !isReserved(next.value);
    default:
      return true;
  }
}

/** `[AS] alias`, where an alias may be any non-reserved word or a quoted name. */
export function parseAlias(c: TokenCursor): Identifier | null {
  if (c.eat('AS')) return parseIdentifier(c);
  if (!isIdentifierToken(c.peek()) || startsClause(c)) return null;
  return parseIdentifier(c);
}

function parseWithList(c: TokenCursor): WithQuery[] {
  if (c.is('RECURSIVE')) c.notSupported('WITH RECURSIVE');
  const list: WithQuery[] = [];
  do {
    const name = parseIdentifier(c);
    const columnNames = c.is('(') ? parseIdentifierList(c) : null;
    c.expect('AS');
    c.expect('(');
    const query = parseQuery(c);
    c.expect(')');
    list.push({ kind: 'WithQuery', name, columnNames, query, span: name.span });
  } while (c.accept(','));
  return list;
}

function parseUnion(c: TokenCursor): QueryBody {
  let left = parseIntersect(c);
  for (;;) {
    // Only UNION is offered in error messages: listing all three crowds out likelier clauses.
    const op = c.accept('UNION') ?? c.eat('EXCEPT');
    if (!op) return left;
    const distinct = parseSetQuantifier(c);
    const right = parseIntersect(c);
    const kind = op.value === 'UNION' ? 'UNION' : 'EXCEPT';
    left = { kind: 'SetOperation', op: kind, distinct, left, right, span: left.span };
  }
}

function parseIntersect(c: TokenCursor): QueryBody {
  let left = parseQueryPrimary(c);
  while (c.eat('INTERSECT')) {
    const distinct = parseSetQuantifier(c);
    const right = parseQueryPrimary(c);
    left = { kind: 'SetOperation', op: 'INTERSECT', distinct, left, right, span: left.span };
  }
  return left;
}

function parseSetQuantifier(c: TokenCursor): boolean {
  if (c.accept('ALL')) return false;
  c.accept('DISTINCT');
  return true;
}

function parseQueryPrimary(c: TokenCursor): QueryBody {
  if (c.seedBody) {
    const seed = c.seedBody;
    c.seedBody = null;
    return seed;
  }
  if (c.is('SELECT')) return parseQuerySpecification(c);
  if (c.is('(')) {
    const open = c.next();
    const query = parseQuery(c);
    c.expect(')');
    return { kind: 'TableSubquery', query, span: open.span };
  }
  if (c.is('VALUES')) return parseValues(c);
  if (c.is('TABLE')) c.notSupported(c.peek().value);
  return c.fail(["'('", "'SELECT'"]);
}

/**
 * `VALUES row, …`. A row in parentheses with a comma, or `ROW(…)`, is a list of columns; any
 * other expression, `(a)` and `(a) + 1` included, is a one-column row.
 */
function parseValues(c: TokenCursor): Values {
  const span = c.next().span;
  const rows = [parseValuesRow(c)];
  while (c.accept(',')) rows.push(parseValuesRow(c));
  return { kind: 'Values', rows, span };
}

function parseValuesRow(c: TokenCursor): ValuesRow {
  const start = c.peek();
  const row = c.is('ROW') && c.is('(', 1) ? c.next() : null;
  if (row === null && !c.is('(')) return { items: [parseExpr(c)], span: start.span };
  c.next();
  c.enter();
  const inner = parseQueryOrExprInParens(c);
  c.leave();
  if ('query' in inner) {
    // `((SELECT 1))`-style scalar subquery as the only item, or the start of a longer expression.
    c.expect(')');
    c.seedExpr = { kind: 'SubqueryExpr', query: inner.query, span: start.span };
    return { items: [parseExpr(c)], span: start.span };
  }
  const items = [inner.expr];
  while (c.accept(',')) items.push(parseExpr(c));
  c.expect(')');
  if (items.length === 1 && row === null) {
    // `(a) + 1`: the parenthesized expression may go on.
    c.seedExpr = items[0]!;
    return { items: [parseExpr(c)], span: start.span };
  }
  return { items, span: start.span };
}

function parseQuerySpecification(c: TokenCursor): QuerySpecification {
  const span = c.next().span;
  let distinct = false;
  if (c.accept('DISTINCT')) distinct = true;
  else if (c.is('ALL') && (startsExpression(c.peek(1)) || c.is('*', 1))) c.next();
  else c.note("'ALL'");

  const select = [parseSelectItem(c)];
  while (c.accept(',')) select.push(parseSelectItem(c));
  const from = c.accept('FROM') ? parseRelationList(c) : [];
  const where = c.accept('WHERE') ? parseCondition(c) : null;
  let groupBy: Expr[] = [];
  if (c.accept('GROUP')) {
    c.expect('BY');
    groupBy = parseGroupBy(c);
  }
  const having = c.accept('HAVING') ? parseCondition(c) : null;
  // Not offered in error messages: it is rare, and would crowd out likelier clauses.
  const windows = startsClause(c) && c.eat('WINDOW') ? parseWindowClause(c) : [];
  return { kind: 'QuerySpecification', distinct, select, from, where, groupBy, having, windows, span };
}

/** A boolean condition; a missing AND is a common slip, so AND and OR are offered after it. */
export function parseCondition(c: TokenCursor): Expr {
  const condition = parseExpr(c);
  c.note("'AND'");
  c.note("'OR'");
  return condition;
}

function parseSelectItem(c: TokenCursor): SelectItem {
  const star = c.accept('*');
  if (star) return { kind: 'AllColumns', qualifier: null, span: star.span };
  if (isQualifiedStar(c)) {
    const parts = [parseIdentifier(c)];
    while (!c.is('*', 1)) {
      c.next();
      parts.push(parseIdentifier(c));
    }
    c.next();
    c.next();
    const span = parts[0]!.span;
    return { kind: 'AllColumns', qualifier: { kind: 'QualifiedName', parts, span }, span };
  }
  const expr = parseExpr(c);
  return { kind: 'SingleColumn', expr, alias: parseAlias(c), span: expr.span };
}

/** `t.*`, `s.t.*`: names joined by dots and ending in `.*`. */
function isQualifiedStar(c: TokenCursor): boolean {
  for (let k = 0; isIdentifierToken(c.peek(k)) && c.is('.', k + 1); k += 2) {
    if (c.is('*', k + 2)) return true;
  }
  return false;
}

function parseGroupBy(c: TokenCursor): Expr[] {
  // For plain expressions both quantifiers group the same way; they only differ for grouping sets.
  if (!c.eat('DISTINCT') && c.is('ALL') && startsExpression(c.peek(1))) c.next();
  const items = [parseGroupingElement(c)];
  while (c.accept(',')) items.push(parseGroupingElement(c));
  return items;
}

function parseGroupingElement(c: TokenCursor): Expr {
  if (c.is('ROLLUP') || c.is('CUBE')) c.notSupported(`GROUP BY ${c.peek().value}`);
  if (c.is('GROUPING') && c.is('SETS', 1)) c.notSupported('GROUP BY GROUPING SETS');
  return parseExpr(c);
}

export function parseSortItem(c: TokenCursor): SortItem {
  const expr = parseExpr(c);
  let ascending = true;
  if (c.eat('DESC')) ascending = false;
  else c.eat('ASC');
  let nullsFirst: boolean | null = null;
  if (c.eat('NULLS')) {
    if (c.eat('FIRST')) nullsFirst = true;
    else if (c.eat('LAST')) nullsFirst = false;
    else c.fail(["'FIRST'", "'LAST'"]);
  }
  return { kind: 'SortItem', expr, ascending, nullsFirst, span: expr.span };
}

/** Trino's order is OFFSET then LIMIT/FETCH; `LIMIT n OFFSET m` is accepted too, as users write it. */
function parseLimits(c: TokenCursor): { offset: Expr | null; limit: Expr | null } {
  // Noted first so that LIMIT, the likelier intent, survives when the expecting list is cut.
  c.note("'LIMIT'");
  let offset = parseOffset(c);
  let limit: Expr | null = null;
  let limited = true;
  if (c.accept('LIMIT')) {
    limit = c.eat('ALL') ? null : parseRowCount(c, ["'ALL'"]);
  } else if (c.accept('FETCH')) {
    limit = parseFetch(c);
  } else {
    limited = false;
  }
  if (limited && !offset) offset = parseOffset(c);
  return { offset, limit };
}

function parseOffset(c: TokenCursor): Expr | null {
  if (!c.accept('OFFSET')) return null;
  const count = parseRowCount(c, []);
  if (!c.eat('ROW')) c.eat('ROWS');
  return count;
}

/** `FETCH FIRST|NEXT [n] ROW|ROWS ONLY`; the count defaults to 1. */
function parseFetch(c: TokenCursor): Expr {
  const first = c.peek();
  if (!c.eat('FIRST') && !c.eat('NEXT')) return c.fail(["'FIRST'", "'NEXT'"]);
  const count: Literal =
    c.peek().kind === 'integer'
      ? parseRowCount(c, [])
      : { kind: 'Literal', literal: 'integer', text: '1', span: first.span };
  if (!c.eat('ROW') && !c.eat('ROWS')) return c.fail(["'ROW'", "'ROWS'"]);
  if (c.is('WITH')) c.notSupported('FETCH ... WITH TIES');
  c.expect('ONLY');
  return count;
}

function parseRowCount(c: TokenCursor, alternatives: readonly string[]): Literal {
  const token = c.peek();
  if (token.kind !== 'integer') return c.fail(['<integer>', ...alternatives]);
  c.next();
  return { kind: 'Literal', literal: 'integer', text: token.text, span: token.span };
}
