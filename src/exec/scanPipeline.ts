/**
 * The streaming steps directly above a table scan, run over each decoded row group: the pushed
 * filter, then Filter/Project steps, then whatever consumes the rows. Filter steps read only
 * their own columns, made for the rows still selected, so a column only later conjuncts (or the
 * projection) use is decoded only for the rows the earlier ones kept.
 */
import { referencedColumns, type BoundExpr } from '../plan/expr.ts';
import { allRows, eagerBatch, type Batch, type LazyBatch, type Vector } from '../types/vector.ts';
import { compileExprs, type CompiledExpr } from './evaluate.ts';
import { compileFilter, filterSteps, type CompiledFilter } from './filter.ts';
import type { RowSink } from './sinks.ts';

export type PipelineStep =
  | { readonly kind: 'Filter'; readonly predicate: BoundExpr }
  | { readonly kind: 'Project'; readonly exprs: readonly BoundExpr[] };

/** A step and the input columns it reads (made before it runs, for the rows still selected). */
type Step =
  | { kind: 'filter'; filter: CompiledFilter; reads: readonly number[] }
  | { kind: 'project'; exprs: CompiledExpr[]; reads: readonly number[] };

export class ScanPipeline {
  private readonly steps: Step[] = [];
  rowsIn = 0;
  rowsOut = 0;

  constructor(
    filter: BoundExpr | null,
    steps: readonly PipelineStep[],
    private readonly sink: RowSink,
  ) {
    const stepsOf = (predicate: BoundExpr): Step[] =>
      filterSteps(predicate).map((c) => ({ kind: 'filter', filter: compileFilter(c), reads: [...referencedColumns(c)] }));
    if (filter !== null) this.steps.push(...stepsOf(filter));
    for (const s of steps) {
      if (s.kind === 'Filter') this.steps.push(...stepsOf(s.predicate));
      else {
        const reads = new Set<number>();
        for (const e of s.exprs) referencedColumns(e, reads);
        this.steps.push({ kind: 'project', exprs: compileExprs(s.exprs), reads: [...reads] });
      }
    }
  }

  get satisfied(): boolean {
    return this.sink.satisfied;
  }

  /** One decoded row group, columns in the scan's column order. */
  push(input: Batch | LazyBatch): void {
    const lazy = 'column' in input ? input : eagerBatch(input);
    const n = lazy.length;
    this.rowsIn += n;
    let sel = allRows(n);
    // Input columns made so far (placeholders elsewhere: a step reads only its own columns);
    // after the first projection the pipeline works on computed vectors instead.
    const made = new Array<Vector>(lazy.width);
    const input_: Batch = { columns: made, length: n };
    const make = (reads: readonly number[]): Batch => {
      for (const r of reads) made[r] ??= lazy.column(r, sel);
      return input_;
    };
    let computed: Batch | null = null;
    for (const step of this.steps) {
      if (sel.length === 0) return;
      const batch: Batch = computed ?? make(step.reads);
      if (step.kind === 'filter') sel = step.filter(batch, sel);
      else computed = { columns: step.exprs.map((e): Vector => e(batch, sel)), length: n };
    }
    if (sel.length === 0) return;
    this.rowsOut += sel.length;
    this.sink.add(computed ?? make([...Array(lazy.width).keys()]), sel);
  }
}
