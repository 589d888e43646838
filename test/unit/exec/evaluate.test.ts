/** The evaluator's special forms: three-valued logic, laziness of AND/CASE/COALESCE, IN with NULLs. */
import { describe, expect, it } from 'vitest';
import { compileExpr, compileExprs, evaluateConstant } from '../../../src/exec/evaluate.ts';
import { column, literal, type BoundExpr } from '../../../src/plan/expr.ts';
import { BOOLEAN, INTEGER, VARCHAR, decimal } from '../../../src/types/sqlType.ts';
import type { Value } from '../../../src/types/value.ts';
import { allRows, vectorFromValues, vectorValues, type Batch } from '../../../src/types/vector.ts';

const T = literal(true, BOOLEAN);
const F = literal(false, BOOLEAN);
const N = literal(null, BOOLEAN);
const bool = (v: boolean | null): BoundExpr => (v === null ? N : v ? T : F);
const call = (name: string, args: BoundExpr[], type = BOOLEAN): BoundExpr => ({ kind: 'call', name, args, type });

function run(e: BoundExpr, batch: Batch): Value[] {
  return vectorValues(compileExpr(e)(batch, allRows(batch.length)));
}

describe('three-valued logic', () => {
  const values = [true, false, null] as const;
  const and = (a: boolean | null, b: boolean | null): boolean | null => (a === false || b === false ? false : a === null || b === null ? null : true);
  const or = (a: boolean | null, b: boolean | null): boolean | null => (a === true || b === true ? true : a === null || b === null ? null : false);
  for (const a of values) {
    for (const b of values) {
      it(`${a} AND ${b} = ${and(a, b)}, ${a} OR ${b} = ${or(a, b)}`, () => {
        expect(evaluateConstant({ kind: 'and', args: [bool(a), bool(b)], type: BOOLEAN })).toBe(and(a, b));
        expect(evaluateConstant({ kind: 'or', args: [bool(a), bool(b)], type: BOOLEAN })).toBe(or(a, b));
      });
    }
    it(`NOT ${a} and ${a} IS NULL`, () => {
      expect(evaluateConstant({ kind: 'not', operand: bool(a), type: BOOLEAN })).toBe(a === null ? null : !a);
      expect(evaluateConstant({ kind: 'isNull', operand: bool(a), type: BOOLEAN })).toBe(a === null);
    });
  }
});

describe('laziness', () => {
  // x = [0, 2, 4, NULL]; y = [5, 8, 9, 1]
  const batch: Batch = {
    length: 4,
    columns: [vectorFromValues(INTEGER, [0, 2, 4, null]), vectorFromValues(INTEGER, [5, 8, 9, 1])],
  };
  const x = column(0, INTEGER, 'x');
  const y = column(1, INTEGER, 'y');
  const zero = literal(0, INTEGER);
  const divide = call('$divide', [y, x], INTEGER);

  it('AND evaluates its right side only where the left is not FALSE', () => {
    // x <> 0 AND y / x > 1: no division by zero on row 0.
    const e: BoundExpr = { kind: 'and', args: [call('$ne', [x, zero]), call('$gt', [divide, literal(1, INTEGER)])], type: BOOLEAN };
    expect(run(e, batch)).toEqual([false, true, true, null]);
  });

  it('CASE evaluates a branch only on the rows that reach it', () => {
    const e: BoundExpr = { kind: 'case', whens: [{ when: call('$eq', [x, zero]), then: literal(-1, INTEGER) }], else: divide, type: INTEGER };
    expect(run(e, batch)).toEqual([-1, 4, 2, null]);
  });

  it('COALESCE evaluates later arguments only where earlier ones are NULL', () => {
    const e: BoundExpr = { kind: 'coalesce', args: [x, call('$divide', [y, zero], INTEGER)], type: INTEGER };
    expect(() => run(e, batch)).toThrow(/Division by zero/);
    const safe: BoundExpr = { kind: 'coalesce', args: [x, y], type: INTEGER };
    expect(run(safe, batch)).toEqual([0, 2, 4, 1]);
  });

  it('the division itself still fails where a row reaches it', () => {
    expect(() => run(divide, batch)).toThrow(/Division by zero/);
  });
});

