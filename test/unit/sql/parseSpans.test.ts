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
    if ('span' in record) out.push({ kind: String(record.kind ?? 'WhenClause'), span: record.span as Span });
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

  it('put normalized calls at their keyword', () => {
    const statement = parseStatement("SELECT 1,\n position('a' IN s),\n  CURRENT_DATE");
    const spans = nodesWithSpans(statement).filter((n) => n.kind === 'FunctionCall').map((n) => key(n.span));
    expect(spans).toEqual(['2:2', '3:3']);
  });
});
