/** The merge function's engine call: merge one group of partials, or finalize the query. */
import { finalizeQuery } from '../engine/finalizeQuery.ts';
import { mergePartials } from '../engine/mergePartials.ts';
import type { FinalizeInput, FinalizeOutput, MergeInput } from '../engine/messages.ts';

export async function mergeStep(
  input: (MergeInput & { finalize?: false }) | (FinalizeInput & { finalize: true }),
  memoryMb: number,
): Promise<FinalizeOutput | { level: number; group: number }> {
  if (input.finalize === true) return finalizeQuery(input, memoryMb);
  await mergePartials(input, memoryMb);
  return { level: input.level, group: input.group };
}
