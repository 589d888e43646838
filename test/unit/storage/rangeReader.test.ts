import { describe, expect, test } from 'vitest';
import { InternalError } from '../../../src/errors.ts';
import { emptyCounters, type ObjectInfo, type ObjectStore } from '../../../src/storage/objectStore.ts';
import { planRangeRequests, readRanges, type ByteRange, type CoalesceOptions } from '../../../src/storage/rangeReader.ts';

const KiB = 1024;
const MiB = 1024 * KiB;
const r = (start: number, end: number): ByteRange => ({ start, end });
const spans = (ranges: ByteRange[], opts?: CoalesceOptions): Array<[number, number, number[]]> =>
  planRangeRequests(ranges, opts).map((q) => [q.start, q.end, [...q.members]]);

describe('planRangeRequests', () => {
  const cases: Array<{ name: string; ranges: ByteRange[]; opts?: CoalesceOptions; want: Array<[number, number, number[]]> }> = [
    { name: 'nothing', ranges: [], want: [] },
    { name: 'one range', ranges: [r(10, 20)], want: [[10, 20, [0]]] },
    { name: 'touching ranges merge', ranges: [r(0, 10), r(10, 20)], want: [[0, 20, [0, 1]]] },
    { name: 'a gap within the limit merges', ranges: [r(0, 100), r(100 + 256 * KiB, 200 + 256 * KiB)], opts: { maxWasteFraction: Infinity }, want: [[0, 200 + 256 * KiB, [0, 1]]] },
    { name: 'a gap one byte over the limit does not', ranges: [r(0, 100), r(101 + 256 * KiB, 200 + 256 * KiB)], opts: { maxWasteFraction: Infinity }, want: [[0, 100, [0]], [101 + 256 * KiB, 200 + 256 * KiB, [1]]] },
    {
      name: 'a large gap merges only while the request wastes at most 5%',
      // 90 KiB between 1 MiB and 600 KiB chunks: 5.5% of 1.6 MiB needed, so it stays apart;
      // the same gap after 2 MiB (4.3%) merges.
      ranges: [r(0, MiB), r(MiB + 90 * KiB, MiB + 690 * KiB), r(4 * MiB, 6 * MiB), r(6 * MiB + 90 * KiB, 6 * MiB + 190 * KiB)],
      want: [[0, MiB, [0]], [MiB + 90 * KiB, MiB + 690 * KiB, [1]], [4 * MiB, 6 * MiB + 190 * KiB, [2, 3]]],
    },
    { name: 'a small gap always merges', ranges: [r(0, 10), r(10 + 16 * KiB, 20 + 16 * KiB)], want: [[0, 20 + 16 * KiB, [0, 1]]] },
    { name: 'the gap limit is configurable', ranges: [r(0, 10), r(20, 30)], opts: { maxGapBytes: 5 }, want: [[0, 10, [0]], [20, 30, [1]]] },
    { name: 'maxGapBytes 0 merges only touching ranges', ranges: [r(0, 10), r(10, 20), r(21, 30)], opts: { maxGapBytes: 0 }, want: [[0, 20, [0, 1]], [21, 30, [2]]] },
    {
      name: 'merging stops at the request size limit',
      ranges: [r(0, 4 * MiB), r(4 * MiB + 10, 8 * MiB), r(8 * MiB + 10, 9 * MiB)],
      want: [[0, 8 * MiB, [0, 1]], [8 * MiB + 10, 9 * MiB, [2]]],
    },
    { name: 'a range larger than the request limit is never split', ranges: [r(0, 20 * MiB)], opts: { maxRequestBytes: MiB }, want: [[0, 20 * MiB, [0]]] },
    { name: 'overlapping ranges share a request even past the size limit', ranges: [r(0, 100), r(50, 150)], opts: { maxRequestBytes: 120 }, want: [[0, 150, [0, 1]]] },
    { name: 'a contained range adds nothing', ranges: [r(0, 1000), r(100, 200)], want: [[0, 1000, [0, 1]]] },
    { name: 'duplicates share a request', ranges: [r(5, 9), r(5, 9)], want: [[5, 9, [0, 1]]] },
    {
      name: 'unsorted input is planned in offset order, members keep caller indexes',
      ranges: [r(2 * MiB, 2 * MiB + 10), r(0, 10), r(20, 30)],
      want: [[0, 30, [1, 2]], [2 * MiB, 2 * MiB + 10, [0]]],
    },
    { name: 'empty ranges get no request', ranges: [r(7, 7), r(0, 5)], want: [[0, 5, [1]]] },
  ];
  test.each(cases)('$name', ({ ranges, opts, want }) => {
    expect(spans(ranges, opts)).toEqual(want);
  });

  test('a Parquet-like layout stays within 1.1x of the needed bytes with the defaults', () => {
    // Three wanted 2 MiB column chunks separated by unwanted 1 MiB chunks, plus tiny page-index
    // reads 4 KiB apart: the chunks stay separate, the index reads coalesce.
    const chunks = [0, 1, 2].map((i) => r(i * 3 * MiB, i * 3 * MiB + 2 * MiB));
    const index = Array.from({ length: 10 }, (_, i) => r(9 * MiB + i * 8 * KiB, 9 * MiB + i * 8 * KiB + 4 * KiB));
    const ranges = [...chunks, ...index];
    const plan = planRangeRequests(ranges);
    const needed = ranges.reduce((s, x) => s + x.end - x.start, 0);
    const fetched = plan.reduce((s, q) => s + q.end - q.start, 0);
    expect(plan).toHaveLength(4);
    expect(fetched / needed).toBeLessThan(1.1);
  });

  test.each([
    ['inverted', r(10, 5)],
    ['negative', r(-1, 5)],
    ['fractional', r(0.5, 5)],
  ])('rejects a %s range', (_n, bad) => {
    expect(() => planRangeRequests([r(0, 1), bad])).toThrow(InternalError);
  });
});

