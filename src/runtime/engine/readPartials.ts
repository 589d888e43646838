/** Reading a range of partials of one level and folding them into a merger. */
import type { S3Config } from '../../config/config.ts';
import { mapLimited } from '../../util/mapLimited.ts';
import { decodeBatch } from '../../exec/serde.ts';
import { PartialMerger } from '../../exec/scanPipeline.ts';
import type { ScanStage } from '../../plan/distribute.ts';
import { storeFor } from '../../storage/stores.ts';
import type { Batch } from '../../types/vector.ts';
import type { PartialMeta, WorkStats } from './messages.ts';
import { partialUri } from './scratch.ts';
import { addWork, emptyWork } from './workStats.ts';

export interface MergedPartials {
  readonly batch: Batch;
  /** Work of everything upstream of these partials. */
  readonly scan: WorkStats;
  readonly merge: WorkStats;
}

export async function mergePartialRange(
  stage: ScanStage,
  scratch: string,
  queryId: string,
  level: number,
  from: number,
  to: number,
  s3?: S3Config,
): Promise<MergedPartials> {
  const store = storeFor(scratch, s3);
  const merger = new PartialMerger(stage);
  const scan = emptyWork();
  const merge = emptyWork();
  const indices = Array.from({ length: Math.max(0, to - from) }, (_x, i) => from + i);
  // Fetch concurrently but fold in index order, so results do not depend on timing.
  const bodies = await mapLimited(indices, 8, (i) => store.get(partialUri(scratch, queryId, level, i)));
  bodies.forEach((body, k) => {
    const decoded = decodeBatch(body, partialUri(scratch, queryId, level, indices[k]!));
    const meta = decoded.meta as PartialMeta;
    addWork(scan, meta.scan);
    addWork(merge, meta.merge);
    merger.add(decoded.batch);
  });
  return { batch: merger.finish(), scan, merge };
}
