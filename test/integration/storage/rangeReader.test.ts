/**
 * Coalesced range reads end to end, against both real stores: right bytes, expected requests.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { planRangeRequests, readRanges, type ByteRange } from '../../../src/storage/rangeReader.ts';
import { patternBytes, storeFixtures, type StoreUnderTest } from '../../helpers/stores.ts';

const KiB = 1024;
const MiB = 1024 * KiB;

describe.each(storeFixtures)('readRanges over $name', (fixture) => {
  let t: StoreUnderTest;
  const data = patternBytes(3 * MiB, 11);
  beforeEach(async () => {
    t = await fixture.make();
    await t.store.put(`${t.base}lineitem.parquet`, data);
  });
  afterEach(async () => {
    await t.dispose();
  });

  // Footer-like tail, three column chunks two of which are adjacent, one far away, tiny reads.
  const ranges: ByteRange[] = [
    { start: data.length - 8, end: data.length },
    { start: 100, end: 300 * KiB },
    { start: 300 * KiB, end: 700 * KiB },
    { start: 2 * MiB, end: 2 * MiB + 50 * KiB },
    { start: 2 * MiB + 60 * KiB, end: 2 * MiB + 61 * KiB },
    { start: 0, end: 4 },
  ];

  test('returns the right bytes with one request per planned span', async () => {
    const uri = `${t.base}lineitem.parquet`;
    const before = { ...t.store.counters };
    const got = await readRanges(t.store, uri, ranges);
    got.forEach((g, i) => expect(Buffer.compare(g, data.subarray(ranges[i]!.start, ranges[i]!.end))).toBe(0));

    const plan = planRangeRequests(ranges);
    expect(plan.map((q) => [q.start, q.end])).toEqual([
      [0, 700 * KiB],
      [2 * MiB, 2 * MiB + 61 * KiB],
      [data.length - 8, data.length],
    ]);
    expect(t.store.counters.getRequests - before.getRequests).toBe(plan.length);
    expect(t.store.counters.bytesRead - before.bytesRead).toBe(plan.reduce((s, q) => s + q.end - q.start, 0));
  });

  test('with no gap allowed, only touching ranges share a request', async () => {
    const uri = `${t.base}lineitem.parquet`;
    const before = t.store.counters.getRequests;
    const got = await readRanges(t.store, uri, ranges, { maxGapBytes: 0, concurrency: 2 });
    got.forEach((g, i) => expect(Buffer.compare(g, data.subarray(ranges[i]!.start, ranges[i]!.end))).toBe(0));
    // [0,4) and [100,300K) are apart; [100,300K) and [300K,700K) touch.
    expect(t.store.counters.getRequests - before).toBe(5);
  });

  test('a missing object fails with the store’s not-found error', async () => {
    const uri = `${t.base}missing.parquet`;
    await expect(readRanges(t.store, uri, ranges)).rejects.toThrow(`Object not found: ${uri}`);
  });
});
