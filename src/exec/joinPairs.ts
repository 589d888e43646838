/**
 * Candidate (probe row, build row) pairs of a hash join, collected and handed on in chunks as
 * one batch of the probe's columns then the build's, so a residual condition is evaluated
 * vectorized over many pairs at once and memory stays bounded by the chunk.
 */
import type { Batch } from '../types/vector.ts';
import { takeRows } from './sort.ts';

const PAIR_CHUNK = 64 * 1024;

export type PairChunk = (pairs: Batch, probeRows: Int32Array, buildRows: Int32Array) => void;

export class JoinPairs {
  private readonly probeIdx: number[] = [];
  private readonly buildIdx: number[] = [];

  constructor(
    private readonly probe: Batch,
    private readonly build: Batch,
    private readonly onChunk: PairChunk,
  ) {}

  add(probeRow: number, buildRow: number): void {
    this.probeIdx.push(probeRow);
    this.buildIdx.push(buildRow);
    if (this.probeIdx.length >= PAIR_CHUNK) this.flush();
  }

  flush(): void {
    if (this.probeIdx.length === 0) return;
    const p = Int32Array.from(this.probeIdx);
    const b = Int32Array.from(this.buildIdx);
    this.probeIdx.length = 0;
    this.buildIdx.length = 0;
    this.onChunk({ columns: [...takeRows(this.probe, p).columns, ...takeRows(this.build, b).columns], length: p.length }, p, b);
  }
}
