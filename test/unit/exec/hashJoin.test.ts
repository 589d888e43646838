/**
 * The hash join probe's filtering joins: mark joins (EXISTS and IN as values), and the
 * null-aware IN / NOT IN (three-valued, uncorrelated and per correlation group, with and without
 * a residual), against the SQL answer written out by hand.
 */
import { describe, expect, it } from 'vitest';
import { compileExprs } from '../../../src/exec/evaluate.ts';
import { JoinProbe } from '../../../src/exec/hashJoin.ts';
import { JoinHashTable } from '../../../src/exec/joinHashTable.ts';
import type { RowSink } from '../../../src/exec/sinks.ts';
import { column, type BoundExpr } from '../../../src/plan/expr.ts';
import type { JoinType } from '../../../src/plan/logical.ts';
import { BIGINT, BOOLEAN, VARCHAR, type SqlType } from '../../../src/types/sqlType.ts';
import type { Value } from '../../../src/types/value.ts';
import { allRows, valueAt, vectorFromValues, type Batch, type Selection } from '../../../src/types/vector.ts';

function batchOf(types: readonly SqlType[], rows: readonly (readonly Value[])[]): Batch {
  return { length: rows.length, columns: types.map((t, j) => vectorFromValues(t, rows.map((r) => r[j]!))) };
}

class Rows implements RowSink {
  readonly rows: Value[][] = [];
  readonly satisfied = false;
  add(batch: Batch, sel: Selection): void {
    for (const i of sel) this.rows.push(batch.columns.map((c) => valueAt(c, i)));
  }
}

interface Case {
  readonly type: JoinType;
  readonly nullAware?: boolean;
  readonly leftTypes: readonly SqlType[];
  readonly rightTypes: readonly SqlType[];
  /** Key i compares left column i with right column i. */
  readonly keys: number;
  readonly residual?: BoundExpr;
  readonly probe: readonly (readonly Value[])[];
  readonly build: readonly (readonly Value[])[];
  /** Probe rows to run (all by default), in one batch. */
  readonly sel?: readonly number[];
}

function run(c: Case): Value[][] {
  const leftKeys = Array.from({ length: c.keys }, (_x, i) => column(i, c.leftTypes[i]!));
  const rightKeys = Array.from({ length: c.keys }, (_x, i) => column(i, c.rightTypes[i]!));
  const build = batchOf(c.rightTypes, c.build);
  const table = new JoinHashTable(build, compileExprs(rightKeys), rightKeys.map((k) => k.type));
  const out = new Rows();
  const probe = new JoinProbe(
    {
      type: c.type,
      leftKeys,
      rightKeys,
      residual: c.residual ?? null,
      nullAware: c.nullAware ?? false,
      leftTypes: c.leftTypes,
      rightTypes: c.rightTypes,
    },
    table,
    out,
  );
  const batch = batchOf(c.leftTypes, c.probe);
  probe.add(batch, c.sel === undefined ? allRows(batch.length) : Int32Array.from(c.sel));
  probe.finish();
  return out.rows;
}

/** The mark column of a mark join's output, in probe order. */
function marks(c: Case): Value[] {
  return run(c).map((r) => r[r.length - 1]!);
}

const ONE_KEY = { leftTypes: [BIGINT], rightTypes: [BIGINT], keys: 1 } as const;
const PROBE = [[1n], [2n], [null]];

describe('mark join', () => {
  it('EXISTS: TRUE where a key matches, else FALSE, never NULL (NULL keys match nothing)', () => {
    expect(marks({ ...ONE_KEY, type: 'mark', probe: PROBE, build: [[1n], [1n], [3n], [null]] })).toEqual([true, false, false]);
  });

  it('keeps every probe column and appends the mark', () => {
    const rows = run({ type: 'mark', leftTypes: [BIGINT, VARCHAR], rightTypes: [BIGINT], keys: 1, probe: [[1n, 'a'], [2n, 'b']], build: [[2n]] });
    expect(rows).toEqual([
      [1n, 'a', false],
      [2n, 'b', true],
    ]);
  });

  it('only the selected probe rows are marked', () => {
    expect(run({ ...ONE_KEY, type: 'mark', probe: [[1n], [2n], [3n], [4n]], build: [[3n], [1n]], sel: [1, 2] })).toEqual([
      [2n, false],
      [3n, true],
    ]);
  });

  it('IN without NULLs in the subquery: TRUE, FALSE, and NULL for a NULL value', () => {
    expect(marks({ ...ONE_KEY, type: 'mark', nullAware: true, probe: PROBE, build: [[1n], [3n]] })).toEqual([true, false, null]);
  });

  it('IN with a NULL in the subquery: a value not found is NULL', () => {
    expect(marks({ ...ONE_KEY, type: 'mark', nullAware: true, probe: PROBE, build: [[1n], [null]] })).toEqual([true, null, null]);
  });

  it('IN over an empty subquery is FALSE, even for a NULL value', () => {
    expect(marks({ ...ONE_KEY, type: 'mark', nullAware: true, probe: PROBE, build: [] })).toEqual([false, false, false]);
  });

  it('uncorrelated EXISTS (no keys): TRUE for every row when the subquery has rows, else FALSE', () => {
    const noKeys = { leftTypes: [BIGINT], rightTypes: [BIGINT], keys: 0, probe: PROBE } as const;
    expect(marks({ ...noKeys, type: 'mark', build: [[7n]] })).toEqual([true, true, true]);
    expect(marks({ ...noKeys, type: 'mark', build: [] })).toEqual([false, false, false]);
  });

  it('EXISTS with a residual: TRUE only where some candidate passes it', () => {
    // probe.x < build.y over left's then right's columns.
    const residual: BoundExpr = { kind: 'call', name: '$lt', args: [column(0, BIGINT), column(1, BIGINT)], type: BOOLEAN };
    const c: Case = { leftTypes: [BIGINT], rightTypes: [BIGINT], keys: 0, residual, type: 'mark', probe: [[1n], [5n], [null]], build: [[3n], [4n]] };
    expect(marks(c)).toEqual([true, false, false]);
  });
});

