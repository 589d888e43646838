import { describe, expect, it } from 'vitest';
import { prepareKernel } from '../../../src/builtins/kernel.ts';
import {
  aggregateFunctionNames,
  getAggregateFunction,
  getScalarFunction,
  isAggregateFunction,
  scalarFunctionNames,
} from '../../../src/builtins/registry.ts';
import { BIGINT, DATE, INTEGER, VARCHAR } from '../../../src/types/sqlType.ts';
import { allRows, constVector, vectorValues, type Vector } from '../../../src/types/vector.ts';
import { vectorOf } from './helpers.ts';

describe('registry', () => {
  it.each([
    ['substring', 'substr'],
    ['ceil', 'ceiling'],
    ['pow', 'power'],
    ['day_of_month', 'day'],
    ['dow', 'day_of_week'],
    ['doy', 'day_of_year'],
  ])('%s is an alias of %s', (alias, name) => {
    expect(getScalarFunction(alias)).toBe(getScalarFunction(name));
    expect(getScalarFunction(alias)!.name).toBe(name);
  });

  it('aggregate aliases and lookups', () => {
    expect(getAggregateFunction('any_value')).toBe(getAggregateFunction('arbitrary'));
    expect(isAggregateFunction('SUM')).toBe(true);
    expect(isAggregateFunction('substr')).toBe(false);
    expect(getScalarFunction('sum')).toBeUndefined();
  });

  it('lists names for suggestions, operators included', () => {
    const names = scalarFunctionNames();
    for (const n of ['$add', '$eq', '$like', '$concat', '$is_distinct_from', 'substr', 'date_trunc', 'regexp_like', 'round']) {
      expect(names).toContain(n);
    }
    expect(aggregateFunctionNames()).toEqual(expect.arrayContaining(['count', 'count_if', 'sum', 'avg', 'min', 'max', 'bool_and', 'bool_or']));
  });

  it('every scalar definition has signatures and resolves its own name', () => {
    for (const n of scalarFunctionNames()) {
      const def = getScalarFunction(n)!;
      expect(def.signatures.length, n).toBeGreaterThan(0);
    }
  });
});

describe('kernel toolkit', () => {
  it('an empty selection computes nothing (no division by zero)', () => {
    const def = getScalarFunction('$divide')!;
    const k = def.kernel({ argTypes: [INTEGER, INTEGER], returnType: INTEGER });
    const out = k([constVector(INTEGER, 1, 3), constVector(INTEGER, 0, 3)], new Int32Array(0), 3);
    expect(out.length).toBe(3);
  });

  it('constant arguments give a constant result', () => {
    const k = getScalarFunction('$add')!.kernel({ argTypes: [INTEGER, INTEGER], returnType: INTEGER });
    const out = k([constVector(INTEGER, 1, 4), constVector(INTEGER, 2, 4)], allRows(4), 4);
    expect(out).toEqual(constVector(INTEGER, 3, 4));
  });

  it('a dictionary argument is evaluated once per used entry', () => {
    let rows = 0;
    const k = prepareKernel(VARCHAR, (args, sel, length) => {
      rows += sel.length;
      const v = args[0]!;
      const out: string[] = new Array<string>(length).fill('');
      for (const i of sel) out[i] = `<${vectorValues(v)[i] as string}>`;
      return { storage: 'str', type: VARCHAR, length, nulls: null, values: out };
    });
    const input = vectorOf(VARCHAR, ['a', 'b', 'a', null, 'a', 'b'], 'dict');
    const out = k([input], allRows(6), 6);
    expect(rows).toBe(2);
    expect(out.storage).toBe('dict');
    expect(vectorValues(out)).toEqual(['<a>', '<b>', '<a>', null, '<a>', '<b>']);
  });

  it('dictionary entries not used by selected rows are not evaluated (no spurious errors)', () => {
    const cast = getScalarFunction('$add')!.kernel({ argTypes: [INTEGER, INTEGER], returnType: INTEGER });
    const input: Vector = vectorOf(INTEGER, [1, 2147483647, 1], 'dict');
    const out = cast([input, constVector(INTEGER, 1, 3)], Int32Array.from([0, 2]), 3);
    expect([0, 2].map((i) => vectorValues(out)[i])).toEqual([2, 2]);
  });

  it('fixed-width results of dictionary evaluation are expanded by codes', () => {
    const year = getScalarFunction('year')!;
    const k = year.kernel({ argTypes: [DATE], returnType: BIGINT });
    const out = k([vectorOf(DATE, [0, 365, 0, null], 'dict')], allRows(4), 4);
    expect(out.storage).toBe('f64');
    expect(vectorValues(out)).toEqual([1970n, 1971n, 1970n, null]);
  });
});
