/**
 * Result pages: cut by rows and by bytes (at least one row each), one object per page with the
 * columns, the same boundaries whether written to an object store (the finalize step, S3
 * scratch) or kept in memory (`squall serve` on file scratch), and stable once written.
 */
import { describe, expect, it } from 'vitest';
import { MemoryResultStore } from '../../../../src/runtime/api/resultStore.ts';
import { readResultPage, resultPageUri, writeResultPages, type PageSpec } from '../../../../src/runtime/engine/resultPages.ts';
import { BIGINT, VARCHAR } from '../../../../src/types/sqlType.ts';
import type { ClientValue } from '../../../../src/types/clientJson.ts';
import { MemoryStore } from '../../../helpers/memoryStore.ts';

const columns = [{ name: 'id', type: BIGINT }, { name: 's', type: VARCHAR }];
const rows = (n: number, text = 'x'): ClientValue[][] => Array.from({ length: n }, (_, i) => [i, `${text}${'é'.repeat(i % 3)}`]);
const LOCATION = 's3://scratch/queries/results/q1/';

async function written(spec: PageSpec, data: ClientValue[][]) {
  const store = new MemoryStore();
  const ref = await writeResultPages(store, LOCATION, columns, data, spec);
  const pages = [];
  for (let i = 0; i < ref.pageCount; i++) pages.push(await readResultPage(store, ref, i));
  return { store, ref, pages };
}

describe('writeResultPages', () => {
  it('cuts pages at maxRows, keeps every row in order, and gives each page the columns', async () => {
    const { store, ref, pages } = await written({ maxRows: 10, maxBytes: 1 << 20 }, rows(25));
    expect(ref).toMatchObject({ location: LOCATION, pageCount: 3, rowCount: 25 });
    expect(pages.map((p) => p.rows.length)).toEqual([10, 10, 5]);
    expect(pages.flatMap((p) => p.rows)).toEqual(rows(25));
    expect(pages.every((p) => JSON.stringify(p.columns) === JSON.stringify(columns))).toBe(true);
    expect([...store.objects.keys()]).toEqual([0, 1, 2].map((i) => resultPageUri(LOCATION, i)));
    expect(resultPageUri(LOCATION, 2)).toBe(`${LOCATION}000002.json`);
  });

  it('cuts pages by bytes of row JSON, counting UTF-8, at least one row a page', async () => {
    // Each row: [i,"yyyy…"] of 100 y's is 106 bytes of JSON, 107 with its comma.
    const { ref, pages } = await written({ maxRows: 1000, maxBytes: 250 }, Array.from({ length: 6 }, (_, i) => [i, 'y'.repeat(100)]));
    expect(pages.map((p) => p.rows.length)).toEqual([2, 2, 2]);
    expect(ref.bytes).toBe(6 * 107);
    // 'é' is 2 bytes: [i,"éé…"] of 24 é's is 54 bytes, 55 with its comma; counted in UTF-16
    // units (31), three rows would fit.
    const multibyte = await written({ maxRows: 1000, maxBytes: 110 }, Array.from({ length: 4 }, (_, i) => [i, 'é'.repeat(24)]));
    expect(multibyte.pages.map((p) => p.rows.length)).toEqual([2, 2]);
    const tiny = await written({ maxRows: 1000, maxBytes: 10 }, rows(2, 'y'.repeat(50)));
    expect(tiny.pages.map((p) => p.rows.length)).toEqual([1, 1]);
  });

  it('writes an empty result as one page with the columns and no rows', async () => {
    const { ref, pages } = await written({ maxRows: 10, maxBytes: 100 }, []);
    expect(ref).toMatchObject({ pageCount: 1, rowCount: 0, bytes: 0 });
    expect(pages).toEqual([{ columns: JSON.parse(JSON.stringify(columns)), rows: [] }]);
  });

  it('fails when a page cannot be written', async () => {
    const store = new MemoryStore();
    let puts = 0;
    store.put = async () => {
      if (++puts === 2) throw new Error('S3 PutObject failed: SlowDown');
    };
    await expect(writeResultPages(store, LOCATION, columns, rows(30), { maxRows: 10, maxBytes: 1 << 20 })).rejects.toThrow(/SlowDown/);
  });
});

describe('result stores', () => {
  const spec = { maxRows: 7, maxBytes: 60 };
  const data = rows(40, 'abc');

  it('the memory store cuts the same pages as the object store, the same on every read', async () => {
    const store = new MemoryStore();
    const viaObjects = await writeResultPages(store, LOCATION, columns, data, spec);
    const memory = new MemoryResultStore(spec);
    const ref = await memory.put('q1', columns, data);
    expect({ ...ref, location: LOCATION }).toEqual(viaObjects);
    expect(ref.pageCount).toBeGreaterThan(5);
    for (let i = 0; i < ref.pageCount; i++) {
      const page = await memory.page(ref, i);
      expect(page?.rows).toEqual((await readResultPage(store, viaObjects, i)).rows);
      expect(await memory.page(ref, i)).toEqual(page);
    }
  });

  it('the memory store forgets a deleted result, and the oldest beyond its bound', async () => {
    const memory = new MemoryResultStore(spec, 2);
    const a = await memory.put('a', columns, data);
    const b = await memory.put('b', columns, data);
    await memory.delete('b');
    expect(await memory.page(b, 0)).toBeUndefined();
    expect(await memory.page(a, 0)).toBeDefined();
    await memory.put('c', columns, data);
    await memory.put('d', columns, data);
    expect(await memory.page(a, 0)).toBeUndefined();
  });
});
