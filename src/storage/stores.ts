/**
 * Which ObjectStore serves a URI. Stores are shared so that keep-alive sockets are reused across
 * a query's reads, and so that one Lambda invocation's counters cover all of its requests.
 */
import { LocalFileStore } from './localFileStore.ts';
import { addCounters, emptyCounters, parseUri, type ObjectStore, type StoreCounters } from './objectStore.ts';
import { LazyS3Store } from './lazyS3Store.ts';
import type { S3StoreOptions } from './s3Store.ts';

let localStore: LocalFileStore | undefined;
const s3Stores = new Map<string, LazyS3Store>();

/**
 * The shared store for a URI's scheme. S3 stores are cached per (endpoint, region,
 * forcePathStyle), the settings that decide where requests go; the other options (credentials,
 * maxSockets, hedging) are taken from the first call for that key.
 */
export function storeFor(uri: string, s3Options: S3StoreOptions = {}): ObjectStore {
  const { scheme } = parseUri(uri);
  switch (scheme) {
    case 'file':
      localStore ??= new LocalFileStore();
      return localStore;
    case 's3': {
      const key = JSON.stringify([s3Options.endpoint ?? null, s3Options.region ?? null, s3Options.forcePathStyle ?? false]);
      let store = s3Stores.get(key);
      if (store === undefined) {
        store = new LazyS3Store(s3Options);
        s3Stores.set(key, store);
      }
      return store;
    }
    default: {
      const unreachable: never = scheme;
      throw new Error(`unhandled scheme ${String(unreachable)}`);
    }
  }
}

/** Forget every shared store (fresh counters) and close S3 sockets. For tests. */
export function clearStoreCache(): void {
  for (const store of s3Stores.values()) store.destroy();
  s3Stores.clear();
  localStore = undefined;
}

/** Counters summed over every store this process has used (snapshot before, diff after). */
export function allStoreCounters(): StoreCounters {
  const total = emptyCounters();
  if (localStore !== undefined) addCounters(total, localStore.counters);
  for (const s of s3Stores.values()) addCounters(total, s.counters);
  return total;
}
