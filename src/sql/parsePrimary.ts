/**
 * Primary expressions: literals, names, function calls (window specifications are read in
 * parseWindow.ts), parentheses, and the special forms with their own syntax (CASE, CAST,
 * EXTRACT, EXISTS, and the SQL-standard spellings of substring, position and trim, which become
 * ordinary function calls here).
 */
import type { Expr, FunctionCall, Literal, QualifiedName, WhenClause, WindowSpec } from './ast.ts';
import { isReserved, LITERAL_TYPE_NAMES } from './keywords.ts';
import type { Token } from './lexer.ts';
import { parseExpr, parseQueryOrExprInParens, parseValue } from './parseExpression.ts';
import { parseIdentifier } from './parseName.ts';
import { parseQuery } from './parseQuery.ts';
import { canonicalTypeName, parseIntervalField, parseTypeSyntax } from './parseType.ts';
import { parseOver } from './parseWindow.ts';
import { isIdentifierToken, startsExpression, type TokenCursor } from './tokenCursor.ts';

/** Zero-argument functions written without parentheses; the first four take an optional precision. */
const NILADIC_FUNCTIONS: ReadonlySet<string> = new Set([
  'CURRENT_TIME', 'CURRENT_TIMESTAMP', 'LOCALTIME', 'LOCALTIMESTAMP',
  'CURRENT_DATE', 'CURRENT_USER', 'CURRENT_CATALOG', 'CURRENT_SCHEMA',
]);
const WITH_PRECISION: ReadonlySet<string> = new Set([
  'CURRENT_TIME', 'CURRENT_TIMESTAMP', 'LOCALTIME', 'LOCALTIMESTAMP',
]);
const TRIM_SIDES: ReadonlyMap<string, string> = new Map([
  ['BOTH', 'trim'], ['LEADING', 'ltrim'], ['TRAILING', 'rtrim'],
]);

export function parsePrimary(c: TokenCursor): Expr {
  if (c.seedExpr) {
    const seed = c.seedExpr;
    c.seedExpr = null;
    return seed;
  }
  // Every nested expression passes through here, so this one count bounds the recursion.
  c.enter();
  const primary = parsePrimaryAt(c);
  c.leave();
  return primary;
}

function parsePrimaryAt(c: TokenCursor): Expr {
  const token = c.peek();
  const span = token.span;
  switch (token.kind) {
    case 'integer':
      c.next();
      return { kind: 'Literal', literal: 'integer', text: token.text, span };
    case 'decimal':
      c.next();
      return { kind: 'Literal', literal: 'decimal', text: token.text, span };
    case 'double':
      c.next();
      return { kind: 'Literal', literal: 'double', text: token.text, span };
    case 'string':
      c.next();
      return { kind: 'Literal', literal: 'string', value: token.value, span };
    case 'quoted':
      return parseNameOrCall(c);
    case 'word':
      return isReserved(token.value) ? parseReservedPrimary(c, token) : parseWordPrimary(c, token);
    case 'op':
      if (token.value === '(') return parseParenthesized(c);
      break;
    case 'eof':
    case 'error':
      break;
    default: {
      const unreachable: never = token.kind;
      return unreachable;
    }
  }
  return c.fail(['<expression>']);
}

function parseReservedPrimary(c: TokenCursor, token: Token): Expr {
  const span = token.span;
  switch (token.value) {
    case 'TRUE':
    case 'FALSE':
      c.next();
      return { kind: 'Literal', literal: 'boolean', value: token.value === 'TRUE', span };
    case 'NULL':
      c.next();
      return { kind: 'Literal', literal: 'null', span };
    case 'CASE':
      return parseCase(c);
    case 'CAST':
      return parseCast(c, false);
    case 'EXISTS': {
      c.next();
      c.expect('(');
      const query = parseQuery(c);
      c.expect(')');
      return { kind: 'Exists', query, span };
    }
    case 'EXTRACT': {
      c.next();
      c.expect('(');
      const field = parseIdentifier(c);
      c.expect('FROM');
      const operand = parseExpr(c);
      c.expect(')');
      return { kind: 'Extract', field: field.value.toUpperCase(), operand, span };
    }
    case 'TRIM':
      return parseTrim(c);
    default:
      if (NILADIC_FUNCTIONS.has(token.value)) return parseNiladic(c);
      return c.fail(['<expression>']);
  }
}

