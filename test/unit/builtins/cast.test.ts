import { describe, expect, it } from 'vitest';
import { castKernel, resolveCast } from '../../../src/builtins/cast.ts';
import {
  BIGINT,
  BOOLEAN,
  DATE,
  DOUBLE,
  INTEGER,
  INTERVAL_DAY_TIME,
  INTERVAL_YEAR_MONTH,
  REAL,
  SMALLINT,
  TINYINT,
  UNKNOWN,
  VARBINARY,
  VARCHAR,
  decimal,
  formatType,
  timestamp,
  varchar,
  type SqlType,
} from '../../../src/types/sqlType.ts';
import type { Value } from '../../../src/types/value.ts';
import { allRows, vectorValues } from '../../../src/types/vector.ts';
import { castErrorOf, castValue, vectorOf } from './helpers.ts';

const D = decimal;

describe('cast values', () => {
  const cases: Array<[SqlType, Value, SqlType, Value]> = [
    // numbers to varchar
    [INTEGER, -12, VARCHAR, '-12'],
    [BIGINT, 2n ** 62n, VARCHAR, '4611686018427387904'],
    [DOUBLE, 1.5, VARCHAR, '1.5E0'],
    [DOUBLE, 1e10, VARCHAR, '1.0E10'],
    [DOUBLE, 0.001, VARCHAR, '1.0E-3'],
    [DOUBLE, -123.456, VARCHAR, '-1.23456E2'],
    [DOUBLE, 0, VARCHAR, '0E0'],
    [DOUBLE, -0, VARCHAR, '-0E0'],
    [DOUBLE, Number.NaN, VARCHAR, 'NaN'],
    [DOUBLE, Number.NEGATIVE_INFINITY, VARCHAR, '-Infinity'],
    [DOUBLE, 0.1 + 0.2, VARCHAR, '3.0000000000000004E-1'],
    [REAL, Math.fround(1.5), VARCHAR, '1.5E0'],
    [REAL, Math.fround(0.1), VARCHAR, '1.0E-1'],
    [REAL, Math.fround(1.2345678), VARCHAR, '1.234568E0'],
    [D(5, 2), -5n, VARCHAR, '-0.05'],
    [D(10, 0), 7n, VARCHAR, '7'],
    [BOOLEAN, true, VARCHAR, 'true'],
    [DATE, 18321, VARCHAR, '2020-02-29'],
    [timestamp(3), 1_500_000, VARCHAR, '1970-01-01 00:00:01.500'],
    [timestamp(0), 0, VARCHAR, '1970-01-01 00:00:00'],
    [INTERVAL_DAY_TIME, 90_061_001, VARCHAR, '1 01:01:01.001'],
    [INTERVAL_YEAR_MONTH, -14, VARCHAR, '-1-2'],
    [varchar(5), 'hello', varchar(3), 'hel'],
    [VARCHAR, '\u{1F600}ab', varchar(2), '\u{1F600}a'],
    // varchar to others
    [VARCHAR, ' 12 ', INTEGER, 12],
    [VARCHAR, '+7', SMALLINT, 7],
    [VARCHAR, '-128', TINYINT, -128],
    [VARCHAR, '9223372036854775807', BIGINT, 2n ** 63n - 1n],
    [VARCHAR, ' 1.5 ', DOUBLE, 1.5],
    [VARCHAR, '1e3', DOUBLE, 1000],
    [VARCHAR, 'NaN', DOUBLE, Number.NaN],
    [VARCHAR, '-Infinity', DOUBLE, Number.NEGATIVE_INFINITY],
    [VARCHAR, '0.1', REAL, Math.fround(0.1)],
    [VARCHAR, '1.005', D(5, 2), 101n],
    [VARCHAR, '-1.005', D(5, 2), -101n],
    [VARCHAR, '1.5e2', D(5, 1), 1500n],
    [VARCHAR, '.5', D(2, 1), 5n],
    [VARCHAR, 'TRUE', BOOLEAN, true],
    [VARCHAR, 'f', BOOLEAN, false],
    [VARCHAR, '1', BOOLEAN, true],
    [VARCHAR, '0', BOOLEAN, false],
    [VARCHAR, ' 2020-02-29 ', DATE, 18321],
    [VARCHAR, '2020-01-01 12:00:00.1234567', timestamp(6), 18262 * 86_400_000_000 + 43_200_123_457],
    [VARCHAR, '2020-01-01 12:00:00.5', timestamp(0), 18262 * 86_400_000_000 + 43_201_000_000],
    [VARCHAR, '2020-01-01', timestamp(3), 18262 * 86_400_000_000],
    [VARCHAR, 'ab', VARBINARY, new Uint8Array([97, 98])],
    // numeric conversions
    [DOUBLE, 2.5, INTEGER, 3],
    [DOUBLE, -2.5, INTEGER, -3],
    [DOUBLE, 2.4999, BIGINT, 2n],
    [REAL, Math.fround(-0.5), SMALLINT, -1],
    [D(5, 2), 250n, INTEGER, 3],
    [D(5, 2), -250n, BIGINT, -3n],
    [D(5, 2), 249n, TINYINT, 2],
    [D(5, 2), 12345n, D(4, 1), 1235n],
    [D(5, 2), -12345n, D(4, 1), -1235n],
    [D(5, 2), 12345n, D(10, 4), 1234500n],
    [D(5, 2), 12345n, DOUBLE, 123.45],
    [D(38, 10), 10n ** 37n + 1n, DOUBLE, 1e27],
    [DOUBLE, 0.1, D(5, 3), 100n],
    [DOUBLE, 1.0005, D(5, 3), 1001n],
    [DOUBLE, -1.0005, D(5, 3), -1001n],
    [DOUBLE, 1e20, D(38, 0), 10n ** 20n],
    [REAL, Math.fround(0.1), D(5, 3), 100n],
    [INTEGER, 5, D(3, 1), 50n],
    [BIGINT, 2n ** 62n, D(19, 0), 2n ** 62n],
    [BIGINT, 2n ** 62n, DOUBLE, 2 ** 62],
    [INTEGER, 16777217, REAL, 16777216],
    [BIGINT, 5n, INTEGER, 5],
    [INTEGER, 5, BOOLEAN, true],
    [DOUBLE, 0, BOOLEAN, false],
    [D(5, 2), 0n, BOOLEAN, false],
    [BOOLEAN, true, INTEGER, 1],
    [BOOLEAN, true, D(3, 2), 100n],
    [BOOLEAN, false, DOUBLE, 0],
    // temporal
    [DATE, 1, timestamp(3), 86_400_000_000],
    [timestamp(6), -1, DATE, -1],
    [timestamp(6), 1_234_567, timestamp(3), 1_235_000],
    [timestamp(6), 1_234_499, timestamp(3), 1_234_000],
    [timestamp(3), 1_000, timestamp(6), 1_000],
    // unknown
    [UNKNOWN, null, INTEGER, null],
  ];
  it.each(cases)('%o %o → %o', (from, v, to, expected) => {
    expect(castValue(from, to, v)).toEqual(expected);
  });
});