describe('null-aware NOT IN (anti join)', () => {
  const notIn = (build: Value[][]): Value[][] => run({ ...ONE_KEY, type: 'anti', nullAware: true, probe: PROBE, build });

  it('keeps the values not found; a NULL value is unknown and goes', () => {
    expect(notIn([[1n], [3n]])).toEqual([[2n]]);
  });

  it('a NULL in the subquery makes every value not found unknown: nothing is kept', () => {
    expect(notIn([[1n], [null]])).toEqual([]);
  });

  it('an empty subquery keeps every row, the NULL value too', () => {
    expect(notIn([])).toEqual([[1n], [2n], [null]]);
  });
});

describe('correlated null-aware IN: NULLs count within the correlation group only', () => {
  // Key 0 is the IN comparison (x vs y), key 1 the correlation (k = k).
  const corr = { leftTypes: [BIGINT, VARCHAR], rightTypes: [BIGINT, VARCHAR], keys: 2 } as const;
  const build: Value[][] = [
    [1n, 'a'],
    [null, 'b'],
    [2n, 'b'],
    [3n, null],
  ];
  const probe: Value[][] = [
    [1n, 'a'], // found in a: TRUE
    [2n, 'a'], // a has no NULL: FALSE
    [null, 'a'], // NULL value, a not empty: NULL
    [2n, 'b'], // found in b: TRUE
    [5n, 'b'], // b has a NULL: NULL
    [null, 'c'], // c is empty: FALSE
    [3n, null], // a NULL correlation key has no rows: FALSE
    [null, null], // likewise
  ];

  it('as a mark', () => {
    expect(marks({ ...corr, type: 'mark', nullAware: true, probe, build })).toEqual([true, false, null, true, null, false, false, false]);
  });

  it('as NOT IN: the FALSE rows', () => {
    expect(run({ ...corr, type: 'anti', nullAware: true, probe, build })).toEqual([
      [2n, 'a'],
      [null, 'c'],
      [3n, null],
      [null, null],
    ]);
  });

  it('as IN in WHERE (semi join): the TRUE rows', () => {
    expect(run({ ...corr, type: 'semi', probe, build })).toEqual([
      [1n, 'a'],
      [2n, 'b'],
    ]);
  });
});

describe('null-aware IN with a residual: the candidates are the rows that pass it', () => {
  // x IN (SELECT y FROM build WHERE build.z > probe.w): probe (x, w), build (y, z).
  const residual: BoundExpr = { kind: 'call', name: '$gt', args: [column(3, BIGINT), column(1, BIGINT)], type: BOOLEAN };
  const base = { leftTypes: [BIGINT, BIGINT], rightTypes: [BIGINT, BIGINT], keys: 1, residual, nullAware: true, type: 'mark' } as const;
  const build: Value[][] = [
    [1n, 10n],
    [null, 20n],
    [2n, 30n],
  ];

  it('a match counts only if it passes; a NULL value or a NULL candidate only if one passes', () => {
    const probe: Value[][] = [
      [1n, 5n], // 1 passes (10 > 5): TRUE
      [1n, 15n], // 1 fails; the NULL (20 > 15) passes: NULL
      [1n, 25n], // 1 and the NULL fail; 2 passes, not equal: FALSE
      [null, 25n], // S = {2}: NULL
      [null, 35n], // S empty: FALSE
      [2n, 35n], // S empty: FALSE
    ];
    expect(marks({ ...base, probe, build })).toEqual([true, null, false, null, false, false]);
  });
});
