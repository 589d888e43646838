/**
 * Window specifications: what follows `OVER` in a window function call, and the query-level
 * `WINDOW name AS (...)` clause.
 *
 * PARTITION, ROWS, RANGE, GROUPS, UNBOUNDED and CURRENT are not reserved in Trino, so
 * `OVER (rows)` names an existing window `rows` and `ROWS current PRECEDING` is an offset bound
 * on a column named current; the words are keywords only where what follows says so.
 */
import type { Expr, FrameBound, Identifier, NamedWindow, SortItem, WindowFrame, WindowSpec } from './ast.ts';
import { parseExpr } from './parseExpression.ts';
import { parseIdentifier } from './parseName.ts';
import { parseSortItem } from './parseQuery.ts';
import { isIdentifierToken, type TokenCursor } from './tokenCursor.ts';

const FRAME_UNITS = ['ROWS', 'RANGE', 'GROUPS'] as const;

/** After `OVER`: a parenthesized specification or the name of a window of the WINDOW clause. */
export function parseOver(c: TokenCursor): WindowSpec {
  if (c.is('(')) return parseWindowSpecification(c);
  const token = c.peek();
  if (!isIdentifierToken(token)) return c.fail(["'('", '<identifier>']);
  const name = parseIdentifier(c);
  return { kind: 'WindowSpec', existingName: name, partitionBy: [], orderBy: [], frame: null, span: name.span };
}

/** After `WINDOW`: `name AS (spec)`, comma-separated. */
export function parseWindowClause(c: TokenCursor): NamedWindow[] {
  const windows: NamedWindow[] = [];
  do {
    const name = parseIdentifier(c);
    c.expect('AS');
    windows.push({ name, spec: parseWindowSpecification(c), span: name.span });
  } while (c.accept(','));
  return windows;
}

/** `( [existing_name] [PARTITION BY e, …] [ORDER BY s, …] [frame] )` */
function parseWindowSpecification(c: TokenCursor): WindowSpec {
  const open = c.expect('(');
  const existingName: Identifier | null = startsExistingName(c) ? parseIdentifier(c) : null;
  let partitionBy: Expr[] = [];
  if (c.accept('PARTITION')) {
    c.expect('BY');
    partitionBy = [parseExpr(c)];
    while (c.accept(',')) partitionBy.push(parseExpr(c));
  }
  let orderBy: SortItem[] = [];
  if (c.accept('ORDER')) {
    c.expect('BY');
    orderBy = [parseSortItem(c)];
    while (c.accept(',')) orderBy.push(parseSortItem(c));
  }
  const frame = parseFrame(c);
  c.expect(')');
  return { kind: 'WindowSpec', existingName, partitionBy, orderBy, frame, span: open.span };
}

/**
 * Whether the first word inside `OVER (` is the name of a window to build on. It is, unless it
 * begins `PARTITION BY` or is a frame unit followed by a frame bound; `(w)`, `(w ORDER BY …)`
 * and `(rows ROWS …)` all start with a name.
 */
function startsExistingName(c: TokenCursor): boolean {
  if (!isIdentifierToken(c.peek())) return false;
  if (c.is('PARTITION') && c.is('BY', 1)) return false;
  if (!c.isAny(FRAME_UNITS)) return true;
  return c.is(')', 1) || c.is('ORDER', 1) || (c.is('PARTITION', 1) && c.is('BY', 2)) || c.isAny(FRAME_UNITS, 1);
}

/** `{ROWS | RANGE | GROUPS} {start | BETWEEN start AND end}`, or null when absent. */
function parseFrame(c: TokenCursor): WindowFrame | null {
  const token = c.peek();
  const unit = FRAME_UNITS.find((u) => c.is(u));
  if (unit === undefined) {
    for (const u of FRAME_UNITS) c.note(`'${u}'`);
    return null;
  }
  c.next();
  let start: FrameBound;
  let end: FrameBound | null = null;
  if (c.eat('BETWEEN')) {
    start = parseFrameBound(c);
    c.expect('AND');
    end = parseFrameBound(c);
  } else {
    c.note("'BETWEEN'");
    start = parseFrameBound(c);
  }
  const problem = frameProblem(start, end);
  if (problem) c.error(problem, token);
  return { kind: 'WindowFrame', unit, start, end, span: token.span };
}

function parseFrameBound(c: TokenCursor): FrameBound {
  const token = c.peek();
  if (c.is('UNBOUNDED') && c.is('PRECEDING', 1)) {
    c.next();
    c.next();
    return { kind: 'UnboundedPreceding', span: token.span };
  }
  if (c.is('UNBOUNDED') && c.is('FOLLOWING', 1)) {
    c.next();
    c.next();
    return { kind: 'UnboundedFollowing', span: token.span };
  }
  if (c.is('CURRENT') && c.is('ROW', 1)) {
    c.next();
    c.next();
    return { kind: 'CurrentRow', span: token.span };
  }
  c.note("'CURRENT'");
  c.note("'UNBOUNDED'");
  const offset = parseExpr(c);
  if (c.eat('PRECEDING')) return { kind: 'Preceding', offset, span: offset.span };
  if (c.eat('FOLLOWING')) return { kind: 'Following', offset, span: offset.span };
  return c.fail(["'FOLLOWING'", "'PRECEDING'"]);
}

/**
 * The bound combinations Trino rejects when it analyzes a frame, with its messages; a frame
 * without BETWEEN ends at the current row.
 */
function frameProblem(start: FrameBound, end: FrameBound | null): string | null {
  const endKind = end?.kind ?? 'CurrentRow';
  if (start.kind === 'UnboundedFollowing') return 'Window frame start cannot be UNBOUNDED FOLLOWING';
  if (endKind === 'UnboundedPreceding') return 'Window frame end cannot be UNBOUNDED PRECEDING';
  if (start.kind === 'CurrentRow' && endKind === 'Preceding') {
    return 'Window frame starting from CURRENT ROW cannot end with PRECEDING';
  }
  if (start.kind === 'Following' && endKind === 'Preceding') {
    return 'Window frame starting from FOLLOWING cannot end with PRECEDING';
  }
  if (start.kind === 'Following' && endKind === 'CurrentRow') {
    return 'Window frame starting from FOLLOWING cannot end with CURRENT ROW';
  }
  return null;
}
