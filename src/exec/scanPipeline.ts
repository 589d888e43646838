/**
 * The per-fragment pipeline a scan runs over each decoded row group: the pushed filter, the
 * streaming Filter/Project steps, then the partial sink. Also the merger that combines partials
 * in merge levels, following the same sink.
 */
import type { PartialSink, ScanStage } from '../plan/distribute.ts';
import type { SqlType } from '../types/sqlType.ts';
import { referencedColumns, type BoundExpr } from '../plan/expr.ts';
import { allRows, eagerBatch, type Batch, type LazyBatch, type Selection, type Vector } from '../types/vector.ts';
import { compileExprs, type CompiledExpr } from './evaluate.ts';
import { compileFilter, filterSteps, type CompiledFilter } from './filter.ts';
import { HashAggregator } from './hashAggregate.ts';
import { concatBatches, takeRows, TopNBuffer } from './sort.ts';

/** A step and the input columns it reads (made before it runs, for the rows still selected). */
type Step =
  | { kind: 'filter'; filter: CompiledFilter; reads: readonly number[] }
  | { kind: 'project'; exprs: CompiledExpr[]; reads: readonly number[] };

/** Where rows end up: an aggregation, a top-N buffer, or a row collector (with an optional cap). */
interface Sink {
  add(batch: Batch, sel: Selection): void;
  /** True once more input cannot change the result (a LIMIT is satisfied). */
  readonly satisfied: boolean;
  finish(): Batch;
}

export class ScanPipeline {
  private readonly steps: Step[];
  private readonly sink: Sink;
  rowsIn = 0;
  rowsOut = 0;

  constructor(stage: ScanStage) {
    this.steps = [];
    // One step per conjunct: each reads its own columns, so a column only the later conjuncts
    // (or the projection) use is made only for the rows the earlier ones kept.
    const stepsOf = (predicate: BoundExpr): Step[] =>
      filterSteps(predicate).map((c) => ({ kind: 'filter', filter: compileFilter(c), reads: [...referencedColumns(c)] }));
    if (stage.filter !== null) this.steps.push(...stepsOf(stage.filter));
    for (const s of stage.steps) {
      if (s.kind === 'Filter') this.steps.push(...stepsOf(s.predicate));
      else {
        const reads = new Set<number>();
        for (const e of s.exprs) referencedColumns(e, reads);
        this.steps.push({ kind: 'project', exprs: compileExprs(s.exprs), reads: [...reads] });
      }
    }
    this.sink = rawSink(stage.sink, stage.partialTypes);
  }

  get satisfied(): boolean {
    return this.sink.satisfied;
  }

  /** One decoded row group, columns in the stage's scan column order. */
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

  finish(): Batch {
    return this.sink.finish();
  }
}

function rawSink(sink: PartialSink, partialTypes: readonly SqlType[]): Sink {
  switch (sink.kind) {
    case 'Aggregate': {
      const agg = new HashAggregator(partialTypes.slice(0, sink.groupBy.length), sink.aggregates);
      return { add: (b, s) => agg.addInput(b, s, sink.groupBy), satisfied: false, finish: () => agg.partialOutput() };
    }
    case 'TopN': {
      const buffer = new TopNBuffer(sink.keys, sink.count, partialTypes.length);
      return { add: (b, s) => buffer.add(b, s), satisfied: false, finish: () => buffer.result() };
    }
    case 'Limit':
      return new CollectSink(partialTypes.length, sink.count);
    case 'Collect':
      return new CollectSink(partialTypes.length, null);
    default: {
      const never: never = sink;
      throw new Error(`unexpected sink ${JSON.stringify(never)}`);
    }
  }
}

class CollectSink implements Sink {
  private readonly batches: Batch[] = [];
  private rows = 0;

  constructor(
    private readonly width: number,
    private readonly cap: number | null,
  ) {}

  get satisfied(): boolean {
    return this.cap !== null && this.rows >= this.cap;
  }

  add(batch: Batch, sel: Selection): void {
    if (this.satisfied) return;
    const take = this.cap === null ? sel : sel.subarray(0, Math.min(sel.length, this.cap - this.rows));
    this.batches.push(takeRows(batch, take));
    this.rows += take.length;
  }

  finish(): Batch {
    return emptyIfNone(concatBatches(this.batches, this.width), this.width);
  }
}

function emptyIfNone(b: Batch, width: number): Batch {
  return b.columns.length === width ? b : { columns: [], length: 0 };
}

/** Combines partials of one stage (merge levels and the start of the final fragment). */
export class PartialMerger {
  private readonly sink: Sink;

  constructor(stage: ScanStage) {
    const sink = stage.sink;
    const types = stage.partialTypes;
    switch (sink.kind) {
      case 'Aggregate': {
        const agg = new HashAggregator(types.slice(0, sink.groupBy.length), sink.aggregates);
        this.sink = { add: (b, s) => agg.addPartial(b, s), satisfied: false, finish: () => agg.partialOutput() };
        break;
      }
      case 'TopN': {
        const buffer = new TopNBuffer(sink.keys, sink.count, types.length);
        this.sink = { add: (b, s) => buffer.add(b, s), satisfied: false, finish: () => buffer.result() };
        break;
      }
      case 'Limit':
        this.sink = new CollectSink(types.length, sink.count);
        break;
      case 'Collect':
        this.sink = new CollectSink(types.length, null);
        break;
      default: {
        const never: never = sink;
        throw new Error(`unexpected sink ${JSON.stringify(never)}`);
      }
    }
  }

  add(partial: Batch): void {
    if (partial.length > 0) this.sink.add(partial, allRows(partial.length));
  }

  finish(): Batch {
    return this.sink.finish();
  }
}