describe('cast errors', () => {
  const cases: Array<[SqlType, Value, SqlType, string]> = [
    [VARCHAR, 'abc', INTEGER, "INVALID_CAST_ARGUMENT: Cannot cast 'abc' to INT"],
    [VARCHAR, '2147483648', INTEGER, "INVALID_CAST_ARGUMENT: Cannot cast '2147483648' to INT"],
    [VARCHAR, '1.5', BIGINT, "INVALID_CAST_ARGUMENT: Cannot cast '1.5' to BIGINT"],
    [VARCHAR, '300', TINYINT, "INVALID_CAST_ARGUMENT: Cannot cast '300' to TINYINT"],
    [VARCHAR, 'x', DOUBLE, "INVALID_CAST_ARGUMENT: Cannot cast 'x' to DOUBLE"],
    [VARCHAR, '', REAL, "INVALID_CAST_ARGUMENT: Cannot cast '' to REAL"],
    [VARCHAR, 'yes', BOOLEAN, "INVALID_CAST_ARGUMENT: Cannot cast 'yes' to BOOLEAN"],
    [VARCHAR, 'abc', D(5, 2), "INVALID_CAST_ARGUMENT: Cannot cast VARCHAR 'abc' to DECIMAL(5, 2). Value is not a number."],
    [VARCHAR, '1234', D(5, 2), "INVALID_CAST_ARGUMENT: Cannot cast VARCHAR '1234' to DECIMAL(5, 2). Value too large."],
    [VARCHAR, '2020-02-30', DATE, 'INVALID_CAST_ARGUMENT: Value cannot be cast to date: 2020-02-30'],
    [VARCHAR, '2020-01-01T00:00:00', timestamp(3), 'INVALID_CAST_ARGUMENT: Value cannot be cast to timestamp: 2020-01-01T00:00:00'],
    [DOUBLE, Number.NaN, INTEGER, 'INVALID_CAST_ARGUMENT: Cannot cast double NaN to integer'],
    [REAL, Number.NaN, BIGINT, 'INVALID_CAST_ARGUMENT: Cannot cast real NaN to bigint'],
    [DOUBLE, 1e10, INTEGER, 'NUMERIC_VALUE_OUT_OF_RANGE: Out of range for integer: 1.0E10'],
    [DOUBLE, 1e19, BIGINT, 'NUMERIC_VALUE_OUT_OF_RANGE: Out of range for bigint: 1.0E19'],
    [DOUBLE, Number.POSITIVE_INFINITY, SMALLINT, 'NUMERIC_VALUE_OUT_OF_RANGE: Out of range for smallint: Infinity'],
    [BIGINT, 3000000000n, INTEGER, 'NUMERIC_VALUE_OUT_OF_RANGE: Out of range for integer: 3000000000'],
    [INTEGER, 200, TINYINT, 'NUMERIC_VALUE_OUT_OF_RANGE: Out of range for tinyint: 200'],
    [D(5, 2), 99999n, D(4, 2), "INVALID_CAST_ARGUMENT: Cannot cast DECIMAL(5, 2) '999.99' to DECIMAL(4, 2)"],
    [D(5, 2), 99995n, D(4, 1), "INVALID_CAST_ARGUMENT: Cannot cast DECIMAL(5, 2) '999.95' to DECIMAL(4, 1)"],
    [D(12, 0), 3000000000n, INTEGER, "INVALID_CAST_ARGUMENT: Cannot cast '3000000000' to INTEGER"],
    [INTEGER, 1000, D(3, 0), "INVALID_CAST_ARGUMENT: Cannot cast INTEGER '1000' to DECIMAL(3, 0)"],
    [BIGINT, 10n, D(2, 1), "INVALID_CAST_ARGUMENT: Cannot cast BIGINT '10' to DECIMAL(2, 1)"],
    [DOUBLE, 1000.5, D(4, 1), "INVALID_CAST_ARGUMENT: Cannot cast DOUBLE '1000.5' to DECIMAL(4, 1)"],
    [DOUBLE, Number.NaN, D(4, 1), "INVALID_CAST_ARGUMENT: Cannot cast DOUBLE 'NaN' to DECIMAL(4, 1)"],
    [INTEGER, 12345, varchar(3), 'INVALID_CAST_ARGUMENT: Value 12345 cannot be represented as varchar(3)'],
    [DOUBLE, 1.5, varchar(3), 'INVALID_CAST_ARGUMENT: Value 1.5 (1.5E0) cannot be represented as varchar(3)'],
    [BOOLEAN, false, varchar(4), 'INVALID_CAST_ARGUMENT: Value false cannot be represented as varchar(4)'],
  ];
  it.each(cases)('%o %o → %o', (from, v, to, message) => {
    expect(castErrorOf(from, to, v)).toBe(message);
  });

  it('TRY_CAST gives NULL on failure, per row', () => {
    const kernel = castKernel(VARCHAR, INTEGER, true);
    const out = kernel([vectorOf(VARCHAR, ['1', 'x', null, ' 3'], 'dict')], allRows(4), 4);
    expect(vectorValues(out)).toEqual([1, null, null, 3]);
    const dec = castKernel(D(5, 2), D(3, 2), true)([vectorOf(D(5, 2), [100n, 99999n])], allRows(2), 2);
    expect(vectorValues(dec)).toEqual([100n, null]);
  });

  it('fast coercions fall back to exact paths when doubles cannot hold the result', () => {
    expect(castValue(BIGINT, D(38, 10), 2n ** 60n)).toBe(2n ** 60n * 10n ** 10n);
    expect(castValue(D(15, 2), D(30, 20), 12345n)).toBe(12345n * 10n ** 18n);
    const v = castKernel(INTEGER, BIGINT, false)([vectorOf(INTEGER, [1, null, -3])], allRows(3), 3);
    expect(vectorValues(v)).toEqual([1n, null, -3n]);
  });
});

