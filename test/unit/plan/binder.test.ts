/**
 * The binder, data-driven: SQL → output columns with their Trino types, or the error code and
 * position. Tables come from a fixed in-memory metadata (no files).
 */
import { describe, expect, it } from 'vitest';
import type { SquallError } from '../../../src/errors.ts';
import { bindQuery } from '../../../src/plan/binder/queryBinder.ts';
import { inputsOf, type JoinNode, type LogicalPlan } from '../../../src/plan/logical.ts';
import { parseStatement } from '../../../src/sql/parser.ts';
import { formatType } from '../../../src/types/sqlType.ts';
import { metadata } from '../../helpers/fakeMetadata.ts';

function bind(sql: string): LogicalPlan {
  const stmt = parseStatement(sql);
  if (stmt.kind !== 'QueryStatement') throw new Error('expected a query');
  return bindQuery(stmt.query, metadata);
}

function outputs(sql: string): string {
  return bind(sql)
    .output.map((c) => `${c.name} ${formatType(c.type)}`)
    .join(', ');
}

describe('binder: output names and types', () => {
  it.each([
    ['SELECT l_orderkey, l_quantity FROM lineitem', 'l_orderkey bigint, l_quantity decimal(15,2)'],
    ['SELECT * FROM extra.events', 'ts timestamp(6), score double, ok boolean, day date'],
    ['SELECT e.* FROM lake.extra.events e', 'ts timestamp(6), score double, ok boolean, day date'],
    ['SELECT 1, 2.50, 1e3, \'abc\', NULL', '_col0 integer, _col1 decimal(3,2), _col2 double, _col3 varchar(3), _col4 unknown'],
    ['SELECT 2147483648, -2147483648', '_col0 bigint, _col1 integer'],
    ['SELECT l_quantity * l_discount AS x FROM lineitem', 'x decimal(30,4)'],
    ['SELECT l_extendedprice * (1 - l_discount) FROM lineitem', '_col0 decimal(31,4)'],
    ['SELECT l_quantity / 3 FROM lineitem', '_col0 decimal(15,2)'],
    ['SELECT l_linenumber / 2, l_linenumber % 2, -l_linenumber FROM lineitem', '_col0 integer, _col1 integer, _col2 integer'],
    ['SELECT sum(l_quantity), avg(l_quantity), count(*), count(l_tax), min(l_shipdate) FROM lineitem', '_col0 decimal(38,2), _col1 decimal(15,2), _col2 bigint, _col3 bigint, _col4 date'],
    ['SELECT avg(l_linenumber), sum(l_linenumber) FROM lineitem', '_col0 double, _col1 bigint'],
    ['SELECT count(DISTINCT l_returnflag) FROM lineitem', '_col0 bigint'],
    ["SELECT l_shipdate + INTERVAL '3' DAY, l_shipdate - INTERVAL '1' MONTH FROM lineitem", '_col0 date, _col1 date'],
    ["SELECT DATE '1998-12-01', TIMESTAMP '2020-01-02 03:04:05.123' FROM lineitem", '_col0 date, _col1 timestamp(3)'],
    ['SELECT CASE WHEN l_linenumber > 1 THEN l_quantity ELSE 0 END FROM lineitem', '_col0 decimal(15,2)'],
    ['SELECT coalesce(l_linenumber, l_orderkey), nullif(l_linenumber, 3) FROM lineitem', '_col0 bigint, _col1 integer'],
    ['SELECT CAST(l_quantity AS integer), TRY_CAST(l_comment AS date) FROM lineitem', '_col0 integer, _col1 date'],
    ["SELECT l_returnflag || '-' FROM lineitem", '_col0 varchar'],
    ['SELECT year(l_shipdate), extract(MONTH FROM l_shipdate) FROM lineitem', '_col0 bigint, _col1 bigint'],
    ['SELECT l_returnflag AS flag, count(*) c FROM lineitem GROUP BY 1 HAVING count(*) > 2 ORDER BY c DESC', 'flag varchar, c bigint'],
    ['SELECT DISTINCT l_returnflag FROM lineitem ORDER BY l_returnflag', 'l_returnflag varchar'],
    ['SELECT x + 1 FROM (SELECT l_linenumber AS x FROM lineitem) t', '_col0 integer'],
    ['WITH t(a) AS (SELECT l_linenumber FROM lineitem) SELECT max(a) FROM t', '_col0 integer'],
    ['SELECT avg(s) FROM (SELECT l_returnflag, sum(l_quantity) s FROM lineitem GROUP BY l_returnflag)', '_col0 decimal(38,2)'],
    ['SELECT l_orderkey FROM lineitem ORDER BY l_shipdate LIMIT 3', 'l_orderkey bigint'],
    // VALUES: each column the common super type of its rows.
    ["VALUES (1, 'a', 2.5), (2, 'bcd', 3), (NULL, NULL, NULL)", '_col0 integer, _col1 varchar(3), _col2 decimal(11,1)'],
    ['VALUES 1, 2147483648', '_col0 bigint'],
    ["SELECT * FROM (VALUES (DATE '2020-01-01', 1.50), (NULL, 10)) AS t (d, v)", 'd date, v decimal(12,2)'],
    ['VALUES 1 UNION ALL SELECT l_orderkey FROM lineitem', '_col0 bigint'],
    ["WITH t (a, b) AS (VALUES (1, 'x')) SELECT b, a FROM t", 'b varchar(1), a integer'],
    // EXISTS / IN as values, a correlated count.
    ['SELECT l_orderkey IN (SELECT l_orderkey FROM lineitem), EXISTS (SELECT * FROM lineitem b WHERE b.l_orderkey = a.l_orderkey) FROM lineitem a', '_col0 boolean, _col1 boolean'],
    ['SELECT (SELECT count(*) FROM lineitem b WHERE b.l_orderkey = a.l_orderkey) FROM lineitem a', '_col0 bigint'],
  ])('%s', (sql, expected) => {
    expect(outputs(sql)).toBe(expected);
  });
});

