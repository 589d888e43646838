/**
 * The final step: run the final fragment (over the last stages' outputs), write the result and
 * return its first rows and the query's figures, gathered from the exchange objects.
 */
import { TaskExecutor } from '../../exec/taskExecutor.ts';
import { encodeBatch } from '../../exec/serde.ts';
import { allStoreCounters, storeFor } from '../../storage/stores.ts';
import { toClientJson, type ClientValue } from '../../types/clientJson.ts';
import type { SqlType } from '../../types/sqlType.ts';
import { valueAt, type Batch } from '../../types/vector.ts';
import { loadPlan } from './loadPlan.ts';
import type { FinalizeInput, FinalizeOutput, StageStats } from './messages.ts';
import { TaskContext } from './runTask.ts';
import { writeResultPages, type ResultRef } from './resultPages.ts';
import { resultPagesPrefix, resultUri } from './scratch.ts';
import { addWork, countersSince, emptyStageStats, emptyWork, invocationWork, sumWork } from './workStats.ts';

/** Inline rows stay well under Step Functions' 256 KiB output limit. */
const INLINE_ROW_LIMIT = 1000;
const INLINE_BYTE_LIMIT = 128 * 1024;

export async function finalizeQuery(input: FinalizeInput, memoryMb: number): Promise<FinalizeOutput> {
  const started = performance.now();
  const before = allStoreCounters();
  const plan = await loadPlan(input.scratch, input.queryId, input.scratchS3 ?? undefined);
  const d = plan.plan;
  const ctx = new TaskContext(plan, input, 0, null, memoryMb, 'the final fragment');
  const result = await new TaskExecutor(ctx).run(d.final);
  const types = d.output.map((c) => c.type);
  const uri = resultUri(input.scratch, input.queryId);
  const scratch = storeFor(input.scratch, input.scratchS3 ?? undefined);
  const rows: ClientValue[][] = [];
  let pages: ResultRef | undefined;
  if (plan.resultPages !== undefined) {
    // For the query API: pages it serves as they are, so it never decodes the whole result.
    // (EXPLAIN ANALYZE answers with a text made from the figures, after this step.)
    if (!plan.analyze) {
      pages = await writeResultPages(scratch, resultPagesPrefix(input.scratch, input.queryId), d.output, clientRowsOf(result, types), plan.resultPages);
    }
  } else {
    await scratch.put(uri, encodeBatch(result, types, null));
    let bytes = 0;
    for (let r = 0; r < result.length && rows.length < INLINE_ROW_LIMIT; r++) {
      const row = result.columns.map((c, j) => toClientJson(valueAt(c, r), types[j]!));
      bytes += JSON.stringify(row).length;
      if (bytes > INLINE_BYTE_LIMIT) break;
      rows.push(row);
    }
  }
  const finalize = {
    ...emptyStageStats(),
    ...invocationWork(performance.now() - started, memoryMb, countersSince(allStoreCounters(), before)),
    rowsOut: result.length,
    exchangeBytesRead: ctx.exchangeBytesRead,
    peakMemoryBytes: ctx.memory.peak,
  };
  const byStage: StageStats[] = d.stages.map((s) => ctx.upstream[String(s.id)] ?? emptyStageStats());
  const scan = emptyWork();
  const merge = emptyWork();
  d.stages.forEach((s, i) => addWork(s.scan !== null ? scan : merge, byStage[i]!));
  const planWork = plan.work;
  return {
    queryId: input.queryId,
    columns: [...d.output],
    rowCount: result.length,
    rows,
    truncated: rows.length < result.length,
    resultUri: uri,
    ...(pages !== undefined ? { pages } : {}),
    planning: plan.planning,
    fragments: plan.scanTables.reduce((s, t) => s + t.fragmentCount, 0),
    work: sumWork(planWork, scan, merge, finalize),
    stages: { plan: planWork, scan, merge, finalize, byStage },
    ...(plan.explain !== undefined ? { explain: plan.explain } : {}),
    ...(plan.analyze ? { analyze: true } : {}),
  };
}

function* clientRowsOf(batch: Batch, types: readonly SqlType[]): Generator<ClientValue[]> {
  for (let r = 0; r < batch.length; r++) yield batch.columns.map((c, j) => toClientJson(valueAt(c, r), types[j]!));
}
