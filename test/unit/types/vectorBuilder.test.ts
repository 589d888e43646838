import { describe, expect, it } from 'vitest';
import { BIGINT, BOOLEAN, decimal, DOUBLE, INTEGER, VARCHAR } from '../../../src/types/sqlType.ts';
import type { Value } from '../../../src/types/value.ts';
import { VectorBuilder, vectorFromValues, vectorValues } from '../../../src/types/vector.ts';

const BEYOND_DOUBLE = 9007199254740993n; // 2^53 + 1: the first integer a double cannot hold

describe('VectorBuilder', () => {
  it('keeps exact numbers in doubles while they fit', () => {
    const v = vectorFromValues(BIGINT, [1n, null, -7, 9007199254740991n]);
    expect(v.storage).toBe('f64');
    expect(vectorValues(v)).toEqual([1n, null, -7n, 9007199254740991n]);
  });

  it.each([
    ['bigint first', [BEYOND_DOUBLE, 1n, null]],
    ['bigint after doubles and NULLs', [1n, null, 2n, BEYOND_DOUBLE, null, 3n]],
    ['negative bigint last', [null, 5n, -BEYOND_DOUBLE]],
  ])('moves to bigint storage without losing earlier rows (%s)', (_name, values) => {
    const v = vectorFromValues(decimal(38, 0), values);
    expect(v.storage).toBe('big');
    expect(vectorValues(v)).toEqual(values);
  });

  it('grows past its initial capacity with NULLs interleaved', () => {
    const b = new VectorBuilder(INTEGER, 1);
    const expected: Value[] = [];
    for (let i = 0; i < 1000; i++) {
      const v = i % 3 === 0 ? null : i;
      b.append(v);
      expected.push(v);
    }
    const v = b.finish();
    expect(v.storage).toBe('i32');
    expect(v.length).toBe(1000);
    expect(vectorValues(v)).toEqual(expected);
  });

  it('appendExactNumber after the switch to bigint still appends', () => {
    const b = new VectorBuilder(BIGINT, 2);
    b.appendExactNumber(1);
    b.append(BEYOND_DOUBLE);
    b.appendExactNumber(-2);
    expect(vectorValues(b.finish())).toEqual([1n, BEYOND_DOUBLE, -2n]);
  });

  it.each([
    [BOOLEAN, [true, null, false], 'bool'],
    [DOUBLE, [0.5, null, -1e300], 'f64'],
    [VARCHAR, ['a', null, ''], 'str'],
  ] as const)('builds %o vectors', (type, values, storage) => {
    const v = vectorFromValues(type, values);
    expect(v.storage).toBe(storage);
    expect(vectorValues(v)).toEqual(values);
  });
});