describe('binder: plan shape', () => {
  it('keeps aggregate inputs as projected columns and reuses identical aggregates', () => {
    const plan = bind('SELECT sum(l_quantity), sum(l_quantity) + 1, avg(l_quantity * 2) FROM lineitem');
    let node: LogicalPlan = plan;
    while (node.kind !== 'Aggregate') node = (node as { input: LogicalPlan }).input;
    expect(node.aggregates.map((a) => a.name)).toEqual(['sum', 'avg']);
    expect(node.input.kind).toBe('Project');
  });

  it('carries an ORDER BY input expression as a hidden column and drops it afterwards', () => {
    const plan = bind('SELECT l_orderkey FROM lineitem ORDER BY l_shipdate DESC NULLS FIRST');
    expect(plan.kind).toBe('Project');
    expect(plan.output.map((c) => c.name)).toEqual(['l_orderkey']);
    const sort = (plan as { input: LogicalPlan }).input;
    expect(sort.kind).toBe('Sort');
    if (sort.kind === 'Sort') expect(sort.keys[0]).toMatchObject({ ascending: false, nullsFirst: true });
  });

  it('plans IN as a value as a null-aware mark join, its comparison the first key', () => {
    const join = findJoin(bind('SELECT a.l_linenumber NOT IN (SELECT b.l_linenumber FROM lineitem b WHERE b.l_orderkey = a.l_orderkey) FROM lineitem a'));
    expect(join).toMatchObject({ type: 'mark', nullAware: true });
    expect(join.leftKeys.map((k) => formatType(k.type))).toEqual(['integer', 'bigint']);
    expect(join.output.at(-1)).toEqual({ name: '$mark', type: { kind: 'boolean' } });
  });

  it('plans EXISTS in an OR branch as a mark join that is not null-aware', () => {
    const join = findJoin(bind('SELECT a.l_orderkey FROM lineitem a WHERE a.l_tax > 0 OR EXISTS (SELECT * FROM lineitem b WHERE b.l_orderkey = a.l_orderkey)'));
    expect(join).toMatchObject({ type: 'mark', nullAware: false });
  });

  it('adds the correlation keys of a correlated IN to the semi join, after the IN key', () => {
    const join = findJoin(bind('SELECT a.l_orderkey FROM lineitem a WHERE a.l_linenumber IN (SELECT b.l_linenumber FROM lineitem b WHERE b.l_orderkey = a.l_orderkey)'));
    expect(join).toMatchObject({ type: 'semi', nullAware: false });
    expect(join.leftKeys).toHaveLength(2);
  });

  it('wraps a correlated count in coalesce(…, 0) above the left join', () => {
    const plan = bind('SELECT (SELECT count(*) FROM lineitem b WHERE b.l_orderkey = a.l_orderkey) FROM lineitem a');
    const join = findJoin(plan);
    expect(join.type).toBe('left');
    expect(join.right.kind).toBe('Aggregate');
    if (plan.kind !== 'Project') throw new Error(`expected Project, got ${plan.kind}`);
    // The subquery's value, above the join: coalesce(count, 0).
    let value = plan.exprs[0]!;
    let node = plan.input;
    while (value.kind === 'column' && node.kind === 'Project') {
      value = node.exprs[value.index]!;
      node = node.input;
    }
    expect(value).toMatchObject({ kind: 'coalesce', args: [{ kind: 'column' }, { kind: 'literal', value: 0n }] });
  });

  it('defaults to NULLS LAST in both directions, as Trino does', () => {
    const plan = bind('SELECT l_orderkey FROM lineitem ORDER BY 1 DESC');
    if (plan.kind !== 'Sort') throw new Error(`expected Sort, got ${plan.kind}`);
    expect(plan.keys[0]).toMatchObject({ ascending: false, nullsFirst: false });
  });
});

