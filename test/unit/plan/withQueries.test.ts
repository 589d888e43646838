/** WITH queries in the binder: what a WITH query's body sees, and one subplan per WITH query. */
import { describe, expect, it } from 'vitest';
import type { SquallError } from '../../../src/errors.ts';
import { inputsOf, type LogicalPlan, type SharedNode } from '../../../src/plan/logical.ts';
import { bindSql } from '../../helpers/fakeMetadata.ts';

function sharedIn(p: LogicalPlan): SharedNode[] {
  return [...(p.kind === 'Shared' ? [p] : []), ...inputsOf(p).flatMap(sharedIn)];
}

function bindError(sql: string): SquallError {
  try {
    bindSql(sql);
  } catch (err) {
    return err as SquallError;
  }
  throw new Error('expected an error');
}

describe('WITH queries', () => {
  it('every reference to a WITH query is the same subplan, also from a subquery and from another WITH query', () => {
    const p = bindSql(`WITH a AS (SELECT l_orderkey AS k FROM lineitem), b AS (SELECT k FROM a)
      SELECT * FROM a, b WHERE a.k IN (SELECT k FROM a)`);
    const a = sharedIn(p).filter((s) => s.name === 'a');
    expect(a.length).toBe(3);
    expect(new Set(a.map((s) => s.id)).size).toBe(1);
    expect(new Set(a.map((s) => s.input)).size).toBe(1);
  });

  it('a WITH query sees the names around its WITH clause, not those where it is named', () => {
    // Inside the subquery `a` means events, but b's body still reads the outer a (lineitem).
    const p = bindSql(`WITH a AS (SELECT l_orderkey AS k FROM lineitem), b AS (SELECT k FROM a)
      SELECT * FROM (WITH a AS (SELECT 1 AS k FROM extra.events) SELECT k FROM b) t`);
    const tables = (q: LogicalPlan): string[] => [...(q.kind === 'TableScan' ? [q.table.table] : []), ...inputsOf(q).flatMap(tables)];
    expect(tables(p)).toEqual(['lineitem']);
  });

  it.each([
    ['a later WITH query', 'WITH b AS (SELECT * FROM a), a AS (SELECT 1 AS x) SELECT * FROM b', 1, 26],
    ['itself', 'WITH a AS (SELECT * FROM a) SELECT * FROM a', 1, 26],
  ])('a WITH query cannot read %s (as in Trino)', (_what, sql, line, column) => {
    const err = bindError(sql);
    expect(err.code).toBe('TABLE_NOT_FOUND');
    expect(err.span).toEqual({ line, column });
  });
});
