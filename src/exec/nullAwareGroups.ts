/**
 * What a null-aware join ([NOT] IN (subquery)) needs beyond equal keys: for a probe row with no
 * equal candidate, whether its IN is NULL rather than FALSE. That holds when the row's
 * candidate set S (the build rows with the same correlation keys that pass the residual) is not
 * empty and either the row's IN value or some IN value of S is NULL. The build rows are grouped
 * by correlation keys (one group of every row when there are none; rows with a NULL correlation
 * key belong to no S), and each group remembers its rows whose IN value is NULL.
 */
import type { SqlType } from '../types/sqlType.ts';
import { allRows, isNullAt, type Batch, type Selection, type Vector } from '../types/vector.ts';
import type { CompiledExpr } from './evaluate.ts';
import type { CompiledFilter } from './filter.ts';
import { JoinHashTable } from './joinHashTable.ts';
import { JoinPairs } from './joinPairs.ts';

/** Candidate pairs are evaluated in chunks of about this many. */

export class NullAwareGroups {
  /** The build rows grouped by correlation keys. */
  private readonly groups: JoinHashTable;
  /** Group g's rows with a NULL IN value: nullRows[nullStarts[g] .. nullStarts[g + 1]). */
  private readonly nullStarts: Int32Array;
  private readonly nullRows: Int32Array;

  constructor(
    private readonly build: Batch,
    /** rightKeys[0] of the join. */
    inKey: CompiledExpr,
    /** rightKeys[1..]. */
    correlationKeys: readonly CompiledExpr[],
    correlationTypes: readonly SqlType[],
  ) {
    this.groups = new JoinHashTable(build, correlationKeys, correlationTypes);
    const values = inKey(build, allRows(build.length));
    const count = this.groups.groupCount;
    const starts = new Int32Array(count + 1);
    const rows: number[] = [];
    for (let g = 0; g < count; g++) {
      const { start, end } = this.groups.candidates(g);
      for (let c = start; c < end; c++) {
        const r = this.groups.row(c);
        if (isNullAt(values, r)) rows.push(r);
      }
      starts[g + 1] = rows.length;
    }
    this.nullStarts = starts;
    this.nullRows = Int32Array.from(rows);
  }

  /**
   * Marks `unknown[i] = 1` for the rows `rows` (of `batch`, none with an equal candidate) whose
   * IN is NULL. `inValues` and `correlation` are the probe's key vectors over the batch; the
   * residual, if any, is over the probe's columns then the build's.
   */
  markUnknown(
    batch: Batch,
    rows: Selection,
    inValues: Vector,
    correlation: readonly Vector[],
    residual: CompiledFilter | null,
    unknown: Uint8Array,
  ): void {
    if (rows.length === 0) return;
    const groupOf = this.groups.groupsOf(correlation, rows, batch.length);
    const pairs = new JoinPairs(batch, this.build, (chunk, p) => {
      for (const j of residual!(chunk, allRows(p.length))) unknown[p[j]!] = 1;
    });
    for (let k = 0; k < rows.length; k++) {
      const i = rows[k]!;
      const g = groupOf[i]!;
      if (g < 0) continue; // S is empty: FALSE
      const valueIsNull = isNullAt(inValues, i);
      if (residual === null) {
        // A group has at least one row, so S is not empty.
        if (valueIsNull || this.nullStarts[g + 1]! > this.nullStarts[g]!) unknown[i] = 1;
        continue;
      }
      // With a residual, S is the group's rows that pass it with this probe row: a NULL value
      // needs any of them, a non-NULL one any whose IN value is NULL.
      if (valueIsNull) {
        const { start, end } = this.groups.candidates(g);
        for (let c = start; c < end; c++) pairs.add(i, this.groups.row(c));
      } else {
        for (let c = this.nullStarts[g]!; c < this.nullStarts[g + 1]!; c++) pairs.add(i, this.nullRows[c]!);
      }
    }
    pairs.flush();
  }
}
