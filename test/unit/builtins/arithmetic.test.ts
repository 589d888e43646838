import { describe, expect, it } from 'vitest';
import {
  BIGINT,
  DATE,
  DOUBLE,
  INTEGER,
  INTERVAL_DAY_TIME,
  INTERVAL_YEAR_MONTH,
  REAL,
  SMALLINT,
  TINYINT,
  VARCHAR,
  decimal,
  formatType,
  timestamp,
  type SqlType,
} from '../../../src/types/sqlType.ts';
import type { Value } from '../../../src/types/value.ts';
import { call, callColumns, callError, resolveError, type StorageKind } from './helpers.ts';

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const D = (p: number, s: number): SqlType => decimal(p, s);

describe('arithmetic results and types', () => {
  const cases: Array<[string, SqlType, Value, SqlType, Value, Value, string]> = [
    ['$add', INTEGER, 1, INTEGER, 2, 3, 'integer'],
    ['$add', TINYINT, 100, TINYINT, 27, 127, 'tinyint'],
    ['$add', SMALLINT, 1, INTEGER, 2, 3, 'integer'],
    ['$add', INTEGER, 1, BIGINT, 2n, 3n, 'bigint'],
    ['$subtract', BIGINT, 10n, BIGINT, 20n, -10n, 'bigint'],
    ['$multiply', BIGINT, 3000000000n, BIGINT, 3000000000n, 9000000000000000000n, 'bigint'],
    ['$divide', INTEGER, 7, INTEGER, 2, 3, 'integer'],
    ['$divide', INTEGER, -7, INTEGER, 2, -3, 'integer'],
    ['$divide', BIGINT, -7n, BIGINT, -2n, 3n, 'bigint'],
    ['$modulo', INTEGER, -7, INTEGER, 3, -1, 'integer'],
    ['$modulo', BIGINT, 7n, BIGINT, -3n, 1n, 'bigint'],
    ['$divide', DOUBLE, 1, DOUBLE, 0, Number.POSITIVE_INFINITY, 'double'],
    ['$divide', DOUBLE, -1, DOUBLE, 0, Number.NEGATIVE_INFINITY, 'double'],
    ['$modulo', DOUBLE, 5.5, DOUBLE, 2, 1.5, 'double'],
    ['$add', INTEGER, 1, DOUBLE, 0.5, 1.5, 'double'],
    ['$multiply', REAL, Math.fround(0.1), REAL, Math.fround(3), Math.fround(Math.fround(0.1) * 3), 'real'],
    ['$add', REAL, 1, DOUBLE, 0.25, 1.25, 'double'],
    ['$add', D(15, 2), 1234n, D(15, 2), 1n, 1235n, 'decimal(16,2)'],
    ['$add', D(5, 1), 15n, D(7, 3), 1n, 1501n, 'decimal(8,3)'],
    ['$subtract', INTEGER, 1, D(15, 2), 6n, 94n, 'decimal(16,2)'],
    ['$multiply', D(15, 2), 150n, D(15, 2), 2n, 300n, 'decimal(30,4)'],
    ['$multiply', D(15, 2), 150n, INTEGER, 3, 450n, 'decimal(25,2)'],
    ['$divide', D(15, 2), 1000n, D(15, 2), 300n, 333n, 'decimal(17,2)'],
    ['$divide', D(15, 2), 2000n, D(15, 2), 300n, 667n, 'decimal(17,2)'],
    ['$divide', D(15, 2), -2000n, D(15, 2), 300n, -667n, 'decimal(17,2)'],
    ['$divide', D(3, 0), 1n, D(3, 0), 3n, 0n, 'decimal(3,0)'],
    ['$divide', D(3, 0), 2n, D(3, 0), 3n, 1n, 'decimal(3,0)'],
    ['$divide', D(5, 2), 100n, D(3, 1), 30n, 33n, 'decimal(6,2)'],
    ['$modulo', D(5, 2), 1050n, D(3, 1), 30n, 150n, 'decimal(4,2)'],
    ['$modulo', D(5, 2), -1050n, D(3, 1), 30n, -150n, 'decimal(4,2)'],
    ['$add', D(38, 0), 10n ** 37n, D(38, 0), 1n, 10n ** 37n + 1n, 'decimal(38,0)'],
    ['$add', DATE, 18262, INTERVAL_DAY_TIME, 86_400_000 * 3, 18265, 'date'],
    ['$subtract', DATE, 18292, INTERVAL_YEAR_MONTH, -1, 18321, 'date'],
    ['$add', DATE, 18292, INTERVAL_YEAR_MONTH, 1, 18321, 'date'],
    ['$add', INTERVAL_YEAR_MONTH, 13, DATE, 18262, 18659, 'date'],
    ['$add', timestamp(3), 1_000_000, INTERVAL_DAY_TIME, 1500, 2_500_000, 'timestamp(3)'],
    ['$subtract', timestamp(6), 5_000_000, timestamp(6), 1_500_000, 3500, 'interval day to second'],
    ['$add', INTERVAL_DAY_TIME, 1000, INTERVAL_DAY_TIME, 500, 1500, 'interval day to second'],
    ['$multiply', INTERVAL_DAY_TIME, 1000, BIGINT, 3n, 3000, 'interval day to second'],
    ['$multiply', DOUBLE, 1.5, INTERVAL_YEAR_MONTH, 12, 18, 'interval year to month'],
  ];
  it.each(cases)('%s(%o %o, %o %o) = %o : %s', (name, ta, a, tb, b, expected, type) => {
    const r = call(name, { type: ta, value: a }, { type: tb, value: b });
    expect(r.value).toEqual(expected);
    expect(formatType(r.type)).toBe(type);
  });

  it('negates with overflow checks', () => {
    expect(call('$negate', { type: INTEGER, value: 5 }).value).toBe(-5);
    expect(call('$negate', { type: D(5, 2), value: 125n })).toEqual({ type: D(5, 2), value: -125n });
    expect(call('$negate', { type: INTERVAL_DAY_TIME, value: 5 }).value).toBe(-5);
    expect(callError('$negate', { type: INTEGER, value: -2147483648 })).toBe('NUMERIC_VALUE_OUT_OF_RANGE: integer negation overflow: -2147483648');
    expect(callError('$negate', { type: BIGINT, value: -(2n ** 63n) })).toBe(
      'NUMERIC_VALUE_OUT_OF_RANGE: bigint negation overflow: -9223372036854775808',
    );
  });
});

