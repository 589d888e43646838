import { describe, expect, it } from 'vitest';
import { SquallError } from '../../../src/errors.ts';
import { bindQuery } from '../../../src/plan/binder/queryBinder.ts';
import type { Metadata } from '../../../src/plan/binder/metadata.ts';
import { referencedColumns } from '../../../src/plan/expr.ts';
import type { LogicalPlan } from '../../../src/plan/logical.ts';
import { parseStatement } from '../../../src/sql/parser.ts';
import { BIGINT, decimal } from '../../../src/types/sqlType.ts';

const metadata: Metadata = {
  defaultCatalog: 'lake',
  defaultSchema: 's',
  table: (ref) => ({
    ref,
    columns: [
      { name: 'k', type: BIGINT, partition: false },
      { name: 'q', type: decimal(15, 2), partition: false },
    ],
  }),
};

function bind(sql: string): LogicalPlan {
  const stmt = parseStatement(sql);
  if (stmt.kind !== 'QueryStatement') throw new Error('not a query');
  return bindQuery(stmt.query, metadata);
}

/** The table columns (0 = k, 1 = q) the hidden ORDER BY expression reads. */
function sortExpressionColumns(sql: string): number[] {
  let node: LogicalPlan = bind(sql);
  while (node.kind !== 'Sort') {
    if (!('input' in node)) throw new Error('no Sort');
    node = node.input;
  }
  const project = node.input;
  if (project.kind !== 'Project') throw new Error('no Project under the Sort');
  const key = project.exprs[node.keys[0]!.expr.index]!;
  return [...referencedColumns(key)].sort();
}

describe('ORDER BY over output aliases', () => {
  it('reads an alias inside an expression as the output it names, ahead of an input column', () => {
    expect(sortExpressionColumns('SELECT q AS p FROM t ORDER BY -p')).toEqual([1]);
    expect(sortExpressionColumns('SELECT k AS q FROM t ORDER BY q + 1')).toEqual([0]);
    expect(sortExpressionColumns('SELECT k AS a FROM t ORDER BY q + 1')).toEqual([1]);
  });

  it('resolves aliases of aggregates and group keys', () => {
    expect(() => bind('SELECT k AS g, sum(q) AS s FROM t GROUP BY k ORDER BY s * -1, g + 1')).not.toThrow();
  });

  it('rejects an alias naming two different outputs, not one output named twice', () => {
    let code = '';
    try {
      bind('SELECT k AS a, q AS a FROM t ORDER BY a + 1');
    } catch (err) {
      code = err instanceof SquallError ? err.code : 'other';
    }
    expect(code).toBe('AMBIGUOUS_NAME');
    expect(() => bind('SELECT k, k FROM t ORDER BY k + 1')).not.toThrow();
  });
});
