/** The engine calls behind each function: what the thin handlers in functions/* run. */
import { finalizeQuery } from '../engine/finalizeQuery.ts';
import { mergePartials } from '../engine/mergePartials.ts';
import type { FinalizeInput, FinalizeOutput, MergeInput, PlanOutput, QueryInput, ScanInput } from '../engine/messages.ts';
import { planQuery, writePlan } from '../engine/planQuery.ts';
import { scanFragment } from '../engine/scanFragment.ts';
import { countersSince, invocationWork } from '../engine/workStats.ts';
import { allStoreCounters } from '../../storage/stores.ts';

export async function planStep(input: QueryInput, memoryMb: number): Promise<PlanOutput> {
  const started = performance.now();
  const before = allStoreCounters();
  const { output, plan } = await planQuery(input);
  const work = invocationWork(performance.now() - started, memoryMb, countersSince(allStoreCounters(), before));
  work.s3.putRequests += 1; // plan.json itself
  await writePlan(input, { ...plan, work });
  return output;
}

export async function scanStep(input: ScanInput, memoryMb: number): Promise<{ fragment: number; bytesScanned: number; rowsScanned: number }> {
  const work = await scanFragment(input, memoryMb);
  return { fragment: input.fragment, bytesScanned: work.bytesScanned, rowsScanned: work.rowsScanned };
}

export async function mergeStep(
  input: (MergeInput & { finalize?: false }) | (FinalizeInput & { finalize: true }),
  memoryMb: number,
): Promise<FinalizeOutput | { level: number; group: number }> {
  if (input.finalize === true) return finalizeQuery(input, memoryMb);
  await mergePartials(input, memoryMb);
  return { level: input.level, group: input.group };
}
