/**
 * Hash aggregation: partial states merged in any split equal a single pass, FILTER clauses,
 * global aggregates over no rows, and the final fragment's output.
 */
import { describe, expect, it } from 'vitest';
import { getAggregateFunction } from '../../../src/builtins/registry.ts';
import { isResolved } from '../../../src/builtins/types.ts';
import { HashAggregator, partitionByGroup } from '../../../src/exec/hashAggregate.ts';
import { column } from '../../../src/plan/expr.ts';
import type { AggregateCall } from '../../../src/plan/logical.ts';
import { BOOLEAN, decimal, DOUBLE, INTEGER, VARCHAR, type SqlType } from '../../../src/types/sqlType.ts';
import type { Value } from '../../../src/types/value.ts';
import { allRows, vectorFromValues, vectorValues, type Batch } from '../../../src/types/vector.ts';

function agg(name: string, argTypes: SqlType[], argColumns: number[], distinct = false, filter: number | null = null): AggregateCall {
  const sig = getAggregateFunction(name)!.resolve(argTypes, distinct);
  if (!isResolved(sig)) throw new Error(sig.error);
  return {
    name,
    args: argColumns.map((c, i) => column(c, argTypes[i]!)),
    distinct,
    filter: filter === null ? null : column(filter, BOOLEAN),
    argTypes: sig.argTypes,
    stateTypes: sig.stateTypes,
    type: sig.returnType,
  };
}

// Rows: (flag varchar, qty decimal(15,2), n integer, keep boolean)
const rows: [string | null, bigint | null, number | null, boolean][] = [
  ['A', 1050n, 1, true],
  ['B', 200n, 2, false],
  ['A', null, 3, true],
  [null, 999n, 4, true],
  ['B', 2n ** 52n, 2, true],
  ['A', 2n ** 52n, 1, false],
  ['B', 2n ** 52n, 5, true],
];
const TYPES: SqlType[] = [VARCHAR, decimal(15, 2), INTEGER, BOOLEAN];

function batchOf(part: typeof rows): Batch {
  return { length: part.length, columns: TYPES.map((t, j) => vectorFromValues(t, part.map((r) => r[j] as Value))) };
}

const CALLS = [
  agg('sum', [decimal(15, 2)], [1]),
  agg('avg', [decimal(15, 2)], [1]),
  agg('count', [], []),
  agg('count', [decimal(15, 2)], [1]),
  agg('count', [INTEGER], [2], true),
  agg('min', [INTEGER], [2]),
  agg('max', [decimal(15, 2)], [1]),
  agg('sum', [INTEGER], [2], false, 3),
];

function finalRows(a: HashAggregator): Value[][] {
  const out = a.finalOutput();
  const cols = out.columns.map(vectorValues);
  return Array.from({ length: out.length }, (_x, r) => cols.map((c) => c[r]!)).sort((x, y) => String(x[0]).localeCompare(String(y[0])));
}

describe('HashAggregator', () => {
  const single = new HashAggregator([VARCHAR], CALLS);
  single.addInput(batchOf(rows), allRows(rows.length), [0]);
  const expected = finalRows(single);

  it('computes each aggregate per group, NULL keys included, sums exact beyond 2^53', () => {
    const big = 2n ** 52n;
    expect(expected).toEqual([
      ['A', 1050n + big, (1050n + big + 1n) / 2n, 3n, 2n, 2n, 1, big, 4n],
      ['B', 200n + 2n * big, (200n + 2n * big) / 3n, 3n, 3n, 2n, 2, big, 7n],
      [null, 999n, 999n, 1n, 1n, 1n, 4, 999n, 4n],
    ]);
  });

  it.each([[[3, 7]], [[1, 2, 4]], [[0, 7]], [[2, 2, 3]]])('partials split as %j and merged equal one pass', (cuts) => {
    const merger = new HashAggregator([VARCHAR], CALLS);
    let start = 0;
    for (const end of [...cuts, rows.length]) {
      const part = rows.slice(start, end);
      start = end;
      const partial = new HashAggregator([VARCHAR], CALLS);
      partial.addInput(batchOf(part), allRows(part.length), [0]);
      const states = partial.partialOutput();
      merger.addPartial(states, allRows(states.length));
    }
    expect(finalRows(merger)).toEqual(expected);
  });

  it('a global aggregate over no rows gives one row: count 0, sum NULL', () => {
    const a = new HashAggregator([], [agg('count', [], []), agg('sum', [decimal(15, 2)], [1])]);
    a.addInput(batchOf([]), allRows(0), []);
    const out = a.finalOutput();
    expect(out.length).toBe(1);
    expect(out.columns.map((c) => vectorValues(c)[0])).toEqual([0n, null]);
  });

  it('a grouped aggregate over no rows gives no rows', () => {
    const a = new HashAggregator([VARCHAR], [agg('count', [], [])]);
    a.addInput(batchOf([]), allRows(0), [0]);
    expect(a.finalOutput().length).toBe(0);
  });
});

