import { describe, expect, it } from 'vitest';
import {
  BIGINT,
  BOOLEAN,
  DATE,
  DOUBLE,
  INTEGER,
  INTERVAL_DAY_TIME,
  REAL,
  VARCHAR,
  decimal,
  timestamp,
  varchar,
  type SqlType,
} from '../../../src/types/sqlType.ts';
import type { Value } from '../../../src/types/value.ts';
import { getScalarFunction } from '../../../src/builtins/registry.ts';
import { call, callColumns, resolveError, type StorageKind } from './helpers.ts';

const OPS = ['$eq', '$ne', '$lt', '$le', '$gt', '$ge'] as const;

function expected(op: (typeof OPS)[number], c: number): boolean {
  return { $eq: c === 0, $ne: c !== 0, $lt: c < 0, $le: c <= 0, $gt: c > 0, $ge: c >= 0 }[op];
}

describe('comparisons', () => {
  const pairs: Array<[string, SqlType, Value, SqlType, Value, number]> = [
    ['integers', INTEGER, 1, INTEGER, 2, -1],
    ['integer vs bigint', INTEGER, 5, BIGINT, 5n, 0],
    ['bigint beyond 2^53', BIGINT, 2n ** 60n + 1n, BIGINT, 2n ** 60n, 1],
    ['decimals of different scales', decimal(5, 2), 150n, decimal(4, 1), 15n, 0],
    ['integer vs decimal', INTEGER, 2, decimal(5, 2), 199n, 1],
    ['double vs decimal', DOUBLE, 1.5, decimal(5, 2), 150n, 0],
    ['real vs double', REAL, Math.fround(0.1), DOUBLE, 0.1, 1],
    ['date vs timestamp', DATE, 1, timestamp(3), 86_400_000_000, 0],
    ['date vs later timestamp', DATE, 1, timestamp(6), 86_400_000_001, -1],
    ['varchar', VARCHAR, 'abc', VARCHAR, 'abd', -1],
    ['varchar prefix', varchar(2), 'ab', varchar(3), 'abc', -1],
    ['varchar code point order', VARCHAR, '\u{1F600}', VARCHAR, '\uFFFD', 1],
    ['booleans', BOOLEAN, false, BOOLEAN, true, -1],
    ['intervals', INTERVAL_DAY_TIME, 1000, INTERVAL_DAY_TIME, 999, 1],
  ];
  for (const [label, ta, a, tb, b, c] of pairs) {
    it(label, () => {
      for (const op of OPS) {
        expect(call(op, { type: ta, value: a }, { type: tb, value: b }).value, op).toBe(expected(op, c));
        const flipped = call(op, { type: tb, value: b }, { type: ta, value: a }).value;
        expect(flipped, `${op} flipped`).toBe(expected(op, -c));
      }
    });
  }

  it('follows IEEE for NaN', () => {
    const nan = { type: DOUBLE, value: Number.NaN };
    expect(call('$eq', nan, nan).value).toBe(false);
    expect(call('$ne', nan, nan).value).toBe(true);
    expect(call('$lt', nan, { type: DOUBLE, value: 1 }).value).toBe(false);
    expect(call('$gt', nan, { type: DOUBLE, value: 1 }).value).toBe(false);
  });

  it('propagates NULL', () => {
    expect(call('$eq', { type: INTEGER, value: null }, { type: INTEGER, value: 1 }).value).toBeNull();
    expect(callColumns('$lt', [VARCHAR, VARCHAR], [['a', null, 'c'], ['b', 'b', null]]).values).toEqual([true, null, null]);
  });

  it('varchar vs date is a type mismatch, as in Trino', () => {
    expect(resolveError('$eq', VARCHAR, DATE)).toMatch(/Cannot apply operator: varchar = date/);
    expect(resolveError('$lt', BOOLEAN, INTEGER)).not.toBeNull();
  });

  it('resolves to the common super type', () => {
    const r = getScalarFunction('$eq')!.resolve([INTEGER, decimal(5, 2)]);
    expect(r).toEqual({ argTypes: [decimal(12, 2), decimal(12, 2)], returnType: BOOLEAN });
    expect(getScalarFunction('$eq')!.resolve([DATE, timestamp(3)])).toEqual({ argTypes: [timestamp(3), timestamp(3)], returnType: BOOLEAN });
  });
});

