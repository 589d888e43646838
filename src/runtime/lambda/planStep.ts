/** The plan function's engine call: plan, then write plan.json with the planner's own figures. */
import { allStoreCounters } from '../../storage/stores.ts';
import type { PlanOutput, QueryInput } from '../engine/messages.ts';
import { planQuery, writePlan } from '../engine/planQuery.ts';
import { countersSince, invocationWork } from '../engine/workStats.ts';

export async function planStep(input: QueryInput, memoryMb: number): Promise<PlanOutput> {
  const started = performance.now();
  const before = allStoreCounters();
  const soFar = () => invocationWork(performance.now() - started, memoryMb, countersSince(allStoreCounters(), before));
  const { output, plan } = await planQuery(input, () => {
    const w = soFar();
    return { durationMs: w.durationMs, memoryMb, s3Gets: w.s3.getRequests + w.s3.headRequests, s3PutsAndLists: w.s3.putRequests + w.s3.listRequests };
  });
  const work = soFar();
  work.s3.putRequests += 1; // plan.json itself
  await writePlan(input, { ...plan, work });
  return { ...output, requests: { s3Gets: work.s3.getRequests + work.s3.headRequests, s3PutsAndLists: work.s3.putRequests + work.s3.listRequests } };
}
