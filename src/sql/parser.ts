/**
 * The SQL parser: a hand-written recursive descent over the Trino dialect, producing the tree in
 * ast.ts. Every failure is a ParseError at the offending token with a Trino-style message
 * (`mismatched input 'FROM'. Expecting: <expression>`); any other exception is a bug.
 *
 * The grammar is split by area: parseQuery.ts, parseRelation.ts, parseExpression.ts,
 * parsePrimary.ts, parseType.ts and parseName.ts.
 */
import type { Expr, QualifiedName, Span, Statement, TypeSyntax } from './ast.ts';
import { tokenize } from './lexer.ts';
import { parseExpr } from './parseExpression.ts';
import { parseQualifiedName, parseTableName } from './parseName.ts';
import { parseQuery } from './parseQuery.ts';
import { parseTypeSyntax } from './parseType.ts';
import { startsQuery, TokenCursor } from './tokenCursor.ts';

const STATEMENT_STARTS = ["'('", "'DESCRIBE'", "'EXPLAIN'", "'SELECT'", "'SHOW'", "'WITH'"];

/** One statement, optionally followed by `;`. */
export function parseStatement(sql: string): Statement {
  const c = new TokenCursor(tokenize(sql));
  const statement = parseStatementAt(c);
  c.eat(';');
  expectEnd(c, statement.kind === 'QueryStatement' ? 'query' : 'statement');
  return statement;
}

export function parseExpression(sql: string): Expr {
  const c = new TokenCursor(tokenize(sql));
  const expr = parseExpr(c);
  expectEnd(c, 'expression');
  return expr;
}

export function parseType(sql: string): TypeSyntax {
  const c = new TokenCursor(tokenize(sql));
  const type = parseTypeSyntax(c);
  expectEnd(c, 'type');
  return type;
}

function expectEnd(c: TokenCursor, what: string): void {
  if (c.atEnd()) return;
  if (c.is(')')) c.error(`extraneous input ')' after ${what}`);
  c.fail(['<EOF>'], c.previous()?.text === ';' ? ' (only one statement can be run at a time)' : '');
}

function parseStatementAt(c: TokenCursor): Statement {
  const token = c.peek();
  const span = token.span;
  if (startsQuery(c) || c.is('(')) {
    return { kind: 'QueryStatement', query: parseQuery(c), span };
  }
  if (c.eat('EXPLAIN')) {
    const analyze = c.accept('ANALYZE') !== null;
    if (c.is('(') && (c.is('TYPE', 1) || c.is('FORMAT', 1))) c.error('EXPLAIN options are not supported');
    c.enter();
    const statement = parseStatementAt(c);
    c.leave();
    return { kind: 'Explain', analyze, statement, span };
  }
  if (c.eat('SHOW')) return parseShow(c, token.span);
  if (c.eat('DESCRIBE') || c.eat('DESC')) {
    return { kind: 'Show', what: 'COLUMNS', target: parseTableName(c), span };
  }
  if (c.is('TABLE')) c.notSupported(token.value);
  return c.fail(STATEMENT_STARTS);
}

function parseShow(c: TokenCursor, span: Span): Statement {
  if (c.eat('CATALOGS')) return { kind: 'Show', what: 'CATALOGS', target: null, span };
  if (c.eat('SCHEMAS')) {
    const target = c.accept('FROM') || c.accept('IN') ? parseCatalogName(c) : null;
    return { kind: 'Show', what: 'SCHEMAS', target, span };
  }
  if (c.eat('TABLES')) {
    const target = c.accept('FROM') || c.accept('IN') ? parseQualifiedName(c) : null;
    return { kind: 'Show', what: 'TABLES', target, span };
  }
  if (c.eat('COLUMNS')) {
    if (!c.eat('FROM') && !c.eat('IN')) c.fail(["'FROM'", "'IN'"]);
    return { kind: 'Show', what: 'COLUMNS', target: parseTableName(c), span };
  }
  return c.fail(["'CATALOGS'", "'COLUMNS'", "'SCHEMAS'", "'TABLES'"]);
}

/** Schemas live directly under a catalog, so the name has one part. */
function parseCatalogName(c: TokenCursor): QualifiedName {
  const start = c.peek();
  const name = parseQualifiedName(c);
  if (name.parts.length > 1) {
    const written = name.parts.map((p) => p.value).join('.');
    c.error(`catalog name must be a single identifier: ${written}`, start);
  }
  return name;
}
