/**
 * Hash join: the build side (the join's right input) is materialized into a table grouped by
 * key; probe batches stream through. All join types share one path: for each probe row the
 * candidate build rows are its key's group (or every build row when there are no keys), a
 * residual filters candidate pairs, and the type decides what is emitted.
 */
import type { BoundExpr } from '../plan/expr.ts';
import type { JoinType } from '../plan/logical.ts';
import type { SqlType } from '../types/sqlType.ts';
import { allRows, constVector, type Batch, type Selection, type Vector } from '../types/vector.ts';
import { compileExprs, type CompiledExpr } from './evaluate.ts';
import { compileFilter, type CompiledFilter } from './filter.ts';
import { GroupByHash } from './groupByHash.ts';
import type { RowSink } from './sinks.ts';
import { takeRows } from './sort.ts';

/** Candidate pairs are evaluated in chunks of about this many. */
const PAIR_CHUNK = 64 * 1024;

export interface JoinSpec {
  readonly type: JoinType;
  readonly leftKeys: readonly BoundExpr[];
  readonly rightKeys: readonly BoundExpr[];
  readonly residual: BoundExpr | null;
  readonly nullAware: boolean;
  readonly leftTypes: readonly SqlType[];
  readonly rightTypes: readonly SqlType[];
}

export class JoinHashTable {
  private readonly hash: GroupByHash;
  /** Build rows grouped by key: group g's rows are rows[starts[g] .. starts[g + 1]). */
  private readonly starts: Int32Array;
  private readonly rows: Int32Array;
  readonly keyed: boolean;
  /** Some build row has a NULL key (NOT IN: then nothing is known not to be in the list). */
  readonly hasNullKey: boolean;

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
      this.hasNullKey = false;
      return;
    }
    const all = allRows(n);
    const keyVectors = keys.map((k) => k(build, all));
    const withKey = rowsWithoutNulls(keyVectors, all);
    this.hasNullKey = withKey.length < n;
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

/** Streams probe (left) batches against a built table into `out`. */
export class JoinProbe implements RowSink {
  private readonly probeKeys: CompiledExpr[];
  private readonly residual: CompiledFilter | null;
  /** right/full: build rows matched so far. */
  private readonly matched: Uint8Array | null;

  constructor(
    private readonly spec: JoinSpec,
    private readonly table: JoinHashTable,
    private readonly out: RowSink,
  ) {
    this.probeKeys = compileExprs(spec.leftKeys);
    this.residual = spec.residual === null ? null : compileFilter(spec.residual);
    this.matched = spec.type === 'right' || spec.type === 'full' ? new Uint8Array(table.build.length) : null;
  }

  get satisfied(): boolean {
    return this.out.satisfied && this.matched === null;
  }

  add(batch: Batch, sel: Selection): void {
    if (sel.length === 0) return;
    const { type, nullAware } = this.spec;
    const table = this.table;
    if (nullAware && table.build.length > 0 && table.hasNullKey) return;
    const keys = this.probeKeys.map((k) => k(batch, sel));
    const groups = table.groupsOf(keys, sel, batch.length);
    const semi = type === 'semi' || type === 'anti';
    // Rows of `sel` with at least one passing pair.
    const hit = new Uint8Array(batch.length);
    const probeIdx: number[] = [];
    const buildIdx: number[] = [];
    const flush = (): void => {
      if (probeIdx.length === 0) return;
      const p = Int32Array.from(probeIdx);
      const b = Int32Array.from(buildIdx);
      probeIdx.length = 0;
      buildIdx.length = 0;
      const pairs: Batch = { columns: [...takeRows(batch, p).columns, ...takeRows(table.build, b).columns], length: p.length };
      const passing = this.residual === null ? allRows(p.length) : this.residual(pairs, allRows(p.length));
      for (let k = 0; k < passing.length; k++) {
        const j = passing[k]!;
        hit[p[j]!] = 1;
        if (this.matched !== null) this.matched[b[j]!] = 1;
      }
      if (!semi && passing.length > 0) this.out.add(pairs, passing);
    };
    if (semi && this.residual === null) {
      for (let k = 0; k < sel.length; k++) {
        const i = sel[k]!;
        if (groups[i]! >= 0) hit[i] = 1;
      }
    } else {
      for (let k = 0; k < sel.length; k++) {
        const i = sel[k]!;
        const g = groups[i]!;
        if (g < 0) continue;
        const { start, end } = table.candidates(g);
        for (let c = start; c < end; c++) {
          probeIdx.push(i);
          buildIdx.push(table.row(c));
          if (probeIdx.length >= PAIR_CHUNK) flush();
        }
      }
      flush();
    }
    if (type === 'inner' || type === 'right') return;
    // semi: rows with a hit; anti and outer: rows without.
    const keep = new Int32Array(sel.length);
    let n = 0;
    const want = type === 'semi' ? 1 : 0;
    for (let k = 0; k < sel.length; k++) {
      const i = sel[k]!;
      if (hit[i] !== want) continue;
      if (nullAware && table.build.length > 0 && keys.some((v) => isNullAt(v, i))) continue;
      keep[n++] = i;
    }
    if (n === 0) return;
    const rows = keep.subarray(0, n);
    if (semi) {
      this.out.add(batch, rows);
      return;
    }
    // left/full: unmatched probe rows with NULLs for the build side.
    const left = takeRows(batch, rows);
    const nulls = this.spec.rightTypes.map((t) => constVector(t, null, n));
    this.out.add({ columns: [...left.columns, ...nulls], length: n }, allRows(n));
  }

  /** right/full: the build rows no probe row matched, with NULLs for the probe side. */
  finish(): void {
    if (this.matched === null) return;
    const unmatched: number[] = [];
    for (let i = 0; i < this.matched.length; i++) if (this.matched[i] === 0) unmatched.push(i);
    if (unmatched.length === 0) return;
    const n = unmatched.length;
    const right = takeRows(this.table.build, Int32Array.from(unmatched));
    const nulls = this.spec.leftTypes.map((t) => constVector(t, null, n));
    this.out.add({ columns: [...nulls, ...right.columns], length: n }, allRows(n));
  }
}

function isNullAt(v: Vector, i: number): boolean {
  return v.storage === 'const' ? v.value === null : v.nulls !== null && v.nulls[i] === 1;
}
