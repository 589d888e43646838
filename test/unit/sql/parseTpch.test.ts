import { describe, expect, it } from 'vitest';
import type { Query, QuerySpecification } from '../../../src/sql/ast.ts';
import { parseStatement } from '../../../src/sql/parser.ts';
import { printStatement } from './printAst.ts';
import { TPCH_Q1, TPCH_Q13, TPCH_Q22, TPCH_Q6, TPCH_Q8 } from './tpchQueries.ts';

function query(sql: string): Query {
  const statement = parseStatement(sql);
  if (statement.kind !== 'QueryStatement') throw new Error(`not a query: ${statement.kind}`);
  return statement.query;
}

function specification(q: Query): QuerySpecification {
  if (q.body.kind !== 'QuerySpecification') throw new Error(`not a specification: ${q.body.kind}`);
  return q.body;
}

describe('TPC-H', () => {
  it('parses Q1', () => {
    expect(printStatement(parseStatement(TPCH_Q1))).toBe(
      '(query (select [l_returnflag l_linestatus (as (call sum l_quantity) sum_qty) ' +
        '(as (call sum l_extendedprice) sum_base_price) ' +
        '(as (call sum (* l_extendedprice (- 1 l_discount))) sum_disc_price) ' +
        '(as (call sum (* (* l_extendedprice (- 1 l_discount)) (+ 1 l_tax))) sum_charge) ' +
        '(as (call avg l_quantity) avg_qty) (as (call avg l_extendedprice) avg_price) ' +
        '(as (call avg l_discount) avg_disc) (as (call count *) count_order)] ' +
        "(from lineitem) (where (<= l_shipdate (- (date '1998-12-01') (interval '90' day)))) " +
        '(group l_returnflag l_linestatus)) (order l_returnflag l_linestatus))',
    );
  });

  it('parses Q1 with the plain interval too', () => {
    const plain = TPCH_Q1.replace("day (3)", 'day');
    expect(printStatement(parseStatement(plain))).toBe(printStatement(parseStatement(TPCH_Q1)));
  });

  it('parses Q6', () => {
    expect(printStatement(parseStatement(TPCH_Q6))).toBe(
      '(select [(as (call sum (* l_extendedprice l_discount)) revenue)] (from lineitem) (where (and ' +
        "(>= l_shipdate (date '1994-01-01')) " +
        "(< l_shipdate (+ (date '1994-01-01') (interval '1' year))) " +
        '(between l_discount (- (decimal .06) (decimal 0.01)) (+ (decimal .06) (decimal 0.01))) ' +
        '(< l_quantity 24))))',
    );
  });

  it('keeps the positions of Q1 and Q6 as written', () => {
    const q1 = specification(query(TPCH_Q1));
    expect(q1.where?.span).toEqual({ line: 15, column: 2 });
    expect(q1.groupBy.map((g) => g.span)).toEqual([{ line: 17, column: 2 }, { line: 18, column: 2 }]);
    // Tabs count as one column.
    expect(q1.select[9]?.span).toEqual({ line: 11, column: 2 });
    const q6 = specification(query(TPCH_Q6));
    expect(q6.where?.kind === 'Logical' && q6.where.terms.map((t) => t.span)).toEqual([
      { line: 6, column: 2 },
      { line: 7, column: 6 },
      { line: 8, column: 6 },
      { line: 9, column: 6 },
    ]);
  });

  it('parses Q8: EXTRACT, CASE and a derived table over a comma join', () => {
    const q8 = specification(query(TPCH_Q8));
    const derived = q8.from[0];
    expect(derived?.kind === 'SubqueryRelation' && derived.alias?.value).toBe('all_nations');
    const inner = derived?.kind === 'SubqueryRelation' ? specification(derived.query) : null;
    expect(inner?.from).toHaveLength(8);
    expect(printStatement(parseStatement('SELECT extract(year from o_orderdate)'))).toBe('(select [(extract YEAR o_orderdate)])');
  });

  it('parses Q13: LEFT OUTER JOIN and column aliases on a derived table', () => {
    const q13 = specification(query(TPCH_Q13));
    const derived = q13.from[0];
    expect(derived?.kind).toBe('SubqueryRelation');
    if (derived?.kind !== 'SubqueryRelation') return;
    expect(derived.columnAliases?.map((c) => c.value)).toEqual(['c_custkey', 'c_count']);
    const join = specification(derived.query).from[0];
    expect(join?.kind === 'Join' && join.type).toBe('LEFT');
  });

  it('parses Q22: substring FROM FOR, IN lists, scalar and EXISTS subqueries', () => {
    const text = printStatement(parseStatement(TPCH_Q22));
    expect(text).toContain("(in (call substring c_phone 1 2) ('13' '31' '23' '29' '30' '18' '17'))");
    expect(text).toContain('(> c_acctbal (subquery (select [(call avg c_acctbal)]');
    expect(text).toContain('(not (exists (select [*] (from orders) (where (= o_custkey c_custkey)))))');
  });
});
