import { describe, expect, it } from 'vitest';
import { PrefetchedBytes } from '../../../src/formats/parquet/prefetchedBytes.ts';
import { InternalError } from '../../../src/errors.ts';

const bytes = (from: number, n: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (from + i) % 256);

async function read(b: PrefetchedBytes, start: number, end: number): Promise<number[]> {
  return [...new Uint8Array(await b.slice(start, end).arrayBuffer())];
}

describe('PrefetchedBytes', () => {
  it('serves slices inside one piece and across adjacent pieces', async () => {
    const b = new PrefetchedBytes('s3://b/x.parquet', 100);
    b.add(10, bytes(10, 10), 'a');
    b.add(20, bytes(20, 5), 'b');
    b.add(90, bytes(90, 10), 'footer');
    expect(await read(b, 12, 15)).toEqual([12, 13, 14]);
    expect(await read(b, 18, 25)).toEqual([18, 19, 20, 21, 22, 23, 24]);
    expect(await read(b, 92, 100)).toEqual([92, 93, 94, 95, 96, 97, 98, 99]);
  });

  it('records and throws an InternalError for bytes that were not prefetched', () => {
    const b = new PrefetchedBytes('s3://b/x.parquet', 100);
    b.add(10, bytes(10, 10), 'a');
    b.add(30, bytes(30, 10), 'a');
    expect(() => b.slice(15, 45)).toThrow(InternalError);
    expect(b.violation?.message).toMatch(/asked for bytes \[15, 45\) of s3:\/\/b\/x\.parquet.*missing from 40/);
  });

  it('forgets dropped pieces and keeps the others', async () => {
    const b = new PrefetchedBytes('s3://b/x.parquet', 100);
    b.add(10, bytes(10, 10), 'rg0');
    b.add(50, bytes(50, 10), 'footer');
    b.drop('rg0');
    expect(() => b.slice(10, 12)).toThrow(/not prefetched/);
    expect(await read(b, 50, 52)).toEqual([50, 51]);
  });

  it('keeps the first violation', () => {
    const b = new PrefetchedBytes('s3://b/x.parquet', 100);
    expect(() => b.slice(1, 2)).toThrow(/not prefetched/);
    expect(() => b.slice(3, 4)).toThrow(/\[1, 2\)/);
  });
});

describe('PrefetchedBytes: gaps parquet-wasm merges', () => {
  it('serves a small gap between two pieces as zeros', async () => {
    const b = new PrefetchedBytes('s3://b/x.parquet', 100);
    b.add(10, bytes(10, 5), 'rg');
    b.add(18, bytes(18, 4), 'rg');
    expect(await read(b, 10, 22)).toEqual([10, 11, 12, 13, 14, 0, 0, 0, 18, 19, 20, 21]);
    expect(b.violation).toBeNull();
  });

  it('still refuses bytes before the first piece or after the last one of a slice', () => {
    const b = new PrefetchedBytes('s3://b/x.parquet', 100);
    b.add(10, bytes(10, 5), 'rg');
    b.add(18, bytes(18, 4), 'rg');
    expect(() => b.slice(8, 22)).toThrow(/not prefetched/);
    const c = new PrefetchedBytes('s3://b/x.parquet', 100);
    c.add(10, bytes(10, 5), 'rg');
    c.add(18, bytes(18, 4), 'rg');
    expect(() => c.slice(10, 25)).toThrow(/missing from 22/);
    const d = new PrefetchedBytes('s3://b/x.parquet', 100);
    d.add(10, bytes(10, 5), 'rg');
    expect(() => d.slice(10, 20)).toThrow(/missing from 15/);
  });

  it('refuses a large gap', () => {
    const b = new PrefetchedBytes('s3://b/x.parquet', 1_000_000);
    b.add(0, bytes(0, 5), 'rg');
    b.add(200_000, bytes(0, 5), 'rg');
    expect(() => b.slice(0, 200_005)).toThrow(/not prefetched/);
  });
});
