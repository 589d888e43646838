/**
 * The shape of a window's sorted rows: where each partition starts, each row's peer group
 * (rows equal on every ORDER BY key), and each row's frame under ROWS, RANGE or GROUPS bounds.
 * Frames are inclusive row ranges [start, end] of the sorted rows; start > end is empty.
 */
import { ExecError } from '../errors.ts';
import type { SortKey, WindowFrame, WindowFrameBound } from '../plan/logical.ts';
import { isNullAt, valueAt, type Batch, type Vector } from '../types/vector.ts';
import { compareValues, rowComparator } from './sort.ts';

export class WindowLayout {
  readonly length: number;
  /** Partition p spans rows [partitionStarts[p], partitionStarts[p + 1]). */
  readonly partitionStarts: Int32Array;
  readonly partitionOf: Int32Array;
  /** Global peer-group number of each row; groupStarts[g] is group g's first row (plus an end sentinel). */
  readonly groupOf: Int32Array;
  readonly groupStarts: Int32Array;
  /** First peer group of each partition (plus an end sentinel). */
  readonly partitionFirstGroup: Int32Array;

  /** `sorted` is ordered by the partition keys, then the order keys. */
  constructor(sorted: Batch, partitionKeys: readonly SortKey[], orderKeys: readonly SortKey[]) {
    const n = sorted.length;
    this.length = n;
    const samePartition = partitionKeys.length === 0 ? null : rowComparator(sorted, partitionKeys);
    const samePeers = orderKeys.length === 0 ? null : rowComparator(sorted, orderKeys);
    const partitionStarts: number[] = [];
    const groupStarts: number[] = [];
    const partitionFirstGroup: number[] = [];
    this.partitionOf = new Int32Array(n);
    this.groupOf = new Int32Array(n);
    for (let r = 0; r < n; r++) {
      const newPartition = r === 0 || (samePartition !== null && samePartition(r - 1, r) !== 0);
      if (newPartition) {
        partitionStarts.push(r);
        partitionFirstGroup.push(groupStarts.length);
      }
      if (newPartition || (samePeers !== null && samePeers(r - 1, r) !== 0)) groupStarts.push(r);
      this.partitionOf[r] = partitionStarts.length - 1;
      this.groupOf[r] = groupStarts.length - 1;
    }
    partitionStarts.push(n);
    groupStarts.push(n);
    partitionFirstGroup.push(groupStarts.length - 1);
    this.partitionStarts = Int32Array.from(partitionStarts);
    this.groupStarts = Int32Array.from(groupStarts);
    this.partitionFirstGroup = Int32Array.from(partitionFirstGroup);
  }

  get partitions(): number {
    return this.partitionStarts.length - 1;
  }

  partitionStart(r: number): number {
    return this.partitionStarts[this.partitionOf[r]!]!;
  }

  partitionEnd(r: number): number {
    return this.partitionStarts[this.partitionOf[r]! + 1]!;
  }

  peerStart(r: number): number {
    return this.groupStarts[this.groupOf[r]!]!;
  }

  /** One past the last peer of row r. */
  peerEnd(r: number): number {
    return this.groupStarts[this.groupOf[r]! + 1]!;
  }
}

export interface Frames {
  readonly start: Int32Array;
  readonly end: Int32Array;
  /** Every row's frame starts at its partition's first row (a running frame). */
  readonly startsAtPartition: boolean;
}

/** Every row's frame. `sorted` holds the offset and RANGE bound columns the frame names. */
export function computeFrames(layout: WindowLayout, frame: WindowFrame, sorted: Batch, orderKeys: readonly SortKey[]): Frames {
  const n = layout.length;
  const start = new Int32Array(n);
  const end = new Int32Array(n);
  const startOf = boundResolver(layout, frame.unit, frame.start, 'start', sorted, orderKeys);
  const endOf = boundResolver(layout, frame.unit, frame.end, 'end', sorted, orderKeys);
  for (let r = 0; r < n; r++) {
    start[r] = startOf(r);
    end[r] = endOf(r);
  }
  return { start, end, startsAtPartition: frame.start.kind === 'unboundedPreceding' };
}

type Resolver = (r: number) => number;

