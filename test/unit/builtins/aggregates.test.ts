import { describe, expect, it } from 'vitest';
import { compareStrings } from '../../../src/builtins/compareValues.ts';
import type { GroupedAccumulator } from '../../../src/builtins/types.ts';
import { divRoundHalfUp } from '../../../src/types/decimal.ts';
import {
  BIGINT,
  BOOLEAN,
  DATE,
  DOUBLE,
  INTEGER,
  REAL,
  VARCHAR,
  decimal,
  formatType,
  type SqlType,
} from '../../../src/types/sqlType.ts';
import type { Value } from '../../../src/types/value.ts';
import { allRows, vectorValues, type Vector } from '../../../src/types/vector.ts';
import { aggregate, aggregateOf, rng, vectorOf, type StorageKind } from './helpers.ts';

type Gen = (r: () => number) => Value;

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

const GENERATORS: Record<string, { type: SqlType; gen: Gen }> = {
  integer: { type: INTEGER, gen: (r) => Math.floor(r() * 2001) - 1000 },
  bigint: { type: BIGINT, gen: (r) => BigInt(Math.floor(r() * 2 ** 40)) * BigInt(Math.floor(r() * 2 ** 18)) - 2n ** 57n },
  'decimal(15,2)': { type: decimal(15, 2), gen: (r) => BigInt(Math.floor(r() * 2e7)) - 10_000_000n },
  'decimal(38,6)': { type: decimal(38, 6), gen: (r) => BigInt(Math.floor(r() * 2 ** 50)) * 1_000_003n - 2n ** 69n },
  double: { type: DOUBLE, gen: (r) => Math.floor(r() * 1e6) - 5e5 },
  real: { type: REAL, gen: (r) => Math.floor(r() * 1000) },
  varchar: { type: VARCHAR, gen: (r) => pick(r, ['a', 'b', 'ab', '', 'é', '\u{1F600}', '\uFFFD', 'zz']) },
  date: { type: DATE, gen: (r) => Math.floor(r() * 20000) - 5000 },
  boolean: { type: BOOLEAN, gen: (r) => r() < 0.5 },
};

function exactOf(v: Value): bigint {
  return typeof v === 'bigint' ? v : BigInt(v as number);
}

/** Reference results per group, computed directly from the values. */
function reference(name: string, type: SqlType, values: Value[][]): Value[] {
  return values.map((vs) => {
    const xs = vs.filter((v) => v !== null);
    switch (name) {
      case 'count':
        return BigInt(xs.length);
      case 'count_if':
        return BigInt(xs.filter((x) => x === true).length);
      case 'sum':
        if (xs.length === 0) return null;
        if (type.kind === 'double' || type.kind === 'real') return xs.reduce((a: number, b) => a + (b as number), 0);
        return xs.reduce((a: bigint, b) => a + exactOf(b), 0n);
      case 'avg': {
        if (xs.length === 0) return null;
        if (type.kind === 'decimal') return divRoundHalfUp(xs.reduce((a: bigint, b) => a + exactOf(b), 0n), BigInt(xs.length));
        return xs.reduce((a: number, b) => a + Number(b), 0) / xs.length;
      }
      case 'min':
      case 'max': {
        if (xs.length === 0) return null;
        const cmp = (a: Value, b: Value): number =>
          typeof a === 'string' ? compareStrings(a, b as string) : a! < b! ? -1 : a! > b! ? 1 : 0;
        const sign = name === 'max' ? 1 : -1;
        return xs.reduce((best, x) => (cmp(x, best) * sign > 0 ? x : best));
      }
      case 'bool_and':
        return xs.length === 0 ? null : xs.every((x) => x === true);
      case 'bool_or':
        return xs.length === 0 ? null : xs.some((x) => x === true);
      default:
        throw new Error(name);
    }
  });
}

function normalize(type: SqlType, values: Value[]): Value[] {
  return values.map((v) => (v !== null && (type.kind === 'bigint' || type.kind === 'decimal') ? exactOf(v) : v));
}

/** Partial aggregation over random partitions of the rows, then one or two merge levels. */
function partitioned(
  make: () => GroupedAccumulator,
  args: Vector[],
  groupIds: Int32Array,
  groupCount: number,
  r: () => number,
  twoLevels: boolean,
): Vector {
  const parts = 1 + Math.floor(r() * 4);
  const rows: number[][] = Array.from({ length: parts }, () => []);
  for (let i = 0; i < groupIds.length; i++) rows[Math.floor(r() * parts)]!.push(i);
  const states = rows.map((sel) => {
    const acc = make();
    acc.ensureGroups(groupCount);
    acc.update(groupIds, args, Int32Array.from(sel));
    return acc.states(groupCount);
  });
  const identity = Int32Array.from({ length: groupCount }, (_v, g) => g);
  let levels = states;
  if (twoLevels && states.length > 1) {
    const mid = make();
    mid.ensureGroups(groupCount);
    for (const s of states.slice(1)) mid.merge(identity, s, allRows(groupCount));
    levels = [states[0]!, mid.states(groupCount)];
  }
  const final = make();
  final.ensureGroups(groupCount);
  for (const s of levels) final.merge(identity, s, allRows(groupCount));
  return final.finish(groupCount);
}

