/**
 * The scan step: read one fragment's row groups (only the needed column chunks), run the
 * pipeline, and write the partial to its deterministic key (a retry overwrites, never adds).
 */
import { InternalError } from '../../errors.ts';
import { readFooter, type ParquetFooter } from '../../formats/parquet/footer.ts';
import type { ObjectStore } from '../../storage/objectStore.ts';
import { scanRowGroups } from '../../formats/parquet/rowGroupReader.ts';
import { encodeBatch } from '../../exec/serde.ts';
import { ScanPipeline } from '../../exec/scanPipeline.ts';
import { allStoreCounters, storeFor } from '../../storage/stores.ts';
import { constVector } from '../../types/vector.ts';
import type { PartialMeta, ScanInput, WorkStats } from './messages.ts';
import { loadFragment, loadPlan } from './loadPlan.ts';
import { partialUri } from './scratch.ts';
import { countersSince, emptyWork, invocationWork } from './workStats.ts';

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

export async function scanFragment(input: ScanInput, memoryMb: number): Promise<WorkStats> {
  const started = performance.now();
  const before = allStoreCounters();
  const plan = await loadPlan(input.scratch, input.queryId, input.scratchS3 ?? undefined);
  const stage = plan.plan.scan;
  if (stage === null) throw new InternalError('scan invoked for a query without a scan stage');
  const fragment = await loadFragment(plan, input.scratch, input.fragment, input.scratchS3 ?? undefined);
  const pipeline = new ScanPipeline(stage);
  const fileColumns = stage.columns.filter((c) => !c.partition).map((c) => c.name);
  let rowGroupsRead = 0;
  let lakeBytes = 0;

  for (const file of fragment.files) {
    if (pipeline.satisfied) break;
    const lake = storeFor(file.uri, plan.tableS3);
    const lakeBefore = lake.counters.bytesRead;
    const footer = await cachedFooter(lake, file.uri, file.size, file.footerLength);
    // Stage columns in order: partition keys as constants, file columns made on demand.
    const fileIndex = new Map(fileColumns.map((name, i) => [name, i]));
    await scanRowGroups({ store: lake, uri: file.uri, size: file.size, footer, rowGroups: file.rowGroups, columns: fileColumns }, (_rg, rowGroup) => {
      rowGroupsRead++;
      const length = rowGroup.length;
      pipeline.push({
        length,
        width: stage.columns.length,
        column(i, sel) {
          const c = stage.columns[i]!;
          if (!c.partition) return rowGroup.column(fileIndex.get(c.name)!, sel);
          return constVector(c.type, file.partitionValues[plan.partitionColumns.indexOf(c.name)] ?? null, length);
        },
      });
      return !pipeline.satisfied;
    });
    lakeBytes += lake.counters.bytesRead - lakeBefore;
  }

  const partial = pipeline.finish();
  const scratch = storeFor(input.scratch, input.scratchS3 ?? undefined);
  const work = invocationWork(performance.now() - started, memoryMb, countersSince(allStoreCounters(), before));
  work.rowsScanned = pipeline.rowsIn;
  work.rowGroupsRead = rowGroupsRead;
  work.bytesScanned = lakeBytes;
  // The PUT of the partial itself: its request is counted here, its bytes cannot be.
  work.s3.putRequests += 1;
  const meta: PartialMeta = { scan: work, merge: emptyWork() };
  await scratch.put(partialUri(input.scratch, input.queryId, 0, input.fragment), encodeBatch(partial, stage.partialTypes, meta));
  return work;
}
