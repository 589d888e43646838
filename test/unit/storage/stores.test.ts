import { afterEach, expect, test } from 'vitest';
import { LocalFileStore } from '../../../src/storage/localFileStore.ts';
import { LazyS3Store } from '../../../src/storage/lazyS3Store.ts';
import { clearStoreCache, storeFor } from '../../../src/storage/stores.ts';

afterEach(() => clearStoreCache());

const local = { endpoint: 'http://127.0.0.1:1', region: 'us-east-1', forcePathStyle: true };

test('file URIs share one LocalFileStore', () => {
  const a = storeFor('file:///tmp/a/x.parquet');
  expect(a).toBeInstanceOf(LocalFileStore);
  expect(storeFor('file:///var/b/')).toBe(a);
});

test('S3 stores are shared per endpoint, region and addressing style', () => {
  const a = storeFor('s3://lake/t/x.parquet', local);
  // The SDK loads on first request, so a file:// query never compiles it.
  expect(a).toBeInstanceOf(LazyS3Store);
  expect(a.scheme).toBe('s3');
  expect(a.counters.getRequests).toBe(0);
  expect(storeFor('s3://scratch/q1/', { ...local })).toBe(a);
  expect(storeFor('s3://lake/', { ...local, region: 'eu-west-1' })).not.toBe(a);
  expect(storeFor('s3://lake/', { ...local, endpoint: 'http://127.0.0.1:2' })).not.toBe(a);
  expect(storeFor('s3://lake/', { ...local, forcePathStyle: false })).not.toBe(a);
});

test('clearStoreCache gives fresh stores (and fresh counters)', () => {
  const a = storeFor('file:///tmp/x');
  const b = storeFor('s3://lake/x', local);
  clearStoreCache();
  expect(storeFor('file:///tmp/x')).not.toBe(a);
  expect(storeFor('s3://lake/x', local)).not.toBe(b);
});

test('other schemes are refused', () => {
  expect(() => storeFor('gs://bucket/x')).toThrow(/unsupported URI/);
});
