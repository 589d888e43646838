/**
 * The Window operator: sorts its input by partition and order keys, then computes each window
 * function over the sorted rows. Ranking functions and lag/lead read the partition; value
 * functions and aggregates read each row's frame. Aggregates reuse the aggregate library's
 * accumulators: one group per partition for whole-partition frames, a running accumulator
 * snapshotted per row for frames that start at the partition, and one group per row otherwise.
 */
import { getAggregateFunction } from '../builtins/registry.ts';
import { isResolved, type GroupedAccumulator } from '../builtins/types.ts';
import { ExecError } from '../errors.ts';
import type { SortKey, WindowFunction, WindowNode } from '../plan/logical.ts';
import { BIGINT, DOUBLE } from '../types/sqlType.ts';
import { constVector, gather, isNullAt, valueAt, VectorBuilder, type Batch, type Vector } from '../types/vector.ts';
import { sortedOrder, takeRows } from './sort.ts';
import { computeFrames, WindowLayout, type Frames } from './windowFrames.ts';

export function evaluateWindow(node: WindowNode, input: Batch): Batch {
  if (input.length === 0) {
    return { columns: [...input.columns, ...node.functions.map((f) => constVector(f.type, null, 0))], length: 0 };
  }
  const partitionKeys: SortKey[] = node.partitionBy.map((expr) => ({ expr, ascending: true, nullsFirst: true }));
  const sorted = takeRows(input, sortedOrder(input, [...partitionKeys, ...node.orderBy]));
  const layout = new WindowLayout(sorted, partitionKeys, node.orderBy);
  const columns = node.functions.map((f) => evaluateFunction(f, layout, sorted, node.orderBy));
  return { columns: [...sorted.columns, ...columns], length: sorted.length };
}

function evaluateFunction(f: WindowFunction, layout: WindowLayout, sorted: Batch, orderKeys: readonly SortKey[]): Vector {
  const arg = (i: number): Vector => sorted.columns[f.args[i]!.index]!;
  if (f.aggregate !== null) return aggregateOverFrames(f, layout, sorted, computeFrames(layout, f.frame, sorted, orderKeys));
  switch (f.name) {
    case 'row_number':
      return bigints(layout, (r, start) => r - start + 1);
    case 'rank':
      return bigints(layout, (r, start) => layout.peerStart(r) - start + 1);
    case 'dense_rank':
      return bigints(layout, (r) => layout.groupOf[r]! - layout.partitionFirstGroup[layout.partitionOf[r]!]! + 1);
    case 'percent_rank':
      return doubles(layout, (r, start, end) => (end - start === 1 ? 0 : (layout.peerStart(r) - start) / (end - start - 1)));
    case 'cume_dist':
      return doubles(layout, (r, start, end) => (layout.peerEnd(r) - start) / (end - start));
    case 'ntile':
      return ntile(layout, arg(0));
    case 'lag':
    case 'lead':
      return lagLead(f, layout, arg(0), f.args.length > 1 ? arg(1) : null, f.args.length > 2 ? arg(2) : null);
    case 'first_value':
    case 'last_value':
    case 'nth_value':
      return frameValue(f, layout, arg(0), f.args.length > 1 ? arg(1) : null, computeFrames(layout, f.frame, sorted, orderKeys));
    default:
      throw new Error(`unknown window function ${f.name}`);
  }
}

function bigints(layout: WindowLayout, value: (r: number, start: number, end: number) => number): Vector {
  return numbers(layout, BIGINT, value);
}

function doubles(layout: WindowLayout, value: (r: number, start: number, end: number) => number): Vector {
  return numbers(layout, DOUBLE, value);
}

function numbers(layout: WindowLayout, type: typeof BIGINT | typeof DOUBLE, value: (r: number, start: number, end: number) => number): Vector {
  const n = layout.length;
  const out = new Float64Array(n);
  for (let r = 0; r < n; r++) out[r] = value(r, layout.partitionStart(r), layout.partitionEnd(r));
  return { storage: 'f64', type, length: n, nulls: null, values: out };
}

/** Trino's ntile: the first (rows mod buckets) buckets hold one row more than the others. */
function ntile(layout: WindowLayout, buckets: Vector): Vector {
  const n = layout.length;
  const out = new VectorBuilder(BIGINT, n);
  for (let r = 0; r < n; r++) {
    if (isNullAt(buckets, r)) {
      out.append(null);
      continue;
    }
    const k = Number(valueAt(buckets, r));
    if (k <= 0) throw new ExecError('INVALID_FUNCTION_ARGUMENT', 'Buckets must be greater than 0');
    const start = layout.partitionStart(r);
    const rows = layout.partitionEnd(r) - start;
    const i = r - start;
    const size = Math.floor(rows / k);
    const remainder = rows % k;
    const big = remainder * (size + 1);
    out.append(BigInt(i < big ? Math.floor(i / (size + 1)) + 1 : remainder + Math.floor((i - big) / size) + 1));
  }
  return out.finish();
}