function findJoin(plan: LogicalPlan): JoinNode {
  if (plan.kind === 'Join') return plan;
  for (const input of inputsOf(plan)) {
    try {
      return findJoin(input);
    } catch {
      // not below this input
    }
  }
  throw new Error('no join');
}

function bindError(sql: string): SquallError {
  try {
    bind(sql);
  } catch (err) {
    return err as SquallError;
  }
  throw new Error(`expected an error for: ${sql}`);
}

describe('binder: errors name what is wrong and where', () => {
  it.each([
    ['SELECT nope FROM lineitem', 'COLUMN_NOT_FOUND', 1, 8, "Column 'nope' cannot be resolved"],
    ['SELECT l_quantty FROM lineitem', 'COLUMN_NOT_FOUND', 1, 8, "did you mean 'l_quantity'"],
    ['SELECT t.l_tax FROM lineitem x', 'COLUMN_NOT_FOUND', 1, 8, "Column 't.l_tax' cannot be resolved"],
    ['SELECT * FROM nothing', 'TABLE_NOT_FOUND', 1, 15, "Table 'lake.tpch.nothing' does not exist"],
    ['SELECT foo(l_tax) FROM lineitem', 'FUNCTION_NOT_FOUND', 1, 8, "Function 'foo' not registered"],
    ['SELECT uper(l_comment) FROM lineitem', 'FUNCTION_NOT_FOUND', 1, 8, "did you mean 'upper'"],
    ["SELECT l_comment + 1 FROM lineitem", 'TYPE_MISMATCH', 1, 18, 'Cannot apply operator: varchar + integer'],
    ["SELECT * FROM lineitem WHERE l_shipdate = '1998-01-01'", 'TYPE_MISMATCH', 1, 41, 'Cannot apply operator: date = varchar(10)'],
    ['SELECT * FROM lineitem WHERE l_linenumber', 'TYPE_MISMATCH', 1, 30, 'WHERE clause must evaluate to a boolean'],
    ['SELECT abs(l_comment) FROM lineitem', 'TYPE_MISMATCH', 1, 8, 'Unexpected parameters (varchar) for function abs'],
    ['SELECT l_tax, count(*) FROM lineitem GROUP BY l_returnflag', 'EXPRESSION_NOT_AGGREGATE', 1, 8, "'l_tax' must be an aggregate expression or appear in GROUP BY clause"],
    ['SELECT sum(max(l_tax)) FROM lineitem', 'NESTED_AGGREGATION', 1, 8, "Cannot nest aggregations inside aggregation 'sum'"],
    ['SELECT * FROM lineitem WHERE sum(l_tax) > 1', 'EXPRESSION_NOT_AGGREGATE', 1, 30, 'WHERE clause cannot contain aggregations'],
    ['SELECT l_tax FROM lineitem ORDER BY 2', 'INVALID_COLUMN_REFERENCE', 1, 37, 'ORDER BY position 2 is not in select list'],
    ['SELECT l_tax FROM lineitem GROUP BY 0', 'INVALID_COLUMN_REFERENCE', 1, 37, 'GROUP BY position 0 is not in select list'],
    ['SELECT DISTINCT l_tax FROM lineitem ORDER BY l_orderkey', 'EXPRESSION_NOT_AGGREGATE', 1, 46, 'For SELECT DISTINCT, ORDER BY expressions must appear in select list'],
    ["SELECT DATE '1998-02-30' FROM lineitem", 'INVALID_LITERAL', 1, 8, "'1998-02-30' is not a valid DATE literal"],
    ['SELECT 99999999999999999999 FROM lineitem', 'INVALID_LITERAL', 1, 8, 'Invalid numeric literal'],
    ['SELECT CAST(l_shipdate AS boolean) FROM lineitem', 'TYPE_MISMATCH', 1, 8, 'Cannot cast date to boolean'],
    ['SELECT l_tax FROM lineitem a, lineitem b', 'AMBIGUOUS_NAME', 1, 8, "Column 'l_tax' is ambiguous"],
    ['SELECT 1 UNION SELECT 1, 2', 'TYPE_MISMATCH', 1, 1, 'different number of fields'],
    ["VALUES (1, 'a'), (2)", 'TYPE_MISMATCH', 1, 1, 'Values rows have mismatched types: row(integer, varchar(1)) vs row(integer)'],
    ["SELECT * FROM (VALUES 1, 'a') t", 'TYPE_MISMATCH', 1, 16, 'Values rows have mismatched types: row(integer) vs row(varchar(1))'],
    ['SELECT * FROM (VALUES (1, 2)) AS t (a)', 'TYPE_MISMATCH', 1, 15, "Column alias list has 1 entries but 't' has 2 columns available"],
    ['SELECT * FROM (VALUES (l_tax)) t', 'COLUMN_NOT_FOUND', 1, 24, "Column 'l_tax' cannot be resolved"],
  ])('%s → %s', (sql, code, line, column, message) => {
    const err = bindError(sql);
    expect(err.code).toBe(code);
    expect(err.span).toEqual({ line, column });
    expect(err.message).toContain(message);
  });
});
