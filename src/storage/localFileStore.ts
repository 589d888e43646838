/**
 * ObjectStore over the local file system (`file://` URIs): the embedded default for lake data
 * and query scratch.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DataError, InternalError } from '../errors.ts';
import { emptyCounters, parseUri, type ObjectInfo, type ObjectStore } from './objectStore.ts';

export class LocalFileStore implements ObjectStore {
  readonly scheme = 'file' as const;
  readonly counters = emptyCounters();

  async list(prefixUri: string): Promise<ObjectInfo[]> {
    this.counters.listRequests++;
    const prefix = parseUri(prefixUri).path;
    // A prefix is either a directory (ends with '/') or a path prefix inside its parent directory.
    const dir = prefix.endsWith('/') ? prefix : path.dirname(prefix);
    const out: ObjectInfo[] = [];
    await walk(dir, out, prefix);
    out.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
    return out;
  }

  async getRange(uri: string, start: number, end: number): Promise<Uint8Array> {
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start) {
      throw new InternalError(`invalid byte range [${start}, ${end}) for ${uri}`);
    }
    // Same contract as S3Store, which cannot express an empty range: no request at all.
    if (end === start) return new Uint8Array(0);
    this.counters.getRequests++;
    const file = parseUri(uri).path;
    const handle = await openForRead(file, uri);
    try {
      const length = end - start;
      // A plain Uint8Array, as S3Store returns: code that leans on Buffer methods would pass
      // locally and break on S3.
      const buf = new Uint8Array(length);
      let read = 0;
      while (read < length) {
        const { bytesRead } = await handle.read(buf, read, length - read, start + read);
        if (bytesRead === 0) break;
        read += bytesRead;
      }
      this.counters.bytesRead += read;
      // A truncated range would be decoded as garbage further up: fail here, as S3Store does.
      if (read !== length) {
        throw new DataError(
          'STORAGE_ERROR',
          `Short read of ${uri}: asked for bytes [${start}, ${end}) (${length} bytes), got ${read}; the object is smaller than the range`,
        );
      }
      return buf;
    } catch (err) {
      throw notFoundOr(err, uri);
    } finally {
      await handle.close();
    }
  }

  async get(uri: string): Promise<Uint8Array> {
    this.counters.getRequests++;
    const file = parseUri(uri).path;
    try {
      const buf = await fs.readFile(file);
      this.counters.bytesRead += buf.length;
      return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
    } catch (err) {
      throw notFoundOr(err, uri);
    }
  }

  async head(uri: string): Promise<ObjectInfo | null> {
    this.counters.headRequests++;
    try {
      const st = await fs.stat(parseUri(uri).path);
      return st.isFile() ? { uri, size: st.size } : null;
    } catch (err) {
      // Only absence means "no object"; a permission or I/O error must not look like one.
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return null;
      throw notFoundOr(err, uri);
    }
  }

  async put(uri: string, body: Uint8Array): Promise<void> {
    this.counters.putRequests++;
    const file = parseUri(uri).path;
    // Write then rename, so a reader never sees a half-written object and a retried writer
    // simply replaces the previous attempt's object.
    const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(tmp, body);
      await fs.rename(tmp, file);
    } catch (err) {
      // Best effort: the write may have failed before the temp file existed.
      await fs.rm(tmp, { force: true }).catch(() => undefined);
      // Not notFoundOr: "not found" would be a confusing answer to a write.
      const code = (err as NodeJS.ErrnoException).code ?? 'unknown';
      throw new DataError('STORAGE_ERROR', `File store failed to write ${uri}: ${code}: ${(err as Error).message}`, undefined, { cause: err });
    }
    this.counters.bytesWritten += body.length;
  }

  async deletePrefix(prefixUri: string): Promise<void> {
    this.counters.deleteRequests++;
    const prefix = parseUri(prefixUri).path;
    if (path.resolve(prefix) === path.parse(path.resolve(prefix)).root) {
      throw new InternalError(`deletePrefix refuses a file system root: ${prefixUri}`);
    }
    if (prefix.endsWith('/')) {
      await fs.rm(prefix, { recursive: true, force: true });
      return;
    }
    // A prefix that does not end with '/' is a key prefix, as on S3: `…/q1` also covers
    // `…/q1/x` and `…/q1-retry.json`, but not `…/q0`.
    const dir = path.dirname(prefix);
    const base = path.basename(prefix);
    let names: string[];
    try {
      names = await fs.readdir(dir);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return;
      throw notFoundOr(err, prefixUri);
    }
    for (const name of names) {
      if (name.startsWith(base)) await fs.rm(path.join(dir, name), { recursive: true, force: true });
    }
  }
}

async function walk(dir: string, out: ObjectInfo[], prefix: string): Promise<void> {
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR') return;
    throw err;
  }
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      if ((full + '/').startsWith(prefix) || prefix.startsWith(full + '/')) await walk(full, out, prefix);
    } else if (e.isFile() && full.startsWith(prefix) && !e.name.endsWith('.tmp')) {
      let size: number;
      try {
        size = (await fs.stat(full)).size;
      } catch (err) {
        // Deleted between readdir and stat (a concurrent deletePrefix): not listed, as on S3.
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw err;
      }
      out.push({ uri: pathToFileURL(full).href, size });
    }
  }
}

async function openForRead(file: string, uri: string) {
  try {
    return await fs.open(file, 'r');
  } catch (err) {
    throw notFoundOr(err, uri);
  }
}

/** File-system failures as the DataErrors S3Store raises, so callers handle one shape. */
function notFoundOr(err: unknown, uri: string): Error {
  if (err instanceof DataError) return err;
  const code = (err as NodeJS.ErrnoException).code;
  // ENOTDIR: a path through a regular file (`a/b.parquet/c`), which on S3 is simply a missing key.
  if (code === 'ENOENT' || code === 'ENOTDIR') return new DataError('STORAGE_ERROR', `Object not found: ${uri}`, undefined, { cause: err });
  const message = err instanceof Error ? err.message : String(err);
  return new DataError('STORAGE_ERROR', `File store failed for ${uri}: ${code ?? 'unknown'}: ${message}`, undefined, { cause: err });
}
