/**
 * The Window operator on hand-made rows, expected values derived by hand from the SQL
 * definitions (the corpus, test/sql/windows.sql, checks the same against DuckDB on real data).
 */
import { describe, expect, it } from 'vitest';
import { getAggregateFunction } from '../../../src/builtins/registry.ts';
import { isResolved } from '../../../src/builtins/types.ts';
import { evaluateWindow } from '../../../src/exec/window.ts';
import { column } from '../../../src/plan/expr.ts';
import type { WindowFrame, WindowFunction, WindowNode } from '../../../src/plan/logical.ts';
import { BIGINT, INTEGER, type SqlType } from '../../../src/types/sqlType.ts';
import { vectorFromValues, vectorValues, type Batch } from '../../../src/types/vector.ts';
import type { Value } from '../../../src/types/value.ts';

// Columns: 0 part (integer), 1 k (integer, the order key), 2 x (bigint), 3 one (bigint offset 1)
const rows: Value[][] = [
  [1, 1, 10n, 1n],
  [1, 2, 20n, 1n],
  [1, 2, 30n, 1n],
  [1, 4, null, 1n],
  [1, null, 50n, 1n],
  [2, 7, 60n, 1n],
  [2, 8, 70n, 1n],
];
const types: SqlType[] = [INTEGER, INTEGER, BIGINT, BIGINT];
const input: Batch = { columns: types.map((t, c) => vectorFromValues(t, rows.map((r) => r[c]!))), length: rows.length };

const RUNNING: WindowFrame = { unit: 'range', start: { kind: 'unboundedPreceding' }, end: { kind: 'currentRow' } };

function fn(name: string, args: number[], frame: WindowFrame = RUNNING, type: SqlType = BIGINT): WindowFunction {
  return { name, args: args.map((i) => column(i, types[i]!)), frame, ignoreNulls: false, aggregate: null, type };
}

function agg(name: string, args: number[], frame: WindowFrame): WindowFunction {
  const sig = getAggregateFunction(name)!.resolve(args.map((i) => types[i]!), false);
  if (!isResolved(sig)) throw new Error(sig.error);
  return { ...fn(name, args, frame, sig.returnType), aggregate: { argTypes: sig.argTypes, stateTypes: sig.stateTypes, filter: null } };
}

/** Each function's values, rows listed by (part, k NULLS LAST) as the operator sorts them. */
function run(functions: WindowFunction[], partitioned = true): Value[][] {
  const node: WindowNode = {
    kind: 'Window',
    input: { kind: 'Values', rows: [], output: types.map((type, i) => ({ name: `c${i}`, type })) },
    partitionBy: partitioned ? [column(0, INTEGER)] : [],
    orderBy: [{ expr: column(1, INTEGER), ascending: true, nullsFirst: false }],
    functions,
    output: [...types.map((type, i) => ({ name: `c${i}`, type })), ...functions.map((f, i) => ({ name: `w${i}`, type: f.type }))],
  };
  const out = evaluateWindow(node, input);
  return functions.map((_f, i) => vectorValues(out.columns[types.length + i]!));
}

