/**
 * ObjectStore over the local file system (`file://` URIs): the embedded default for lake data
 * and query scratch.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DataError } from '../errors.ts';
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
    this.counters.getRequests++;
    const file = parseUri(uri).path;
    const handle = await openForRead(file, uri);
    try {
      const length = Math.max(0, end - start);
      const buf = Buffer.allocUnsafe(length);
      let read = 0;
      while (read < length) {
        const { bytesRead } = await handle.read(buf, read, length - read, start + read);
        if (bytesRead === 0) break;
        read += bytesRead;
      }
      this.counters.bytesRead += read;
      return read === length ? buf : buf.subarray(0, read);
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
      return buf;
    } catch (err) {
      throw notFoundOr(err, uri);
    }
  }

  async head(uri: string): Promise<ObjectInfo | null> {
    this.counters.headRequests++;
    try {
      const st = await fs.stat(parseUri(uri).path);
      return st.isFile() ? { uri, size: st.size } : null;
    } catch {
      return null;
    }
  }

  async put(uri: string, body: Uint8Array): Promise<void> {
    this.counters.putRequests++;
    const file = parseUri(uri).path;
    await fs.mkdir(path.dirname(file), { recursive: true });
    // Write then rename, so a reader never sees a half-written object and a retried writer
    // simply replaces the previous attempt's object.
    const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    await fs.writeFile(tmp, body);
    await fs.rename(tmp, file);
    this.counters.bytesWritten += body.length;
  }

  async deletePrefix(prefixUri: string): Promise<void> {
    this.counters.deleteRequests++;
    const p = parseUri(prefixUri).path;
    await fs.rm(p, { recursive: true, force: true });
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
      const st = await fs.stat(full);
      out.push({ uri: pathToFileURL(full).href, size: st.size });
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

function notFoundOr(err: unknown, uri: string): Error {
  if ((err as NodeJS.ErrnoException).code === 'ENOENT') return new DataError('STORAGE_ERROR', `Object not found: ${uri}`);
  return err as Error;
}
