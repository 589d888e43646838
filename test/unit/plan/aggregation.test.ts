import { describe, expect, it } from 'vitest';
import { SquallError } from '../../../src/errors.ts';
import { bindQuery } from '../../../src/plan/binder/queryBinder.ts';
import type { Metadata } from '../../../src/plan/binder/metadata.ts';
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

function bindError(sql: string): { code: string; at: string } {
  const stmt = parseStatement(sql);
  if (stmt.kind !== 'QueryStatement') throw new Error('not a query');
  try {
    bindQuery(stmt.query, metadata);
  } catch (err) {
    if (!(err instanceof SquallError)) throw err;
    return { code: err.code, at: err.span ? `${err.span.line}:${err.span.column}` : '' };
  }
  throw new Error(`bound without error: ${sql}`);
}

describe('aggregate analysis errors', () => {
  it('reports a nested aggregate at the outer call, as NESTED_AGGREGATION', () => {
    expect(bindError('SELECT k, max(sum(q)) FROM t GROUP BY k')).toEqual({ code: 'NESTED_AGGREGATION', at: '1:11' });
    expect(bindError('SELECT sum(abs(count(*))) FROM t')).toEqual({ code: 'NESTED_AGGREGATION', at: '1:8' });
  });

  it('keeps EXPRESSION_NOT_AGGREGATE for aggregates where none may be', () => {
    expect(bindError('SELECT k FROM t GROUP BY k, sum(q)').code).toBe('EXPRESSION_NOT_AGGREGATE');
    expect(bindError('SELECT k, q FROM t GROUP BY k')).toEqual({ code: 'EXPRESSION_NOT_AGGREGATE', at: '1:11' });
  });
});