describe('comparison kernels on every storage kind', () => {
  const strings: Value[] = ['R', 'A', null, 'N', 'R', 'é', '\u{1F600}', ''];
  const constants = ['R', 'N', 'é', '', 'zz'];
  for (const op of OPS) {
    it(`${op} varchar column vs constant`, () => {
      for (const c of constants) {
        const consts = strings.map(() => c);
        const reference = callColumns(op, [VARCHAR, VARCHAR], [strings, consts], ['str', 'natural']).values;
        for (const s of ['binary', 'dict', 'str'] as StorageKind[]) {
          expect(callColumns(op, [VARCHAR, VARCHAR], [strings, consts], [s, 'const']).values, `${s} vs '${c}'`).toEqual(reference);
          expect(callColumns(op, [VARCHAR, VARCHAR], [consts, strings], ['const', s]).values, `'${c}' vs ${s}`).toEqual(
            callColumns(op, [VARCHAR, VARCHAR], [consts, strings]).values,
          );
        }
      }
    });
    it(`${op} varchar column vs column`, () => {
      const other: Value[] = ['R', 'B', 'x', null, 'Q', 'e', '\uFFFD', 'a'];
      const reference = strings.map((s, i) => {
        const o = other[i];
        if (s === null || o === null) return null;
        const a = [...(s as string)].map((ch) => ch.codePointAt(0)!);
        const b = [...(o as string)].map((ch) => ch.codePointAt(0)!);
        let c = 0;
        for (let k = 0; k < Math.min(a.length, b.length) && c === 0; k++) c = Math.sign(a[k]! - b[k]!);
        if (c === 0) c = Math.sign(a.length - b.length);
        return expected(op, c);
      });
      for (const sa of ['binary', 'dict', 'str'] as StorageKind[]) {
        for (const sb of ['binary', 'str'] as StorageKind[]) {
          expect(callColumns(op, [VARCHAR, VARCHAR], [strings, other], [sa, sb]).values, `${sa}/${sb}`).toEqual(reference);
        }
      }
    });
    it(`${op} numbers on every storage`, () => {
      const xs: Value[] = [1n, 5n, null, 2n ** 60n, -3n];
      const reference = xs.map((x) => (x === null ? null : expected(op, (x as bigint) < 2n ? -1 : (x as bigint) > 2n ? 1 : 0)));
      for (const s of ['natural', 'big', 'dict'] as StorageKind[]) {
        expect(callColumns(op, [BIGINT, BIGINT], [xs, xs.map(() => 2n)], [s, 'const']).values, s).toEqual(reference);
        expect(callColumns(op, [BIGINT, BIGINT], [xs, xs.map(() => 2n)], [s, 'big']).values, s).toEqual(reference);
      }
      const dates: Value[] = [1, 5, null, 2, -3];
      const dref = dates.map((x) => (x === null ? null : expected(op, Math.sign((x as number) - 2))));
      for (const s of ['natural', 'dict'] as StorageKind[]) {
        expect(callColumns(op, [DATE, DATE], [dates, dates.map(() => 2)], [s, 'const']).values).toEqual(dref);
        expect(callColumns(op, [DATE, DATE], [dates.map(() => 2), dates], ['const', s]).values).toEqual(
          dates.map((x) => (x === null ? null : expected(op, Math.sign(2 - (x as number))))),
        );
      }
    });
  }
});

describe('IS DISTINCT FROM', () => {
  const cases: Array<[SqlType, Value, Value, boolean]> = [
    [INTEGER, null, null, false],
    [INTEGER, 1, null, true],
    [INTEGER, null, 1, true],
    [INTEGER, 1, 1, false],
    [DOUBLE, Number.NaN, Number.NaN, false],
    [DOUBLE, 0, -0, false],
    [BIGINT, 2n ** 60n, 2n ** 60n, false],
    [VARCHAR, 'a', 'b', true],
  ];
  it.each(cases)('%o: %o vs %o', (t, a, b, r) => {
    expect(call('$is_distinct_from', { type: t, value: a }, { type: t, value: b }).value).toBe(r);
  });
});
