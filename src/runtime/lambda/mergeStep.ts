/** The merge function's engine call: the final fragment, producing the query's result. */
import { finalizeQuery } from '../engine/finalizeQuery.ts';
import type { FinalizeInput, FinalizeOutput } from '../engine/messages.ts';

export async function mergeStep(input: FinalizeInput, memoryMb: number): Promise<FinalizeOutput> {
  return finalizeQuery(input, memoryMb);
}