function lagLead(f: WindowFunction, layout: WindowLayout, x: Vector, offsets: Vector | null, defaults: Vector | null): Vector {
  const n = layout.length;
  const out = new VectorBuilder(f.type, n);
  const step = f.name === 'lag' ? -1 : 1;
  for (let r = 0; r < n; r++) {
    let offset = 1;
    if (offsets !== null) {
      if (isNullAt(offsets, r)) {
        out.append(null);
        continue;
      }
      offset = Number(valueAt(offsets, r));
      if (offset < 0) throw new ExecError('INVALID_FUNCTION_ARGUMENT', `${f.name} offset must be at least 0`);
    }
    const start = layout.partitionStart(r);
    const end = layout.partitionEnd(r);
    let target = -1;
    if (!f.ignoreNulls) target = r + step * offset;
    else if (offset === 0) target = r;
    else {
      // The offset-th non-NULL value before (lag) or after (lead) the row.
      let seen = 0;
      for (let i = r + step; i >= start && i < end; i += step) {
        if (!isNullAt(x, i) && ++seen === offset) {
          target = i;
          break;
        }
      }
    }
    if (target >= start && target < end) out.append(isNullAt(x, target) ? null : valueAt(x, target));
    else out.append(defaults === null || isNullAt(defaults, r) ? null : valueAt(defaults, r));
  }
  return out.finish();
}

function frameValue(f: WindowFunction, layout: WindowLayout, x: Vector, nth: Vector | null, frames: Frames): Vector {
  const n = layout.length;
  const out = new VectorBuilder(f.type, n);
  for (let r = 0; r < n; r++) {
    const start = frames.start[r]!;
    const end = frames.end[r]!;
    let k = 1;
    if (nth !== null) {
      if (isNullAt(nth, r)) {
        out.append(null);
        continue;
      }
      k = Number(valueAt(nth, r));
      if (k < 1) throw new ExecError('INVALID_FUNCTION_ARGUMENT', 'Offset must be at least 1');
    }
    const fromEnd = f.name === 'last_value';
    let target = -1;
    if (start <= end) {
      if (!f.ignoreNulls) target = fromEnd ? end : start + k - 1 <= end ? start + k - 1 : -1;
      else {
        let seen = 0;
        for (let i = fromEnd ? end : start; i >= start && i <= end; i += fromEnd ? -1 : 1) {
          if (!isNullAt(x, i) && ++seen === k) {
            target = i;
            break;
          }
        }
      }
    }
    out.append(target < 0 || isNullAt(x, target) ? null : valueAt(x, target));
  }
  return out.finish();
}

/** An aggregate over each row's frame, in sorted row order. */
function aggregateOverFrames(f: WindowFunction, layout: WindowLayout, sorted: Batch, frames: Frames): Vector {
  const agg = f.aggregate!;
  const def = getAggregateFunction(f.name)!;
  const signature = def.resolve(agg.argTypes, false);
  if (!isResolved(signature)) throw new Error(`${f.name}: ${signature.error}`);
  const make = (): GroupedAccumulator => def.accumulator(signature, false);
  const args = f.args.map((a) => sorted.columns[a.index]!);
  const n = layout.length;
  // FILTER (WHERE …): rows failing it are in no frame's input.
  const filter = agg.filter === null ? null : sorted.columns[agg.filter.index]!;
  const counted = (r: number): boolean => filter === null || (!isNullAt(filter, r) && valueAt(filter, r) === true);
  const rowsOf = (from: number, to: number): Int32Array => {
    const rows: number[] = [];
    for (let i = from; i <= to; i++) if (counted(i)) rows.push(i);
    return Int32Array.from(rows);
  };

  const whole = frames.startsAtPartition && everyFrameEndsAtPartition(layout, frames);
  if (whole) {
    const acc = make();
    acc.ensureGroups(layout.partitions);
    acc.update(layout.partitionOf, args, rowsOf(0, n - 1));
    return gather(acc.finish(layout.partitions), layout.partitionOf);
  }

  const out = make();
  out.ensureGroups(n);
  const target = new Int32Array(1);
  const first = new Int32Array([0]);
  if (frames.startsAtPartition) {
    // Frames that grow with the row: one running accumulator per partition, its state merged
    // into each row's group whenever the frame's end moves (peers share one snapshot).
    const groupIds = new Int32Array(n);
    let running: GroupedAccumulator | null = null;
    let partition = -1;
    let added = -1;
    let states: Vector[] = [];
    for (let r = 0; r < n; r++) {
      if (layout.partitionOf[r] !== partition) {
        partition = layout.partitionOf[r]!;
        running = make();
        running.ensureGroups(1);
        added = layout.partitionStart(r) - 1;
        states = running.states(1);
      }
      const end = frames.end[r]!;
      if (end > added) {
        running!.update(groupIds, args, rowsOf(added + 1, end));
        added = end;
        states = running!.states(1);
      }
      target[0] = r;
      if (end >= frames.start[r]!) out.merge(target, states, first);
    }
    return out.finish(n);
  }
  // Sliding frames: each row's frame folded into its own group.
  const groupIds = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    const rows = rowsOf(frames.start[r]!, frames.end[r]!);
    for (const i of rows) groupIds[i] = r;
    out.update(groupIds, args, rows);
  }
  return out.finish(n);
}

function everyFrameEndsAtPartition(layout: WindowLayout, frames: Frames): boolean {
  for (let r = 0; r < layout.length; r++) if (frames.end[r] !== layout.partitionEnd(r) - 1) return false;
  return true;
}
