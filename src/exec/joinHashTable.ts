/**
 * A hash join's build side (the join's right input), materialized and grouped by key: the
 * candidate build rows of a probe key are one group's rows. Build rows with a NULL key are in
 * no group (NULL never equals).
 */
import type { SqlType } from '../types/sqlType.ts';
import { allRows, isNullAt, type Batch, type Selection, type Vector } from '../types/vector.ts';
import type { CompiledExpr } from './evaluate.ts';
import { GroupByHash } from './groupByHash.ts';

export class JoinHashTable {
  private readonly hash: GroupByHash;
  /** Build rows grouped by key: group g's rows are rows[starts[g] .. starts[g + 1]). */
  private readonly starts: Int32Array;
  private readonly rows: Int32Array;
  readonly keyed: boolean;

  constructor(
    readonly build: Batch,
    keys: readonly CompiledExpr[],
    keyTypes: readonly SqlType[],
  ) {
    this.keyed = keys.length > 0;
    this.hash = new GroupByHash(keyTypes);
    const n = build.length;
    if (!this.keyed) {
      this.starts = Int32Array.of(0, n);
      this.rows = Int32Array.from(allRows(n));
      return;
    }
    const all = allRows(n);
    const keyVectors = keys.map((k) => k(build, all));
    const withKey = rowsWithoutNulls(keyVectors, all);
    const ids = this.hash.groupIds(keyVectors, withKey, n);
    const groups = this.hash.groupCount;
    const starts = new Int32Array(groups + 1);
    for (let k = 0; k < withKey.length; k++) starts[ids[withKey[k]!]! + 1]!++;
    for (let g = 0; g < groups; g++) starts[g + 1]! += starts[g]!;
    const fill = starts.slice(0, groups);
    const rows = new Int32Array(withKey.length);
    for (let k = 0; k < withKey.length; k++) {
      const i = withKey[k]!;
      rows[fill[ids[i]!]!++] = i;
    }
    this.starts = starts;
    this.rows = rows;
  }

  /** Per probe row (at its position), its group, or -1: no candidates. */
  groupsOf(keys: readonly Vector[], sel: Selection, length: number): Int32Array {
    if (!this.keyed) {
      const ids = new Int32Array(length);
      if (this.build.length === 0) ids.fill(-1);
      return ids;
    }
    return this.hash.findIds(keys, sel, length);
  }

  /** Groups 0..groupCount-1 (one group of every build row when there are no keys). */
  get groupCount(): number {
    return this.keyed ? this.hash.groupCount : 1;
  }

  candidates(group: number): { start: number; end: number } {
    return { start: this.starts[group]!, end: this.starts[group + 1]! };
  }

  row(k: number): number {
    return this.rows[k]!;
  }
}

function rowsWithoutNulls(keys: readonly Vector[], sel: Selection): Selection {
  if (keys.every((k) => k.storage === 'const' ? k.value !== null : k.nulls === null)) return sel;
  const out = new Int32Array(sel.length);
  let n = 0;
  for (let k = 0; k < sel.length; k++) {
    const i = sel[k]!;
    if (!keys.some((v) => isNullAt(v, i))) out[n++] = i;
  }
  return out.subarray(0, n);
}
