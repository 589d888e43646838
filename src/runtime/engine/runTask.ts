/**
 * A stage task: run the stage's plan over this task's share of the input (a scan fragment's row
 * groups, earlier stages' objects) and write its one output object to a deterministic key, so a
 * retried task overwrites its earlier attempt and never adds a second output.
 */
import { InternalError } from '../../errors.ts';
import { readFooter, type ParquetFooter } from '../../formats/parquet/footer.ts';
import { scanRowGroups } from '../../formats/parquet/rowGroupReader.ts';
import { MemoryBudget, OPERATOR_MEMORY_SHARE } from '../../exec/memory.ts';
import { TaskExecutor, type BuiltSide, type TaskSources } from '../../exec/taskExecutor.ts';
import type { RemoteSourceNode, TableScanNode } from '../../plan/logical.ts';
import type { ObjectStore } from '../../storage/objectStore.ts';
import { allStoreCounters, storeFor } from '../../storage/stores.ts';
import { constVector, type LazyBatch } from '../../types/vector.ts';
import { buildCache, type RecordedRead } from './buildCache.ts';
import { accountRead, encodeTaskOutput, readTaskInput, type ReadObject } from './exchange.ts';
import { loadFragment, loadPlan } from './loadPlan.ts';
import type { PartialMeta, QueryPlan, StageStats, TaskInput } from './messages.ts';
import { recordTaskCost } from './taskCosts.ts';
import { taskOutputUri } from './scratch.ts';
import { addStageMeta, addStageStats, countersSince, emptyStageStats, invocationWork } from './workStats.ts';

/**
 * Footers parsed by this process: a warm worker scanning several fragments of a file reads and
 * parses its footer once. Keyed by URI and size (an overwritten object changes size or is a new
 * query's concern: plans never outlive their objects).
 */
const FOOTER_CACHE_SIZE = 16;
const footers = new Map<string, Promise<ParquetFooter>>();

function cachedFooter(store: ObjectStore, uri: string, size: number, footerLength: number): Promise<ParquetFooter> {
  const key = `${uri}#${size}`;
  let f = footers.get(key);
  if (f === undefined) {
    f = readFooter(store, uri, size, { footerLength });
    footers.set(key, f);
    f.catch(() => footers.delete(key));
    while (footers.size > FOOTER_CACHE_SIZE) footers.delete(footers.keys().next().value!);
  }
  return f;
}

/**
 * Build sides kept for later tasks may hold this share besides: one in use by a task counts in
 * that task's operator share as well, so at most this much is held beyond the operators' share.
 */
export const BUILD_CACHE_SHARE = 0.2;

/** Where a task's inputs come from and what it did: shared by stage tasks and the final fragment. */
export class TaskContext implements TaskSources {
  readonly memory: MemoryBudget;
  readonly upstream: Record<string, StageStats> = {};
  rowGroupsRead = 0;
  lakeBytes = 0;
  exchangeBytesRead = 0;
  buildCacheHits = 0;
  /** Builds in progress, each collecting the exchange reads it makes. */
  private readonly recording: RecordedRead[][] = [];

  constructor(
    private readonly plan: QueryPlan,
    private readonly input: { scratch: string; scratchS3: TaskInput['scratchS3']; queryId: string },
    private readonly task: number,
    private readonly scanIndex: number | null,
    private readonly memoryMb: number,
    where: string,
    /** The stage whose build sides later tasks may reuse; null: the final fragment, or one task. */
    private readonly cacheStage: number | null = null,
  ) {
    this.memory = new MemoryBudget(memoryMb * 1024 * 1024 * OPERATOR_MEMORY_SHARE, where);
  }

  async sharedBuild(key: string, build: () => Promise<BuiltSide>): Promise<BuiltSide> {
    if (this.cacheStage === null) return build();
    const cacheKey = `${this.input.queryId}/${this.cacheStage}/${key}`;
    const hit = buildCache.get(cacheKey);
    if (hit !== undefined) {
      this.buildCacheHits++;
      for (const r of hit.reads) this.account(r.node, r.objects);
      return hit.built;
    }
    const reads: RecordedRead[] = [];
    this.recording.push(reads);
    let built: BuiltSide;
    try {
      built = await build();
    } finally {
      this.recording.splice(this.recording.indexOf(reads), 1);
    }
    buildCache.set(cacheKey, { built, reads }, this.memoryMb * 1024 * 1024 * BUILD_CACHE_SHARE);
    return built;
  }

  /** Account for `objects` read for `node` (now, or by the task whose build this one reuses). */
  private account(node: RemoteSourceNode, objects: readonly ReadObject[]): void {
    const producer = this.plan.plan.stages[node.stage]!;
    addStageMeta(this.upstream, accountRead(node, producer, this.task, objects));
    for (const r of this.recording) r.push({ node, objects });
  }