const PROPERTY_CASES: Array<[string, string]> = [
  ['count', 'integer'],
  ['count', 'varchar'],
  ['count_if', 'boolean'],
  ['sum', 'integer'],
  ['sum', 'bigint'],
  ['sum', 'decimal(15,2)'],
  ['sum', 'decimal(38,6)'],
  ['sum', 'double'],
  ['avg', 'integer'],
  ['avg', 'decimal(15,2)'],
  ['avg', 'decimal(38,6)'],
  ['avg', 'double'],
  ['min', 'integer'],
  ['max', 'bigint'],
  ['min', 'decimal(38,6)'],
  ['max', 'varchar'],
  ['min', 'varchar'],
  ['max', 'date'],
  ['min', 'double'],
  ['bool_and', 'boolean'],
  ['bool_or', 'boolean'],
];

describe('aggregates: partial states merged equal a single pass', () => {
  for (const [name, typeName] of PROPERTY_CASES) {
    for (const distinct of [false, true]) {
      it(`${name}(${distinct ? 'DISTINCT ' : ''}${typeName})`, () => {
        const { type, gen } = GENERATORS[typeName]!;
        for (let seed = 1; seed <= 25; seed++) {
          const r = rng(seed * 7919 + name.length);
          const n = Math.floor(r() * 60);
          const groupCount = 1 + Math.floor(r() * 5);
          const nullRate = seed % 5 === 0 ? 1 : 0.2;
          // Few distinct values so DISTINCT matters.
          const pool = Array.from({ length: 1 + Math.floor(r() * 6) }, () => gen(r));
          const values = Array.from({ length: n }, () => (r() < nullRate ? null : distinct ? pick(r, pool) : gen(r)));
          const groups = Array.from({ length: n }, () => Math.floor(r() * groupCount));
          const byGroup: Value[][] = Array.from({ length: groupCount }, () => []);
          values.forEach((v, i) => byGroup[groups[i]!]!.push(v));
          const keyOf = (v: Value): string => (typeof v === 'bigint' ? `${v}n` : JSON.stringify(v));
          const input = distinct
            ? byGroup.map((vs) => [...new Map(vs.filter((v) => v !== null).map((v) => [keyOf(v), v])).values()])
            : byGroup;
          const { sig, make } = aggregateOf(name, [type], distinct);
          const expected = normalize(sig.returnType, reference(name, type, input));
          const storage: StorageKind = seed % 3 === 0 && typeName !== 'boolean' ? 'dict' : 'natural';
          const args = [vectorOf(sig.argTypes[0]!, values, storage)];
          const groupIds = Int32Array.from(groups);

          const single = make();
          single.ensureGroups(groupCount);
          single.update(groupIds, args, allRows(n));
          const singleValues = normalize(sig.returnType, vectorValues(single.finish(groupCount)));
          const merged = normalize(sig.returnType, vectorValues(partitioned(make, args, groupIds, groupCount, r, seed % 2 === 0)));
          if (type.kind === 'real' || (name === 'avg' && sig.returnType.kind === 'double')) {
            expect(singleValues.map((v) => (v === null ? null : Number((v as number).toPrecision(10))))).toEqual(
              expected.map((v) => (v === null ? null : Number((v as number).toPrecision(10)))),
            );
          } else expect(singleValues, `seed ${seed}`).toEqual(expected);
          expect(merged, `seed ${seed} merged`).toEqual(singleValues);
        }
      });
    }
  }
});

