/**
 * Runs a plan fragment inside one task: a push pipeline where scans and exchange reads produce
 * batches, Filter/Project/probe steps stream them, and pipeline breakers (aggregations, sorts,
 * limits, build sides) collect their input before producing one batch. The same code runs a
 * stage's task and the final fragment.
 */
import { ExecError, InternalError } from '../errors.ts';
import type { BoundExpr } from '../plan/expr.ts';
import { inputsOf, type AggregateNode, type JoinNode, type LogicalPlan, type RemoteSourceNode, type TableScanNode } from '../plan/logical.ts';
import { stringifyTagged } from '../types/taggedJson.ts';
import { allRows, constVector, vectorFromValues, type Batch, type LazyBatch, type Selection } from '../types/vector.ts';
import { compileExprs, evaluateConstant } from './evaluate.ts';
import { compileFilter } from './filter.ts';
import { HashAggregator } from './hashAggregate.ts';
import { JoinProbe } from './hashJoin.ts';
import { JoinHashTable } from './joinHashTable.ts';
import { batchBytes, type MemoryBudget } from './memory.ts';
import { ScanPipeline, type PipelineStep } from './scanPipeline.ts';
import { CollectSink, type RowSink } from './sinks.ts';
import { sortBatch, takeRows, TopNBuffer } from './sort.ts';
import { evaluateWindow } from './window.ts';

export interface TaskSources {
  /** Pushes the row groups of this task's share of the scanned table until `push` says stop. */
  scan(node: TableScanNode, push: (batch: LazyBatch) => boolean): Promise<void>;
  /** The batches this task reads from an earlier stage. */
  remote(node: RemoteSourceNode): Promise<Batch[]>;
  /**
   * A join's built build side, for one that every task of the stage builds alike (`key` names
   * it within the stage): a warm worker may hand out the one it built for an earlier task.
   */
  sharedBuild(key: string, build: () => Promise<BuiltSide>): Promise<BuiltSide>;
  readonly memory: MemoryBudget;
}

export interface BuiltSide {
  readonly table: JoinHashTable;
  /** Memory the table holds. */
  readonly bytes: number;
}

/** The index over the build rows: row lists and key codes, about this many bytes a row. */
const INDEX_BYTES_PER_ROW = 16;

export interface TaskCounters {
  rowsScanned: number;
}

export class TaskExecutor {
  readonly counters: TaskCounters = { rowsScanned: 0 };

  constructor(private readonly sources: TaskSources) {}

  /** The plan's whole output as one batch. */
  async run(plan: LogicalPlan): Promise<Batch> {
    switch (plan.kind) {
      case 'Aggregate':
        return this.aggregate(plan);
      case 'Sort': {
        const input = await this.run(plan.input);
        return sortBatch(input, plan.keys);
      }
      case 'TopN': {
        const buffer = new TopNBuffer(plan.keys, plan.offset + plan.count, plan.output.length);
        let held = 0;
        await this.stream(plan.input, {
          satisfied: false,
          add: (b, s) => {
            buffer.add(b, s);
            const bytes = batchBytes(b) * (s.length / Math.max(1, b.length));
            if (bytes > held) {
              this.sources.memory.reserve(bytes - held, 'TopN');
              held = bytes;
            }
          },
        });
        const top = buffer.result();
        this.sources.memory.release(held);
        return plan.offset === 0 ? top : sliceRows(top, plan.offset, top.length);
      }
      case 'Limit': {
        const sink = new CollectSink(plan.output.length, plan.count === null ? null : plan.offset + plan.count, this.sources.memory, 'LIMIT');
        await this.stream(plan.input, sink);
        return sliceRows(this.emptyOr(sink.finish(), plan), plan.offset, Number.MAX_SAFE_INTEGER);
      }
      case 'Window': {
        const input = this.emptyOr(await this.run(plan.input), plan.input);
        // The sorted copy and the function columns live beside the input until it is released.
        const bytes = 2 * batchBytes(input);
        this.sources.memory.reserve(bytes, 'window');
        const out = evaluateWindow(plan, input);
        this.sources.memory.release(bytes);
        return out;
      }
      case 'EnforceSingleRow': {
        const input = await this.run(plan.input);
        if (input.length > 1) throw new ExecError('SUBQUERY_MULTIPLE_ROWS', 'Scalar sub-query has returned multiple rows');
        if (input.length === 1) return input;
        return { columns: plan.output.map((c) => constVector(c.type, null, 1)), length: 1 };
      }
      default: {
        const sink = new CollectSink(plan.output.length, null, this.sources.memory, `${plan.kind} output`);
        await this.stream(plan, sink);
        return this.emptyOr(sink.finish(), plan);
      }
    }
  }

