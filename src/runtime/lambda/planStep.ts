/** The plan function's engine call: plan, then write plan.json with the planner's own figures. */
import { allStoreCounters } from '../../storage/stores.ts';
import type { PlanOutput, QueryInput } from '../engine/messages.ts';
import { planQuery, writePlan } from '../engine/planQuery.ts';
import { countersSince, invocationWork } from '../engine/workStats.ts';

export async function planStep(input: QueryInput, memoryMb: number): Promise<PlanOutput> {
  const started = performance.now();
  const before = allStoreCounters();
  const { output, plan } = await planQuery(input);
  const work = invocationWork(performance.now() - started, memoryMb, countersSince(allStoreCounters(), before));
  work.s3.putRequests += 1; // plan.json itself
  await writePlan(input, { ...plan, work });
  return output;
}
