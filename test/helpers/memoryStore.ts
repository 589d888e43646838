/**
 * An ObjectStore over a Map, counting requests like the real ones, for unit tests that need
 * exact control of object bytes (corrupt files) and of every GET.
 */
import { emptyCounters, type ObjectInfo, type ObjectStore } from '../../src/storage/objectStore.ts';

export class MemoryStore implements ObjectStore {
  readonly scheme = 's3' as const;
  readonly counters = emptyCounters();
  readonly objects = new Map<string, Uint8Array>();
  /** Every getRange call, in order. */
  readonly gets: { uri: string; start: number; end: number }[] = [];

  constructor(objects: Record<string, Uint8Array> = {}) {
    for (const [uri, bytes] of Object.entries(objects)) this.objects.set(uri, bytes);
  }

  async list(prefixUri: string): Promise<ObjectInfo[]> {
    this.counters.listRequests++;
    return [...this.objects]
      .filter(([uri]) => uri.startsWith(prefixUri))
      .map(([uri, bytes]) => ({ uri, size: bytes.length }))
      .sort((a, b) => (a.uri < b.uri ? -1 : 1));
  }

  async getRange(uri: string, start: number, end: number): Promise<Uint8Array> {
    const bytes = this.object(uri);
    this.counters.getRequests++;
    this.gets.push({ uri, start, end });
    if (start < 0 || end > bytes.length || end < start) throw new Error(`range [${start}, ${end}) outside ${uri} (${bytes.length} bytes)`);
    this.counters.bytesRead += end - start;
    return bytes.slice(start, end);
  }

  async get(uri: string): Promise<Uint8Array> {
    const bytes = this.object(uri);
    this.counters.getRequests++;
    this.counters.bytesRead += bytes.length;
    return bytes.slice();
  }

  async head(uri: string): Promise<ObjectInfo | null> {
    this.counters.headRequests++;
    const bytes = this.objects.get(uri);
    return bytes === undefined ? null : { uri, size: bytes.length };
  }

  async put(uri: string, body: Uint8Array): Promise<void> {
    this.counters.putRequests++;
    this.counters.bytesWritten += body.length;
    this.objects.set(uri, body.slice());
  }

  async deletePrefix(prefixUri: string): Promise<void> {
    this.counters.deleteRequests++;
    for (const uri of [...this.objects.keys()]) if (uri.startsWith(prefixUri)) this.objects.delete(uri);
  }

  private object(uri: string): Uint8Array {
    const bytes = this.objects.get(uri);
    if (bytes === undefined) throw new Error(`no object ${uri}`);
    return bytes;
  }
}
