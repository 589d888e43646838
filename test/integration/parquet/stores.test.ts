/**
 * The reading path over both real stores (local files and S3 through s3rver): one GET for a
 * footer that fits the tail read, only column chunk GETs afterwards, the same values.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFooter } from '../../../src/formats/parquet/footer.ts';
import { readRowGroups } from '../../../src/formats/parquet/rowGroupReader.ts';
import { joinUri } from '../../../src/storage/objectStore.ts';
import { vectorValues } from '../../../src/types/vector.ts';
import { allTypesQuery, openParquetFixtures, type ParquetFixtures } from '../../helpers/parquetFixtures.ts';
import { storeFixtures, type StoreUnderTest } from '../../helpers/stores.ts';

let fx: ParquetFixtures;
let bytes: Uint8Array;

beforeAll(async () => {
  fx = await openParquetFixtures();
  const f = await fx.write('stores.parquet', allTypesQuery(6000), { codec: 'zstd', rowGroupSize: 2048 });
  bytes = new Uint8Array(await readFile(f.path));
});

afterAll(async () => {
  await fx.close();
});

describe.each(storeFixtures)('Parquet reading over $name', (fixture) => {
  let s: StoreUnderTest;
  let uri: string;

  beforeAll(async () => {
    s = await fixture.make();
    uri = joinUri(s.base, 'lake/t/part-0.parquet');
    await s.store.put(uri, bytes);
  });

  afterAll(async () => {
    await s.dispose();
  });

  it('reads the footer in one ranged GET, then again in one GET of exactly footerLength bytes', async () => {
    const before = { ...s.store.counters };
    const footer = await readFooter(s.store, uri, bytes.length);
    expect(s.store.counters.getRequests - before.getRequests).toBe(1);
    expect(footer.rowGroups.length).toBe(3);

    const mid = { ...s.store.counters };
    const again = await readFooter(s.store, uri, bytes.length, { footerLength: footer.footerLength });
    expect(s.store.counters.getRequests - mid.getRequests).toBe(1);
    expect(s.store.counters.bytesRead - mid.bytesRead).toBe(footer.footerLength);
    expect(again.numRows).toBe(6000);
  });

  it('reads row groups with one GET per row group for neighbouring columns', async () => {
    const footer = await readFooter(s.store, uri, bytes.length);
    const before = { ...s.store.counters };
    const values: unknown[][] = [[], []];
    for await (const { batch } of readRowGroups({ store: s.store, uri, size: bytes.length, footer, rowGroups: [0, 1, 2], columns: ['d38', 'v'], prefetch: 2 })) {
      batch.columns.forEach((v, c) => values[c]!.push(...vectorValues(v)));
    }
    expect(s.store.counters.getRequests - before.getRequests).toBe(3);
    expect(values[0]!.length).toBe(6000);
    expect(values[1]![1]).toBe('');
    expect(values[1]![2]).toBe('日本語🙂2');
  });
});
