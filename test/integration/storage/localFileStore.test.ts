/**
 * LocalFileStore behaviour that only a file system has. (Behaviour shared with S3Store is in
 * objectStore.contract.test.ts.)
 */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { DataError, InternalError } from '../../../src/errors.ts';
import { LocalFileStore } from '../../../src/storage/localFileStore.ts';

let dir: string;
let base: string;
const store = new LocalFileStore();
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'squall-local-'));
  base = `${pathToFileURL(dir).href}/`;
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('deletePrefix refuses the file system root', async () => {
  await expect(store.deletePrefix('file:///')).rejects.toBeInstanceOf(InternalError);
});

test('a half-written object (temp file of a put in progress) is not listed', async () => {
  await store.put(`${base}t/a.parquet`, new Uint8Array(3));
  await writeFile(path.join(dir, 't', 'b.parquet.123.abc.tmp'), 'partial');
  expect((await store.list(base)).map((o) => o.uri)).toEqual([`${base}t/a.parquet`]);
});

test('put leaves no temp file behind', async () => {
  await store.put(`${base}t/a.parquet`, new Uint8Array(3));
  await store.put(`${base}t/a.parquet`, new Uint8Array(4));
  expect(await readdir(path.join(dir, 't'))).toEqual(['a.parquet']);
});

test('a path through a regular file is a missing object, as on S3', async () => {
  await store.put(`${base}a.parquet`, new Uint8Array(3));
  expect(await store.head(`${base}a.parquet/x`)).toBeNull();
  await expect(store.get(`${base}a.parquet/x`)).rejects.toThrow(`Object not found: ${base}a.parquet/x`);
});

test('names with spaces and non-ASCII survive list → get', async () => {
  await store.put(`${base}${encodeURIComponent('región=São Paulo')}/part 0.parquet`, new Uint8Array(5));
  const [only] = await store.list(base);
  expect(only).toBeDefined();
  expect(decodeURIComponent(only!.uri)).toBe(`${decodeURIComponent(base)}región=São Paulo/part 0.parquet`);
  expect((await store.get(only!.uri)).length).toBe(5);
});

test('a write that cannot happen is a STORAGE_ERROR naming the URI', async () => {
  await store.put(`${base}file`, new Uint8Array(1));
  const uri = `${base}file/child`;
  const err: unknown = await store.put(uri, new Uint8Array(1)).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(DataError);
  expect((err as DataError).message).toContain(`failed to write ${uri}`);
});
