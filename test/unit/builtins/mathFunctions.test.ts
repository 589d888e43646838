import { describe, expect, it } from 'vitest';
import { BIGINT, DOUBLE, INTEGER, REAL, SMALLINT, TINYINT, decimal, formatType, type SqlType } from '../../../src/types/sqlType.ts';
import type { Value } from '../../../src/types/value.ts';
import { call, callError, type Arg } from './helpers.ts';

const a = (type: SqlType, value: Value): Arg => ({ type, value });
const d = (p: number, s: number, v: bigint): Arg => a(decimal(p, s), v);
const int = (v: number): Arg => a(INTEGER, v);
const dbl = (v: number): Arg => a(DOUBLE, v);

describe('math functions: values and result types', () => {
  const cases: Array<[string, Arg[], Value, string]> = [
    ['abs', [int(-5)], 5, 'integer'],
    ['abs', [a(BIGINT, -(2n ** 60n))], 2n ** 60n, 'bigint'],
    ['abs', [d(5, 2, -125n)], 125n, 'decimal(5,2)'],
    ['abs', [dbl(-1.5)], 1.5, 'double'],
    ['abs', [a(REAL, -1)], 1, 'real'],
    ['sign', [int(-5)], -1, 'integer'],
    ['sign', [d(5, 2, 125n)], 1n, 'decimal(1,0)'],
    ['sign', [dbl(0)], 0, 'double'],
    ['round', [d(5, 2, 12345n)], 123n, 'decimal(4,0)'],
    ['round', [d(5, 2, 12350n)], 124n, 'decimal(4,0)'],
    ['round', [d(5, 2, -12350n)], -124n, 'decimal(4,0)'],
    ['round', [d(5, 0, 7n)], 7n, 'decimal(5,0)'],
    ['round', [d(38, 2, 10n ** 37n)], 10n ** 35n, 'decimal(37,0)'],
    ['round', [d(5, 2, 12345n), int(1)], 12350n, 'decimal(6,2)'],
    ['round', [d(5, 2, 12345n), int(-1)], 12000n, 'decimal(6,2)'],
    ['round', [d(5, 2, 99999n), int(0)], 100000n, 'decimal(6,2)'],
    ['round', [d(5, 2, 12345n), int(-5)], 0n, 'decimal(6,2)'],
    ['round', [d(5, 2, 12345n), int(3)], 12345n, 'decimal(6,2)'],
    ['round', [dbl(2.5)], 3, 'double'],
    ['round', [dbl(-2.5)], -3, 'double'],
    ['round', [dbl(1.2345), int(2)], 1.23, 'double'],
    ['round', [dbl(-1.235), int(1)], -1.2, 'double'],
    ['round', [dbl(Number.NaN)], Number.NaN, 'double'],
    ['round', [int(17)], 17, 'integer'],
    ['round', [int(15), int(-1)], 20, 'integer'],
    ['round', [int(-15), int(-1)], -20, 'integer'],
    ['round', [a(BIGINT, 1234n), int(-2)], 1200n, 'bigint'],
    ['floor', [d(5, 2, -12345n)], -124n, 'decimal(4,0)'],
    ['floor', [d(5, 2, 12345n)], 123n, 'decimal(4,0)'],
    ['ceiling', [d(5, 2, 12301n)], 124n, 'decimal(4,0)'],
    ['ceil', [d(5, 2, -12399n)], -123n, 'decimal(4,0)'],
    ['ceil', [d(3, 3, 1n)], 1n, 'decimal(1,0)'],
    ['floor', [dbl(-1.5)], -2, 'double'],
    ['ceil', [dbl(1.2)], 2, 'double'],
    ['floor', [a(TINYINT, 5)], 5, 'tinyint'],
    ['truncate', [d(5, 2, -12399n)], -123n, 'decimal(3,0)'],
    ['truncate', [d(3, 3, 999n)], 0n, 'decimal(1,0)'],
    ['truncate', [d(5, 2, -12399n), int(1)], -12390n, 'decimal(5,2)'],
    ['truncate', [dbl(-1.9)], -1, 'double'],
    ['truncate', [dbl(1.2345), int(2)], 1.23, 'double'],
    ['truncate', [dbl(1.23), int(2)], 1.23, 'double'],
    ['truncate', [dbl(-1.239), int(2)], -1.23, 'double'],
    ['truncate', [dbl(1234.5), int(-2)], 1200, 'double'],
    ['mod', [int(-7), int(3)], -1, 'integer'],
    ['mod', [d(5, 2, 1050n), d(3, 1, 30n)], 150n, 'decimal(4,2)'],
    ['mod', [dbl(5.5), dbl(2)], 1.5, 'double'],
    ['power', [int(2), int(10)], 1024, 'double'],
    ['pow', [dbl(4), dbl(0.5)], 2, 'double'],
    ['sqrt', [int(16)], 4, 'double'],
    ['sqrt', [dbl(-1)], Number.NaN, 'double'],
    ['exp', [int(0)], 1, 'double'],
    ['ln', [dbl(Math.E)], 1, 'double'],
    ['log10', [int(1000)], 3, 'double'],
    ['log2', [d(5, 0, 8n)], 3, 'double'],
    ['cbrt', [int(27)], 3, 'double'],
    ['is_nan', [dbl(Number.NaN)], true, 'boolean'],
    ['pi', [], Math.PI, 'double'],
  ];
  it.each(cases)('%s(%o)', (name, args, expected, type) => {
    const r = call(name, ...args);
    expect(r.value).toEqual(expected);
    expect(formatType(r.type)).toBe(type);
  });

  it('errors', () => {
    expect(callError('abs', int(-2147483648))).toBe('NUMERIC_VALUE_OUT_OF_RANGE: Value -2147483648 is out of range for abs(integer)');
    expect(callError('abs', a(SMALLINT, -32768))).toBe('NUMERIC_VALUE_OUT_OF_RANGE: Value -32768 is out of range for abs(smallint)');
    expect(callError('abs', a(BIGINT, -(2n ** 63n)))).toBe(
      'NUMERIC_VALUE_OUT_OF_RANGE: Value -9223372036854775808 is out of range for abs(bigint)',
    );
    expect(callError('mod', int(1), int(0))).toBe('DIVISION_BY_ZERO: Division by zero');
    expect(callError('round', a(TINYINT, 125), int(-1))).toBe('NUMERIC_VALUE_OUT_OF_RANGE: Out of range for tinyint: 130');
  });

  it('NULL in, NULL out', () => {
    expect(call('round', d(5, 2, null as unknown as bigint)).value).toBeNull();
    expect(call('power', dbl(2), a(DOUBLE, null)).value).toBeNull();
  });
});