describe('arithmetic errors', () => {
  const cases: Array<[string, SqlType, Value, SqlType, Value, string]> = [
    ['$add', INTEGER, 2147483647, INTEGER, 1, 'NUMERIC_VALUE_OUT_OF_RANGE: integer addition overflow: 2147483647 + 1'],
    ['$subtract', INTEGER, -2147483648, INTEGER, 1, 'NUMERIC_VALUE_OUT_OF_RANGE: integer subtraction overflow: -2147483648 - 1'],
    ['$multiply', INTEGER, 65536, INTEGER, 65536, 'NUMERIC_VALUE_OUT_OF_RANGE: integer multiplication overflow: 65536 * 65536'],
    ['$add', TINYINT, 127, TINYINT, 1, 'NUMERIC_VALUE_OUT_OF_RANGE: tinyint addition overflow: 127 + 1'],
    ['$add', BIGINT, 2n ** 63n - 1n, BIGINT, 1n, 'NUMERIC_VALUE_OUT_OF_RANGE: bigint addition overflow: 9223372036854775807 + 1'],
    ['$multiply', BIGINT, 2n ** 62n, BIGINT, 2n, 'NUMERIC_VALUE_OUT_OF_RANGE: bigint multiplication overflow: 4611686018427387904 * 2'],
    ['$divide', BIGINT, -(2n ** 63n), BIGINT, -1n, 'NUMERIC_VALUE_OUT_OF_RANGE: bigint division overflow: -9223372036854775808 / -1'],
    ['$divide', INTEGER, 1, INTEGER, 0, 'DIVISION_BY_ZERO: Division by zero'],
    ['$modulo', INTEGER, 1, INTEGER, 0, 'DIVISION_BY_ZERO: Division by zero'],
    ['$divide', BIGINT, 1n, BIGINT, 0n, 'DIVISION_BY_ZERO: Division by zero'],
    ['$modulo', BIGINT, 1n, BIGINT, 0n, 'DIVISION_BY_ZERO: Division by zero'],
    ['$divide', D(5, 2), 1n, D(5, 2), 0n, 'DIVISION_BY_ZERO: Division by zero'],
    ['$modulo', D(5, 2), 1n, D(5, 2), 0n, 'DIVISION_BY_ZERO: Division by zero'],
    ['$add', D(38, 0), 10n ** 38n - 1n, D(38, 0), 1n, 'NUMERIC_VALUE_OUT_OF_RANGE: Decimal overflow'],
    ['$multiply', D(38, 0), 10n ** 20n, D(38, 0), 10n ** 20n, 'NUMERIC_VALUE_OUT_OF_RANGE: Decimal overflow'],
    ['$add', DATE, 1, INTERVAL_DAY_TIME, 3_600_000, 'INVALID_FUNCTION_ARGUMENT: Cannot add hour, minutes or seconds to a date'],
  ];
  it.each(cases)('%s(%o %o, %o %o) fails', (name, ta, a, tb, b, expected) => {
    expect(callError(name, { type: ta, value: a }, { type: tb, value: b })).toBe(expected);
  });

  it('NULL rows do not fail (their value slots are garbage)', () => {
    const r = callColumns('$divide', [INTEGER, INTEGER], [[1, 4], [null, 2]]);
    expect(r.values).toEqual([null, 2]);
  });

  it('rejects operand types Trino rejects', () => {
    expect(resolveError('$add', VARCHAR, INTEGER)).toMatch(/Cannot apply operator: varchar \+ integer/);
    expect(resolveError('$multiply', DATE, INTEGER)).not.toBeNull();
    expect(resolveError('$add', DATE, DATE)).not.toBeNull();
  });
});