describe('aggregate types and edge cases', () => {
  const types: Array<[string, SqlType, string, string[]]> = [
    ['sum', INTEGER, 'bigint', ['bigint']],
    ['sum', decimal(15, 2), 'decimal(38,2)', ['decimal(38,2)']],
    ['sum', REAL, 'real', ['double']],
    ['avg', BIGINT, 'double', ['double', 'bigint']],
    ['avg', decimal(15, 2), 'decimal(15,2)', ['decimal(38,2)', 'bigint']],
    ['avg', REAL, 'real', ['double', 'bigint']],
    ['min', VARCHAR, 'varchar', ['varchar']],
    ['max', DATE, 'date', ['date']],
    ['count', VARCHAR, 'bigint', ['bigint']],
    ['count_if', BOOLEAN, 'bigint', ['bigint']],
    ['bool_and', BOOLEAN, 'boolean', ['boolean']],
    ['arbitrary', decimal(5, 2), 'decimal(5,2)', ['decimal(5,2)']],
    ['any_value', VARCHAR, 'varchar', ['varchar']],
  ];
  it.each(types)('%s(%o) → %s', (name, t, ret, states) => {
    const { sig } = aggregateOf(name, [t]);
    expect(formatType(sig.returnType)).toBe(ret);
    expect(sig.stateTypes.map(formatType)).toEqual(states);
  });

  it('DISTINCT state is the array of values', () => {
    expect(aggregateOf('sum', [INTEGER], true).sig.stateTypes.map(formatType)).toEqual(['array(integer)']);
  });

  it('count(*) counts rows; empty and NULL-only groups', () => {
    expect(aggregate('count', [], [], [0, 0, 1])).toEqual([2n, 1n]);
    expect(aggregate('count', [INTEGER], [[null, null, 3]], [0, 0, 1])).toEqual([0n, 1n]);
    expect(aggregate('sum', [INTEGER], [[null, null, 3]], [0, 0, 1])).toEqual([null, 3n]);
    expect(aggregate('avg', [DOUBLE], [[null, 2, 3]], [0, 1, 1])).toEqual([null, 2.5]);
    expect(aggregate('max', [VARCHAR], [[null]], [0])).toEqual([null]);
    expect(aggregate('sum', [DOUBLE], [[]], [])).toEqual([null]);
  });

  it('sums stay exact past 2^53 (TPC-H Q1 shape)', () => {
    const v = 99_999_999_999n; // about 1e11 unscaled, like extended price products
    const n = 200_000;
    const values = new Array<Value>(n).fill(v);
    const [sum] = aggregate('sum', [decimal(38, 6)], [values], new Array<number>(n).fill(0));
    expect(sum).toBe(v * BigInt(n));
    const [avg] = aggregate('avg', [decimal(38, 6)], [[...values, 0n]], new Array<number>(n + 1).fill(0));
    expect(avg).toBe(divRoundHalfUp(v * BigInt(n), BigInt(n + 1)));
  });

  it('sum(bigint) overflow is an error', () => {
    expect(() => aggregate('sum', [BIGINT], [[2n ** 62n, 2n ** 62n]], [0, 0])).toThrow(/bigint addition overflow/);
  });

  it('avg(decimal) rounds HALF_UP', () => {
    expect(aggregate('avg', [decimal(5, 2)], [[1n, 2n]], [0, 0])).toEqual([2n]);
    expect(aggregate('avg', [decimal(5, 2)], [[-1n, -2n]], [0, 0])).toEqual([-2n]);
    expect(aggregate('avg', [decimal(5, 2)], [[1n, 1n, 2n]], [0, 0, 0])).toEqual([1n]);
  });

  it('min/max of doubles ignore NaN unless every value is NaN (Trino)', () => {
    expect(aggregate('max', [DOUBLE], [[Number.NaN, 1, Number.NaN, 3]], [0, 0, 0, 0])).toEqual([3]);
    expect(aggregate('min', [DOUBLE], [[1, Number.NaN, 3]], [0, 0, 0])).toEqual([1]);
    expect(aggregate('max', [DOUBLE], [[Number.NaN, Number.NaN]], [0, 0])).toEqual([Number.NaN]);
  });

  it('count(DISTINCT) treats NaN once and 0 = -0', () => {
    expect(aggregate('count', [DOUBLE], [[Number.NaN, Number.NaN, 0, -0, 1]], [0, 0, 0, 0, 0], true)).toEqual([3n]);
  });

  it('approx_distinct counts distinct values exactly, through states too', () => {
    expect(aggregate('approx_distinct', [VARCHAR], [['a', 'b', 'a', null, 'c']], [0, 0, 0, 0, 1])).toEqual([2n, 1n]);
    const { make } = aggregateOf('approx_distinct', [INTEGER]);
    const partial = make();
    partial.ensureGroups(1);
    partial.update(Int32Array.from([0, 0, 0]), [vectorOf(INTEGER, [1, 2, 1])], allRows(3));
    const final = make();
    final.ensureGroups(1);
    final.merge(Int32Array.from([0]), partial.states(1), allRows(1));
    final.merge(Int32Array.from([0]), partial.states(1), allRows(1));
    expect(vectorValues(final.finish(1))).toEqual([2n]);
  });

  it('arbitrary picks a non-NULL value', () => {
    expect(aggregate('arbitrary', [VARCHAR], [[null, 'x', 'y', null]], [0, 0, 0, 1])).toEqual(['x', null]);
  });

  it('rejects unsupported argument types', () => {
    expect(() => aggregateOf('sum', [VARCHAR])).toThrow(/Unexpected parameters \(varchar\) for function sum/);
    expect(() => aggregateOf('count_if', [INTEGER])).toThrow();
  });
});