function boundResolver(layout: WindowLayout, unit: WindowFrame['unit'], bound: WindowFrameBound, side: 'start' | 'end', sorted: Batch, orderKeys: readonly SortKey[]): Resolver {
  switch (bound.kind) {
    case 'unboundedPreceding':
      return (r) => layout.partitionStart(r);
    case 'unboundedFollowing':
      return (r) => layout.partitionEnd(r) - 1;
    case 'currentRow':
      if (unit === 'rows') return (r) => r;
      return side === 'start' ? (r) => layout.peerStart(r) : (r) => layout.peerEnd(r) - 1;
    case 'preceding':
    case 'following': {
      const offset = offsetReader(sorted.columns[bound.offset.index]!);
      const sign = bound.kind === 'preceding' ? -1 : 1;
      if (unit === 'rows') {
        // Clamped to the partition: a start past its end (or an end before its start) is empty.
        return side === 'start'
          ? (r) => Math.min(layout.partitionEnd(r), Math.max(layout.partitionStart(r), r + sign * offset(r)))
          : (r) => Math.max(layout.partitionStart(r) - 1, Math.min(layout.partitionEnd(r) - 1, r + sign * offset(r)));
      }
      if (unit === 'groups') {
        return (r) => {
          const p = layout.partitionOf[r]!;
          const first = layout.partitionFirstGroup[p]!;
          const last = layout.partitionFirstGroup[p + 1]! - 1;
          const g = layout.groupOf[r]! + sign * offset(r);
          if (side === 'start') return g > last ? layout.partitionEnd(r) : layout.groupStarts[Math.max(first, g)]!;
          return g < first ? layout.partitionStart(r) - 1 : layout.groupStarts[Math.min(last, g) + 1]! - 1;
        };
      }
      return rangeResolver(layout, bound, side, sorted, orderKeys[0]!, offset);
    }
    default: {
      const never: never = bound;
      throw new Error(`unexpected frame bound ${JSON.stringify(never)}`);
    }
  }
}

/** Offsets are evaluated per row; a NULL or negative offset is an error, as in Trino. */
function offsetReader(v: Vector): (r: number) => number {
  return (r) => {
    const x = isNullAt(v, r) ? null : valueAt(v, r);
    const k = typeof x === 'bigint' ? Number(x) : typeof x === 'number' ? x : null;
    if (k === null || k < 0 || Number.isNaN(k)) throw new ExecError('INVALID_WINDOW_FRAME', 'Window frame offset value must not be negative or null');
    return k;
  };
}

/**
 * RANGE n PRECEDING / FOLLOWING: the bound is the first (start) or last (end) row of the
 * partition whose key is not before (start) / not after (end) the row's `value` = key ∓ n, in
 * the key's sort direction. Rows with a NULL key are excluded from other rows' frames, and a
 * row with a NULL key has its NULL peers as the bound, as in Trino.
 */
function rangeResolver(
  layout: WindowLayout,
  bound: Extract<WindowFrameBound, { kind: 'preceding' | 'following' }>,
  side: 'start' | 'end',
  sorted: Batch,
  key: SortKey,
  offset: (r: number) => number,
): Resolver {
  if (bound.range === null) throw new Error('RANGE offset bound without its key');
  const keys = sorted.columns[bound.range.key.index]!;
  const values = sorted.columns[bound.range.value.index]!;
  const dir = key.ascending ? 1 : -1;
  // The current partition's non-NULL keys [lo, hi): NULLs sort first or last as a block.
  let partition = -1;
  let lo = 0;
  let hi = 0;
  return (r) => {
    offset(r);
    if (isNullAt(keys, r)) return side === 'start' ? layout.peerStart(r) : layout.peerEnd(r) - 1;
    if (layout.partitionOf[r] !== partition) {
      partition = layout.partitionOf[r]!;
      lo = layout.partitionStart(r);
      hi = layout.partitionEnd(r);
      while (lo < hi && isNullAt(keys, lo)) lo++;
      while (hi > lo && isNullAt(keys, hi - 1)) hi--;
    }
    const target = valueAt(values, r);
    // First row in [lo, hi) whose key is at or past the target (start), or past it (end).
    let a = lo;
    let b = hi;
    while (a < b) {
      const mid = (a + b) >>> 1;
      const c = dir * compareValues(valueAt(keys, mid), target);
      if (side === 'start' ? c < 0 : c <= 0) a = mid + 1;
      else b = mid;
    }
    return side === 'start' ? a : a - 1;
  };
}
