/**
 * S3Store behaviour that only S3 has: pagination, DeleteObjects batches, S3 error codes.
 * (The behaviour shared with LocalFileStore is in objectStore.contract.test.ts.)
 */
import { afterEach, describe, expect, test } from 'vitest';
import { DataError, InternalError } from '../../../src/errors.ts';
import { S3Store, type S3StoreOptions } from '../../../src/storage/s3Store.ts';
import { createTestBucket, s3TestOptions } from '../../helpers/s3.ts';

const stores: S3Store[] = [];
function makeStore(extra: Partial<S3StoreOptions> = {}): S3Store {
  const s = new S3Store(s3TestOptions(extra));
  stores.push(s);
  return s;
}
afterEach(() => {
  for (const s of stores.splice(0)) s.destroy();
});

async function putMany(store: S3Store, base: string, n: number): Promise<string[]> {
  const uris = Array.from({ length: n }, (_, i) => `${base}${String(i).padStart(5, '0')}.bin`);
  const body = new Uint8Array([1, 2, 3]);
  for (let i = 0; i < n; i += 64) await Promise.all(uris.slice(i, i + 64).map((u) => store.put(u, body)));
  return uris;
}

describe('list pagination', () => {
  test('follows continuation tokens across small pages', async () => {
    const bucket = await createTestBucket('pages');
    const store = makeStore({ listPageSize: 7 });
    const uris = await putMany(store, `s3://${bucket}/p/`, 50);
    const before = store.counters.listRequests;
    const listed = await store.list(`s3://${bucket}/p/`);
    expect(listed.map((o) => o.uri)).toEqual(uris);
    expect(listed.every((o) => o.size === 3)).toBe(true);
    expect(store.counters.listRequests - before).toBe(Math.ceil(50 / 7));
  });

  test('more than 1000 objects: S3 page limit on list, batch limit on delete', async () => {
    const bucket = await createTestBucket('thousand');
    const store = makeStore();
    const base = `s3://${bucket}/many/`;
    const uris = await putMany(store, base, 1001);
    await store.put(`s3://${bucket}/keep.bin`, new Uint8Array(1));

    const listBefore = store.counters.listRequests;
    const listed = await store.list(base);
    expect(listed).toHaveLength(1001);
    expect(listed[1000]!.uri).toBe(uris[1000]);
    expect(store.counters.listRequests - listBefore).toBe(2);

    const deleteBefore = store.counters.deleteRequests;
    await store.deletePrefix(base);
    expect(await store.list(base)).toEqual([]);
    expect((await store.list(`s3://${bucket}/`)).map((o) => o.uri)).toEqual([`s3://${bucket}/keep.bin`]);
    // Two batches (1000 + 1). s3rver sometimes answers a DeleteObjects with a 500 (it races
    // itself removing emptied directories) and the SDK retries, which the counters include.
    expect(store.counters.deleteRequests - deleteBefore).toBeGreaterThanOrEqual(2);
  }, 60_000);
});

describe('errors', () => {
  test('a missing bucket names the URI and the S3 code, and keeps the SDK error as cause', async () => {
    const store = makeStore();
    const uri = 's3://squall-no-such-bucket/x.parquet';
    const err: unknown = await store.get(uri).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataError);
    const de = err as DataError;
    expect(de.code).toBe('STORAGE_ERROR');
    expect(de.message).toContain(uri);
    expect(de.message).toContain('NoSuchBucket');
    expect(de.cause).toBeInstanceOf(Error);
    await expect(store.list('s3://squall-no-such-bucket/')).rejects.toThrow(/ListObjectsV2 failed for s3:\/\/squall-no-such-bucket\/: NoSuchBucket/);
  });

  test('a missing key keeps the SDK error as cause', async () => {
    const bucket = await createTestBucket('missing');
    const err: unknown = await makeStore().getRange(`s3://${bucket}/nope`, 0, 4).catch((e: unknown) => e);
    expect((err as DataError).message).toBe(`Object not found: s3://${bucket}/nope`);
    expect(((err as DataError).cause as { name?: string }).name).toBe('NoSuchKey');
  });

  test('deletePrefix refuses a whole bucket', async () => {
    const bucket = await createTestBucket('guard');
    const store = makeStore();
    await store.put(`s3://${bucket}/lake/data.parquet`, new Uint8Array(1));
    await expect(store.deletePrefix(`s3://${bucket}/`)).rejects.toBeInstanceOf(InternalError);
    await expect(store.deletePrefix(`s3://${bucket}`)).rejects.toBeInstanceOf(InternalError);
    expect(await store.list(`s3://${bucket}/`)).toHaveLength(1);
  });

  test('a non-S3 URI is a bug in the caller', async () => {
    await expect(makeStore().get('file:///tmp/x')).rejects.toBeInstanceOf(InternalError);
  });
});

describe('reads', () => {
  test('a one-byte read at offset 0 (s3rver answers bytes=0-0 with the whole object)', async () => {
    const bucket = await createTestBucket('zero');
    const store = makeStore();
    await store.put(`s3://${bucket}/o`, new Uint8Array([9, 8, 7, 6]));
    expect(Array.from(await store.getRange(`s3://${bucket}/o`, 0, 1))).toEqual([9]);
  });

  test('a large object survives the round trip', async () => {
    const bucket = await createTestBucket('large');
    const store = makeStore();
    const data = new Uint8Array(8 * 1024 * 1024);
    for (let i = 0; i < data.length; i += 4096) data[i] = (i / 4096) & 0xff;
    await store.put(`s3://${bucket}/big`, data);
    const back = await store.get(`s3://${bucket}/big`);
    expect(back.length).toBe(data.length);
    expect(Buffer.compare(back, data)).toBe(0);
    const tail = await store.getRange(`s3://${bucket}/big`, data.length - 5000, data.length);
    expect(Buffer.compare(tail, data.subarray(data.length - 5000))).toBe(0);
  });
});
