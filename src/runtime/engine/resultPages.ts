/**
 * A query's result as the query API serves it: pages of rows already in client-protocol JSON,
 * one object per page under `<scratch>/results/<queryId>/`, each bounded in rows and bytes and
 * each carrying the columns, so serving page N is one GET and no step holds, encodes or decodes
 * a large result whole. The finalize step writes them for queries that come from the API; the
 * API's object-store result store writes the same objects for queries run in-process.
 */
import type { OutputColumn } from '../../plan/logical.ts';
import { joinUri, type ObjectStore } from '../../storage/objectStore.ts';
import type { ClientValue } from '../../types/clientJson.ts';
import { decodeUtf8, encodeUtf8 } from '../../types/vector.ts';

/** How big a page may be: rows, and bytes of row JSON (a page holds at least one row). */
export interface PageSpec {
  readonly maxRows: number;
  readonly maxBytes: number;
}

/** Trino's own page bounds: 1,000 rows, about 1 MiB. */
export const DEFAULT_PAGE_SPEC: PageSpec = { maxRows: 1000, maxBytes: 1 << 20 };

/** Where a finished query's pages are; all a query record keeps of its result. */
export interface ResultRef {
  /** The pages' URI prefix (an object store) or key (memory). */
  readonly location: string;
  /** At least 1: an empty result is one page without rows (it still names the columns). */
  readonly pageCount: number;
  readonly rowCount: number;
  /** Bytes of every page's row JSON together (whether the whole result fits one response). */
  readonly bytes: number;
}

export interface ResultPage {
  readonly columns: readonly OutputColumn[];
  readonly rows: readonly (readonly ClientValue[])[];
}

/** Whether a page holding `rows` rows of `bytes` bytes must end before a row of `rowBytes`. */
export function pageFull(spec: PageSpec, rows: number, bytes: number, rowBytes: number): boolean {
  return rows > 0 && (rows >= spec.maxRows || bytes + rowBytes > spec.maxBytes);
}

/** A row's share of a page: its JSON and the comma after it. */
export function rowBytes(rowJson: string): number {
  return Buffer.byteLength(rowJson, 'utf8') + 1;
}

export function resultPageUri(location: string, page: number): string {
  return joinUri(location, `${String(page).padStart(6, '0')}.json`);
}

/** Page puts in flight at once: S3 takes thousands per second per prefix, one writer far fewer. */
const PUTS_IN_FLIGHT = 8;

/**
 * Writes a result's pages under `location` as its rows arrive; only the page being filled (and
 * the few being put) is in memory.
 */
export async function writeResultPages(
  store: ObjectStore,
  location: string,
  columns: readonly OutputColumn[],
  rows: Iterable<readonly ClientValue[]>,
  spec: PageSpec,
): Promise<ResultRef> {
  const head = `{"columns":${JSON.stringify(columns)},"rows":[`;
  const inFlight = new Set<Promise<void>>();
  let failure: { err: unknown } | null = null;
  let page: string[] = [];
  let pageBytes = 0;
  let pageCount = 0;
  let rowCount = 0;
  let totalBytes = 0;
  const flush = async (): Promise<void> => {
    const put = store.put(resultPageUri(location, pageCount), encodeUtf8(`${head}${page.join(',')}]}`)).catch((err: unknown) => {
      failure ??= { err };
    });
    const tracked: Promise<void> = put.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
    pageCount++;
    totalBytes += pageBytes;
    page = [];
    pageBytes = 0;
    while (inFlight.size >= PUTS_IN_FLIGHT) await Promise.race(inFlight);
  };
  for (const row of rows) {
    const json = JSON.stringify(row);
    const size = rowBytes(json);
    if (pageFull(spec, page.length, pageBytes, size)) {
      await flush();
      if (failure !== null) break;
    }
    page.push(json);
    pageBytes += size;
    rowCount++;
  }
  if (failure === null && (page.length > 0 || pageCount === 0)) await flush();
  await Promise.all(inFlight);
  if (failure !== null) throw (failure as { err: unknown }).err;
  return { location, pageCount, rowCount, bytes: totalBytes };
}

export async function readResultPage(store: ObjectStore, ref: ResultRef, page: number): Promise<ResultPage> {
  const bytes = await store.get(resultPageUri(ref.location, page));
  return JSON.parse(decodeUtf8(bytes, 0, bytes.length)) as ResultPage;
}
