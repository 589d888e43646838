/**
 * FROM items: tables, derived tables, parenthesized relations and joins. As in Trino's grammar
 * the right side of `JOIN ... ON` is itself a relation, so `a JOIN b JOIN c ON x ON y` joins `a`
 * with `(b JOIN c ON x)`.
 */
import type { Expr, Identifier, Join, Query, Relation, Span } from './ast.ts';
import { parseIdentifierList, parseTableName } from './parseName.ts';
import { parseAlias, parseCondition, parseQuery, startsQueryTail } from './parseQuery.ts';
import { isIdentifierToken, startsQuery, type TokenCursor } from './tokenCursor.ts';

export function parseRelationList(c: TokenCursor): Relation[] {
  const relations = [parseRelation(c)];
  while (c.accept(',')) relations.push(parseRelation(c));
  return relations;
}

function parseRelation(c: TokenCursor): Relation {
  return parseJoins(c, parseAliasedRelation(c));
}

function parseJoins(c: TokenCursor, first: Relation): Relation {
  let left = first;
  for (;;) {
    if (c.eat('CROSS')) {
      c.expect('JOIN');
      const right = parseAliasedRelation(c);
      left = { kind: 'Join', type: 'CROSS', left, right, on: null, using: null, span: left.span };
      continue;
    }
    if (c.is('NATURAL')) c.notSupported('NATURAL JOIN');
    const type = parseJoinType(c);
    if (!type) {
      c.note("'JOIN'");
      return left;
    }
    c.enter();
    const right = parseRelation(c);
    c.leave();
    let on: Expr | null = null;
    let using: Identifier[] | null = null;
    if (c.accept('ON')) on = parseCondition(c);
    else if (c.accept('USING')) using = parseIdentifierList(c);
    else c.fail(["'ON'", "'USING'"]);
    left = { kind: 'Join', type, left, right, on, using, span: left.span };
  }
}

function parseJoinType(c: TokenCursor): Join['type'] | null {
  if (c.eat('JOIN')) return 'INNER';
  if (c.eat('INNER')) {
    c.expect('JOIN');
    return 'INNER';
  }
  for (const side of ['LEFT', 'RIGHT', 'FULL'] as const) {
    if (c.eat(side)) {
      c.accept('OUTER');
      c.expect('JOIN');
      return side;
    }
  }
  return null;
}

function parseAliasedRelation(c: TokenCursor): Relation {
  const token = c.peek();
  if (c.is('(')) {
    c.next();
    c.enter();
    const inner = parseQueryOrRelationInParens(c);
    c.expect(')');
    c.leave();
    return 'query' in inner
      ? parseSubqueryAlias(c, inner.query, token.span)
      : parseParenthesizedAlias(c, inner.relation);
  }
  if (c.is('LATERAL') && c.is('(', 1)) c.notSupported('LATERAL');
  if (c.is('UNNEST')) c.notSupported('UNNEST');
  if (!isIdentifierToken(token)) return c.fail(["'('", '<identifier>']);
  const name = parseTableName(c);
  const alias = parseAlias(c);
  const columnAliases = alias && c.is('(') ? parseIdentifierList(c) : null;
  return { kind: 'Table', name, alias, columnAliases, span: name.span };
}

/** `(t) x` names the table; a parenthesized join has nowhere to keep an alias. */
function parseParenthesizedAlias(c: TokenCursor, relation: Relation): Relation {
  if (relation.kind !== 'Table' || relation.alias) return relation;
  const alias = parseAlias(c);
  if (!alias) return relation;
  return { ...relation, alias, columnAliases: c.is('(') ? parseIdentifierList(c) : null };
}

function parseSubqueryAlias(c: TokenCursor, query: Query, span: Span): Relation {
  const alias = parseAlias(c);
  const columnAliases = alias && c.is('(') ? parseIdentifierList(c) : null;
  return { kind: 'SubqueryRelation', query, alias, columnAliases, span };
}

/**
 * What follows a `(` in FROM: a query or a relation. `((SELECT 1) x JOIN y ON ...)` and
 * `((SELECT 1) UNION (SELECT 2))` look alike until the inner parentheses close, so nested
 * parentheses are read recursively and the inner result decides.
 */
function parseQueryOrRelationInParens(c: TokenCursor): { query: Query } | { relation: Relation } {
  if (startsQuery(c)) return { query: parseQuery(c) };
  if (!c.is('(')) return { relation: parseRelation(c) };
  const open = c.next();
  c.enter();
  const inner = parseQueryOrRelationInParens(c);
  c.expect(')');
  c.leave();
  if (!('query' in inner)) return { relation: parseJoins(c, parseParenthesizedAlias(c, inner.relation)) };
  if (startsQueryTail(c) || c.is(')')) {
    c.seedBody = { kind: 'TableSubquery', query: inner.query, span: open.span };
    return { query: parseQuery(c) };
  }
  return { relation: parseJoins(c, parseSubqueryAlias(c, inner.query, open.span)) };
}