  /** Push the plan's output rows into `out`. */
  async stream(plan: LogicalPlan, out: RowSink): Promise<void> {
    switch (plan.kind) {
      case 'TableScan':
      case 'Filter':
      case 'Project': {
        const chain = scanChain(plan);
        if (chain !== null) return this.scan(chain.scan, chain.steps, out);
        if (plan.kind === 'Filter') {
          const filter = compileFilter(plan.predicate);
          return this.stream(plan.input, { add: (b, s) => out.add(b, filter(b, s)), get satisfied() { return out.satisfied; } });
        }
        if (plan.kind === 'Project') {
          const exprs = compileExprs(plan.exprs);
          return this.stream(plan.input, {
            add: (b, s) => {
              if (s.length === 0) return;
              // Compute over the selected rows only, compacted, so the output is dense.
              const dense = s.length === b.length ? b : takeRows(b, s);
              const all = allRows(dense.length);
              out.add({ columns: exprs.map((e) => e(dense, all)), length: dense.length }, all);
            },
            get satisfied() {
              return out.satisfied;
            },
          });
        }
        throw new InternalError('scan chain expected');
      }
      case 'Values': {
        const batch: Batch = { columns: plan.output.map((c, i) => vectorFromValues(c.type, plan.rows.map((r) => evaluateConstant(r[i]!)))), length: plan.rows.length };
        if (batch.length > 0) out.add(batch, allRows(batch.length));
        return;
      }
      case 'RemoteSource': {
        for (const b of await this.sources.remote(plan)) {
          if (out.satisfied) return;
          if (b.length > 0) out.add(b, allRows(b.length));
        }
        return;
      }
      case 'Union':
        for (const input of plan.inputs) {
          if (out.satisfied) return;
          await this.stream(input, out);
        }
        return;
      case 'Join':
        return this.join(plan, out);
      case 'Shared':
        // Staging replaces shared subplans by reads of their stage; unstaged, it is its input.
        return this.stream(plan.input, out);
      default: {
        const batch = await this.run(plan);
        if (batch.length > 0) out.add(batch, allRows(batch.length));
      }
    }
  }

  private async scan(node: TableScanNode, steps: readonly PipelineStep[], out: RowSink): Promise<void> {
    const pipeline = new ScanPipeline(node.filter, steps, out);
    await this.sources.scan(node, (batch) => {
      pipeline.push(batch);
      return !pipeline.satisfied;
    });
    this.counters.rowsScanned += pipeline.rowsIn;
  }

  private async join(plan: JoinNode, out: RowSink): Promise<void> {
    const memory = this.sources.memory;
    const build = async (): Promise<BuiltSide> => {
      const sink = new CollectSink(plan.right.output.length, null, memory, 'hash join build side');
      await this.stream(plan.right, sink);
      const rows = this.emptyOr(sink.finish(), plan.right);
      const table = new JoinHashTable(rows, compileExprs(plan.rightKeys), plan.rightKeys.map((k: BoundExpr) => k.type));
      // The table holds the collected rows; what they were collected as is given back below.
      sink.release();
      return { table, bytes: batchBytes(rows) + INDEX_BYTES_PER_ROW * rows.length };
    };
    // A build side without scans or per-task reads is the same in every task of the stage.
    const { table, bytes } = sameInEveryTask(plan.right) ? await this.sources.sharedBuild(stringifyTagged([plan.right, plan.rightKeys]), build) : await build();
    memory.reserve(bytes, 'hash join build side');
    const probe = new JoinProbe(
      {
        type: plan.type,
        leftKeys: plan.leftKeys,
        rightKeys: plan.rightKeys,
        residual: plan.residual,
        nullAware: plan.nullAware,
        leftTypes: plan.left.output.map((c) => c.type),
        rightTypes: plan.right.output.map((c) => c.type),
      },
      table,
      out,
    );
    await this.stream(plan.left, probe);
    probe.finish();
    memory.release(bytes);
  }

  private async aggregate(plan: AggregateNode): Promise<Batch> {
    const keyCount = plan.groupBy.length;
    const agg = new HashAggregator(plan.output.slice(0, keyCount).map((c) => c.type), plan.aggregates);
    const fromStates = plan.step === 'final' || plan.step === 'intermediate';
    const keyColumns = plan.groupBy.map((k) => k.index);
    let reserved = 0;
    await this.stream(plan.input, {
      satisfied: false,
      add: (b: Batch, s: Selection) => {
        if (fromStates) agg.addPartial(b, s);
        else agg.addInput(b, s, keyColumns);
        // About 16 bytes per key and state value per group.
        const bytes = agg.groupCount * 16 * (keyCount + plan.aggregates.length + 1);
        if (bytes > reserved) {
          this.sources.memory.reserve(bytes - reserved, 'aggregation');
          reserved = bytes;
        }
      },
    });
    const result = plan.step === 'partial' || plan.step === 'intermediate' ? agg.partialOutput() : agg.finalOutput();
    this.sources.memory.release(reserved);
    return result;
  }

  /** A zero-row result with the plan's column types (operators want every column present). */
  private emptyOr(batch: Batch, plan: LogicalPlan): Batch {
    if (batch.columns.length === plan.output.length) return batch;
    return { columns: plan.output.map((c) => constVector(c.type, null, 0)), length: 0 };
  }
}

function sameInEveryTask(plan: LogicalPlan): boolean {
  if (plan.kind === 'TableScan') return false;
  if (plan.kind === 'RemoteSource') return plan.read === 'all';
  return inputsOf(plan).every(sameInEveryTask);
}

/** Filter/Project steps directly over a TableScan, bottom-up, or null if the chain ends elsewhere. */
function scanChain(plan: LogicalPlan): { scan: TableScanNode; steps: PipelineStep[] } | null {
  const steps: PipelineStep[] = [];
  let node = plan;
  while (node.kind === 'Filter' || node.kind === 'Project') {
    steps.unshift(node.kind === 'Filter' ? { kind: 'Filter', predicate: node.predicate } : { kind: 'Project', exprs: node.exprs });
    node = node.input;
  }
  return node.kind === 'TableScan' ? { scan: node, steps } : null;
}

function sliceRows(batch: Batch, start: number, end: number): Batch {
  const to = Math.min(end, batch.length);
  if (start === 0 && to >= batch.length) return batch;
  const rows = new Int32Array(Math.max(0, to - start));
  for (let i = 0; i < rows.length; i++) rows[i] = start + i;
  return takeRows(batch, rows);
}
