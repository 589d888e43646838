import { describe, expect, it } from 'vitest';
import type { Span } from '../../../src/sql/ast.ts';
import { tokenize } from '../../../src/sql/lexer.ts';
import { parseStatement } from '../../../src/sql/parser.ts';
import { TPCH_Q1, TPCH_Q13, TPCH_Q22, TPCH_Q6, TPCH_Q8 } from './tpchQueries.ts';

/** Every `{ kind, span }` object in the tree, depth first. */
function nodesWithSpans(value: unknown, out: Array<{ kind: string; span: Span }> = []): Array<{ kind: string; span: Span }> {
  if (Array.isArray(value)) {
    for (const item of value) nodesWithSpans(item, out);
  } else if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const kind = record.kind ?? ('spec' in record ? 'NamedWindow' : 'WhenClause');
    if ('span' in record) out.push({ kind: String(kind), span: record.span as Span });
    for (const [key, child] of Object.entries(record)) if (key !== 'span') nodesWithSpans(child, out);
  }
  return out;
}

const key = (s: Span): string => `${s.line}:${s.column}`;

describe('spans', () => {
  it.each([
    TPCH_Q1,
    TPCH_Q6,
    TPCH_Q8,
    TPCH_Q13,
    TPCH_Q22,
    "WITH x (a) AS (\n  SELECT 1\n)\nSELECT t.*, -a, CASE WHEN b THEN 1 END, CAST(c AS int), trim(LEADING 'x' FROM d)\nFROM x\n  JOIN (SELECT 1) s ON true\nWHERE e IN (1, 2) AND NOT f LIKE 'x'\nORDER BY 1 DESC\nLIMIT 3",
    'EXPLAIN ANALYZE (SELECT 1) UNION (SELECT current_date, position(a IN b), substring(c FROM 1))',
    'SHOW COLUMNS FROM a.b.c',
    'SELECT sum(a) FILTER (WHERE b) IGNORE NULLS OVER (w PARTITION BY c ORDER BY d DESC\n  ROWS BETWEEN 1 + 1 PRECEDING AND UNBOUNDED FOLLOWING),\n  rank() OVER w\nFROM t\nWINDOW w AS (ORDER BY e RANGE CURRENT ROW), v AS ()',
  ])('point at the start of a token: %#', (sql) => {
    const starts = new Set(tokenize(sql).map((t) => key(t.span)));
    for (const node of nodesWithSpans(parseStatement(sql))) {
      expect(starts.has(key(node.span)), `${node.kind} at ${key(node.span)}`).toBe(true);
    }
  });

  it('are the first token of each node', () => {
    const sql = "SELECT a,\n  b + 1 AS x,\n  -c\nFROM s.t AS u\nWHERE d = 'x' AND e IS NULL";
    const statement = parseStatement(sql);
    expect(statement.kind).toBe('QueryStatement');
    if (statement.kind !== 'QueryStatement' || statement.query.body.kind !== 'QuerySpecification') return;
    const spec = statement.query.body;
    expect(statement.span).toEqual({ line: 1, column: 1 });
    expect(spec.select.map((s) => key(s.span))).toEqual(['1:8', '2:3', '3:3']);
    const second = spec.select[1];
    expect(second?.kind === 'SingleColumn' && key(second.alias!.span)).toBe('2:12');
    const from = spec.from[0];
    expect(from?.kind === 'Table' && [key(from.span), key(from.name.parts[1]!.span), key(from.alias!.span)]).toEqual(['4:6', '4:8', '4:13']);
    const where = spec.where;
    expect(where?.kind === 'Logical' && where.terms.map((t) => key(t.span))).toEqual(['5:7', '5:19']);
    expect(where?.kind === 'Logical' && where.terms[0]?.kind === 'Comparison' && key(where.terms[0].right.span)).toBe('5:11');
  });

  it('put window specifications at their parenthesis, frames at their unit, and bounds at their first token', () => {
    const sql =
      'SELECT sum(a) OVER (PARTITION BY b\n  ROWS BETWEEN UNBOUNDED PRECEDING AND c + 1 FOLLOWING),\n  rank() OVER w\nFROM t\nWINDOW w AS (ORDER BY d GROUPS CURRENT ROW)';
    const statement = parseStatement(sql);
    if (statement.kind !== 'QueryStatement' || statement.query.body.kind !== 'QuerySpecification') throw new Error('not a query');
    const spec = statement.query.body;
    const calls = spec.select.map((s) => (s.kind === 'SingleColumn' && s.expr.kind === 'FunctionCall' ? s.expr : null));
    const sum = calls[0]?.window;
    expect(sum && [key(sum.span), key(sum.partitionBy[0]!.span), key(sum.frame!.span)]).toEqual(['1:20', '1:34', '2:3']);
    expect(sum && [key(sum.frame!.start.span), key(sum.frame!.end!.span)]).toEqual(['2:16', '2:40']);
    const rank = calls[1]?.window;
    expect(rank && [key(rank.span), key(rank.existingName!.span)]).toEqual(['3:15', '3:15']);
    const named = spec.windows[0]!;
    expect([key(named.span), key(named.name.span), key(named.spec.span), key(named.spec.orderBy[0]!.span)]).toEqual(['5:8', '5:8', '5:13', '5:23']);
    expect([key(named.spec.frame!.span), key(named.spec.frame!.start.span)]).toEqual(['5:25', '5:32']);
  });

  it('put normalized calls at their keyword', () => {
    const statement = parseStatement("SELECT 1,\n position('a' IN s),\n  CURRENT_DATE");
    const spans = nodesWithSpans(statement).filter((n) => n.kind === 'FunctionCall').map((n) => key(n.span));
    expect(spans).toEqual(['2:2', '3:3']);
  });
});