/** In-memory store that serves one object slowly, to watch concurrency and failures. */
class MemoryStore implements ObjectStore {
  readonly scheme = 'file' as const;
  readonly counters = emptyCounters();
  inFlight = 0;
  maxInFlight = 0;
  readonly calls: Array<[number, number]> = [];
  constructor(
    private readonly data: Uint8Array,
    private readonly failAt?: number,
  ) {}
  async getRange(_uri: string, start: number, end: number): Promise<Uint8Array> {
    this.counters.getRequests++;
    this.calls.push([start, end]);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    await new Promise((res) => setTimeout(res, 5));
    this.inFlight--;
    if (this.failAt !== undefined && start <= this.failAt && this.failAt < end) throw new Error(`boom at ${start}`);
    return this.data.slice(start, end);
  }
  async get(): Promise<Uint8Array> {
    return this.data;
  }
  async head(uri: string): Promise<ObjectInfo | null> {
    return { uri, size: this.data.length };
  }
  async list(): Promise<ObjectInfo[]> {
    return [];
  }
  async put(): Promise<void> {}
  async deletePrefix(): Promise<void> {}
}

describe('readRanges', () => {
  const data = Uint8Array.from({ length: 100_000 }, (_, i) => (i * 7) & 0xff);

  test('returns the caller’s ranges in the caller’s order, as views of shared requests', async () => {
    const store = new MemoryStore(data);
    const ranges = [r(50_000, 50_010), r(0, 10), r(5, 20), r(10, 10)];
    const got = await readRanges(store, 'mem://x', ranges, { maxGapBytes: 100 });
    got.forEach((g, i) => expect(Array.from(g)).toEqual(Array.from(data.subarray(ranges[i]!.start, ranges[i]!.end))));
    expect(store.calls).toEqual([
      [0, 20],
      [50_000, 50_010],
    ]);
    // Same request, same buffer: no copies.
    expect(got[1]!.buffer).toBe(got[2]!.buffer);
    expect(got[3]!.length).toBe(0);
  });

  test('keeps at most `concurrency` requests in flight', async () => {
    const store = new MemoryStore(data);
    const ranges = Array.from({ length: 40 }, (_, i) => r(i * 2000, i * 2000 + 10));
    await readRanges(store, 'mem://x', ranges, { maxGapBytes: 0, concurrency: 3 });
    expect(store.calls).toHaveLength(40);
    expect(store.maxInFlight).toBe(3);
  });

  test('a failed request fails the call and stops issuing more', async () => {
    const store = new MemoryStore(data, 2000);
    const ranges = Array.from({ length: 40 }, (_, i) => r(i * 2000, i * 2000 + 10));
    await expect(readRanges(store, 'mem://x', ranges, { maxGapBytes: 0, concurrency: 2 })).rejects.toThrow('boom at 2000');
    expect(store.calls.length).toBeLessThan(10);
  });

  test('no ranges, no requests', async () => {
    const store = new MemoryStore(data);
    expect(await readRanges(store, 'mem://x', [])).toEqual([]);
    expect(store.calls).toEqual([]);
  });
});
