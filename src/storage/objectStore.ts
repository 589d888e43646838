/**
 * The one interface through which Squall reads and writes objects: lake data and query scratch.
 * Objects are addressed by URI (`file:///abs/path`, `s3://bucket/key`); a store serves one scheme.
 * Only `src/storage` and `src/runtime` touch AWS SDK clients.
 */

export interface ObjectInfo {
  /** Full URI of the object. */
  readonly uri: string;
  readonly size: number;
}

/** Request and byte counters, for per-query stats and cost. */
export interface StoreCounters {
  getRequests: number;
  putRequests: number;
  listRequests: number;
  headRequests: number;
  deleteRequests: number;
  bytesRead: number;
  bytesWritten: number;
}

export function emptyCounters(): StoreCounters {
  return { getRequests: 0, putRequests: 0, listRequests: 0, headRequests: 0, deleteRequests: 0, bytesRead: 0, bytesWritten: 0 };
}

export function addCounters(into: StoreCounters, from: StoreCounters): StoreCounters {
  into.getRequests += from.getRequests;
  into.putRequests += from.putRequests;
  into.listRequests += from.listRequests;
  into.headRequests += from.headRequests;
  into.deleteRequests += from.deleteRequests;
  into.bytesRead += from.bytesRead;
  into.bytesWritten += from.bytesWritten;
  return into;
}

export interface ObjectStore {
  readonly scheme: 'file' | 's3';
  /** Counters since the store was created (callers snapshot and diff them). */
  readonly counters: StoreCounters;
  /**
   * Every object whose URI starts with `prefixUri`, recursively, sorted by URI; paginated under
   * the hood. A prefix naming a directory should end with `/`.
   */
  list(prefixUri: string): Promise<ObjectInfo[]>;
  /** Bytes [start, end) of an object. Never a suffix range: callers know sizes from `list`/`head`. */
  getRange(uri: string, start: number, end: number): Promise<Uint8Array>;
  get(uri: string): Promise<Uint8Array>;
  /** null when the object does not exist. */
  head(uri: string): Promise<ObjectInfo | null>;
  /** Create or overwrite (atomically for readers: they see the old or the new object). */
  put(uri: string, body: Uint8Array): Promise<void>;
  /** Delete every object under a prefix (scratch clean-up). */
  deletePrefix(prefixUri: string): Promise<void>;
}

export interface ParsedUri {
  readonly scheme: 'file' | 's3';
  /** Bucket for s3; empty for file. */
  readonly bucket: string;
  /** Key for s3 (no leading slash); absolute path for file. */
  readonly path: string;
}

export function parseUri(uri: string): ParsedUri {
  if (uri.startsWith('s3://')) {
    const rest = uri.slice(5);
    const slash = rest.indexOf('/');
    return slash < 0
      ? { scheme: 's3', bucket: rest, path: '' }
      : { scheme: 's3', bucket: rest.slice(0, slash), path: rest.slice(slash + 1) };
  }
  if (uri.startsWith('file://')) {
    return { scheme: 'file', bucket: '', path: decodeURIComponent(new URL(uri).pathname) };
  }
  throw new Error(`unsupported URI (expected file:// or s3://): ${uri}`);
}

/** Join a base URI and a relative path with exactly one slash between them. */
export function joinUri(base: string, ...parts: string[]): string {
  let out = base;
  for (const p of parts) {
    if (p === '') continue;
    out = `${out.replace(/\/+$/, '')}/${p.replace(/^\/+/, '')}`;
  }
  return out;
}
