/**
 * Results as page objects in the scratch store (S3 on AWS): `<scratch>/results/<queryId>/`,
 * one JSON object per page (resultPages.ts), the same objects the finalize step writes for
 * queries the api Lambda runs. Reading page N is one GET; nothing holds a whole result. The
 * scratch bucket is private and the `queries/` lifecycle rule expires the pages with the rest.
 */
import type { S3Config, SquallConfig } from '../../config/config.ts';
import type { OutputColumn } from '../../plan/logical.ts';
import type { ObjectStore } from '../../storage/objectStore.ts';
import { storeFor } from '../../storage/stores.ts';
import { DEFAULT_PAGE_SPEC, readResultPage, writeResultPages, type PageSpec, type ResultPage, type ResultRef } from '../engine/resultPages.ts';
import { resultPagesPrefix } from '../engine/scratch.ts';
import { MemoryResultStore, type ClientRows, type ResultStore } from './resultStore.ts';

export class ObjectStoreResultStore implements ResultStore {
  private readonly store: ObjectStore;

  constructor(
    private readonly scratch: string,
    s3: S3Config | undefined,
    private readonly spec: PageSpec = DEFAULT_PAGE_SPEC,
  ) {
    this.store = storeFor(scratch, s3);
  }

  put(queryId: string, columns: readonly OutputColumn[], rows: ClientRows): Promise<ResultRef> {
    return writeResultPages(this.store, resultPagesPrefix(this.scratch, queryId), columns, rows, this.spec);
  }

  page(ref: ResultRef, index: number): Promise<ResultPage | undefined> {
    return readResultPage(this.store, ref, index);
  }

  delete(queryId: string): Promise<void> {
    return this.store.deletePrefix(resultPagesPrefix(this.scratch, queryId));
  }
}

/**
 * The result store for `squall serve`: with S3 scratch, pages in the bucket (a big result is
 * not held in the server's memory, and the bucket's lifecycle rule expires what is never read);
 * with file scratch, memory (one process, and no files left to clean up; the fastest path).
 */
export function resultStoreFor(config: SquallConfig, spec: PageSpec = DEFAULT_PAGE_SPEC): ResultStore {
  return config.scratch?.startsWith('s3://') ? new ObjectStoreResultStore(config.scratch, config.scratchS3, spec) : new MemoryResultStore(spec);
}