function parseWordPrimary(c: TokenCursor, token: Token): Expr {
  const word = token.value;
  if (c.peek(1).kind === 'string' && LITERAL_TYPE_NAMES.has(word)) {
    c.next();
    return typedLiteral(token, canonicalTypeName(token.text), c.next());
  }
  if (word === 'DOUBLE' && c.is('PRECISION', 1) && c.peek(2).kind === 'string') {
    c.next();
    c.next();
    return typedLiteral(token, 'double', c.next());
  }
  if (word === 'INTERVAL') {
    const signed = c.is('+', 1) || c.is('-', 1);
    const value = c.peek(signed ? 2 : 1);
    if (value.kind === 'string') return parseInterval(c);
    // `INTERVAL 3 DAY`: MySQL's spelling; the value must be a string in Trino.
    if (!signed && (value.kind === 'integer' || value.kind === 'decimal')) {
      c.next();
      return c.fail(["'+'", "'-'", '<string>']);
    }
  }
  if (word === 'ARRAY' && c.is('[', 1)) c.notSupported('ARRAY constructor');
  if (c.is('(', 1)) {
    switch (word) {
      case 'TRY_CAST':
        return parseCast(c, true);
      case 'SUBSTRING':
        return parseSubstring(c);
      case 'POSITION':
        return parsePosition(c);
      default:
        break;
    }
  }
  return parseNameOrCall(c);
}

function typedLiteral(typeToken: Token, name: string, value: Token): Literal {
  const span = typeToken.span;
  const type = { kind: 'TypeSyntax', name, params: [], span } as const;
  return { kind: 'Literal', literal: 'typed', type, value: value.value, span };
}

function parseInterval(c: TokenCursor): Literal {
  const span = c.next().span;
  let sign: 1 | -1 = 1;
  if (c.eat('-')) sign = -1;
  else c.eat('+');
  const value = c.next().value;
  const from = parseIntervalField(c);
  skipFieldPrecision(c);
  const to = c.eat('TO') ? parseIntervalField(c) : null;
  if (to) skipFieldPrecision(c);
  return { kind: 'Literal', literal: 'interval', value, sign, from, to, span };
}

/**
 * `DAY (3)`: SQL-92's leading-field precision, which the TPC-H text uses. It only bounds the
 * number of digits, so it is accepted and dropped.
 */
function skipFieldPrecision(c: TokenCursor): void {
  if (c.is('(') && c.peek(1).kind === 'integer' && c.is(')', 2)) {
    c.next();
    c.next();
    c.next();
  }
}

function parseParenthesized(c: TokenCursor): Expr {
  const open = c.next();
  const inner = parseQueryOrExprInParens(c);
  c.expect(')');
  return 'query' in inner ? { kind: 'SubqueryExpr', query: inner.query, span: open.span } : inner.expr;
}

function parseNameOrCall(c: TokenCursor): Expr {
  const parts = [parseIdentifier(c)];
  while (c.eat('.')) parts.push(parseIdentifier(c));
  const span = parts[0]!.span;
  if (!c.eat('(')) return { kind: 'ColumnRef', parts, span };
  return parseCallArguments(c, { kind: 'QualifiedName', parts, span }, null);
}

/** The rest of `name(...)` after the `(`; `first` when the caller already read the first argument. */
function parseCallArguments(c: TokenCursor, name: QualifiedName, first: Expr | null): FunctionCall {
  let distinct = false;
  let star = false;
  const args: Expr[] = [];
  if (first) {
    args.push(first);
  } else if (c.accept('*')) {
    star = true;
  } else if (!c.is(')')) {
    c.note("')'");
    if (c.accept('DISTINCT')) distinct = true;
    else if (c.is('ALL') && startsExpression(c.peek(1))) c.next();
    args.push(parseExpr(c));
  }
  if (args.length > 0) while (c.accept(',')) args.push(parseExpr(c));
  if (c.is('ORDER')) c.notSupported('ORDER BY in function arguments');
  c.expect(')');

  let filter: Expr | null = null;
  if (c.is('FILTER') && c.is('(', 1)) {
    c.next();
    c.next();
    c.expect('WHERE');
    filter = parseExpr(c);
    c.expect(')');
  }
  const nullTreatment = parseNullTreatment(c, name, star);
  // OVER is not reserved: `f(x) over` is a call aliased "over" unless a window follows.
  let window: WindowSpec | null = null;
  if (nullTreatment) {
    c.expect('OVER');
    window = parseOver(c);
  } else if (c.is('OVER') && (c.is('(', 1) || isIdentifierToken(c.peek(1)))) {
    c.next();
    window = parseOver(c);
  }
  return { kind: 'FunctionCall', name, args, distinct, star, filter, nullTreatment, window, span: name.span };
}

/**
 * `IGNORE NULLS` or `RESPECT NULLS`, which Trino's grammar allows only before OVER and not after
 * `(*)`. Both words are non-reserved, so without NULLS after it `f(x) ignore` is an alias.
 */
function parseNullTreatment(c: TokenCursor, name: QualifiedName, star: boolean): 'IGNORE' | 'RESPECT' | null {
  if (!(c.is('IGNORE') || c.is('RESPECT')) || !c.is('NULLS', 1)) return null;
  const token = c.peek();
  if (star) {
    const written = name.parts.map((p) => p.value).join('.');
    c.error(`${token.value} NULLS cannot be used with ${written}(*)`);
  }
  c.next();
  c.next();
  return token.value === 'IGNORE' ? 'IGNORE' : 'RESPECT';
}