describe('exact decimal and bigint arithmetic at the 2^53 boundary', () => {
  it('switches to bigint storage exactly when a result passes 2^53 - 1', () => {
    const r = callColumns('$add', [BIGINT, BIGINT], [[MAX_SAFE - 1n, MAX_SAFE, 5n], [1n, 1n, 5n]]);
    expect(r.values).toEqual([MAX_SAFE, MAX_SAFE + 1n, 10n]);
  });

  it('multiplies decimals exactly beyond 2^53', () => {
    const a = 99999999999999n; // decimal(15,2) max-ish
    const r = callColumns('$multiply', [D(15, 2), D(15, 2)], [[a, 3n, -a], [a, 7n, a]]);
    expect(r.values).toEqual([a * a, 21n, -a * a]);
    expect(formatType(r.type)).toBe('decimal(30,4)');
  });

  it('rescales exactly when aligning scales overflows doubles', () => {
    const r = callColumns('$add', [D(30, 0), D(30, 10)], [[MAX_SAFE, 1n], [1n, 1n]]);
    expect(r.values).toEqual([MAX_SAFE * 10n ** 10n + 1n, 10n ** 10n + 1n]);
  });

  it('divides with HALF_UP at large magnitudes', () => {
    const big = 10n ** 30n + 5n;
    const r = callColumns('$divide', [D(38, 0), D(38, 0)], [[big, 5n, -5n], [10n, 2n, 2n]]);
    expect(r.values).toEqual([10n ** 29n + 1n, 3n, -3n]);
  });

  it('precision 38 holds the largest value and fails beyond it', () => {
    const max = 10n ** 38n - 1n;
    expect(call('$subtract', { type: D(38, 0), value: max }, { type: D(38, 0), value: 1n }).value).toBe(max - 1n);
    expect(callError('$subtract', { type: D(38, 0), value: -max }, { type: D(38, 0), value: 1n })).toBe(
      'NUMERIC_VALUE_OUT_OF_RANGE: Decimal overflow',
    );
  });
});

describe('every storage kind gives the same result', () => {
  const storages: StorageKind[] = ['natural', 'big', 'dict', 'const'];
  const ops = ['$add', '$subtract', '$multiply', '$divide', '$modulo'];
  for (const op of ops) {
    it(`${op} on decimal(12,2) x decimal(12,3)`, () => {
      const a: Value[] = [12345n, 12345n, 12345n, 12345n];
      const b: Value[] = [-7n, 13n, null, 2500n];
      const reference = callColumns(op, [D(12, 2), D(12, 3)], [a, b]).values;
      for (const sa of storages) {
        for (const sb of ['natural', 'big', 'dict'] as StorageKind[]) {
          expect(callColumns(op, [D(12, 2), D(12, 3)], [a, b], [sa, sb]).values, `${sa}/${sb}`).toEqual(reference);
        }
      }
    });
    it(`${op} on integer and bigint`, () => {
      const a: Value[] = [7, -7, 100, null];
      const b: Value[] = [2, 3, -9, 4];
      const reference = callColumns(op, [INTEGER, INTEGER], [a, b]).values;
      expect(reference).toEqual(
        a.map((x, i) => {
          if (x === null) return null;
          const y = b[i] as number;
          const xv = x as number;
          switch (op) {
            case '$add':
              return xv + y;
            case '$subtract':
              return xv - y;
            case '$multiply':
              return xv * y;
            case '$divide':
              return Math.trunc(xv / y);
            default:
              return xv % y;
          }
        }),
      );
      expect(callColumns(op, [INTEGER, INTEGER], [a, b], ['dict', 'natural']).values).toEqual(reference);
      const big = callColumns(op, [BIGINT, BIGINT], [a.map((x) => (x === null ? null : BigInt(x as number))), b.map((x) => BigInt(x as number))], ['big', 'dict']);
      expect(big.values).toEqual(reference.map((x) => (x === null ? null : BigInt(x as number))));
    });
  }
  it('doubles with a constant on either side', () => {
    const a: Value[] = [1.5, -2, 0, null];
    for (const op of ops) {
      const ref = callColumns(op, [DOUBLE, DOUBLE], [a, [2, 2, 2, 2]]).values;
      expect(callColumns(op, [DOUBLE, DOUBLE], [a, [2, 2, 2, 2]], ['dict', 'const']).values).toEqual(ref);
      const refRev = callColumns(op, [DOUBLE, DOUBLE], [[2, 2, 2, 2], a]).values;
      expect(callColumns(op, [DOUBLE, DOUBLE], [[2, 2, 2, 2], a], ['const', 'natural']).values).toEqual(refRev);
    }
  });
});
