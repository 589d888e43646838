/** A merge step: combine up to fan-in partials of the previous level into one. */
import { InternalError } from '../../errors.ts';
import { encodeBatch } from '../../exec/serde.ts';
import { allStoreCounters, storeFor } from '../../storage/stores.ts';
import { loadPlan } from './loadPlan.ts';
import type { MergeInput, PartialMeta } from './messages.ts';
import { mergePartialRange } from './readPartials.ts';
import { partialUri } from './scratch.ts';
import { addWork, countersSince, invocationWork } from './workStats.ts';

export async function mergePartials(input: MergeInput, memoryMb: number): Promise<void> {
  const started = performance.now();
  const before = allStoreCounters();
  const plan = await loadPlan(input.scratch, input.queryId, input.scratchS3 ?? undefined);
  const stage = plan.plan.scan;
  if (stage === null) throw new InternalError('merge invoked for a query without a scan stage');
  const from = input.group * input.fanIn;
  const to = Math.min(from + input.fanIn, input.inputCount);
  const merged = await mergePartialRange(stage, input.scratch, input.queryId, input.level - 1, from, to, input.scratchS3 ?? undefined);
  const own = invocationWork(performance.now() - started, memoryMb, countersSince(allStoreCounters(), before));
  own.s3.putRequests += 1;
  const meta: PartialMeta = { scan: merged.scan, merge: addWork(merged.merge, own) };
  const uri = partialUri(input.scratch, input.queryId, input.level, input.group);
  await storeFor(input.scratch, input.scratchS3 ?? undefined).put(uri, encodeBatch(merged.batch, stage.partialTypes, meta));
}