/** A call the parser writes itself, such as `strpos` for `position(a IN b)`. */
function call(name: string, token: Token, args: Expr[]): FunctionCall {
  const span = token.span;
  const id = { kind: 'Identifier', value: name, quoted: false, span } as const;
  return {
    kind: 'FunctionCall',
    name: { kind: 'QualifiedName', parts: [id], span },
    args,
    distinct: false,
    star: false,
    filter: null,
    nullTreatment: null,
    window: null,
    span,
  };
}

function parseNiladic(c: TokenCursor): Expr {
  const token = c.next();
  const args: Expr[] = [];
  if (WITH_PRECISION.has(token.value) && c.eat('(')) {
    const precision = c.peek();
    if (precision.kind !== 'integer') return c.fail(['<integer>']);
    c.next();
    args.push({ kind: 'Literal', literal: 'integer', text: precision.text, span: precision.span });
    c.expect(')');
  }
  return call(token.value.toLowerCase(), token, args);
}

function parseCase(c: TokenCursor): Expr {
  const span = c.next().span;
  let operand: Expr | null = null;
  if (!c.is('WHEN')) {
    c.note("'WHEN'");
    operand = parseExpr(c);
  }
  const whens: WhenClause[] = [];
  let when: Token | null = c.expect('WHEN');
  while (when) {
    const condition = parseExpr(c);
    c.expect('THEN');
    whens.push({ when: condition, then: parseExpr(c), span: when.span });
    when = c.accept('WHEN');
  }
  const elseExpr = c.accept('ELSE') ? parseExpr(c) : null;
  c.expect('END');
  return { kind: 'Case', operand, whens, else: elseExpr, span };
}

function parseCast(c: TokenCursor, safe: boolean): Expr {
  const span = c.next().span;
  c.expect('(');
  const operand = parseExpr(c);
  c.expect('AS');
  const type = parseTypeSyntax(c);
  c.expect(')');
  return { kind: 'Cast', safe, operand, type, span };
}

/** `substring(s FROM a [FOR b])` as `substring(s, a[, b])`; the comma form is an ordinary call. */
function parseSubstring(c: TokenCursor): Expr {
  const token = c.next();
  c.next();
  const value = parseExpr(c);
  if (!c.accept('FROM')) return parseCallArguments(c, nameOf(token), value);
  const start = parseExpr(c);
  const length = c.eat('FOR') ? parseExpr(c) : null;
  c.expect(')');
  return call('substring', token, length ? [value, start, length] : [value, start]);
}

/**
 * `position(a IN b)` as `strpos(b, a)`. The operands are value expressions as in Trino, since a
 * full expression would read `a IN b` as a predicate; anything else is an ordinary call.
 */
function parsePosition(c: TokenCursor): Expr {
  const token = c.next();
  c.next();
  if (c.is('NOT')) return parseCallArguments(c, nameOf(token), null);
  const needle = parseValue(c);
  if (c.accept('IN')) {
    const haystack = parseValue(c);
    c.expect(')');
    return call('strpos', token, [haystack, needle]);
  }
  c.seedExpr = needle;
  return parseCallArguments(c, nameOf(token), parseExpr(c));
}

/** `trim([BOTH|LEADING|TRAILING] [chars] FROM s)` and `trim(s[, chars])` as trim/ltrim/rtrim(s[, chars]). */
function parseTrim(c: TokenCursor): Expr {
  const token = c.next();
  c.expect('(');
  let name = 'trim';
  let sided = false;
  const side = c.peek().kind === 'word' ? TRIM_SIDES.get(c.peek().value) : undefined;
  // `trim(leading)` trims a column named leading; a side is followed by chars or FROM. A sign
  // after the word reads as arithmetic on such a column.
  const charsFollow = startsExpression(c.peek(1)) && !c.is('+', 1) && !c.is('-', 1);
  if (side && (c.is('FROM', 1) || charsFollow)) {
    c.next();
    name = side;
    sided = true;
  }
  let args: Expr[];
  if (c.eat('FROM')) {
    args = [parseExpr(c)];
  } else {
    const first = parseExpr(c);
    if (c.accept('FROM')) args = [parseExpr(c), first];
    else if (!sided && c.accept(',')) args = [first, parseExpr(c)];
    else if (sided) return c.fail(["'FROM'"]);
    else args = [first];
  }
  c.expect(')');
  return call(name, token, args);
}

function nameOf(token: Token): QualifiedName {
  const span = token.span;
  const id = { kind: 'Identifier', value: token.text.toLowerCase(), quoted: false, span } as const;
  return { kind: 'QualifiedName', parts: [id], span };
}
