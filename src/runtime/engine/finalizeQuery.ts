/**
 * The final step: merge the last level's partials, run the rest of the plan (HAVING, ORDER BY,
 * LIMIT, outer queries), write the result and return its first rows and the query's figures.
 */
import { executePlan } from '../../exec/executePlan.ts';
import { encodeBatch } from '../../exec/serde.ts';
import { allStoreCounters, storeFor } from '../../storage/stores.ts';
import { toClientJson, type ClientValue } from '../../types/clientJson.ts';
import { valueAt, type Batch } from '../../types/vector.ts';
import { loadPlan } from './loadPlan.ts';
import type { FinalizeInput, FinalizeOutput } from './messages.ts';
import { mergePartialRange } from './readPartials.ts';
import { resultUri } from './scratch.ts';
import { countersSince, emptyWork, invocationWork, sumWork } from './workStats.ts';

/** Inline rows stay well under Step Functions' 256 KiB output limit. */
const INLINE_ROW_LIMIT = 1000;
const INLINE_BYTE_LIMIT = 128 * 1024;

export async function finalizeQuery(input: FinalizeInput, memoryMb: number): Promise<FinalizeOutput> {
  const started = performance.now();
  const before = allStoreCounters();
  const plan = await loadPlan(input.scratch, input.queryId, input.scratchS3 ?? undefined);
  const d = plan.plan;
  let stageInput: Batch | null = null;
  let scan = emptyWork();
  let merge = emptyWork();
  if (d.scan !== null) {
    const merged = await mergePartialRange(d.scan, input.scratch, input.queryId, input.inputLevel, 0, input.inputCount, input.scratchS3 ?? undefined);
    stageInput = merged.batch.columns.length === d.scan.partialTypes.length ? merged.batch : emptyBatch(d.scan.partialTypes.length);
    scan = merged.scan;
    merge = merged.merge;
  }
  const result = executePlan(d.final, stageInput);
  const types = d.output.map((c) => c.type);
  const uri = resultUri(input.scratch, input.queryId);
  const body = encodeBatch(result, types, null);
  await storeFor(input.scratch, input.scratchS3 ?? undefined).put(uri, body);

  const rows: ClientValue[][] = [];
  let bytes = 0;
  for (let r = 0; r < result.length && rows.length < INLINE_ROW_LIMIT; r++) {
    const row = result.columns.map((c, j) => toClientJson(valueAt(c, r), types[j]!));
    bytes += JSON.stringify(row).length;
    if (bytes > INLINE_BYTE_LIMIT) break;
    rows.push(row);
  }
  const finalize = invocationWork(performance.now() - started, memoryMb, countersSince(allStoreCounters(), before));
  const planWork = plan.work;
  return {
    queryId: input.queryId,
    columns: [...d.output],
    rowCount: result.length,
    rows,
    truncated: rows.length < result.length,
    resultUri: uri,
    planning: plan.planning,
    fragments: plan.fragmentCount,
    mergeGroups: plan.mergeGroups,
    work: sumWork(planWork, scan, merge, finalize),
    stages: { plan: planWork, scan, merge, finalize },
    ...(plan.explain !== undefined ? { explain: plan.explain } : {}),
  };
}

function emptyBatch(width: number): Batch {
  return { columns: Array.from({ length: width }, () => ({ storage: 'const' as const, type: { kind: 'unknown' as const }, length: 0, nulls: null, value: null })), length: 0 };
}