  async scan(node: TableScanNode, push: (batch: LazyBatch) => boolean): Promise<void> {
    if (this.scanIndex === null) throw new InternalError('a table scan outside a source stage');
    const table = this.plan.scanTables[this.scanIndex]!;
    const fragment = await loadFragment(this.plan, this.input.scratch, this.scanIndex, this.task, this.input.scratchS3 ?? undefined);
    const fileColumns = node.columns.filter((c) => !c.partition).map((c) => c.name);
    const fileIndex = new Map(fileColumns.map((name, i) => [name, i]));
    let more = true;
    for (const file of fragment.files) {
      if (!more) break;
      const lake = storeFor(file.uri, table.tableS3);
      const lakeBefore = lake.counters.bytesRead;
      const footer = await cachedFooter(lake, file.uri, file.size, file.footerLength);
      await scanRowGroups({ store: lake, uri: file.uri, size: file.size, footer, rowGroups: file.rowGroups, columns: fileColumns }, (_rg, rowGroup) => {
        this.rowGroupsRead++;
        const length = rowGroup.length;
        // Scan columns in order: partition keys as constants, file columns made on demand.
        more = push({
          length,
          width: node.columns.length,
          column(i, sel) {
            const c = node.columns[i]!;
            if (!c.partition) return rowGroup.column(fileIndex.get(c.name)!, sel);
            return constVector(c.type, file.partitionValues[table.partitionColumns.indexOf(c.name)] ?? null, length);
          },
        });
        return more;
      });
      this.lakeBytes += lake.counters.bytesRead - lakeBefore;
    }
  }

  async remote(node: RemoteSourceNode) {
    const producer = this.plan.plan.stages[node.stage];
    if (producer === undefined) throw new InternalError(`stage ${node.stage} does not exist`);
    const store = storeFor(this.input.scratch, this.input.scratchS3 ?? undefined);
    const read = await readTaskInput(store, this.input.scratch, this.input.queryId, node, producer, this.task);
    this.account(node, read.objects);
    this.exchangeBytesRead += read.bytes;
    return read.batches;
  }
}

export async function runTask(input: TaskInput, memoryMb: number): Promise<StageStats> {
  const started = performance.now();
  // Wall-clock, not performance.now(): a stage's tasks run in different processes.
  const startedAtMs = Date.now();
  const before = allStoreCounters();
  const plan = await loadPlan(input.scratch, input.queryId, input.scratchS3 ?? undefined);
  const stage = plan.plan.stages[input.stage];
  if (stage === undefined) throw new InternalError(`stage ${input.stage} does not exist`);
  const ctx = new TaskContext(plan, input, input.task, stage.scan, memoryMb, `stage ${stage.id} (task ${input.task})`, stage.tasks > 1 ? stage.id : null);
  const executor = new TaskExecutor(ctx);
  const output = await executor.run(stage.root);

  const own = { ...emptyStageStats(), ...invocationWork(performance.now() - started, memoryMb, countersSince(allStoreCounters(), before)) };
  own.rowsScanned = executor.counters.rowsScanned;
  own.rowGroupsRead = ctx.rowGroupsRead;
  own.bytesScanned = ctx.lakeBytes;
  own.rowsOut = output.length;
  own.exchangeBytesRead = ctx.exchangeBytesRead;
  own.buildCacheHits = ctx.buildCacheHits;
  own.startedAtMs = startedAtMs;
  own.endedAtMs = Date.now();
  own.peakMemoryBytes = ctx.memory.peak;
  // The PUT of the output itself: its request is counted here, its bytes below; and the PUT of
  // its cost marker, which comes after the output.
  own.s3.putRequests += plan.meterTasks === true ? 2 : 1;
  const stages: Record<string, StageStats> = { ...ctx.upstream };
  const meta: PartialMeta = { stages };
  stages[String(stage.id)] = addStageStats(stages[String(stage.id)] ?? emptyStageStats(), own);
  const body = encodeTaskOutput(output, stage, input.task, meta);
  const scratch = storeFor(input.scratch, input.scratchS3 ?? undefined);
  await scratch.put(taskOutputUri(input.scratch, input.queryId, stage.id, input.task), body);
  if (plan.meterTasks === true) {
    const s3 = own.s3;
    // s3 already counts the marker's own PUT.
    const cost = { stage: stage.id, task: input.task, durationMs: performance.now() - started, memoryMb, s3Gets: s3.getRequests + s3.headRequests, s3PutsAndLists: s3.putRequests + s3.listRequests };
    await recordTaskCost(scratch, input.scratch, input.queryId, cost);
  }
  return own;
}
