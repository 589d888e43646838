/** Where a stream of batches goes: the next operator, or a collector of rows. */
import type { Batch, Selection } from '../types/vector.ts';
import { batchBytes, type MemoryBudget } from './memory.ts';
import { concatBatches, takeRows } from './sort.ts';

export interface RowSink {
  /** Rows `sel` of `batch` (the batch may be reused by the caller after the call returns). */
  add(batch: Batch, sel: Selection): void;
  /** True once more input cannot change the result (a LIMIT is satisfied). */
  readonly satisfied: boolean;
}

/** Collects rows (up to an optional cap), accounted against the task's memory. */
export class CollectSink implements RowSink {
  private readonly batches: Batch[] = [];
  private rows = 0;
  private bytes = 0;

  constructor(
    private readonly width: number,
    private readonly cap: number | null,
    private readonly memory: MemoryBudget,
    private readonly what: string,
  ) {}

  get satisfied(): boolean {
    return this.cap !== null && this.rows >= this.cap;
  }

  add(batch: Batch, sel: Selection): void {
    if (this.satisfied || sel.length === 0) return;
    const take = this.cap === null ? sel : sel.subarray(0, Math.min(sel.length, this.cap - this.rows));
    const kept = take.length === batch.length ? batch : takeRows(batch, take);
    const size = batchBytes(kept);
    this.memory.reserve(size, this.what);
    this.bytes += size;
    this.batches.push(kept);
    this.rows += take.length;
  }

  /** All rows as one batch (zero rows: `width` empty columns is not needed by callers). */
  finish(): Batch {
    const b = concatBatches(this.batches, this.width);
    this.batches.length = 0;
    return b.columns.length === this.width ? b : { columns: [], length: 0 };
  }

  /** Give back the memory once the rows are consumed. */
  release(): void {
    this.memory.release(this.bytes);
    this.bytes = 0;
  }
}