describe('window functions', () => {
  it('ranking: ties share rank, dense_rank counts peer groups, row_number does not tie', () => {
    const [rn, rank, dense] = run([fn('row_number', []), fn('rank', []), fn('dense_rank', [])]);
    expect(rn).toEqual([1n, 2n, 3n, 4n, 5n, 1n, 2n]);
    expect(rank).toEqual([1n, 2n, 2n, 4n, 5n, 1n, 2n]);
    expect(dense).toEqual([1n, 2n, 2n, 3n, 4n, 1n, 2n]);
  });

  it('ntile over 7 rows in 3 buckets: 3, 2, 2', () => {
    const sevenInThree: Batch = { ...input, columns: [...input.columns.slice(0, 3), vectorFromValues(BIGINT, rows.map(() => 3n))] };
    const node: WindowNode = {
      kind: 'Window',
      input: { kind: 'Values', rows: [], output: types.map((type, i) => ({ name: `c${i}`, type })) },
      partitionBy: [],
      orderBy: [{ expr: column(2, BIGINT), ascending: true, nullsFirst: true }],
      functions: [fn('ntile', [3])],
      output: [],
    };
    expect(vectorValues(evaluateWindow(node, sevenInThree).columns[4]!)).toEqual([1n, 1n, 1n, 2n, 2n, 3n, 3n]);
  });

  it('running sum: peers share the value; NULL values are skipped, a NULL key is its own peer group', () => {
    const [sum, count] = run([agg('sum', [2], RUNNING), agg('count', [2], RUNNING)]);
    expect(sum).toEqual([10n, 60n, 60n, 60n, 110n, 60n, 130n]);
    expect(count).toEqual([1n, 3n, 3n, 3n, 4n, 1n, 2n]);
  });

  it('ROWS frames that end before the row are empty at the partition start (sum NULL, count 0)', () => {
    const before: WindowFrame = { unit: 'rows', start: { kind: 'unboundedPreceding' }, end: { kind: 'preceding', offset: column(3, BIGINT), range: null } };
    const [sum, count] = run([agg('sum', [2], before), agg('count', [2], before)]);
    expect(sum).toEqual([null, 10n, 30n, 60n, 60n, null, 60n]);
    expect(count).toEqual([0n, 1n, 2n, 3n, 3n, 0n, 1n]);
  });

  it('GROUPS 1 PRECEDING to 1 FOLLOWING spans the neighbouring peer groups', () => {
    const groups: WindowFrame = {
      unit: 'groups',
      start: { kind: 'preceding', offset: column(3, BIGINT), range: null },
      end: { kind: 'following', offset: column(3, BIGINT), range: null },
    };
    const [count] = run([agg('count', [3], groups)]);
    // Partition 1 groups: {1}, {2,2}, {4}, {NULL}: sizes 1+2, 1+2+1, …
    expect(count).toEqual([3n, 4n, 4n, 4n, 2n, 2n, 2n]);
  });

  it('RANGE 1 PRECEDING to 1 FOLLOWING: keys within 1; the NULL key only meets NULL keys', () => {
    const range: WindowFrame = {
      unit: 'range',
      start: { kind: 'preceding', offset: column(3, BIGINT), range: { key: column(1, INTEGER), value: column(4, BIGINT) } },
      end: { kind: 'following', offset: column(3, BIGINT), range: { key: column(1, INTEGER), value: column(5, BIGINT) } },
    };
    // Columns 4 and 5: k - 1 and k + 1, as the binder computes them below the Window.
    const lo = vectorFromValues(BIGINT, rows.map((r) => (r[1] === null ? null : BigInt(r[1] as number) - 1n)));
    const hi = vectorFromValues(BIGINT, rows.map((r) => (r[1] === null ? null : BigInt(r[1] as number) + 1n)));
    const withBounds: Batch = { columns: [...input.columns, lo, hi], length: input.length };
    const node: WindowNode = {
      kind: 'Window',
      input: { kind: 'Values', rows: [], output: [] },
      partitionBy: [column(0, INTEGER)],
      orderBy: [{ expr: column(1, INTEGER), ascending: true, nullsFirst: false }],
      functions: [agg('count', [3], range)],
      output: [],
    };
    expect(vectorValues(evaluateWindow(node, withBounds).columns[6]!)).toEqual([3n, 3n, 3n, 1n, 1n, 2n, 2n]);
  });

  it('lag, lead and first/last value stay inside the partition', () => {
    const whole: WindowFrame = { unit: 'rows', start: { kind: 'unboundedPreceding' }, end: { kind: 'unboundedFollowing' } };
    const [lag, lead, first, last] = run([fn('lag', [2]), fn('lead', [2]), fn('first_value', [2], whole), fn('last_value', [2], whole)]);
    expect(lag).toEqual([null, 10n, 20n, 30n, null, null, 60n]);
    expect(lead).toEqual([20n, 30n, null, 50n, null, 70n, null]);
    expect(first).toEqual([10n, 10n, 10n, 10n, 10n, 60n, 60n]);
    expect(last).toEqual([50n, 50n, 50n, 50n, 50n, 70n, 70n]);
  });

  it('a NULL or negative frame offset is an error', () => {
    const negative = vectorFromValues(BIGINT, rows.map(() => -1n));
    const frame: WindowFrame = { unit: 'rows', start: { kind: 'preceding', offset: column(3, BIGINT), range: null }, end: { kind: 'currentRow' } };
    const node: WindowNode = { kind: 'Window', input: { kind: 'Values', rows: [], output: [] }, partitionBy: [], orderBy: [], functions: [agg('count', [2], frame)], output: [] };
    expect(() => evaluateWindow(node, { columns: [...input.columns.slice(0, 3), negative], length: input.length })).toThrow(/must not be negative or null/);
  });
});
