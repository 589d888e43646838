/** Ordering rules (Trino's): NULLS FIRST/LAST, DESC, code point order for strings, NaN above all. */
import { describe, expect, it } from 'vitest';
import { compareStrings, sortBatch, TopNBuffer } from '../../../src/exec/sort.ts';
import { column } from '../../../src/plan/expr.ts';
import type { SortKey } from '../../../src/plan/logical.ts';
import { DOUBLE, INTEGER, VARCHAR, type SqlType } from '../../../src/types/sqlType.ts';
import type { Value } from '../../../src/types/value.ts';
import { allRows, vectorFromValues, vectorValues, type Batch } from '../../../src/types/vector.ts';

const key = (index: number, type: SqlType, ascending = true, nullsFirst = false): SortKey => ({
  expr: column(index, type),
  ascending,
  nullsFirst,
});

function sorted(values: Value[], type: SqlType, ascending: boolean, nullsFirst: boolean): Value[] {
  const batch: Batch = { length: values.length, columns: [vectorFromValues(type, values)] };
  return vectorValues(sortBatch(batch, [key(0, type, ascending, nullsFirst)]).columns[0]!);
}

describe('sort', () => {
  it.each([
    [true, false, [1, 2, 3, null]],
    [true, true, [null, 1, 2, 3]],
    [false, false, [3, 2, 1, null]],
    [false, true, [null, 3, 2, 1]],
  ])('ascending=%s nullsFirst=%s', (asc, nullsFirst, expected) => {
    expect(sorted([2, null, 3, 1], INTEGER, asc, nullsFirst)).toEqual(expected);
  });

  it('puts NaN above +Infinity', () => {
    expect(sorted([Number.NaN, Number.POSITIVE_INFINITY, -1, 0], DOUBLE, true, false)).toEqual([-1, 0, Number.POSITIVE_INFINITY, Number.NaN]);
  });

  it('orders strings by code point, not UTF-16 unit', () => {
    // U+FF21 (fullwidth A) sorts before U+1F600 (an emoji, a surrogate pair in UTF-16).
    expect(compareStrings('\uFF21', '\u{1F600}')).toBeLessThan(0);
    expect(sorted(['\u{1F600}', '\uFF21', 'b', 'a'], VARCHAR, true, false)).toEqual(['a', 'b', '\uFF21', '\u{1F600}']);
  });

  it('is stable and breaks ties with later keys', () => {
    const batch: Batch = {
      length: 5,
      columns: [vectorFromValues(INTEGER, [1, 2, 1, 2, 1]), vectorFromValues(VARCHAR, ['c', 'a', 'a', 'b', 'b'])],
    };
    const out = sortBatch(batch, [key(0, INTEGER, false), key(1, VARCHAR)]);
    expect(out.columns.map(vectorValues)).toEqual([
      [2, 2, 1, 1, 1],
      ['a', 'b', 'a', 'b', 'c'],
    ]);
  });
});

describe('TopNBuffer', () => {
  it('keeps the best rows of a stream, across many batches', () => {
    const buffer = new TopNBuffer([key(0, INTEGER, false)], 5, 1);
    const all: number[] = [];
    for (let b = 0; b < 40; b++) {
      const values = Array.from({ length: 500 }, (_x, i) => (i * 7919 + b * 104729) % 100_003);
      all.push(...values);
      const batch: Batch = { length: values.length, columns: [vectorFromValues(INTEGER, values)] };
      buffer.add(batch, allRows(values.length));
    }
    const best = all.sort((a, b) => b - a).slice(0, 5);
    expect(vectorValues(buffer.result().columns[0]!)).toEqual(best);
  });

  it('with count 0 keeps nothing', () => {
    const buffer = new TopNBuffer([key(0, INTEGER)], 0, 1);
    buffer.add({ length: 2, columns: [vectorFromValues(INTEGER, [1, 2])] }, allRows(2));
    expect(buffer.result().length).toBe(0);
  });
});
