/**
 * Hash join: the build side (the join's right input) is materialized into a table grouped by
 * key (joinHashTable.ts); probe batches stream through. All join types share one path: for
 * each probe row the candidate build rows are its key's group (or every build row when there
 * are no keys), a residual filters candidate pairs, and the type decides what is emitted: pairs
 * (inner, outer), probe rows with or without a passing pair (semi, anti), or every probe row
 * with a boolean mark (mark). Null-aware joins ([NOT] IN) also ask nullAwareGroups.ts whether a
 * row without an equal candidate is NULL rather than FALSE.
 */
import type { JoinNode } from '../plan/logical.ts';
import { BOOLEAN, type SqlType } from '../types/sqlType.ts';
import { allRows, constVector, type Batch, type BoolVector, type Selection } from '../types/vector.ts';
import { compileExprs, type CompiledExpr } from './evaluate.ts';
import { compileFilter, type CompiledFilter } from './filter.ts';
import type { JoinHashTable } from './joinHashTable.ts';
import { JoinPairs } from './joinPairs.ts';
import { NullAwareGroups } from './nullAwareGroups.ts';
import type { RowSink } from './sinks.ts';
import { takeRows } from './sort.ts';

/** What a probe needs of a join (see JoinNode in logical.ts), with its sides' column types. */
export type JoinSpec = Pick<JoinNode, 'type' | 'leftKeys' | 'rightKeys' | 'residual' | 'nullAware'> & {
  readonly leftTypes: readonly SqlType[];
  readonly rightTypes: readonly SqlType[];
};

/** Streams probe (left) batches against a built table into `out`. */
export class JoinProbe implements RowSink {
  private readonly probeKeys: CompiledExpr[];
  private readonly residual: CompiledFilter | null;
  /** right/full: build rows matched so far. */
  private readonly matched: Uint8Array | null;
  /** Null-aware anti and mark joins: the build rows by correlation keys. */
  private readonly nullAware: NullAwareGroups | null;

  constructor(
    private readonly spec: JoinSpec,
    private readonly table: JoinHashTable,
    private readonly out: RowSink,
  ) {
    this.probeKeys = compileExprs(spec.leftKeys);
    this.residual = spec.residual === null ? null : compileFilter(spec.residual);
    this.matched = spec.type === 'right' || spec.type === 'full' ? new Uint8Array(table.build.length) : null;
    // A semi join keeps only TRUE rows, so NULL and FALSE need not be told apart.
    const threeValued = spec.nullAware && (spec.type === 'anti' || spec.type === 'mark');
    if (threeValued && spec.leftKeys.length === 0) throw new Error('a null-aware join needs its IN key');
    this.nullAware = threeValued
      ? new NullAwareGroups(table.build, ...splitInKey(compileExprs(spec.rightKeys)), spec.rightKeys.slice(1).map((k) => k.type))
      : null;
  }

  get satisfied(): boolean {
    return this.out.satisfied && this.matched === null;
  }

  add(batch: Batch, sel: Selection): void {
    if (sel.length === 0) return;
    const { type } = this.spec;
    const table = this.table;
    const keys = this.probeKeys.map((k) => k(batch, sel));
    const groups = table.groupsOf(keys, sel, batch.length);
    const filtering = type === 'semi' || type === 'anti' || type === 'mark';
    // Rows of `sel` with at least one passing pair.
    const hit = new Uint8Array(batch.length);
    const pairs = new JoinPairs(batch, table.build, (chunk, p, b) => {
      const passing = this.residual === null ? allRows(p.length) : this.residual(chunk, allRows(p.length));
      for (let k = 0; k < passing.length; k++) {
        const j = passing[k]!;
        hit[p[j]!] = 1;
        if (this.matched !== null) this.matched[b[j]!] = 1;
      }
      if (!filtering && passing.length > 0) this.out.add(chunk, passing);
    });
    if (filtering && this.residual === null) {
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
        for (let c = start; c < end; c++) pairs.add(i, table.row(c));
      }
      pairs.flush();
    }
    if (type === 'inner' || type === 'right') return;
    // Null-aware: which rows without a hit are NULL rather than FALSE.
    let unknown: Uint8Array | null = null;
    if (this.nullAware !== null) {
      unknown = new Uint8Array(batch.length);
      const misses = rowsWhere(sel, (i) => hit[i] === 0);
      this.nullAware.markUnknown(batch, misses, keys[0]!, keys.slice(1), this.residual, unknown);
    }
    if (type === 'mark') {
      this.out.add({ columns: [...batch.columns, markVector(batch.length, sel, hit, unknown)], length: batch.length }, sel);
      return;
    }
    // semi: rows with a hit; anti and outer: rows without (anti: and not NULL either).
    const want = type === 'semi' ? 1 : 0;
    const rows = rowsWhere(sel, (i) => hit[i] === want && (unknown === null || unknown[i] === 0));
    if (rows.length === 0) return;
    if (type === 'semi' || type === 'anti') {
      this.out.add(batch, rows);
      return;
    }
    // left/full: unmatched probe rows with NULLs for the build side.
    const n = rows.length;
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

function splitInKey(keys: readonly CompiledExpr[]): [CompiledExpr, CompiledExpr[]] {
  return [keys[0]!, keys.slice(1)];
}

function rowsWhere(sel: Selection, pred: (i: number) => boolean): Selection {
  const out = new Int32Array(sel.length);
  let n = 0;
  for (let k = 0; k < sel.length; k++) {
    const i = sel[k]!;
    if (pred(i)) out[n++] = i;
  }
  return out.subarray(0, n);
}

/** TRUE where a row has a passing pair, else NULL where unknown, else FALSE (defined at `sel`). */
function markVector(length: number, sel: Selection, hit: Uint8Array, unknown: Uint8Array | null): BoolVector {
  const values = new Uint8Array(length);
  let nulls: Uint8Array | null = null;
  for (let k = 0; k < sel.length; k++) {
    const i = sel[k]!;
    if (hit[i] === 1) values[i] = 1;
    else if (unknown !== null && unknown[i] === 1) {
      nulls ??= new Uint8Array(length);
      nulls[i] = 1;
    }
  }
  return { storage: 'bool', type: BOOLEAN, length, nulls, values };
}