describe('IN', () => {
  const batch: Batch = { length: 4, columns: [vectorFromValues(VARCHAR, ['a', 'b', null, 'd'])] };
  const s = column(0, VARCHAR);
  const lit = (v: string | null): BoundExpr => literal(v, VARCHAR);
  it('is NULL when not found and the list holds a NULL, NULL for a NULL operand', () => {
    expect(run({ kind: 'in', operand: s, list: [lit('a'), lit('c')], type: BOOLEAN }, batch)).toEqual([true, false, null, false]);
    expect(run({ kind: 'in', operand: s, list: [lit('a'), lit(null)], type: BOOLEAN }, batch)).toEqual([true, null, null, null]);
  });
  it('matches exact numbers whatever their storage', () => {
    const d = { length: 3, columns: [vectorFromValues(decimal(10, 2), [150n, 250n, null])] };
    const e: BoundExpr = { kind: 'in', operand: column(0, decimal(10, 2)), list: [literal(250n, decimal(10, 2))], type: BOOLEAN };
    expect(run(e, d)).toEqual([false, true, null]);
  });
});

describe('shared subexpressions', () => {
  it('compile to one node whose result is reused for the same batch and selection only', () => {
    const batch: Batch = { length: 3, columns: [vectorFromValues(INTEGER, [1, 2, 3])] };
    const x = column(0, INTEGER);
    const twice = call('$multiply', [x, literal(2, INTEGER)], INTEGER);
    const plusOne = call('$add', [twice, literal(1, INTEGER)], INTEGER);
    const [outer, inner, again] = compileExprs([plusOne, twice, twice]);
    expect(inner).toBe(again);
    const sel = allRows(3);
    expect(vectorValues(outer!(batch, sel))).toEqual([3, 5, 7]);
    const first = inner!(batch, sel);
    expect(vectorValues(first)).toEqual([2, 4, 6]);
    expect(again!(batch, sel)).toBe(first);
    // Another selection is another computation.
    const fewer = Int32Array.from([0, 2]);
    expect(inner!(batch, fewer)).not.toBe(first);
  });
});

describe('filters', () => {
  it('keep exactly the rows where a conjunction is TRUE, fused range or not', async () => {
    const { compileFilter, filterSteps } = await import('../../../src/exec/filter.ts');
    const values = [1, 5, null, 9, 10, 11, -3];
    const batch: Batch = { length: values.length, columns: [vectorFromValues(INTEGER, values), vectorFromValues(INTEGER, [1, 1, 1, 0, 1, 1, 1])] };
    const x = column(0, INTEGER);
    const y = column(1, INTEGER);
    const ge5 = call('$ge', [x, literal(5, INTEGER)]);
    const lt11 = call('$lt', [literal(11, INTEGER), x]); // 11 < x, mirrored: x > 11
    const le10 = call('$le', [x, literal(10, INTEGER)]);
    const yIs1 = call('$eq', [y, literal(1, INTEGER)]);
    const run = (e: BoundExpr): number[] => Array.from(compileFilter(e)(batch, allRows(batch.length)));
    const range: BoundExpr = { kind: 'and', args: [ge5, le10, yIs1], type: BOOLEAN };
    expect(filterSteps(range)).toHaveLength(2); // [ge5 AND le10] fused, then y = 1
    expect(run(range)).toEqual([1, 4]); // 5 and 10 (9 has y = 0; NULL never passes)
    expect(run({ kind: 'and', args: [ge5, lt11], type: BOOLEAN })).toEqual([]);
    expect(run(lt11)).toEqual([]);
    expect(run(call('$gt', [literal(10, INTEGER), x]))).toEqual([0, 1, 3, 6]);

    // Without NULLs the fused pair is one typed-array pass: same answers, bounds included or not.
    const dense: Batch = { length: 6, columns: [vectorFromValues(INTEGER, [4, 5, 7, 10, 11, 5])] };
    const runDense = (e: BoundExpr): number[] => Array.from(compileFilter(e)(dense, allRows(dense.length)));
    expect(runDense({ kind: 'and', args: [ge5, le10], type: BOOLEAN })).toEqual([1, 2, 3, 5]);
    const gt5: BoundExpr = call('$gt', [x, literal(5, INTEGER)]);
    const lt10: BoundExpr = call('$lt', [x, literal(10, INTEGER)]);
    expect(runDense({ kind: 'and', args: [lt10, gt5], type: BOOLEAN })).toEqual([2]);
  });
});
