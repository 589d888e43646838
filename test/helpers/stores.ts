/**
 * The two real ObjectStores, each with a fresh empty place to write, so that one data-driven
 * suite can check that they behave the same.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LocalFileStore } from '../../src/storage/localFileStore.ts';
import type { ObjectStore } from '../../src/storage/objectStore.ts';
import { S3Store } from '../../src/storage/s3Store.ts';
import { createTestBucket, s3TestOptions } from './s3.ts';

export interface StoreUnderTest {
  readonly store: ObjectStore;
  /** Empty location to write under, ending with '/'. */
  readonly base: string;
  dispose(): Promise<void>;
}

export interface StoreFixture {
  readonly name: string;
  make(): Promise<StoreUnderTest>;
}

export const storeFixtures: readonly StoreFixture[] = [
  {
    name: 'LocalFileStore',
    async make() {
      const dir = await mkdtemp(path.join(tmpdir(), 'squall-store-'));
      return {
        store: new LocalFileStore(),
        base: `${pathToFileURL(dir).href}/`,
        dispose: () => rm(dir, { recursive: true, force: true }),
      };
    },
  },
  {
    name: 'S3Store',
    async make() {
      const bucket = await createTestBucket('store');
      const store = new S3Store(s3TestOptions());
      return {
        store,
        base: `s3://${bucket}/`,
        dispose: async () => store.destroy(),
      };
    },
  },
];

/** Deterministic pseudo-random bytes, so a misplaced range cannot match by accident. */
export function patternBytes(length: number, seed = 1): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}
