/**
 * Memory accounting for one task: the operators that hold rows (hash-join build sides,
 * aggregations, sorts, collected outputs) reserve what they hold, and a task that would pass its
 * budget fails with EXCEEDED_MEMORY_LIMIT naming its stage, as Trino's per-node limit does,
 * instead of the process running out of memory.
 */
import { ExecError } from '../errors.ts';
import type { Batch, Vector } from '../types/vector.ts';

/** Operators may hold this share of the function's memory; the rest is the runtime's and the decoder's. */
export const OPERATOR_MEMORY_SHARE = 0.6;

export class MemoryBudget {
  private used = 0;
  peak = 0;

  constructor(
    readonly limitBytes: number,
    /** Where the task runs, for the error: e.g. "stage 2 (task 5)". */
    readonly where: string,
  ) {}

  reserve(bytes: number, what: string): void {
    this.used += bytes;
    if (this.used > this.peak) this.peak = this.used;
    if (this.used > this.limitBytes) {
      throw new ExecError(
        'EXCEEDED_MEMORY_LIMIT',
        `Query exceeded per-task memory limit of ${mb(this.limitBytes)} in ${this.where}: ${what} holds ${mb(this.used)}`,
      );
    }
  }

  release(bytes: number): void {
    this.used = Math.max(0, this.used - bytes);
  }
}

/** A budget that never fails (planning-time evaluation, tests). */
export function unlimitedMemory(): MemoryBudget {
  return new MemoryBudget(Number.POSITIVE_INFINITY, 'this query');
}

function mb(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)}MB`;
}

export function batchBytes(batch: Batch): number {
  let total = 0;
  for (const c of batch.columns) total += vectorBytes(c);
  return total;
}

export function vectorBytes(v: Vector): number {
  const nulls = v.storage !== 'const' && v.nulls !== null ? v.length : 0;
  switch (v.storage) {
    case 'bool':
      return nulls + v.length;
    case 'i32':
      return nulls + 4 * v.length;
    case 'f64':
      return nulls + 8 * v.length;
    case 'big':
      return nulls + 16 * v.length;
    case 'str': {
      let s = 0;
      for (const x of v.values) s += 16 + 2 * x.length;
      return nulls + s;
    }
    case 'binary':
      return nulls + v.bytes.byteLength + 4 * v.length;
    case 'dict':
      return nulls + 4 * v.length + vectorBytes(v.dictionary);
    case 'const':
      return 16;
    case 'array':
      return nulls + 4 * v.length + vectorBytes(v.elements);
    default: {
      const never: never = v;
      throw new Error(`unexpected vector ${JSON.stringify(never)}`);
    }
  }
}
