/**
 * Hash aggregation in three roles: raw rows → partial states (scan), partial states → merged
 * states (merge levels), and states or raw rows → final values (final fragment). Keys and
 * arguments are always input columns (the planner projects expressions below).
 */
import { getAggregateFunction } from '../builtins/registry.ts';
import type { GroupedAccumulator } from '../builtins/types.ts';
import { InternalError } from '../errors.ts';
import type { AggregateCall } from '../plan/logical.ts';
import type { SqlType } from '../types/sqlType.ts';
import type { Batch, Selection, Vector } from '../types/vector.ts';
import { GroupByHash } from './groupByHash.ts';
import { selectWhere } from './selection.ts';

/** Up to this many groups, a batch is partitioned by group before accumulating. */
const PARTITION_MAX_GROUPS = 64;

export class HashAggregator {
  private readonly hash: GroupByHash;
  private readonly accumulators: GroupedAccumulator[];
  /** Every accumulator folds one group at a time and no aggregate has a FILTER. */
  private readonly partitionable: boolean;

  constructor(
    readonly keyTypes: readonly SqlType[],
    readonly aggregates: readonly AggregateCall[],
  ) {
    this.hash = new GroupByHash(keyTypes);
    this.accumulators = aggregates.map((a) => {
      const def = getAggregateFunction(a.name);
      if (def === undefined) throw new InternalError(`unknown aggregate ${a.name}`);
      return def.accumulator({ argTypes: a.argTypes, returnType: a.type, stateTypes: a.stateTypes }, a.distinct);
    });
    this.partitionable = this.accumulators.every((acc) => acc.updateGroup !== undefined) && aggregates.every((a) => a.filter === null);
  }

  /** Raw rows: keys are columns `keyColumns`; aggregate arguments are the calls' arg columns. */
  addInput(batch: Batch, sel: Selection, keyColumns: readonly number[]): void {
    const ids = this.hash.groupIds(
      keyColumns.map((k) => batch.columns[k]!),
      sel,
      batch.length,
    );
    const groups = this.hash.groupCount;
    for (const acc of this.accumulators) acc.ensureGroups(groups);
    if (groups <= PARTITION_MAX_GROUPS && sel.length >= 8 * groups && this.partitionable) {
      this.addByGroup(batch, sel, ids, groups);
      return;
    }
    this.aggregates.forEach((a, j) => {
      const acc = this.accumulators[j]!;
      const rows = a.filter === null ? sel : selectWhere(batch.columns[a.filter.index]!, sel, true);
      if (rows.length > 0) acc.update(ids, a.args.map((x) => batch.columns[x.index]!), rows);
    });
  }

  /**
   * Few groups, many rows (TPC-H Q1: 4 groups): sort the batch's rows by group once, then give
   * each accumulator one group's rows at a time, so its running value stays in a local instead
   * of being re-read through the group id on every row of every aggregate.
   */
  private addByGroup(batch: Batch, sel: Selection, ids: Int32Array, groups: number): void {
    const { starts, rows } = partitionByGroup(sel, ids, groups);
    const args = this.aggregates.map((a) => a.args.map((x) => batch.columns[x.index]!));
    const accumulators = this.accumulators;
    for (let g = 0; g < groups; g++) {
      if (starts[g] === starts[g + 1]) continue;
      const groupRows = rows.subarray(starts[g]!, starts[g + 1]!);
      for (let j = 0; j < accumulators.length; j++) accumulators[j]!.updateGroup!(g, args[j]!, groupRows);
    }
  }

  /** Partial states: the first keyTypes.length columns are keys, then each aggregate's states. */
  addPartial(batch: Batch, sel: Selection): void {
    const width = this.keyTypes.length;
    const ids = this.hash.groupIds(batch.columns.slice(0, width), sel, batch.length);
    const groups = this.hash.groupCount;
    let col = width;
    this.aggregates.forEach((a, j) => {
      const acc = this.accumulators[j]!;
      acc.ensureGroups(groups);
      const states = batch.columns.slice(col, col + a.stateTypes.length);
      col += a.stateTypes.length;
      acc.merge(ids, states, sel);
    });
  }

  get groupCount(): number {
    return this.hash.groupCount;
  }

  /** Keys then states: what scans and merge levels write. */
  partialOutput(): Batch {
    const groups = this.ensureAll();
    const columns: Vector[] = [...this.hash.keyVectors(), ...this.accumulators.flatMap((acc) => acc.states(groups))];
    return { columns, length: groups };
  }

  /** Keys then final values. */
  finalOutput(): Batch {
    const groups = this.ensureAll();
    const columns: Vector[] = [...this.hash.keyVectors(), ...this.accumulators.map((acc) => acc.finish(groups))];
    return { columns, length: groups };
  }

  private ensureAll(): number {
    // A global aggregate over no rows still has its one group (count(*) = 0, sum = NULL).
    const groups = this.hash.groupCount;
    for (const acc of this.accumulators) acc.ensureGroups(groups);
    return groups;
  }
}

/**
 * The rows `sel` ordered by group (a counting sort, stable): group g's rows are
 * rows[starts[g] .. starts[g + 1]). A function of its own: inside the caller, V8 compiled these
 * loops on the fly before the caller's later code had run, and discarded that code on every
 * batch (measured 2–3% of Q1's scan).
 */
export function partitionByGroup(sel: Selection, ids: Int32Array, groups: number): { starts: Int32Array; rows: Int32Array } {
  const starts = new Int32Array(groups + 1);
  for (let k = 0; k < sel.length; k++) starts[ids[sel[k]!]! + 1]!++;
  for (let g = 0; g < groups; g++) starts[g + 1]! += starts[g]!;
  const rows = new Int32Array(sel.length);
  const fill = starts.slice(0, groups);
  for (let k = 0; k < sel.length; k++) {
    const i = sel[k]!;
    rows[fill[ids[i]!]!++] = i;
  }
  return { starts, rows };
}
