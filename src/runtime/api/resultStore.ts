/**
 * Where finished queries' rows live, apart from query state: a record holds only the ResultRef
 * that `put` returns. Rows are stored as pages cut once, when stored, so a page (the unit a
 * client fetches by its nextUri) is the same on every fetch. In memory for one process; the
 * object-store implementation (objectStoreResultStore.ts) serves S3 scratch and the api Lambda.
 */
import type { OutputColumn } from '../../plan/logical.ts';
import type { ClientValue } from '../../types/clientJson.ts';
import { DEFAULT_PAGE_SPEC, pageFull, rowBytes, type PageSpec, type ResultPage, type ResultRef } from '../engine/resultPages.ts';

export type ClientRows = readonly (readonly ClientValue[])[];

export interface ResultStore {
  /** Stores a finished query's rows (already client-encoded) as pages; says where they are. */
  put(queryId: string, columns: readonly OutputColumn[], rows: ClientRows): Promise<ResultRef>;
  /** Page `index` (0-based, below ref.pageCount); undefined when the result is gone. */
  page(ref: ResultRef, index: number): Promise<ResultPage | undefined>;
  /** Drops a query's result, if any (canceled queries). */
  delete(queryId: string): Promise<void>;
}

interface StoredResult {
  readonly pages: readonly ResultPage[];
  readonly storedAt: number;
}

/** One process's results: the oldest dropped beyond `maxResults`, any dropped after `retainMs`. */
export class MemoryResultStore implements ResultStore {
  private readonly results = new Map<string, StoredResult>();

  constructor(
    private readonly spec: PageSpec = DEFAULT_PAGE_SPEC,
    private readonly maxResults = 1000,
    private readonly retainMs = 15 * 60_000,
  ) {}

  async put(queryId: string, columns: readonly OutputColumn[], rows: ClientRows): Promise<ResultRef> {
    const pages: ResultPage[] = [];
    let start = 0;
    let bytes = 0;
    let total = 0;
    for (let r = 0; r < rows.length; r++) {
      const size = rowBytes(JSON.stringify(rows[r]));
      if (pageFull(this.spec, r - start, bytes, size)) {
        pages.push({ columns, rows: rows.slice(start, r) });
        start = r;
        bytes = 0;
      }
      bytes += size;
      total += size;
    }
    pages.push({ columns, rows: rows.slice(start) });
    const location = `memory:${queryId}`;
    this.expire();
    this.results.delete(location);
    this.results.set(location, { pages, storedAt: Date.now() });
    return { location, pageCount: pages.length, rowCount: rows.length, bytes: total };
  }

  async page(ref: ResultRef, index: number): Promise<ResultPage | undefined> {
    return this.results.get(ref.location)?.pages[index];
  }

  async delete(queryId: string): Promise<void> {
    this.results.delete(`memory:${queryId}`);
  }

  private expire(): void {
    const cutoff = Date.now() - this.retainMs;
    for (const [location, r] of this.results) {
      if (this.results.size < this.maxResults && r.storedAt >= cutoff) break;
      this.results.delete(location);
    }
  }
}