describe('HashAggregator, few groups and many rows (rows partitioned by group)', () => {
  it('gives the same sums, averages and counts as a per-row reference, past 2^53', () => {
    const n = 5000;
    const groups = ['a', 'b', 'c', 'd', 'e'];
    const keys: string[] = [];
    const qty: (bigint | null)[] = [];
    const dbl: (number | null)[] = [];
    let seed = 12345;
    const rand = (): number => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    for (let i = 0; i < n; i++) {
      keys.push(groups[Math.floor(rand() * groups.length)]!);
      qty.push(rand() < 0.1 ? null : BigInt(Math.floor(rand() * 2 ** 50)));
      dbl.push(rand() < 0.1 ? null : rand() * 100);
    }
    const calls = [agg('sum', [decimal(15, 2)], [1]), agg('avg', [decimal(15, 2)], [1]), agg('count', [], []), agg('count', [decimal(15, 2)], [1]), agg('sum', [DOUBLE], [2])];
    const a = new HashAggregator([VARCHAR], calls);
    const batch: Batch = { length: n, columns: [vectorFromValues(VARCHAR, keys), vectorFromValues(decimal(15, 2), qty), vectorFromValues(DOUBLE, dbl)] };
    a.addInput(batch, allRows(n), [0]);
    const out = a.finalOutput();
    const cols = out.columns.map(vectorValues);
    for (let r = 0; r < out.length; r++) {
      const g = cols[0]![r] as string;
      const rows = keys.flatMap((k, i) => (k === g ? [i] : []));
      const present = rows.filter((i) => qty[i] !== null);
      const sum = present.reduce((s, i) => s + qty[i]!, 0n);
      expect(sum).toBeGreaterThan(2n ** 53n);
      const avg = (2n * sum + BigInt(present.length)) / (2n * BigInt(present.length));
      const dsum = rows.filter((i) => dbl[i] !== null).reduce((s, i) => s + dbl[i]!, 0);
      expect(cols.slice(1, 5).map((c) => c[r])).toEqual([sum, avg, BigInt(rows.length), BigInt(present.length)]);
      expect(cols[5]![r] as number).toBeCloseTo(dsum, 6);
    }
    expect(out.length).toBe(groups.length);
  });
});

describe('partitionByGroup', () => {
  it('orders the selected rows by group, keeping row order within a group', () => {
    const ids = Int32Array.of(2, 0, 2, 1, 0, 9, 2);
    const sel = Int32Array.of(0, 1, 2, 3, 4, 6); // row 5 is not selected: its id is never read
    const { starts, rows } = partitionByGroup(sel, ids, 4);
    expect([...starts]).toEqual([0, 2, 3, 6, 6]);
    expect([...rows]).toEqual([1, 4, 3, 0, 2, 6]);
  });

  it('handles an empty selection', () => {
    const { starts, rows } = partitionByGroup(new Int32Array(0), new Int32Array(3), 2);
    expect([...starts]).toEqual([0, 0, 0]);
    expect(rows.length).toBe(0);
  });
});
