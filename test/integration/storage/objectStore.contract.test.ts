/**
 * One behaviour suite, run against every ObjectStore: the engine must not care which one it has.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { DataError, InternalError } from '../../../src/errors.ts';
import type { ObjectStore } from '../../../src/storage/objectStore.ts';
import { patternBytes, storeFixtures, type StoreUnderTest } from '../../helpers/stores.ts';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const dec = (b: Uint8Array): string => new TextDecoder().decode(b);

async function expectStorageError(p: Promise<unknown>, messagePart: string | RegExp): Promise<DataError> {
  const err: unknown = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DataError);
  const de = err as DataError;
  expect(de.code).toBe('STORAGE_ERROR');
  expect(de.type).toBe('EXTERNAL');
  if (typeof messagePart === 'string') expect(de.message).toContain(messagePart);
  else expect(de.message).toMatch(messagePart);
  return de;
}

describe.each(storeFixtures)('$name', (fixture) => {
  let t: StoreUnderTest;
  let store: ObjectStore;
  let base: string;
  beforeEach(async () => {
    t = await fixture.make();
    store = t.store;
    base = t.base;
  });
  afterEach(async () => {
    await t.dispose();
  });

  test('put then get returns the same bytes', async () => {
    const data = patternBytes(10_000);
    await store.put(`${base}a/b/c.bin`, data);
    expect(await store.get(`${base}a/b/c.bin`)).toEqual(data);
  });

  test('put overwrites, and head/list/get all see the new object', async () => {
    const uri = `${base}x.txt`;
    await store.put(uri, enc('a much longer first version'));
    await store.put(uri, enc('v2'));
    expect(dec(await store.get(uri))).toBe('v2');
    expect(await store.head(uri)).toEqual({ uri, size: 2 });
    expect(await store.list(base)).toEqual([{ uri, size: 2 }]);
  });

  test('an empty object exists with size 0', async () => {
    const uri = `${base}empty`;
    await store.put(uri, new Uint8Array(0));
    expect(await store.head(uri)).toEqual({ uri, size: 0 });
    expect((await store.get(uri)).length).toBe(0);
  });

  test('head of a missing object is null', async () => {
    expect(await store.head(`${base}missing`)).toBeNull();
    expect(await store.head(`${base}no/such/dir/missing`)).toBeNull();
  });

  test('get and getRange of a missing object name the URI', async () => {
    const uri = `${base}missing.parquet`;
    await expectStorageError(store.get(uri), `Object not found: ${uri}`);
    await expectStorageError(store.getRange(uri, 0, 10), `Object not found: ${uri}`);
  });

  describe('getRange', () => {
    const size = 1000;
    const data = patternBytes(size, 7);
    const cases: Array<[string, number, number]> = [
      ['first byte', 0, 1],
      ['last byte', size - 1, size],
      ['whole object', 0, size],
      ['footer-style tail', size - 8, size],
      ['middle', 123, 456],
    ];
    test.each(cases)('%s [%i, %i)', async (_name, start, end) => {
      const uri = `${base}r.bin`;
      await store.put(uri, data);
      const got = await store.getRange(uri, start, end);
      expect(got.length).toBe(end - start);
      expect(got).toEqual(data.subarray(start, end));
    });

    test('an empty range is empty and costs no request', async () => {
      const uri = `${base}r.bin`;
      await store.put(uri, data);
      const before = store.counters.getRequests;
      expect((await store.getRange(uri, 500, 500)).length).toBe(0);
      expect(store.counters.getRequests).toBe(before);
    });

    test.each([
      ['runs past the end', size - 10, size + 10],
      ['starts at the end', size, size + 1],
      ['starts past the end', size + 100, size + 200],
    ])('a range that %s fails as a short read naming the URI', async (_name, start, end) => {
      const uri = `${base}r.bin`;
      await store.put(uri, data);
      await expectStorageError(store.getRange(uri, start, end), `Short read of ${uri}`);
    });

    test('a negative or inverted range is a bug in the caller', async () => {
      await expect(store.getRange(`${base}r.bin`, 5, 3)).rejects.toBeInstanceOf(InternalError);
      await expect(store.getRange(`${base}r.bin`, -1, 3)).rejects.toBeInstanceOf(InternalError);
    });
  });

  describe('list and deletePrefix', () => {
    const keys = ['t/q0/c', 't/q1-retry.json', 't/q1/a', 't/q1/sub/deep.bin', 't/q10/b', 'u/other'];
    beforeEach(async () => {
      await Promise.all(keys.map((k, i) => store.put(`${base}${k}`, new Uint8Array(i + 1))));
    });

    test('lists recursively, sorted, with full URIs and sizes', async () => {
      const listed = await store.list(`${base}t/`);
      expect(listed.map((o) => o.uri.slice(base.length))).toEqual(keys.filter((k) => k.startsWith('t/')));
      expect(listed.map((o) => o.size)).toEqual([1, 2, 3, 4, 5]);
    });

    test('every listed URI can be read back', async () => {
      for (const o of await store.list(base)) expect((await store.get(o.uri)).length).toBe(o.size);
    });

    test('a prefix without a trailing slash is a key prefix, as on S3', async () => {
      const rel = async (p: string): Promise<string[]> => (await store.list(`${base}${p}`)).map((o) => o.uri.slice(base.length));
      expect(await rel('t/q1')).toEqual(['t/q1-retry.json', 't/q1/a', 't/q1/sub/deep.bin', 't/q10/b']);
      expect(await rel('t/q1/')).toEqual(['t/q1/a', 't/q1/sub/deep.bin']);
      expect(await rel('t/q1/sub/deep.bin')).toEqual(['t/q1/sub/deep.bin']);
      expect(await rel('nothing/here/')).toEqual([]);
    });

    test('deletePrefix with a slash removes only that "directory"', async () => {
      await store.deletePrefix(`${base}t/q1/`);
      expect((await store.list(base)).map((o) => o.uri.slice(base.length))).toEqual(['t/q0/c', 't/q1-retry.json', 't/q10/b', 'u/other']);
    });

    test('deletePrefix without a slash removes every key with that prefix', async () => {
      await store.deletePrefix(`${base}t/q1`);
      expect((await store.list(base)).map((o) => o.uri.slice(base.length))).toEqual(['t/q0/c', 'u/other']);
    });

    test('deletePrefix of nothing is not an error', async () => {
      await store.deletePrefix(`${base}nothing/here/`);
      expect(await store.list(base)).toHaveLength(keys.length);
    });
  });

  test('counters count requests and bytes', async () => {
    const uri = `${base}c.bin`;
    const start = { ...store.counters };
    await store.put(uri, patternBytes(300));
    await store.getRange(uri, 10, 110);
    await store.get(uri);
    await store.head(uri);
    await store.list(base);
    const c = store.counters;
    expect(c.putRequests - start.putRequests).toBe(1);
    expect(c.bytesWritten - start.bytesWritten).toBe(300);
    expect(c.getRequests - start.getRequests).toBe(2);
    expect(c.bytesRead - start.bytesRead).toBe(400);
    expect(c.headRequests - start.headRequests).toBe(1);
    expect(c.listRequests - start.listRequests).toBe(1);
  });

  test('many concurrent puts and reads', async () => {
    const n = 64;
    await Promise.all(Array.from({ length: n }, (_, i) => store.put(`${base}p/${String(i).padStart(3, '0')}`, patternBytes(100 + i, i + 1))));
    const got = await Promise.all(Array.from({ length: n }, (_, i) => store.getRange(`${base}p/${String(i).padStart(3, '0')}`, 50, 100 + i)));
    got.forEach((g, i) => expect(g).toEqual(patternBytes(100 + i, i + 1).subarray(50)));
    expect(await store.list(`${base}p/`)).toHaveLength(n);
  });
});