describe('resolveCast', () => {
  const allowed: Array<[SqlType, SqlType]> = [
    [VARCHAR, INTEGER],
    [VARCHAR, DATE],
    [VARCHAR, timestamp(3)],
    [VARCHAR, D(10, 2)],
    [INTEGER, VARCHAR],
    [DATE, VARCHAR],
    [DATE, timestamp(0)],
    [timestamp(6), DATE],
    [BOOLEAN, INTEGER],
    [DOUBLE, BOOLEAN],
    [D(5, 2), REAL],
    [UNKNOWN, DATE],
    [INTERVAL_DAY_TIME, VARCHAR],
    [VARCHAR, VARBINARY],
  ];
  it.each(allowed)('allows %o → %o', (from, to) => expect(resolveCast(from, to)).toBe(true));
  const rejected: Array<[SqlType, SqlType]> = [
    [DATE, INTEGER],
    [INTEGER, DATE],
    [BOOLEAN, DATE],
    [timestamp(3), DOUBLE],
    [VARBINARY, VARCHAR],
    [VARCHAR, INTERVAL_DAY_TIME],
  ];
  it.each(rejected)('rejects %o → %o', (from, to) => {
    expect(resolveCast(from, to)).toEqual({ error: `Cannot cast ${formatType(from)} to ${formatType(to)}` });
  });
});
